"""PostgreSQL migrations of the store, numbered as the SQLite ones; applied by `PgStore.open`."""
