"""Session lifecycle and Qt adapters: login, restaurant, snapshot, live, resync."""
