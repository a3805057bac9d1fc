"""The phrase bank's SQLite file: opening, checking and repairing it, the one lock and
the transactions every write goes through, the shipped bank compiled into it, and the
rows the lookup index is loaded from.

Every write is one ``BEGIN IMMEDIATE`` transaction (WAL, ``synchronous=FULL``).  The
connection is shared by the GUI thread and its workers: callers hold :attr:`BankStore.lock`
around a write and whatever must stay consistent with it (the index).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import sqlite_utils

from ideodesk.phrases import bankfiles, schema
from ideodesk.phrases.index import LoadSource, LookupIndex, grams, pack_ids
from ideodesk.phrases.model import KINDS, ORIGINS, SECTION_IDS, NewPhrase, norm_key
from ideodesk.store import schema as store_schema
from ideodesk.store.errors import CorruptDatabaseError, StoreError, translate
from ideodesk.store.sqlitefile import (
    connect_reader,
    damage_reason,
    is_damage,
    keep_damaged_wal,
    move_aside,
    open_checked,
    use_wal,
    write_marker,
    write_transaction,
)

ROW_SQL = (  # the columns LookupIndex.update takes, in its order
    "SELECT id, text, kind, sections, genres, valid_from, valid_until, uses,"
    " COALESCE((julianday(last_used) - 2440587.5) * 86400.0, 0), favourite, hidden, origin, initials"
    " FROM phrases"
)

Clock = Callable[[], _dt.datetime]


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


class BankStore:
    """Open with :meth:`open`, which also gives the index loaded from it."""

    def __init__(self, path: Path | None, db: sqlite_utils.Database, clock: Clock, bank_dir: Path) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.clock = clock
        self.bank_dir = bank_dir
        self.warnings: list[str] = []  # what the user should hear about the file
        self.read_only = False
        self.lock = threading.RLock()

    @classmethod
    def open(
        cls,
        path: Path | None,
        bank_dir: Path,
        clock: Clock,
        *,
        sync: bool = True,
        owner: bool = True,
    ) -> tuple[BankStore, LookupIndex]:
        """Open (creating if needed) the phrase database at ``path`` (``None``: in memory,
        nothing written to disk) and load the index from it; ``bank_dir`` is the curated
        bank compiled into it when it changed.

        ``owner``: the caller holds the data folder's instance lock (or nobody else uses
        it); otherwise the bank is opened read-only and nothing is written, compiled,
        moved or repaired.  The owner moves a damaged file aside into ``corrupt/``
        (CorruptDatabaseError names the newest backup), reports a bank that vanished
        (MissingDatabaseError: never silently replaced by a fresh one) and repairs single
        unreadable rows; what the user should hear is in :attr:`warnings`.
        """
        warnings: list[str] = []
        if path is None:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        else:
            conn, warnings = _open_file(path, owner)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            store = cls(path, db, clock, bank_dir)
            store.warnings = warnings
            store.read_only = path is not None and not owner
            store._prepare(sync)
            return store, store._first_load()
        except sqlite3.DatabaseError as e:
            db.close()
            if path is not None and is_damage(e):
                raise _damaged(path, damage_reason(e), owner) from None
            if "decode" in str(e):
                raise StoreError(
                    f"词库 {path} 中有无法读取的文字，未做任何改动；请启动 IdeoDesk 或运行写入命令修复"
                ) from None
            raise translate(e, path or ":memory:", "打开词库") from None
        except BaseException:
            db.close()
            raise

    def _prepare(self, sync: bool) -> None:
        """WAL, the schema migrated and the shipped bank compiled (the owner); a reader
        only checks that the file is of this version's format."""
        p, db = self.path, self.db
        if not self.read_only:
            if p is not None:
                use_wal(self.conn, p)
            store_schema.migrate(db, schema.MIGRATIONS)
            if p is not None:
                write_marker(p, "phrase bank")
            if sync:
                self.sync_shipped()
        elif store_schema.version(db) != len(schema.MIGRATIONS):
            store_schema.migrate(db, schema.MIGRATIONS[: store_schema.version(db)])  # newer: refused
            raise StoreError(f"词库 {p} 需要先升级到本版本的格式：请先启动 IdeoDesk，未做任何改动")

    def _first_load(self) -> LookupIndex:
        """The index; rows that are not UTF-8 are repaired first (the owner only)."""
        try:
            return self.load_index()
        except sqlite3.OperationalError as e:
            if "decode" not in str(e) or self.read_only:
                raise
            self.warnings.append(self.salvage_rows())
            self.sync_shipped(force=True)
            return self.load_index()

    def backup_if_due(self, max_age: _dt.timedelta = _dt.timedelta(hours=24)) -> Path | None:
        """A daily copy of the bank (the user's own phrases, usage and favourites) in
        ``backups/`` beside it, through the SQLite backup API."""
        from ideodesk.store import backup as backup_mod

        if self.path is None or self.read_only:
            return None
        folder = self.path.parent / "backups"
        newest = backup_mod.list_backups(folder, self.path)
        if newest and backup_mod.age(newest[0]) < max_age:
            return None
        with self.lock:
            return backup_mod.make_backup(self.conn, self.path, folder, "auto", backup_mod.KEEP)

    def salvage_rows(self) -> str:
        """Rows holding bytes that are not UTF-8 (a flipped bit) make the whole bank
        unreadable: keep a copy of the file in ``corrupt/``, then repair each such value
        (undecodable bytes shown as U+FFFD); a repaired phrase is hidden until the user
        looks at it, a shipped one is compiled afresh."""
        from ideodesk.store import backup as backup_mod

        assert self.path is not None
        kept = backup_mod.make_backup(self.conn, self.path, self.path.parent / "corrupt", "damaged", 1000)
        c = self.conn
        tables = ("phrases", "candidates")
        columns = {t: [r[1] for r in c.execute(f"PRAGMA table_info({t})")] for t in tables}
        repaired = 0
        c.text_factory = bytes
        try:
            with self.write("修复词库"):
                for table in tables:
                    for row in c.execute(f"SELECT rowid, * FROM {table}").fetchall():
                        fixed = {
                            col: value.decode("utf-8", "replace")
                            for col, value in zip(columns[table], row[1:], strict=True)
                            if isinstance(value, bytes) and not _is_utf8(value)
                        }
                        if not fixed:
                            continue
                        repaired += 1
                        if table == "phrases":
                            fixed["hidden"] = 1
                            fixed["shipped_key"] = None
                        sets = ", ".join(f"{k} = ?" for k in fixed)
                        try:
                            c.execute(f"UPDATE {table} SET {sets} WHERE rowid = ?", (*fixed.values(), row[0]))
                        except sqlite3.IntegrityError:  # its repaired text collides: drop the copy
                            c.execute(f"DELETE FROM {table} WHERE rowid = ?", (row[0],))
                # ``meta`` holds only derived facts (the compiled bank's hash): a damaged
                # row is dropped and the shipped bank compiled afresh.
                for key, value in c.execute("SELECT key, value FROM meta").fetchall():
                    if not (_is_utf8(key) and _is_utf8(value)):
                        c.execute("DELETE FROM meta WHERE CAST(key AS BLOB) = ?", (key,))
        finally:
            c.text_factory = str
        return (
            f"词库中有 {repaired} 条记录含有损坏的文字，已修复（损坏处显示为 �，相关词条已隐藏，"
            f"可在词库管理中查看）；修复前的词库已保存为 {kept}"
        )

    def load_index(self) -> LookupIndex:
        """Read the index from the database: one pass over every row for the columns all
        phrases need, small queries for the rare ones, and the orders the indexes give."""
        c = self.conn

        def ids(sql: str) -> list[int]:
            return [r[0] for r in c.execute(sql)]

        source = LoadSource(
            rows=c.execute(
                "SELECT id, text, initials,"
                " kind || char(31) || sections || char(31) || genres || char(31) || origin"
                " FROM phrases ORDER BY id"
            ).fetchall(),
            dated=c.execute(
                f"SELECT id, hidden, valid_from, valid_until FROM phrases WHERE {schema.DATED}"
            ).fetchall(),
            touched=c.execute(
                "SELECT id, uses, COALESCE((julianday(last_used) - 2440587.5) * 86400.0, 0), favourite"
                f" FROM phrases WHERE {schema.TOUCHED}"
            ).fetchall(),
            by_length=ids("SELECT id FROM phrases ORDER BY length(text), id"),
            by_text=ids("SELECT id FROM phrases ORDER BY text"),
            by_initials=ids("SELECT id FROM phrases ORDER BY initials"),
            gram_counts=c.execute("SELECT gram, length(ids) / 4 FROM phrase_grams"),
            fetch=self.fetch_postings,
        )
        index = LookupIndex(self.today())
        index.load(source)
        return index

    def _fetch_postings(self, gram: str) -> bytes | None:
        # Called by the index during a lookup, which already holds the lock.
        row = self.conn.execute("SELECT ids FROM phrase_grams WHERE gram = ?", (gram,)).fetchone()
        return row[0] if row else None

    def fetch_postings(self, gram: str) -> bytes | None:
        # Called by the index during a lookup, which already holds the lock.
        row = self.conn.execute("SELECT ids FROM phrase_grams WHERE gram = ?", (gram,)).fetchone()
        return row[0] if row else None

    def changed_rows(self, pids: Sequence[int]) -> tuple[list[tuple], list[int]]:
        """The index rows of ``pids`` as now committed, and the ids that no longer exist."""
        rows, found = [], set()
        for chunk in _chunks(pids, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"{ROW_SQL} WHERE id IN ({marks})", chunk):
                found.add(row[0])
                rows.append(row)
        return rows, [pid for pid in pids if pid not in found]

    def close(self) -> None:
        with self.lock, contextlib.suppress(sqlite3.Error):
            if self.path is not None:
                self.conn.execute("PRAGMA optimize")
        self.db.close()

    def stats(self) -> dict:
        """Counts: ``total`` (every entry), by section type, kind and origin, and more."""
        rows = self.read("SELECT sections, kind, origin, hidden, valid_from, valid_until FROM phrases")
        today = self.today()
        by_section: Counter[str] = Counter({s: 0 for s in SECTION_IDS})
        by_kind: Counter[str] = Counter({k: 0 for k in KINDS})
        by_origin: Counter[str] = Counter({o: 0 for o in ORIGINS})
        hidden = outdated = 0
        for sections, kind, origin, hid, vfrom, vuntil in rows:
            for s in sections.split():
                by_section[s] += 1
            by_kind[kind] += 1
            by_origin[origin] += 1
            hidden += bool(hid)
            outdated += bool((vuntil and today > vuntil) or (vfrom and today < vfrom))
        pending = self.read("SELECT count(*) FROM candidates WHERE status = 'pending'")[0][0]
        return {
            "total": len(rows),
            "by_section": dict(by_section),
            "by_kind": dict(by_kind),
            "by_origin": dict(by_origin),
            "hidden": hidden,
            "outdated": outdated,
            "pending_candidates": pending,
        }

    # ------------------------------------------------------------ transactions
    def write(self, action: str):
        """One immediate transaction; an SQLite failure becomes a Chinese StoreError."""
        return write_transaction(self.conn, self.path or ":memory:", action)

    def read(self, sql: str, params: Sequence = ()) -> list[tuple]:
        try:
            with self.lock:  # one connection shared by the GUI thread and its workers
                return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise translate(e, self.path or ":memory:", "读取词库") from None

    def stamp(self) -> str:
        return self.clock().astimezone(_dt.timezone.utc).isoformat(timespec="microseconds")

    def today(self) -> str:
        return self.clock().astimezone().date().isoformat()

    def epoch(self) -> float:
        return self.clock().timestamp()

    # --------------------------------------------------------- shipped bank sync
    def sync_shipped(self, *, force: bool = False) -> None:
        """Compile ``phrasebank/`` into the database when it changed since last time."""
        if not self.bank_dir.is_dir() or not bankfiles.bank_files(self.bank_dir):
            # A bundle without the bank must not delete what an earlier version compiled.
            self.warnings.append(f"找不到内置词库文件夹 {self.bank_dir}，沿用已有词条")
            return
        digest = bankfiles.digest(self.bank_dir)
        if self.meta("bank_digest") == digest and not force:
            return
        bank = bankfiles.read_bank(self.bank_dir)
        from ideodesk.core.pinyin import initials

        with self.write("更新内置词库") as c:
            if _meta_get(c, "bank_digest") == bank.digest and not force:
                return  # another process compiled it while we waited for the lock
            _apply_bank(c, bank, self.stamp(), initials)
            _meta_set(c, "bank_digest", bank.digest)
            _meta_set(c, "bank_entries", str(len(bank.entries)))

    def meta(self, key: str) -> str | None:
        rows = self.read("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None


# ---------------------------------------------------------------------- helpers
def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def insert(
    c: sqlite3.Connection, p: NewPhrase, origin: str, ini: str, stamp: str, key: str | None = None
) -> int:
    cur = c.execute(
        "INSERT INTO phrases (text, norm, kind, sections, genres, tags, source, valid_from, valid_until,"
        " origin, shipped_key, initials, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            p.text, norm_key(p.text), p.kind, " ".join(p.section_types), " ".join(p.genres), " ".join(p.tags),
            p.source, p.valid_from, p.valid_until, origin, key, ini, stamp, stamp,
        ),
    )  # fmt: skip
    return int(cur.lastrowid)  # type: ignore[arg-type]


