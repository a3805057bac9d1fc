"""Local SQLite storage: the draft library, its versions, backups and the instance lock."""
