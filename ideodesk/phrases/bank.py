"""The phrase bank: one SQLite file in the user's data folder plus its in-memory index.

:meth:`PhraseBank.open` creates or migrates ``phrases.sqlite3``, compiles the curated
bank from ``phrasebank/`` when it changed (first start, upgrade) and loads the lookup
index.  Every write is one ``BEGIN IMMEDIATE`` transaction (WAL, ``synchronous=FULL``);
the index is updated only after the transaction committed, so a failed write leaves
both as they were.  All methods are safe to call from several threads (one lock).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from ideodesk.phrases import bankfiles, schema
from ideodesk.phrases.index import RARE_MAX, LoadSource, LookupIndex, grams, pack_ids
from ideodesk.phrases.model import (
    KINDS,
    ORIGINS,
    SECTION_IDS,
    Hit,
    NewPhrase,
    Phrase,
    PhraseError,
    check_genre,
    check_section,
    clean_text,
    norm_key,
    prepare,
)
from ideodesk.store import schema as store_schema
from ideodesk.store.errors import CorruptDatabaseError, NotFoundError, StoreError, translate
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

if TYPE_CHECKING:  # imported lazily where used: opening the bank does not need them
    from ideodesk.phrases import candidates as candidates_mod
    from ideodesk.phrases import packs as packs_mod

_ROW_SQL = (
    "SELECT id, text, kind, sections, genres, valid_from, valid_until, uses,"
    " COALESCE((julianday(last_used) - 2440587.5) * 86400.0, 0), favourite, hidden, origin, initials"
    " FROM phrases"
)
_PHRASE_COLUMNS = (
    "id, text, kind, sections, genres, tags, source, valid_from, valid_until, uses, last_used,"
    " favourite, hidden, origin, created, updated"
)
KEYWORD_MIN_LEN = 9  # longer queries also get jieba keyword matches
_MAX_TAIL = 40  # completion looks at most this far back from the cursor

Clock = Callable[[], _dt.datetime]


@dataclass(frozen=True)
class AddResult:
    phrase: Phrase
    created: bool  # False: the phrase was already in the bank (it is returned, unhidden)


def _utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


class PhraseBank:
    """Open with :meth:`open`; close (or use as a context manager) when done."""

    def __init__(self, path: Path | None, db: sqlite_utils.Database, clock: Clock, bank_dir: Path) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.clock = clock
        self.bank_dir = bank_dir
        self.warnings: list[str] = []
        self.read_only = False
        self._lock = threading.RLock()
        self.index = LookupIndex(self._today())

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: str | os.PathLike | None,
        *,
        bank_dir: str | os.PathLike | None = None,
        cache_dir: str | os.PathLike | None = None,
        clock: Clock | None = None,
        sync: bool = True,
        owner: bool = True,
    ) -> PhraseBank:
        """Open (creating if needed) the phrase database at ``path``.

        ``None`` or ``":memory:"`` opens a bank that lives only in memory (the shipped
        bank, nothing written to disk).  ``bank_dir`` is the curated bank to compile
        (default: the shipped ``phrasebank/``); ``cache_dir`` is where jieba keeps its
        cache when keyword search first needs it (default: ``cache/`` beside ``path``).
        ``owner``: the caller holds the data folder's instance lock (or nobody else uses
        it); otherwise the bank is opened read-only and nothing is written, compiled,
        moved or repaired.  The owner moves a damaged file aside into ``corrupt/``
        (CorruptDatabaseError names the newest backup), reports a bank that vanished
        (MissingDatabaseError: never silently replaced by a fresh one) and repairs single
        unreadable rows; what the user should hear is in :attr:`warnings`.
        """
        from ideodesk.core import segment

        memory = path is None or str(path) == ":memory:"
        p = None if memory else Path(path)  # type: ignore[arg-type]
        if cache_dir is not None:
            segment.set_cache_dir(Path(cache_dir))
        elif p is not None:
            segment.set_cache_dir(p.parent / "cache")
        bdir = Path(bank_dir) if bank_dir is not None else bankfiles.default_bank_dir()
        warnings: list[str] = []
        if p is None:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        else:
            conn, warnings = _open_file(p, owner)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            bank = cls(p, db, clock or _utc_now, bdir)
            bank.warnings = warnings
            bank.read_only = p is not None and not owner
            if not bank.read_only:
                bank._configure()
                store_schema.migrate(db, schema.MIGRATIONS)
                if p is not None:
                    write_marker(p, "phrase bank")
                if sync:
                    bank._sync_shipped()
            elif store_schema.version(db) != len(schema.MIGRATIONS):
                store_schema.migrate(db, schema.MIGRATIONS[: store_schema.version(db)])  # newer: refused
                raise StoreError(f"词库 {p} 需要先升级到本版本的格式：请先启动 IdeoDesk，未做任何改动")
            try:
                bank._load()
            except sqlite3.OperationalError as e:
                if "decode" not in str(e) or bank.read_only:
                    raise
                bank.warnings.append(bank._salvage_rows())
                bank._sync_shipped(force=True)
                bank._load()
        except sqlite3.DatabaseError as e:
            db.close()
            if p is not None and is_damage(e):
                raise _damaged(p, damage_reason(e), owner) from None
            if "decode" in str(e):
                raise StoreError(
                    f"词库 {p} 中有无法读取的文字，未做任何改动；请启动 IdeoDesk 或运行写入命令修复"
                ) from None
            raise translate(e, p or ":memory:", "打开词库") from None
        except BaseException:
            db.close()
            raise
        return bank

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
        with self._lock:
            return backup_mod.make_backup(self.conn, self.path, folder, "auto", backup_mod.KEEP)

    def _salvage_rows(self) -> str:
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
            with self._write("修复词库"):
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

    def _configure(self) -> None:
        if self.path is not None:
            use_wal(self.conn, self.path)

    def _load(self) -> None:
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
            fetch=self._fetch_postings,
        )
        index = LookupIndex(self._today())
        index.load(source)
        self.index = index

    def _fetch_postings(self, gram: str) -> bytes | None:
        # Called by the index during a lookup, which already holds the lock.
        row = self.conn.execute("SELECT ids FROM phrase_grams WHERE gram = ?", (gram,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            if self.path is not None:
                self.conn.execute("PRAGMA optimize")
        self.db.close()

    def __enter__(self) -> PhraseBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    def _write(self, action: str):
        """One immediate transaction; an SQLite failure becomes a Chinese StoreError."""
        return write_transaction(self.conn, self.path or ":memory:", action)

    def _read(self, sql: str, params: Sequence = ()) -> list[tuple]:
        try:
            with self._lock:  # one connection shared by the GUI thread and its workers
                return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise translate(e, self.path or ":memory:", "读取词库") from None

    def _stamp(self) -> str:
        return self.clock().astimezone(_dt.timezone.utc).isoformat(timespec="microseconds")

    def _today(self) -> str:
        return self.clock().astimezone().date().isoformat()

    def _epoch(self) -> float:
        return self.clock().timestamp()

    def _refresh(self, pids: Iterable[int]) -> None:
        """Bring the index up to date for rows just committed."""
        pids = list(dict.fromkeys(pids))
        if len(pids) > 2000:  # a bulk change: reloading is cheaper than patching
            self._load()
            return
        rows, found = [], set()
        for chunk in _chunks(pids, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"{_ROW_SQL} WHERE id IN ({marks})", chunk):
                found.add(row[0])
                rows.append(row)
        self.index.update(rows, [pid for pid in pids if pid not in found])

    # --------------------------------------------------------- shipped bank sync
    def _sync_shipped(self, *, force: bool = False) -> None:
        """Compile ``phrasebank/`` into the database when it changed since last time."""
        if not self.bank_dir.is_dir() or not bankfiles.bank_files(self.bank_dir):
            # A bundle without the bank must not delete what an earlier version compiled.
            self.warnings.append(f"找不到内置词库文件夹 {self.bank_dir}，沿用已有词条")
            return
        digest = bankfiles.digest(self.bank_dir)
        if self._meta("bank_digest") == digest and not force:
            return
        bank = bankfiles.read_bank(self.bank_dir)
        from ideodesk.core.pinyin import initials

        with self._write("更新内置词库") as c:
            if _meta_get(c, "bank_digest") == bank.digest and not force:
                return  # another process compiled it while we waited for the lock
            _apply_bank(c, bank, self._stamp(), initials)
            _meta_set(c, "bank_digest", bank.digest)
            _meta_set(c, "bank_entries", str(len(bank.entries)))

    def _meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    # ------------------------------------------------------------------- lookup
    def search(
        self,
        text: str,
        section: str | None = None,
        genre: str | None = None,
        limit: int | None = 10,
        *,
        include_outdated: bool = False,
        wait_for_words: bool = True,
        today: str | None = None,
    ) -> list[Hit]:
        """Phrases for a query, best first (see :mod:`ideodesk.phrases.index` for ranking).

        Substring matching (every whitespace-separated term must occur), pinyin
        initials when the query is Latin letters (``llzw``), and for a longer query
        jieba keyword matches after the substring ones.  ``limit=None``: every match.
        With ``include_outdated`` phrases past their valid-until date (旧提法) follow
        the current ones, flagged by ``Hit.status``.  ``wait_for_words=False`` (lookups
        while typing): before jieba has loaded, the keyword matches are left out and
        jieba starts loading in the background instead of keeping the caller waiting.
        ``today`` (ISO date, e.g. the draft's): the day that decides what is current.
        """
        section, genre = check_section(section), check_genre(genre)
        if limit is not None and limit <= 0:
            return []
        terms = query_terms(text)
        if not terms:
            return []
        from ideodesk.core.pinyin import is_initials_query

        pinyin = len(terms) == 1 and is_initials_query(terms[0])
        words: list[str] = []
        if not pinyin and sum(len(t) for t in terms) >= KEYWORD_MIN_LEN:
            from ideodesk.core import segment

            # Segmented before taking the lock: jieba's first load takes a second, and
            # other threads (record_use on insertion) must not wait for it.
            if wait_for_words or segment.is_loaded():
                words = [w for w in dict.fromkeys(segment.keywords(" ".join(terms))) if len(w) >= 2]
            else:
                segment.preload_in_background()
        with self._lock:
            self.index.set_today(today or self._today())
            now = self._epoch()
            if pinyin:
                terms = [terms[0].lower()]
                found = self.index.find(terms, section, genre, limit, now, mode="pinyin")
                hits = [self._hit(pid, sc, "pinyin") for sc, pid, _ in found]
            else:
                found = self.index.find(terms, section, genre, limit, now)
                hits = [self._hit(pid, sc, "prefix" if pre else "substring") for sc, pid, pre in found]
                if len(words) >= 2 and (limit is None or len(hits) < limit):
                    have = {h.id for h in hits}
                    more = self._keyword_hits(words, section, genre, now, have)
                    hits.extend(more if limit is None else more[: limit - len(hits)])
            if include_outdated and (limit is None or len(hits) < limit):
                old = self.index.not_current(terms, pinyin)
                old = old if limit is None else old[: limit - len(hits)]
                hits.extend(self._hit(pid, 0.0, "pinyin" if pinyin else "substring") for pid in old)
        return hits

    def complete(
        self,
        text_before_cursor: str,
        section: str | None = None,
        limit: int = 10,
        *,
        genre: str | None = None,
        today: str | None = None,
    ) -> list[Hit]:
        """Formulations whose beginning ends the typed text; ``Hit.completion`` is the rest.

        ``……牢牢掌握意识形态`` → ``牢牢掌握意识形态工作领导权`` with completion
        ``工作领导权``.  Longer overlaps rank first, then as in :meth:`search`.
        """
        section, genre = check_section(section), check_genre(genre)
        tail = clean_text(text_before_cursor[-_MAX_TAIL * 2 :])[-_MAX_TAIL:]
        if len(tail) < 2 or limit <= 0:
            return []
        with self._lock:
            self.index.set_today(today or self._today())
            found = self.index.completions(tail, section, genre, limit, self._epoch())
            out = []
            for sc, pid, k in found:
                hit = self._hit(pid, sc, "completion")
                out.append(replace(hit, completion=hit.text[k:], overlap=k))
        return out

    def suggest(
        self,
        text_before_cursor: str,
        section: str | None = None,
        genre: str | None = None,
        limit: int = 10,
        *,
        wait_for_words: bool = True,
    ) -> list[Hit]:
        """What the phrase panel shows while typing: completions of the formulation being
        typed, then phrases containing the end of the current clause (up to 8 characters)."""
        hits = self.complete(text_before_cursor, section, limit, genre=genre)
        clause = _current_clause(text_before_cursor)
        if len(hits) < limit and clause:
            have = {h.id for h in hits}
            found = self.search(clause[-8:], section, genre, limit, wait_for_words=wait_for_words)
            more = [h for h in found if h.id not in have]
            hits.extend(more[: limit - len(hits)])
        return hits

    def section_phrases(
        self,
        section: str,
        genre: str | None = None,
        kinds: Iterable[str] | None = None,
        limit: int = 400,
        *,
        today: str | None = None,
    ) -> list[Hit]:
        """Current phrases written for ``section`` (of ``kinds``), scored as lookups are,
        best first: what a line with nothing typed yet can offer."""
        section, genre = check_section(section) or "general", check_genre(genre)
        with self._lock:
            self.index.set_today(today or self._today())
            score = self.index.scorer(section, genre, self._epoch())
            found = [(score(pid, False), pid) for pid in self.index.in_section(section, kinds, limit)]
            found.sort(key=lambda r: (-r[0], r[1]))
            return [self._hit(pid, sc, "section") for sc, pid in found]

    def _keyword_hits(
        self, words: list[str], section: str | None, genre: str | None, now: float, exclude: set[int]
    ) -> list[Hit]:
        """Phrases sharing most of the query's words (jieba), weighted by rarity: at least
        two of them and a third of the weight; ranked by that share, then as usual."""
        index = self.index
        n = max(1, index.count)
        df = {w: index.doc_freq(w) for w in words}
        weight = {w: math.log(1 + n / (1 + df[w])) for w in words}
        total = sum(weight.values())
        present = sorted((w for w in words if df[w]), key=lambda w: df[w])
        anchors = [w for w in present if df[w] <= max(RARE_MAX * 4, n // 5)][:3] or present[:1]
        pool: set[int] = set()
        for w in anchors:
            pool.update(index.containing(w))
        scored = []
        for pid in pool - exclude:
            t = index.text[pid]
            matched = [w for w in words if w in t]  # type: ignore[operator]
            if len(matched) < 2:
                continue
            cover = sum(weight[w] for w in matched) / total
            if cover < 0.35:
                continue
            sc = index.score(pid, False, section, genre, now) + 80.0 * cover - 40.0
            scored.append((sc, pid))
        scored.sort(key=lambda r: (-r[0], r[1]))
        return [self._hit(pid, sc, "keyword") for sc, pid in scored]

    def _hit(self, pid: int, score: float, match: str) -> Hit:
        ix = self.index
        return Hit(
            id=pid,
            text=ix.text[pid] or "",
            kind=ix.kind(pid),
            section_types=ix.sections(pid),
            genres=ix.genres(pid),
            score=score,
            match=match,
            status=ix.status(pid),
            favourite=bool(ix.fav[pid]),
            uses=ix.uses[pid],
            origin=ix.origin(pid),
        )

    # ---------------------------------------------------------------- records
    def get(self, phrase_id: int) -> Phrase:
        rows = self._read(f"SELECT {_PHRASE_COLUMNS} FROM phrases WHERE id = ?", (phrase_id,))
        if not rows:
            raise NotFoundError(f"词条 {phrase_id} 不存在")
        return _phrase(rows[0])

    def find_text(self, text: str) -> Phrase | None:
        """The stored phrase that is the same as ``text`` (ignoring punctuation), if any."""
        rows = self._read(f"SELECT {_PHRASE_COLUMNS} FROM phrases WHERE norm = ?", (norm_key(text),))
        return _phrase(rows[0]) if rows else None

    def add(
        self,
        text: str,
        section_types: str | Sequence[str],
        kind: str = "sentence",
        *,
        genres: str | Sequence[str] = (),
        tags: str | Sequence[str] = (),
        source: str = "",
        valid_from: str | _dt.date | None = None,
        valid_until: str | _dt.date | None = None,
        origin: str = "user",
    ) -> AddResult:
        """Add one phrase (the user's own by default).

        When the bank already has it (same words, whatever the punctuation), nothing
        is added: the existing entry is returned — unhidden, since the user asked for
        it — and, if it is the user's, it gains the section types given.
        """
        p = prepare(
            text, kind=kind, sections=section_types, genres=genres, tags=tags, source=source,
            valid_from=valid_from, valid_until=valid_until,
        )  # fmt: skip
        if origin not in ORIGINS:
            raise PhraseError(f"未知的来源 {origin!r}")
        from ideodesk.core.pinyin import initials

        ini = initials(p.text)
        with self._lock:
            with self._write("添加词条") as c:
                pid, created = _insert_or_merge(c, p, origin, ini, self._stamp())
            self._refresh([pid])
            return AddResult(self.get(pid), created)

    def add_many(self, phrases: Iterable[NewPhrase], origin: str = "imported") -> list[tuple[int, bool]]:
        """Add many prepared phrases in one transaction: (id, created) for each; one
        already in the bank is left exactly as it is."""
        from ideodesk.core.pinyin import initials

        items = [(p, initials(p.text)) for p in phrases]
        out: list[tuple[int, bool]] = []
        with self._lock:
            stamp = self._stamp()
            with self._write("添加词条") as c:
                new: list[tuple[int, str]] = []
                for p, ini in items:
                    row = c.execute("SELECT id FROM phrases WHERE norm = ?", (norm_key(p.text),)).fetchone()
                    if row is not None:
                        out.append((row[0], False))
                        continue
                    pid = _insert(c, p, origin, ini, stamp)
                    new.append((pid, p.text))
                    out.append((pid, True))
                _add_postings(c, [(pid, grams(t)) for pid, t in new])
            self._refresh(pid for pid, created in out if created)
        return out

    def edit(
        self,
        phrase_id: int,
        *,
        text: str | None = None,
        kind: str | None = None,
        section_types: str | Sequence[str] | None = None,
        genres: str | Sequence[str] | None = None,
        tags: str | Sequence[str] | None = None,
        valid_from: str | _dt.date | type[Ellipsis] | None = ...,
        valid_until: str | _dt.date | type[Ellipsis] | None = ...,
    ) -> Phrase:
        """Change an entry.  An edited shipped entry becomes the user's: upgrades leave it."""
        old = self.get(phrase_id)
        p = prepare(
            old.text if text is None else text,
            kind=kind or old.kind,
            sections=old.section_types if section_types is None else section_types,
            genres=old.genres if genres is None else genres,
            tags=old.tags if tags is None else tags,
            source=old.source,
            valid_from=old.valid_from if valid_from is ... else valid_from,  # type: ignore[arg-type]
            valid_until=old.valid_until if valid_until is ... else valid_until,  # type: ignore[arg-type]
        )
        from ideodesk.core.pinyin import initials

        ini = initials(p.text) if p.text != old.text else None
        with self._lock:
            with self._write("修改词条") as c:
                other = c.execute(
                    "SELECT id FROM phrases WHERE norm = ? AND id != ?", (norm_key(p.text), phrase_id)
                ).fetchone()
                if other is not None:
                    raise PhraseError(f"词库中已有相同的词条（编号 {other[0]}），未修改")
                c.execute(
                    "UPDATE phrases SET text = ?, norm = ?, kind = ?, sections = ?, genres = ?, tags = ?,"
                    " valid_from = ?, valid_until = ?, origin = CASE origin WHEN 'shipped' THEN 'user'"
                    " ELSE origin END, initials = COALESCE(?, initials), updated = ? WHERE id = ?",
                    (
                        p.text, norm_key(p.text), p.kind, " ".join(p.section_types), " ".join(p.genres),
                        " ".join(p.tags), p.valid_from, p.valid_until, ini, self._stamp(), phrase_id,
                    ),
                )  # fmt: skip
                if ini is not None:
                    _add_postings(c, [(phrase_id, grams(p.text) - grams(old.text))])
            self._refresh([phrase_id])
        return self.get(phrase_id)

    def hide(self, phrase_id: int, hidden: bool = True) -> None:
        """Hide (or show again) an entry: hidden entries are never offered."""
        self._set_flag(phrase_id, "hidden", hidden, "隐藏词条" if hidden else "取消隐藏")

    def set_favourite(self, phrase_id: int, favourite: bool = True) -> None:
        self._set_flag(phrase_id, "favourite", favourite, "收藏词条" if favourite else "取消收藏")

    def _set_flag(self, phrase_id: int, column: str, value: bool, action: str) -> None:
        with self._lock:
            with self._write(action) as c:
                cur = c.execute(
                    f"UPDATE phrases SET {column} = ?, updated = ? WHERE id = ?",
                    (int(value), self._stamp(), phrase_id),
                )
                if cur.rowcount != 1:
                    raise NotFoundError(f"词条 {phrase_id} 不存在")
            self._refresh([phrase_id])

    def record_use(self, phrase_id: int) -> None:
        """The user inserted this phrase: it ranks higher from now on."""
        with self._lock:
            with self._write("记录使用") as c:
                cur = c.execute(
                    "UPDATE phrases SET uses = uses + 1, last_used = ? WHERE id = ?",
                    (self._stamp(), phrase_id),
                )
                if cur.rowcount != 1:
                    raise NotFoundError(f"词条 {phrase_id} 不存在")
            self._refresh([phrase_id])

    def delete(self, phrase_id: int) -> None:
        """Delete the user's own or an imported entry; a shipped one is hidden instead
        (deleting it would bring it back with the next upgrade)."""
        with self._lock:
            with self._write("删除词条") as c:
                row = c.execute(
                    "SELECT origin, shipped_key FROM phrases WHERE id = ?", (phrase_id,)
                ).fetchone()
                if row is None:
                    raise NotFoundError(f"词条 {phrase_id} 不存在")
                if row[1] is not None:
                    c.execute(
                        "UPDATE phrases SET hidden = 1, updated = ? WHERE id = ?", (self._stamp(), phrase_id)
                    )
                else:
                    c.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,))
            self._refresh([phrase_id])

    def phrases(self, *, origins: Iterable[str] | None = None, include_hidden: bool = False) -> list[Phrase]:
        """Stored entries in id order (for exports and listings)."""
        where, params = [], []
        if origins is not None:
            origins = list(origins)
            where.append(f"origin IN ({','.join('?' * len(origins))})")
            params.extend(origins)
        if not include_hidden:
            where.append("hidden = 0")
        sql = f"SELECT {_PHRASE_COLUMNS} FROM phrases"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_phrase(r) for r in self._read(sql + " ORDER BY id", params)]

    def stats(self) -> dict:
        """Counts: ``total`` (every entry), by section type, kind and origin, and more."""
        rows = self._read("SELECT sections, kind, origin, hidden, valid_from, valid_until FROM phrases")
        today = self._today()
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
        pending = self._read("SELECT count(*) FROM candidates WHERE status = 'pending'")[0][0]
        return {
            "total": len(rows),
            "by_section": dict(by_section),
            "by_kind": dict(by_kind),
            "by_origin": dict(by_origin),
            "hidden": hidden,
            "outdated": outdated,
            "pending_candidates": pending,
        }

    # ------------------------------------------------------------------- packs
    def export_pack(self, path: str | os.PathLike, *, include_shipped: bool = False) -> int:
        """Write the user's own and imported entries (all with ``include_shipped``) as a
        pack; returns how many.  Usage counts and favourites are personal: not exported."""
        from ideodesk.phrases import packs

        target = Path(path)
        if not (target.parent if str(target.parent) else Path(".")).is_dir():
            raise packs.PackError(f"导出词库包失败：文件夹 {target.parent} 不存在")
        origins = list(ORIGINS) if include_shipped else ["user", "imported"]
        items = self.phrases(origins=origins)
        if not items:
            raise PhraseError("没有可导出的词条（自建和导入的词条都没有；如需导出内置词条请加 --all）")
        packs.write_pack(target, items)
        return len(items)

    def import_pack(self, path: str | os.PathLike) -> packs_mod.PackImport:
        """Merge a colleague's pack: phrases already here (same words) are left as they
        are, with the receiver's counts; the others are added as ``imported``.  A damaged
        or foreign file raises PackError before anything is written."""
        from ideodesk.phrases import packs

        entries = packs.read_pack(Path(path))
        label = f"词库包 {Path(path).name}"
        prepared = [replace(e, source=e.source or label) for e in entries]
        result = self.add_many(prepared, origin="imported")
        added = [p.text for p, (_, created) in zip(prepared, result, strict=True) if created]
        return packs.PackImport(total=len(prepared), added=added, present=len(prepared) - len(added))

    # -------------------------------------------------------------- candidates
    def queue_candidates(self, draft_or_candidates: object, source: str = "") -> candidates_mod.QueueResult:
        """Queue formulations from an imported document for review (see
        :mod:`ideodesk.phrases.candidates`).  Accepts a Draft or a list of Candidates."""
        from ideodesk.phrases import candidates

        return candidates.queue(self, draft_or_candidates, source)

    def review_list(self, status: str = "pending", limit: int = -1) -> list[candidates_mod.QueuedCandidate]:
        from ideodesk.phrases import candidates

        return candidates.listing(self, status, limit)

    def accept(
        self,
        candidate_id: int,
        *,
        text: str | None = None,
        section_types: str | Sequence[str] | None = None,
        kind: str | None = None,
    ) -> AddResult:
        from ideodesk.phrases import candidates

        return candidates.accept(self, candidate_id, text=text, section_types=section_types, kind=kind)

    def reject(self, candidate_id: int) -> None:
        from ideodesk.phrases import candidates

        candidates.reject(self, candidate_id)


