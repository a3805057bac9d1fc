"""The draft library: drafts, their versions and search in one SQLite file.

Every write is one ``BEGIN IMMEDIATE`` transaction in WAL mode with
``synchronous=FULL``: when a method returns, the change is on disk; when it raises,
nothing was written.  Saves carry the revision they were based on, so a second writer
gets :class:`ConflictError` instead of overwriting.  The search index is brought up to
date lazily (before a search, or when the app is idle) so an autosave writes only the
draft itself.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path

from ideodesk.core import draftjson
from ideodesk.core.draft import Draft
from ideodesk.store import backup as _backup
from ideodesk.store import fts, schema
from ideodesk.store.errors import ConflictError, DamagedDraftError, NotFoundError, StoreError, translate
from ideodesk.store.schema import body_sum
from ideodesk.store.sqlitefile import (
    connect_reader,
    keep_damaged_wal,
    open_checked,
    read_retrying,
    use_wal,
    write_marker,
    write_transaction,
)
from ideodesk.store.sqlitefile import marker as _marker

_SUMMARY_COLUMNS = "id, title, genre, chars, rev, created, updated, trashed"


@dataclass(frozen=True)
class DraftSummary:
    id: int
    title: str
    genre: str
    chars: int
    rev: int
    created: str  # UTC ISO 8601
    updated: str
    trashed: str | None


@dataclass(frozen=True)
class StoredDraft:
    id: int
    rev: int
    draft: Draft
    created: str
    updated: str
    trashed: str | None


@dataclass(frozen=True)
class VersionInfo:
    id: int
    draft_id: int
    rev: int
    created: str
    label: str
    title: str
    chars: int


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


class DraftStore:
    """The drafts library in one SQLite file; open with :meth:`open`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, backups_dir: Path) -> None:
        self.path = path
        self.conn = conn
        self.backups_dir = backups_dir
        self._db = None
        self.read_only = False
        self.warnings: list[str] = []

    @property
    def db(self):
        """The same connection as a sqlite-utils Database (imported on first use)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        backups_dir: str | os.PathLike | None = None,
        *,
        check: bool = True,
    ) -> DraftStore:
        """Open (creating if needed) and migrate the library at ``path`` as the owner:
        the caller holds the data folder's instance lock (or nobody else uses the folder).

        A damaged file is moved aside into ``corrupt/`` beside it (after the damage was
        seen twice) and :class:`CorruptDatabaseError` names the newest backup to offer; a
        library that vanished raises :class:`MissingDatabaseError`.  What the user should
        hear about besides (a restore that was interrupted, a damaged WAL kept aside) is
        in :attr:`warnings`.
        """
        path = Path(path)
        backups = Path(backups_dir) if backups_dir else path.parent / "backups"
        warnings = [w for w in (_backup.recover_interrupted_restore(path),) if w]
        _backup.clean_leftovers(backups, path.parent / "replaced")
        warnings += keep_damaged_wal(path, "草稿库")
        db = open_checked(
            path, "草稿库", lambda: _connect(path), owner=True, check=check,
            backups=lambda: _backup.list_backups(backups, path),
        )  # fmt: skip
        store = cls(path, db, backups)
        store.warnings = warnings
        try:
            store._configure()
            started = schema.version(db)
            if 0 < started < schema.current_version():
                store.backup(label="pre-migration")
            schema.migrate(db)
            if not _marker(path).exists():
                write_marker(path, "draft library")
        except sqlite3.DatabaseError as e:
            db.close()
            raise translate(e, path, "打开草稿库") from None
        except BaseException:
            db.close()
            raise
        return store

    @classmethod
    def open_reader(cls, path: str | os.PathLike, backups_dir: str | os.PathLike | None = None) -> DraftStore:
        """Open the library read-only, for a process that does not hold the instance lock
        (the app may be saving into it right now): nothing is written, checkpointed,
        moved or deleted; damage and I/O errors are only reported."""
        path = Path(path)
        backups = Path(backups_dir) if backups_dir else path.parent / "backups"
        db = open_checked(
            path, "草稿库", lambda: connect_reader(path), owner=False, check=True,
            backups=lambda: _backup.list_backups(backups, path),
        )  # fmt: skip
        try:
            found = read_retrying(lambda: schema.version(db), path, "读取草稿库")
        except BaseException:
            db.close()
            raise
        if found != schema.current_version():
            db.close()
            if found > schema.current_version():
                schema.migrate(db)  # raises NewerSchemaError, the one message for this
            raise StoreError(
                f"草稿库 {path} 需要先升级到本版本的格式：请先启动 IdeoDesk 或运行一个写入命令，未做任何改动"
            )
        store = cls(path, db, backups)
        store.read_only = True
        return store

    @classmethod
    def attach(cls, path: str | os.PathLike, backups_dir: str | os.PathLike | None = None) -> DraftStore:
        """One more connection to a library this process has already opened with
        :meth:`open` (the background saver's own): no checks, no file I/O of its own."""
        path = Path(path)
        backups = Path(backups_dir) if backups_dir else path.parent / "backups"
        try:
            store = cls(path, _connect(path), backups)
            store._configure()
        except sqlite3.Error as e:
            raise translate(e, path, "打开草稿库") from None
        return store

    def _configure(self) -> None:
        use_wal(self.conn, self.path)
        self.conn.execute("PRAGMA foreign_keys=ON")

    def close(self) -> None:
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> DraftStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    def _write(self, action: str):
        """One immediate transaction; an SQLite failure becomes a Chinese StoreError."""
        return write_transaction(self.conn, self.path, action)

    def _read(self, sql: str, params: tuple = ()) -> list[sqlite3.Row | tuple]:
        return read_retrying(lambda: self.conn.execute(sql, params).fetchall(), self.path, "读取草稿库")

    # ------------------------------------------------------------------ drafts
    def create(self, draft: Draft) -> StoredDraft:
        return self.create_many([draft], "新建草稿")[0]

    def create_many(self, drafts: list[Draft], action: str = "导入草稿") -> list[StoredDraft]:
        """Store several new drafts in one transaction: all of them or none."""
        stamp = now()
        out = []
        with self._write(action) as c:
            for draft in drafts:
                body = draftjson.dumps(draft, indent=None)
                cur = c.execute(
                    "INSERT INTO drafts (title, genre, body, body_sum, chars, rev, created, updated,"
                    " indexed_rev) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 0)",
                    (draft.title, draft.genre, body, body_sum(body), draft.char_count(), stamp, stamp),
                )
                out.append(StoredDraft(cur.lastrowid, 1, draft, stamp, stamp, None))
        return out

    def save(self, draft_id: int, draft: Draft, expected_rev: int) -> int:
        """Store ``draft`` as the next revision; returns it.

        Raises ConflictError when the stored revision is no longer ``expected_rev``.
        """
        body = draftjson.dumps(draft, indent=None)
        fields = (draft.title, draft.genre, body, body_sum(body), draft.char_count(), now())
        with self._write("保存草稿") as c:
            cur = c.execute(
                "UPDATE drafts SET title = ?, genre = ?, body = ?, body_sum = ?, chars = ?, rev = rev + 1,"
                " updated = ? WHERE id = ? AND rev = ?",
                (*fields, draft_id, expected_rev),
            )
            if cur.rowcount != 1:
                row = c.execute("SELECT rev FROM drafts WHERE id = ?", (draft_id,)).fetchone()
                if row is None:
                    raise NotFoundError(f"草稿 {draft_id} 不存在，本次未保存")
                raise ConflictError(draft_id, expected_rev, row[0])
        return expected_rev + 1

    def load(self, draft_id: int) -> StoredDraft:
        rows = self._read(
            "SELECT body, body_sum, rev, created, updated, trashed FROM drafts WHERE id = ?", (draft_id,)
        )
        if not rows:
            raise NotFoundError(f"草稿 {draft_id} 不存在")
        body, stored_sum, rev, created, updated, trashed = rows[0]
        if stored_sum is not None and body_sum(body) != stored_sum:
            raise DamagedDraftError(draft_id, self.path, self._good_versions(draft_id))
        draft = draftjson.loads(body, f"草稿 {draft_id}")
        return StoredDraft(draft_id, rev, draft, created, updated, trashed)

    def list(self, *, trashed: bool = False, limit: int = -1, offset: int = 0) -> list[DraftSummary]:
        """Drafts newest first (the trash instead when ``trashed``)."""
        where = "trashed IS NOT NULL" if trashed else "trashed IS NULL"
        rows = self._read(
            f"SELECT {_SUMMARY_COLUMNS} FROM drafts WHERE {where}"
            " ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [DraftSummary(*r) for r in rows]

    def count(self, *, trashed: bool = False) -> int:
        where = "trashed IS NOT NULL" if trashed else "trashed IS NULL"
        return self._read(f"SELECT count(*) FROM drafts WHERE {where}")[0][0]

    def search(self, query: str, *, trashed: bool = False, limit: int = 200) -> list[DraftSummary]:
        """Drafts whose title or text contains every word of ``query``, newest first."""
        expr = fts.match_expression(query)
        if expr is None:
            return []
        if self.read_only:
            return self._search_read_only(query, expr, trashed, limit)
        self.refresh_index()
        where = "d.trashed IS NOT NULL" if trashed else "d.trashed IS NULL"
        cols = ", ".join(f"d.{c.strip()}" for c in _SUMMARY_COLUMNS.split(","))
        rows = self._read(
            f"SELECT {cols} FROM drafts_fts JOIN drafts d ON d.id = drafts_fts.rowid"
            f" WHERE drafts_fts MATCH ? AND {where} ORDER BY d.updated DESC, d.id DESC LIMIT ?",
            (expr, limit),
        )
        return [DraftSummary(*r) for r in rows]

    def _search_read_only(self, query: str, expr: str, trashed: bool, limit: int) -> list[DraftSummary]:
        """A reader cannot bring the index up to date: drafts saved since it was last
        refreshed are searched in their text instead."""
        where = "d.trashed IS NOT NULL" if trashed else "d.trashed IS NULL"
        cols = ", ".join(f"d.{c.strip()}" for c in _SUMMARY_COLUMNS.split(","))
        found = {
            r[0]: DraftSummary(*r)
            for r in self._read(
                f"SELECT {cols} FROM drafts_fts JOIN drafts d ON d.id = drafts_fts.rowid"
                f" WHERE drafts_fts MATCH ? AND {where} AND d.indexed_rev = d.rev",
                (expr,),
            )
        }
        words = query.split()
        lagging = f"SELECT {cols}, d.body FROM drafts d WHERE d.indexed_rev != d.rev AND {where}"
        for row in self._read(lagging):
            title, text = _searchable(row[0], row[-1])
            if all(w in title or w in text for w in words):
                found[row[0]] = DraftSummary(*row[:-1])
        ordered = sorted(found.values(), key=lambda s: (s.updated, s.id), reverse=True)
        return ordered if limit < 0 else ordered[:limit]

    def refresh_index(self, batch: int = 200) -> int:
        """Bring the search index up to date; returns how many drafts were indexed."""
        done = 0
        while True:
            rows = self._read("SELECT id, rev, body FROM drafts WHERE indexed_rev != rev LIMIT ?", (batch,))
            if not rows:
                return done
            with self._write("更新搜索索引") as c:
                for draft_id, rev, body in rows:
                    title, text = _searchable(draft_id, body)
                    c.execute("DELETE FROM drafts_fts WHERE rowid = ?", (draft_id,))
                    c.execute(
                        "INSERT INTO drafts_fts (rowid, title, body) VALUES (?, ?, ?)",
                        (draft_id, fts.index_terms(title), fts.index_terms(text)),
                    )
                    # Only if nobody saved meanwhile; otherwise the next refresh redoes it.
                    c.execute(
                        "UPDATE drafts SET indexed_rev = ? WHERE id = ? AND rev = ?",
                        (rev, draft_id, rev),
                    )
            done += len(rows)

    def duplicate(self, draft_id: int, title_suffix: str = "（副本）") -> StoredDraft:
        original = self.load(draft_id).draft
        original.title = original.title + title_suffix
        return self.create(original)

    def trash(self, draft_id: int) -> None:
        self._set_trashed(draft_id, now(), "移入回收站")

    def restore(self, draft_id: int) -> None:
        self._set_trashed(draft_id, None, "从回收站恢复")

    def _set_trashed(self, draft_id: int, value: str | None, action: str) -> None:
        with self._write(action) as c:
            if c.execute("UPDATE drafts SET trashed = ? WHERE id = ?", (value, draft_id)).rowcount != 1:
                raise NotFoundError(f"草稿 {draft_id} 不存在")

    def purge(self, draft_id: int) -> None:
        """Delete a draft in the trash for good, with its versions."""
        with self._write("彻底删除") as c:
            row = c.execute("SELECT trashed FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"草稿 {draft_id} 不存在")
            if row[0] is None:
                raise StoreError(f"草稿 {draft_id} 不在回收站中，未删除")
            c.execute("DELETE FROM versions WHERE draft_id = ?", (draft_id,))
            c.execute("DELETE FROM drafts_fts WHERE rowid = ?", (draft_id,))
            c.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))

    # ---------------------------------------------------------------- versions
    def snapshot(self, draft_id: int, label: str = "手动") -> int:
        """Keep the stored state of a draft as a version; returns the version id."""
        with self._write("保存版本") as c:
            return self._snapshot(c, draft_id, label)

    def _snapshot(self, c: sqlite3.Connection, draft_id: int, label: str) -> int:
        row = c.execute("SELECT rev, title, chars, body FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"草稿 {draft_id} 不存在")
        rev, title, chars, body = row
        cur = c.execute(
            "INSERT INTO versions (draft_id, rev, created, label, title, chars, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (draft_id, rev, now(), label, title, chars, zlib.compress(body.encode(), 6)),
        )
        return cur.lastrowid

    def _good_versions(self, draft_id: int) -> list[VersionInfo]:
        """Versions of a draft that still read back intact, newest first."""
        good = []
        for v in self.versions(draft_id):
            try:
                self.load_version(v.id)
            except (StoreError, draftjson.DraftFormatError):
                continue
            good.append(v)
        return good

    def current_rev(self, draft_id: int) -> int:
        """The revision of a draft, without reading its body (which may be damaged)."""
        rows = self._read("SELECT rev FROM drafts WHERE id = ?", (draft_id,))
        if not rows:
            raise NotFoundError(f"草稿 {draft_id} 不存在")
        return rows[0][0]

    def versions(self, draft_id: int) -> list[VersionInfo]:
        rows = self._read(
            "SELECT id, draft_id, rev, created, label, title, chars FROM versions"
            " WHERE draft_id = ? ORDER BY id DESC",
            (draft_id,),
        )
        return [VersionInfo(*r) for r in rows]

    def load_version(self, version_id: int) -> Draft:
        rows = self._read("SELECT body FROM versions WHERE id = ?", (version_id,))
        if not rows:
            raise NotFoundError(f"版本 {version_id} 不存在")
        try:  # zlib's own checksum catches damage to a stored version
            text = zlib.decompress(rows[0][0]).decode()
        except (zlib.error, UnicodeDecodeError):
            raise StoreError(f"版本 {version_id} 已损坏（数据校验不符），无法读取") from None
        return draftjson.loads(text, f"版本 {version_id}")

    def restore_version(self, draft_id: int, version_id: int, expected_rev: int) -> int:
        """Make a version current again (the state it replaces is kept as a version)."""
        owner = self._read("SELECT draft_id FROM versions WHERE id = ?", (version_id,))
        if not owner or owner[0][0] != draft_id:
            raise NotFoundError(f"草稿 {draft_id} 没有版本 {version_id}，未恢复")
        old = self.load_version(version_id)
        body = draftjson.dumps(old, indent=None)
        with self._write("恢复版本") as c:
            rev = c.execute("SELECT rev FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if rev is None:
                raise NotFoundError(f"草稿 {draft_id} 不存在")
            if rev[0] != expected_rev:
                raise ConflictError(draft_id, expected_rev, rev[0])
            self._snapshot(c, draft_id, "恢复前")
            c.execute(
                "UPDATE drafts SET title = ?, genre = ?, body = ?, body_sum = ?, chars = ?, rev = rev + 1,"
                " updated = ? WHERE id = ?",
                (old.title, old.genre, body, body_sum(body), old.char_count(), now(), draft_id),
            )
        return expected_rev + 1

    # ----------------------------------------------------------------- backups
    def backup(self, label: str = "auto", keep: int = _backup.KEEP) -> Path:
        """A consistent copy through the SQLite backup API, rotated to ``keep`` files."""
        return _backup.make_backup(self.conn, self.path, self.backups_dir, label, keep)

    def backup_if_due(self, max_age: _dt.timedelta = _dt.timedelta(hours=24)) -> Path | None:
        newest = _backup.list_backups(self.backups_dir, self.path)
        if newest and _backup.age(newest[0]) < max_age:
            return None
        return self.backup()

    def integrity_check(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]


# --------------------------------------------------------------------- helpers
def _searchable(draft_id: int, body: str) -> tuple[str, str]:
    """Title and text to index; a body this version cannot read is indexed as raw text."""
    try:
        draft = draftjson.loads(body, f"草稿 {draft_id}")
    except draftjson.DraftFormatError:
        return "", body
    return draft.title, "\n".join(b.text for b in draft.blocks() if b.kind != "title")


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