def insert_or_merge(
    c: sqlite3.Connection, p: NewPhrase, origin: str, ini: str, stamp: str
) -> tuple[int, bool]:
    row = c.execute("SELECT id, origin, sections FROM phrases WHERE norm = ?", (norm_key(p.text),)).fetchone()
    if row is None:
        pid = insert(c, p, origin, ini, stamp)
        add_postings(c, [(pid, grams(p.text))])
        return pid, True
    pid, old_origin, sections = row
    merged = list(dict.fromkeys([*sections.split(), *p.section_types]))
    if old_origin == "shipped":  # curated metadata stays as shipped
        merged = sections.split()
    c.execute(
        "UPDATE phrases SET hidden = 0, sections = ?, updated = ? WHERE id = ?",
        (" ".join(merged), stamp, pid),
    )
    return pid, False


def add_postings(c: sqlite3.Connection, items: Sequence[tuple[int, set[str]]]) -> None:
    """Append ids to the posting lists of their grams (one read and write per gram)."""
    by_gram: dict[str, list[int]] = {}
    for pid, gs in items:
        for g in gs:
            by_gram.setdefault(g, []).append(pid)
    keys = list(by_gram)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        old = dict(c.execute(f"SELECT gram, ids FROM phrase_grams WHERE gram IN ({marks})", chunk).fetchall())
        rows = [(g, old.get(g, b"") + pack_ids(by_gram[g])) for g in chunk]
        c.executemany("INSERT OR REPLACE INTO phrase_grams (gram, ids) VALUES (?, ?)", rows)


