"""One way to compare the backend's ids: GUIDs in canonical form.

The backend's ids are GUIDs, which arrive in any casing (and a config file may hold one in
braces); the same id must be one key everywhere — a menu item, a restaurant's station profiles,
a sold-out mark. Text that is no GUID is kept as written (stripped), so a typo is still found
the way it was typed and never silently matches something else.
"""

from __future__ import annotations

import uuid

__all__ = ["canonical_id"]


def canonical_id(value: str) -> str:
    """``value`` as a canonical lowercase GUID, or stripped as given when it is no GUID."""
    text = value.strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return text
