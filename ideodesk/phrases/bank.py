"""The phrase bank: one SQLite file in the user's data folder plus its in-memory index.

:meth:`PhraseBank.open` opens the file through :class:`~ideodesk.phrases.storage.BankStore`
(created or migrated, the curated bank from ``phrasebank/`` compiled when it changed,
checked and repaired) and loads the lookup index.  This class is the public face: the
records (add, edit, hide, delete, favourites, use), lookups (:mod:`.lookup`), packs and
the review queue (:mod:`.candidates`).  Every write is one transaction of the store; the
index is updated only after the transaction committed, so a failed write leaves both as
they were.  All methods are safe to call from several threads (the store's one lock).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ideodesk.phrases import bankfiles, lookup
from ideodesk.phrases.index import LookupIndex, grams
from ideodesk.phrases.model import (
    ORIGINS,
    Hit,
    NewPhrase,
    Phrase,
    PhraseError,
    check_genre,
    check_section,
    norm_key,
    prepare,
)
from ideodesk.phrases.storage import BankStore, Clock, add_postings, insert, insert_or_merge, utc_now
from ideodesk.store.errors import NotFoundError

if TYPE_CHECKING:  # imported lazily where used: opening the bank does not need them
    from ideodesk.phrases import candidates as candidates_mod
    from ideodesk.phrases import packs as packs_mod

_PHRASE_COLUMNS = (
    "id, text, kind, sections, genres, tags, source, valid_from, valid_until, uses, last_used,"
    " favourite, hidden, origin, created, updated"
)


@dataclass(frozen=True)
class AddResult:
    phrase: Phrase
    created: bool  # False: the phrase was already in the bank (it is returned, unhidden)


class PhraseBank:
    """Open with :meth:`open`; close (or use as a context manager) when done."""

    def __init__(self, store: BankStore, index: LookupIndex) -> None:
        self.store = store
        self.index = index

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
        ``owner``: the caller holds the data folder's instance lock; otherwise the bank is
        opened read-only (see :meth:`BankStore.open` for damaged and vanished files);
        what the user should hear is in :attr:`warnings`.
        """
        from ideodesk.core import segment

        memory = path is None or str(path) == ":memory:"
        p = None if memory else Path(path)  # type: ignore[arg-type]
        if cache_dir is not None:
            segment.set_cache_dir(Path(cache_dir))
        elif p is not None:
            segment.set_cache_dir(p.parent / "cache")
        bdir = Path(bank_dir) if bank_dir is not None else bankfiles.default_bank_dir()
        store, index = BankStore.open(p, bdir, clock or utc_now, sync=sync, owner=owner)
        return cls(store, index)

    # The store's facts the callers read.
    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def conn(self):  # the SQLite connection (benchmarks and tests look at it)
        return self.store.conn

    @property
    def warnings(self) -> list[str]:
        return self.store.warnings

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def backup_if_due(self, max_age: _dt.timedelta = _dt.timedelta(hours=24)) -> Path | None:
        """A daily copy of the bank (the user's own phrases, usage and favourites) in
        ``backups/`` beside it, through the SQLite backup API."""
        return self.store.backup_if_due(max_age)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> PhraseBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _refresh(self, pids: Iterable[int]) -> None:
        """Bring the index up to date for rows just committed."""
        pids = list(dict.fromkeys(pids))
        if len(pids) > 2000:  # a bulk change: reloading is cheaper than patching
            self.index = self.store.load_index()
            return
        rows, missing = self.store.changed_rows(pids)
        self.index.update(rows, missing)

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
        """Phrases for a query, best first (see :mod:`ideodesk.phrases.ranking`).

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
        query = lookup.parse_query(text, wait_for_words=wait_for_words)
        if query is None:
            return []
        with self.store.lock:
            self.index.set_today(today or self.store.today())
            return lookup.search(
                self.index,
                query,
                section,
                genre,
                limit,
                self.store.epoch(),
                include_outdated=include_outdated,
            )

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
        tail = lookup.completion_tail(text_before_cursor)
        if len(tail) < 2 or limit <= 0:
            return []
        with self.store.lock:
            self.index.set_today(today or self.store.today())
            return lookup.complete(self.index, tail, section, genre, limit, self.store.epoch())

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
        clause = lookup.current_clause(text_before_cursor)
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
        with self.store.lock:
            self.index.set_today(today or self.store.today())
            return lookup.in_section(self.index, section, genre, kinds, limit, self.store.epoch())

    # ---------------------------------------------------------------- records
    def get(self, phrase_id: int) -> Phrase:
        rows = self.store.read(f"SELECT {_PHRASE_COLUMNS} FROM phrases WHERE id = ?", (phrase_id,))
        if not rows:
            raise NotFoundError(f"词条 {phrase_id} 不存在")
        return _phrase(rows[0])

    def find_text(self, text: str) -> Phrase | None:
        """The stored phrase that is the same as ``text`` (ignoring punctuation), if any."""
        rows = self.store.read(f"SELECT {_PHRASE_COLUMNS} FROM phrases WHERE norm = ?", (norm_key(text),))
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
        with self.store.lock:
            with self.store.write("添加词条") as c:
                pid, created = insert_or_merge(c, p, origin, ini, self.store.stamp())
            self._refresh([pid])
            return AddResult(self.get(pid), created)

    def add_many(self, phrases: Iterable[NewPhrase], origin: str = "imported") -> list[tuple[int, bool]]:
        """Add many prepared phrases in one transaction: (id, created) for each; one
        already in the bank is left exactly as it is."""
        from ideodesk.core.pinyin import initials

        items = [(p, initials(p.text)) for p in phrases]
        out: list[tuple[int, bool]] = []
        with self.store.lock:
            stamp = self.store.stamp()
            with self.store.write("添加词条") as c:
                new: list[tuple[int, str]] = []
                for p, ini in items:
                    row = c.execute("SELECT id FROM phrases WHERE norm = ?", (norm_key(p.text),)).fetchone()
                    if row is not None:
                        out.append((row[0], False))
                        continue
                    pid = insert(c, p, origin, ini, stamp)
                    new.append((pid, p.text))
                    out.append((pid, True))
                add_postings(c, [(pid, grams(t)) for pid, t in new])
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
        with self.store.lock:
            with self.store.write("修改词条") as c:
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
                        " ".join(p.tags), p.valid_from, p.valid_until, ini, self.store.stamp(), phrase_id,
                    ),
                )  # fmt: skip
                if ini is not None:
                    add_postings(c, [(phrase_id, grams(p.text) - grams(old.text))])
            self._refresh([phrase_id])
        return self.get(phrase_id)

    def hide(self, phrase_id: int, hidden: bool = True) -> None:
        """Hide (or show again) an entry: hidden entries are never offered."""
        self._set_flag(phrase_id, "hidden", hidden, "隐藏词条" if hidden else "取消隐藏")

    def set_favourite(self, phrase_id: int, favourite: bool = True) -> None:
        self._set_flag(phrase_id, "favourite", favourite, "收藏词条" if favourite else "取消收藏")

    def _set_flag(self, phrase_id: int, column: str, value: bool, action: str) -> None:
        with self.store.lock:
            with self.store.write(action) as c:
                cur = c.execute(
                    f"UPDATE phrases SET {column} = ?, updated = ? WHERE id = ?",
                    (int(value), self.store.stamp(), phrase_id),
                )
                if cur.rowcount != 1:
                    raise NotFoundError(f"词条 {phrase_id} 不存在")
            self._refresh([phrase_id])

    def record_use(self, phrase_id: int) -> None:
        """The user inserted this phrase: it ranks higher from now on."""
        with self.store.lock:
            with self.store.write("记录使用") as c:
                cur = c.execute(
                    "UPDATE phrases SET uses = uses + 1, last_used = ? WHERE id = ?",
                    (self.store.stamp(), phrase_id),
                )
                if cur.rowcount != 1:
                    raise NotFoundError(f"词条 {phrase_id} 不存在")
            self._refresh([phrase_id])

    def delete(self, phrase_id: int) -> None:
        """Delete the user's own or an imported entry; a shipped one is hidden instead
        (deleting it would bring it back with the next upgrade)."""
        with self.store.lock:
            with self.store.write("删除词条") as c:
                row = c.execute(
                    "SELECT origin, shipped_key FROM phrases WHERE id = ?", (phrase_id,)
                ).fetchone()
                if row is None:
                    raise NotFoundError(f"词条 {phrase_id} 不存在")
                if row[1] is not None:
                    c.execute(
                        "UPDATE phrases SET hidden = 1, updated = ? WHERE id = ?",
                        (self.store.stamp(), phrase_id),
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
        return [_phrase(r) for r in self.store.read(sql + " ORDER BY id", params)]

    def stats(self) -> dict:
        """Counts: ``total`` (every entry), by section type, kind and origin, and more."""
        return self.store.stats()

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

        return candidates.queue(self.store, self.index, draft_or_candidates, source)

    def review_list(self, status: str = "pending", limit: int = -1) -> list[candidates_mod.QueuedCandidate]:
        from ideodesk.phrases import candidates

        return candidates.listing(self.store, status, limit)

    def accept(
        self,
        candidate_id: int,
        *,
        text: str | None = None,
        section_types: str | Sequence[str] | None = None,
        kind: str | None = None,
    ) -> AddResult:
        """Keep a candidate as a phrase (origin ``imported``), optionally corrected first."""
        from ideodesk.phrases import candidates

        cand = candidates.check_open(self.store, candidate_id)
        with self.store.lock:
            result = self.add(
                text or cand.text, section_types or cand.section_types, kind or cand.kind,
                source=cand.source, origin="imported",
            )  # fmt: skip
            candidates.mark_accepted(self.store, candidate_id, result.phrase.id)
        return result

    def reject(self, candidate_id: int) -> None:
        from ideodesk.phrases import candidates

        candidates.reject(self.store, candidate_id)


# ---------------------------------------------------------------------- helpers
def _phrase(r: Sequence) -> Phrase:
    (pid, text, kind, sections, genres, tags, source, vfrom, vuntil, uses, last, fav, hid, origin, cr, up) = r
    return Phrase(
        id=pid, text=text, kind=kind, section_types=tuple(sections.split()), genres=tuple(genres.split()),
        tags=tuple(tags.split()), source=source, valid_from=vfrom, valid_until=vuntil, uses=uses,
        last_used=last, favourite=bool(fav), hidden=bool(hid), origin=origin, created=cr, updated=up,
    )  # fmt: skip
