"""Schema of the phrase database (``phrases.sqlite3``) and its migrations.

Versions are tracked in ``PRAGMA user_version`` and applied by the store's migration
runner (one transaction per step), like the draft library.

* ``phrases`` — one row per phrase.  ``norm`` (the words without punctuation) is
  unique: one copy of each phrase whatever its origin.  ``shipped_key`` ties a row to
  its entry in ``phrasebank/`` so a new version can update the curated wording and
  metadata while ``uses``, ``last_used``, ``favourite`` and ``hidden`` — the user's —
  stay.  A row the user edits becomes ``origin = 'user'`` and is never touched again.
* ``phrase_grams`` — posting lists of the lookup index (every character and bigram →
  little-endian int32 ids), maintained in the same transaction as the rows, so opening
  a 100 000-phrase bank neither re-tokenises it nor holds the lists in memory (lookup
  fetches the few it needs).  Lists may hold ids of deleted or edited rows; lookup
  verifies every candidate, so a stale id costs time, never a wrong result.
* indexes on ``length(text), id``, ``text`` and ``initials`` give the lookup index its
  orders at open without sorting in Python.
* ``candidates`` — the review queue of formulations found in imported documents.
  ``rejected`` rows stay, so the same text is not offered again.
* ``meta`` — the hash of the shipped bank compiled in, and similar facts.
"""

from __future__ import annotations

import sqlite_utils

from ideodesk.store.schema import Migration

TOUCHED = "uses > 0 OR favourite != 0"
DATED = "hidden != 0 OR valid_from IS NOT NULL OR valid_until IS NOT NULL"


def _v1(db: sqlite_utils.Database) -> None:
    # AUTOINCREMENT: an id is never reused, so a stale posting can never point at a
    # different phrase that took the id of a deleted one.
    db.execute(
        """
        CREATE TABLE phrases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            norm TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            sections TEXT NOT NULL,          -- section ids separated by spaces
            genres TEXT NOT NULL DEFAULT '', -- genre ids separated by spaces; '' = all
            tags TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            valid_from TEXT,                 -- ISO dates
            valid_until TEXT,
            uses INTEGER NOT NULL DEFAULT 0,
            last_used TEXT,                  -- UTC ISO timestamp
            favourite INTEGER NOT NULL DEFAULT 0,
            hidden INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL CHECK (origin IN ('shipped', 'user', 'imported')),
            shipped_key TEXT UNIQUE,
            initials TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX phrases_by_origin ON phrases(origin)")
    # The orders the lookup index needs at open, read from these instead of sorted:
    # by (length, id) for the shelves, by text and by initials for prefix ranges.
    db.execute("CREATE INDEX phrases_by_length ON phrases(length(text), id)")
    db.execute("CREATE INDEX phrases_by_text ON phrases(text)")
    db.execute("CREATE INDEX phrases_by_initials ON phrases(initials)")
    # The few rows with usage or validity state, read at open without scanning them all
    # (the WHERE clauses must stay identical to the queries in bank.py).
    db.execute(f"CREATE INDEX phrases_touched ON phrases(id) WHERE {TOUCHED}")
    db.execute(f"CREATE INDEX phrases_dated ON phrases(id) WHERE {DATED}")
    db.execute("CREATE TABLE phrase_grams (gram TEXT PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID")
    db.execute(
        """
        CREATE TABLE candidates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            norm TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            sections TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            context TEXT NOT NULL DEFAULT '',  -- the heading it was found under
            status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
            seen INTEGER NOT NULL DEFAULT 1,   -- how many imports offered it
            phrase_id INTEGER,                 -- the phrase it became (accepted)
            created TEXT NOT NULL,
            decided TEXT
        )
        """
    )
    db.execute("CREATE INDEX candidates_by_status ON candidates(status, id)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")


MIGRATIONS: tuple[Migration, ...] = (_v1,)
