"""Schema of the draft library and its migrations, tracked in ``PRAGMA user_version``.

Each migration runs inside one transaction with the version bump, so a failure leaves
the database at its previous version, untouched.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ideodesk.store.errors import NewerSchemaError

if TYPE_CHECKING:  # sqlite-utils is imported only when a migration runs (start-up time)
    import sqlite_utils

Migration = Callable[["sqlite_utils.Database"], None]


def _v1(db: sqlite_utils.Database) -> None:
    db["drafts"].create(
        {
            "id": int,
            "title": str,
            "genre": str,
            "body": str,  # draft JSON (ideodesk-draft/1)
            "chars": int,
            "rev": int,
            "created": str,  # UTC ISO timestamps; they sort as text
            "updated": str,
            "trashed": str,  # NULL unless in the trash
            "indexed_rev": int,  # rev last written to drafts_fts (search catches up lazily)
        },
        pk="id",
        not_null={"title", "genre", "body", "chars", "rev", "created", "updated", "indexed_rev"},
    )
    db["drafts"].create_index(["trashed", "updated"], index_name="drafts_by_update")
    # Drafts whose search index lags behind: small, so the lazy refresh finds them at once.
    db.execute("CREATE INDEX drafts_unindexed ON drafts(id) WHERE indexed_rev != rev")
    db["versions"].create(
        {
            "id": int,
            "draft_id": int,
            "rev": int,
            "created": str,
            "label": str,
            "title": str,
            "chars": int,
            "body": bytes,  # zlib-compressed draft JSON
        },
        pk="id",
        foreign_keys=[("draft_id", "drafts", "id")],
        not_null={"draft_id", "rev", "created", "label", "title", "chars", "body"},
    )
    db["versions"].create_index(["draft_id", "id"], index_name="versions_by_draft")
    db.execute("CREATE VIRTUAL TABLE drafts_fts USING fts5(title, body, tokenize='unicode61', prefix='1')")


def body_sum(body: str) -> int:
    """The checksum kept beside each stored body: SQLite does not see flipped bits in data."""
    return zlib.crc32(body.encode("utf-8", "surrogatepass"))


def _v2(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE drafts ADD COLUMN body_sum INTEGER")
    db.conn.create_function("ideodesk_body_sum", 1, body_sum, deterministic=True)
    db.execute("UPDATE drafts SET body_sum = ideodesk_body_sum(body)")


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2)


def current_version() -> int:
    return len(MIGRATIONS)


def version(db: sqlite_utils.Database | sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(
    db: sqlite_utils.Database | sqlite3.Connection, migrations: Sequence[Migration] | None = None
) -> int:
    """Bring the database to ``len(migrations)``; returns the version it started at."""
    migrations = MIGRATIONS if migrations is None else migrations
    start = version(db)
    if start == len(migrations):
        return start  # the common case: nothing to import, nothing to do
    if isinstance(db, sqlite3.Connection):
        import sqlite_utils

        db = sqlite_utils.Database(db, execute_plugins=False)
    if start > len(migrations):
        raise NewerSchemaError(
            f"数据库由更新版本的 IdeoDesk 创建（结构版本 {start}，本程序支持 {len(migrations)}），"
            "为免损坏未做任何改动；请升级 IdeoDesk"
        )
    conn: sqlite3.Connection = db.conn
    for target in range(start + 1, len(migrations) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(db) < target:  # another process may have migrated meanwhile
                migrations[target - 1](db)
                conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start
