"""Numbered SQL migrations of the store, applied in order by `storage.db.Store.open`."""