def _apply_bank(
    c: sqlite3.Connection, bank: bankfiles.Bank, stamp: str, initials: Callable[[str], str]
) -> None:
    """Bring the shipped rows in line with ``bank``; the user's state and rows stay."""
    cols = (
        "id, shipped_key, origin, text, kind, sections, genres, tags, source, valid_from, valid_until,"
        " uses, favourite"
    )
    shipped = {r[1]: r for r in c.execute(f"SELECT {cols} FROM phrases WHERE shipped_key IS NOT NULL")}
    for old, new in bank.renames:  # a reworded entry keeps its row, and so its counts
        if old in shipped and new not in shipped:
            clash = c.execute(
                "SELECT id FROM phrases WHERE norm = ? AND id != ?", (new, shipped[old][0])
            ).fetchone()
            if clash is None:
                c.execute("UPDATE phrases SET shipped_key = ? WHERE id = ?", (new, shipped[old][0]))
                shipped[new] = (shipped[old][0], new, *shipped.pop(old)[2:])
    postings: list[tuple[int, set[str]]] = []
    keys = set()
    for e in bank.entries:
        key = e.key
        keys.add(key)
        fields = (
            e.text, e.kind, " ".join(e.section_types), " ".join(e.genres), " ".join(e.tags),
            e.source, e.valid_from, e.valid_until,
        )  # fmt: skip
        row = shipped.get(key)
        if row is not None:
            if row[2] != "shipped" or tuple(row[3:11]) == fields:
                continue  # the user's now, or unchanged
            c.execute(
                "UPDATE phrases SET text = ?, norm = ?, kind = ?, sections = ?, genres = ?, tags = ?,"
                " source = ?, valid_from = ?, valid_until = ?, initials = ?, updated = ? WHERE id = ?",
                (fields[0], key, *fields[1:], initials(e.text), stamp, row[0]),
            )
            if row[3] != e.text:
                postings.append((row[0], grams(e.text) - grams(row[3])))
            continue
        mine = c.execute("SELECT id FROM phrases WHERE norm = ?", (key,)).fetchone()
        if mine is not None:  # the user had added it before it shipped: one copy, theirs
            c.execute("UPDATE phrases SET shipped_key = ? WHERE id = ?", (key, mine[0]))
            continue
        p = NewPhrase(
            e.text, e.kind, e.section_types, e.genres, e.tags, e.source, e.valid_from, e.valid_until
        )
        pid = insert(c, p, "shipped", initials(e.text), stamp, key)
        postings.append((pid, grams(e.text)))
    for key, row in shipped.items():
        if key in keys:
            continue
        pid, origin, uses, fav = row[0], row[2], row[11], row[12]
        if origin == "shipped" and not uses and not fav:
            c.execute("DELETE FROM phrases WHERE id = ?", (pid,))
        else:  # withdrawn, but used or kept by the user (or edited): it stays, as theirs
            c.execute(
                "UPDATE phrases SET shipped_key = NULL, origin = 'user', updated = ? WHERE id = ?",
                (stamp, pid),
            )
    add_postings(c, postings)