# ---------------------------------------------------------------------- helpers
def query_terms(text: str) -> list[str]:
    """A query as its terms: cleaned like stored text, split at spaces."""
    return [t for t in clean_text(text or "").split(" ") if t]


def _current_clause(text: str) -> str:
    tail = clean_text(text[-_MAX_TAIL * 2 :])
    for i in range(len(tail) - 1, -1, -1):
        if tail[i] in "，。；：、！？“”（）《》 ":
            return tail[i + 1 :]
    return tail


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _phrase(r: Sequence) -> Phrase:
    (pid, text, kind, sections, genres, tags, source, vfrom, vuntil, uses, last, fav, hid, origin, cr, up) = r
    return Phrase(
        id=pid, text=text, kind=kind, section_types=tuple(sections.split()), genres=tuple(genres.split()),
        tags=tuple(tags.split()), source=source, valid_from=vfrom, valid_until=vuntil, uses=uses,
        last_used=last, favourite=bool(fav), hidden=bool(hid), origin=origin, created=cr, updated=up,
    )  # fmt: skip


def _insert(
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


def _insert_or_merge(
    c: sqlite3.Connection, p: NewPhrase, origin: str, ini: str, stamp: str
) -> tuple[int, bool]:
    row = c.execute("SELECT id, origin, sections FROM phrases WHERE norm = ?", (norm_key(p.text),)).fetchone()
    if row is None:
        pid = _insert(c, p, origin, ini, stamp)
        _add_postings(c, [(pid, grams(p.text))])
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


def _add_postings(c: sqlite3.Connection, items: Sequence[tuple[int, set[str]]]) -> None:
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
        pid = _insert(c, p, "shipped", initials(e.text), stamp, key)
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
    _add_postings(c, postings)


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
