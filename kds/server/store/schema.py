"""The SQLite schema: tables and the indexes the queue, history and outbox queries use.

`ADDED_COLUMNS` lists the columns added after a table was first shipped: `CREATE TABLE IF NOT
EXISTS` leaves an existing database file as it was, so the connection adds them on open (a
kds-server upgraded in place keeps its orders and tokens, contract B1).

`meta` holds small key/value facts about the file itself: `seed_version`, the version of the
demo seed its restaurants and menus were last written by (`kds.server.seed.SEED_VERSION`).
"""

from __future__ import annotations

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL UNIQUE,
    email TEXT,
    name TEXT,
    phone TEXT,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]',
    failed_count INTEGER NOT NULL DEFAULT 0,
    lockout_end_us INTEGER,
    last_login_us INTEGER
);
CREATE TABLE IF NOT EXISTS restaurant_roles (
    user_id TEXT NOT NULL,
    restaurant_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, restaurant_id, role)
);
CREATE TABLE IF NOT EXISTS restaurants (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    logo_url TEXT,
    currency TEXT NOT NULL,
    is_accepting INTEGER NOT NULL DEFAULT 1,
    street TEXT, city TEXT, state TEXT, country TEXT, postal_code TEXT,
    lat REAL, lon REAL,
    description TEXT NOT NULL DEFAULT '',
    cuisine_type TEXT NOT NULL DEFAULT '',
    cuisine_tags TEXT NOT NULL DEFAULT '[]',
    phone TEXT, email TEXT,
    business_hours TEXT NOT NULL DEFAULT '',
    established_us INTEGER
);
CREATE TABLE IF NOT EXISTS menu_items (
    id TEXT PRIMARY KEY,
    restaurant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    image_url TEXT,
    groups TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    is_available INTEGER NOT NULL DEFAULT 1,
    availability_us INTEGER
);
CREATE INDEX IF NOT EXISTS menu_items_restaurant ON menu_items (restaurant_id);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    user_id TEXT NOT NULL,
    expires_us INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    principal TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_user ON tokens (user_id, kind);
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY,
    restaurant_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    order_number TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    status_rank INTEGER NOT NULL,
    placement_us INTEGER NOT NULL,
    last_update_us INTEGER NOT NULL,
    eta_us INTEGER,
    actual_delivery_us INTEGER,
    note TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL,
    subtotal_c INTEGER NOT NULL,
    discount_c INTEGER NOT NULL,
    delivery_fee_c INTEGER NOT NULL,
    tip_c INTEGER NOT NULL,
    tax_c INTEGER NOT NULL,
    total_c INTEGER NOT NULL,
    payment_method TEXT,
    payment_status TEXT,
    paid_online_c INTEGER NOT NULL DEFAULT 0,
    cod_c INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0,
    street TEXT, city TEXT, state TEXT, country TEXT, postal_code TEXT,
    source_team_cart_id TEXT,
    items TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_queue
    ON orders (restaurant_id, status_rank, placement_us, id);
CREATE INDEX IF NOT EXISTS orders_history ON orders (restaurant_id, placement_us);
CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id);
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    order_id TEXT NOT NULL,
    occurred_us INTEGER NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    next_attempt_us INTEGER,
    processed_us INTEGER,
    delivered_at_us INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (occurred_us, seq) WHERE processed_us IS NULL;
CREATE INDEX IF NOT EXISTS outbox_processed ON outbox (processed_us);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

ADDED_COLUMNS: list[tuple[str, str, str]] = [
    # table, column, definition: the public info and menu document (contract 4.1a)
    ("restaurants", "description", "TEXT NOT NULL DEFAULT ''"),
    ("restaurants", "cuisine_type", "TEXT NOT NULL DEFAULT ''"),
    ("restaurants", "cuisine_tags", "TEXT NOT NULL DEFAULT '[]'"),
    ("restaurants", "phone", "TEXT"),
    ("restaurants", "email", "TEXT"),
    ("restaurants", "business_hours", "TEXT NOT NULL DEFAULT ''"),
    ("restaurants", "established_us", "INTEGER"),
    ("menu_items", "description", "TEXT NOT NULL DEFAULT ''"),
    ("menu_items", "category", "TEXT NOT NULL DEFAULT ''"),
    ("menu_items", "tags", "TEXT NOT NULL DEFAULT '[]'"),
    ("menu_items", "is_available", "INTEGER NOT NULL DEFAULT 1"),
    ("menu_items", "availability_us", "INTEGER"),
]
