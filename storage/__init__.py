"""The SQLite store, the data-file importer and the schedule arithmetic."""