def _meta_get(c: sqlite3.Connection, key: str) -> str | None:
    row = c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _meta_set(c: sqlite3.Connection, key: str, value: str) -> None:
    c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


# ------------------------------------------------------------ damaged files
_HINT = " --phrases"


def _open_file(path: Path, owner: bool) -> tuple[sqlite3.Connection, list[str]]:
    """A checked connection to the bank file (see :func:`open_checked`) and what the
    user should hear about it."""
    from ideodesk.store import backup as backup_mod

    backups = path.parent / "backups"
    warnings: list[str] = []
    if owner:
        warnings += [w for w in (backup_mod.recover_interrupted_restore(path, "词库"),) if w]
        warnings += keep_damaged_wal(path, "词库")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"无法创建词库所在的文件夹 {path.parent}（{e.strerror}）") from None

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    else:

        def connect() -> sqlite3.Connection:
            return connect_reader(path)

    conn = open_checked(
        path, "词库", connect, owner=owner, check=True,
        backups=lambda: backup_mod.list_backups(backups, path), hint=_HINT,
    )  # fmt: skip
    return conn, warnings


def _damaged(path: Path, reason: str, owner: bool) -> CorruptDatabaseError:
    from ideodesk.store import backup as backup_mod

    moved = move_aside(path, "corrupt") if owner and path.exists() else None
    backups = backup_mod.list_backups(path.parent / "backups", path)
    return CorruptDatabaseError(path, reason, moved, backups, _HINT, reader=not owner)
