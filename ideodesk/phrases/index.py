"""The in-memory lookup index: every phrase of a bank, kept so that substring,
pinyin-initial and completion lookups (:mod:`ideodesk.phrases.finder`), ranked as
:mod:`ideodesk.phrases.ranking` says, run on every committed keystroke.

What it holds besides the per-phrase columns:

* the lengths of the posting lists of every character and bigram (the lists themselves
  stay in SQLite and are fetched and cached the first time a query needs one), which
  decide whether a query is *rare* (its candidates come from the lists) or *dense*;
* the *shelves* (:mod:`ideodesk.phrases.shelves`): one ``"\\n"``-joined string of texts
  per section type in (length, id) order, for dense queries;
* the texts and initials sorted, for prefix ranges and completion;
* the *overlay*: phrases the user has used or marked, and phrases added or edited since
  the shelves were built, which lookups score exhaustively.

Hidden phrases are never returned; phrases past their valid-until date (旧提法) only
when asked for.
"""

from __future__ import annotations

import bisect
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ideodesk.phrases.model import status_on
from ideodesk.phrases.ranking import GENRE_BIT, SECTION_BIT
from ideodesk.phrases.shelves import Overlay, Shelf

CURRENT, HIDDEN, OUTDATED, FUTURE, ABSENT = 0, 1, 2, 3, 255
_STATUS_CODE = {"current": CURRENT, "outdated": OUTDATED, "future": FUTURE}
_STATUS_NAME = {CURRENT: "current", OUTDATED: "outdated", FUTURE: "future"}

RARE_MAX = 2000  # candidate lists up to this length are verified one by one
SCORE_ALL_MAX = 150  # up to this many matches are all scored; more: the shelf walk is faster
INTERSECT_BUDGET = 30_000  # posting entries intersected before falling back to the shelves
CACHE_IDS = 1_000_000  # posting entries kept in memory (4 MB)
OVERLAY_REBUILD = 400  # fresh/edited phrases tolerated in the overlay before rebuilding shelves
_ITEMSIZE_OK = array("i").itemsize == 4


def grams(text: str) -> set[str]:
    """The index terms of a text: every character and every pair of adjacent characters."""
    out = set(text)
    out.update(text[i : i + 2] for i in range(len(text) - 1))
    return out


def pack_ids(ids: Iterable[int]) -> bytes:
    arr = array("i", ids)
    if sys.byteorder == "big":  # stored little-endian so a data folder can move machines
        arr.byteswap()
    return arr.tobytes()


def unpack_ids(blob: bytes) -> array:
    arr = array("i")
    arr.frombytes(blob)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


@dataclass
class LoadSource:
    """What :meth:`LookupIndex.load` reads, as the database returns it (see bank.py)."""

    rows: list[tuple[int, str, str, str]]  # id, text, initials, "kind␟sections␟genres␟origin"
    dated: list[tuple[int, int, str | None, str | None]]  # id, hidden, valid_from, valid_until
    touched: list[tuple[int, int, float, int]]  # id, uses, last used (epoch), favourite
    by_length: list[int]  # ids by (length of text, id)
    by_text: list[int]
    by_initials: list[int]
    gram_counts: Iterable[tuple[str, int]]  # length of each posting list
    fetch: Callable[[str], bytes | None]  # one posting list, from the database


_Class = tuple[
    str, tuple[str, ...], int, tuple[str, ...], int, str
]  # kind, sections, mask, genres, mask, origin


class _Dense:
    """Marker: the query is too common for exhaustive scoring."""


DENSE = _Dense()


class LookupIndex:
    """All phrases of a bank in memory, addressed by their database id.

    Per-phrase data lives in parallel ``array``s and byte arrays, not in one object per
    phrase nor in lists of numbers: a full garbage collection walks every element of a
    list (for 100 000 phrases, tens of milliseconds: a visible stall while typing) but
    never looks inside an array.  Kind, sections, genres and origin are one small index
    into a table of the few distinct combinations a bank has.
    """

    def __init__(self, today: str) -> None:
        self.today = today
        self.count = 0
        self.text: tuple[str | None, ...] = (None,)  # by id; tuples: see update()
        self.initials: tuple[str, ...] = ("",)
        self.cls = array("I", [0])  # index into _classes
        self._classes: list[_Class] = [("", (), 0, (), 0, "")]
        self._class_index: dict[_Class, int] = {self._classes[0]: 0}
        self.valid_from: dict[int, str] = {}  # dated rows only
        self.valid_until: dict[int, str] = {}
        self.uses = array("i", [0])
        self.last_used = array("d", [0.0])
        self.fav = bytearray(1)
        self.hidden = bytearray(1)
        self.secmask = array("I", [0])
        self.genmask = array("I", [0])
        self.state = bytearray([ABSENT])
        # Posting lists stay in SQLite: only their lengths live here (the rare/dense choice
        # needs nothing else), and a rare query's lists are fetched and kept in a cache.
        self._counts: dict[str, int] = {}
        self._cache: dict[str, array] = {}
        self._cached_ids = 0
        self._fetch: Callable[[str], bytes | None] = lambda _g: None
        self.overlay: set[int] = set()
        self._fresh = 0  # overlay members there because their text is not on the shelves
        self._built = bytearray(1)  # 1: on the shelves with its current text
        self.shelves: dict[str, Shelf] = {}
        self._overlay_shelves: Overlay | None = None
        self._sorted: tuple[str, ...] = ()
        self._sorted_ids = array("i")
        self._psorted: tuple[str, ...] = ()
        self._psorted_ids = array("i")
        self._not_current: list[int] = []  # outdated and not-yet-valid ids
        self._boundaries: list[str] = []  # dates on which some phrase changes status

    # ------------------------------------------------------------------ loading
    def load(self, source: LoadSource) -> None:
        """Fill the index from what the database returns (see :class:`LoadSource`)."""
        self._counts = dict(source.gram_counts)
        self._fetch = source.fetch
        if not source.rows:
            self.rebuild()
            return
        ids, texts, inis, classes = zip(*source.rows, strict=True)
        n = ids[-1] + 1
        if n - 1 == len(ids):  # ids 1..n without holes: whole columns in one step each

            def column(values: Sequence, default: object) -> list:
                return [default, *values]
        else:

            def column(values: Sequence, default: object) -> list:
                col = [default] * n
                for i, v in zip(ids, values, strict=True):
                    col[i] = v
                return col

        # kind, sections, genres and origin arrive as one string per row; a bank has a
        # few hundred distinct ones, parsed once and shared by every row that has it.
        parsed = {c: self._class_id(_parse_class(c)) for c in set(classes)}
        cls = list(map(parsed.__getitem__, classes))
        table = self._classes
        self.text = tuple(column(texts, None))
        self.initials = tuple(column(inis, ""))
        self.cls = array("I", column(cls, 0))
        self.secmask = array("I", column([table[c][2] for c in cls], 0))
        self.genmask = array("I", column([table[c][4] for c in cls], 0))
        self.valid_from, self.valid_until = {}, {}
        self.uses, self.last_used = array("i", bytes(4 * n)), array("d", bytes(8 * n))
        self.fav, self.hidden = bytearray(n), bytearray(n)
        if n - 1 == len(ids):
            self.state = bytearray(n)  # all CURRENT (0)
            self.state[0] = ABSENT
        else:
            self.state = bytearray([ABSENT]) * n
            for i in ids:
                self.state[i] = CURRENT
        for pid, hidden, vfrom, vuntil in source.dated:  # hidden or dated: a few rows
            self.hidden[pid] = int(bool(hidden))
            self._set_dates(pid, vfrom, vuntil)
            self.state[pid] = HIDDEN if hidden else _STATUS_CODE[status_on(vfrom, vuntil, self.today)]
        for pid, uses, last_used, fav in source.touched:  # used or favourite: a few rows
            self.uses[pid], self.last_used[pid], self.fav[pid] = (
                int(uses),
                float(last_used or 0),
                int(bool(fav)),
            )
        self.count = len(ids)
        self.rebuild(source.by_length, source.by_text, source.by_initials)

    def _grow(self, pid: int, texts: list, inis: list) -> None:
        missing = pid + 1 - len(texts)
        if missing > 0:
            texts.extend([None] * missing)
            inis.extend([""] * missing)
            for col in (self.cls, self.uses, self.secmask, self.genmask):
                col.extend(bytes(col.itemsize * missing))  # zeros
            self.last_used.extend([0.0] * missing)
            self.fav.extend(bytes(missing))
            self.hidden.extend(bytes(missing))
            self._built.extend(bytes(missing))
            self.state.extend(bytearray([ABSENT]) * missing)

    def _set_row(self, row: Sequence, texts: list | None, inis: list | None) -> None:
        """Store one row; ``texts``/``inis``: mutable copies of the text columns when its
        text may be new (None: it is not, and the tuples stay as they are)."""
        (pid, text, kind, sections, genres, vfrom, vuntil, uses, last_used, fav, hidden, origin, ini) = row
        if texts is not None and inis is not None:
            self._grow(pid, texts, inis)
            if texts[pid] is None:
                self.count += 1
            texts[pid], inis[pid] = text, ini
        secs = tuple(sections.split()) if isinstance(sections, str) else tuple(sections)
        gens = tuple(genres.split()) if isinstance(genres, str) else tuple(genres)
        c = self._class_id((kind, secs, _mask(secs, SECTION_BIT), gens, _mask(gens, GENRE_BIT), origin))
        self.cls[pid], self.secmask[pid], self.genmask[pid] = c, self._classes[c][2], self._classes[c][4]
        self._set_dates(pid, vfrom, vuntil)
        self.uses[pid], self.last_used[pid] = int(uses or 0), float(last_used or 0)
        self.fav[pid], self.hidden[pid] = int(bool(fav)), int(bool(hidden))
        self.state[pid] = HIDDEN if hidden else _STATUS_CODE[status_on(vfrom, vuntil, self.today)]

    def _class_id(self, c: _Class) -> int:
        i = self._class_index.get(c)
        if i is None:
            i = self._class_index[c] = len(self._classes)
            self._classes.append(c)
        return i

    def _set_dates(self, pid: int, vfrom: str | None, vuntil: str | None) -> None:
        for col, value in ((self.valid_from, vfrom), (self.valid_until, vuntil)):
            if value:
                col[pid] = value
            else:
                col.pop(pid, None)

    def kind(self, pid: int) -> str:
        return self._classes[self.cls[pid]][0]

    def sections(self, pid: int) -> tuple[str, ...]:
        return self._classes[self.cls[pid]][1]

    def genres(self, pid: int) -> tuple[str, ...]:
        return self._classes[self.cls[pid]][3]

    def origin(self, pid: int) -> str:
        return self._classes[self.cls[pid]][5]

    def rebuild(
        self,
        order: Sequence[int] | None = None,
        by_text: Sequence[int] | None = None,
        by_initials: Sequence[int] | None = None,
    ) -> None:
        """Shelves, sorted lists and the overlay from the rows (at open, after many
        changes, or when the date crossed a valid-from/until boundary).  The orders are
        the ids by (length, id), by text and by initials when the database gave them."""
        n = len(self.text)
        state, text = self.state, self.text
        if order is None:
            order = [i for i in range(1, n) if text[i] is not None]
            order.sort(key=lambda i: (len(text[i]), i))  # type: ignore[arg-type]
        current = [i for i in order if state[i] == CURRENT]
        self._not_current = [i for i in order if state[i] in (OUTDATED, FUTURE)]
        self._boundaries = sorted({*self.valid_from.values(), *self.valid_until.values()})
        self._built = bytearray(n)
        for i in current:
            self._built[i] = 1
        secmask = self.secmask
        by_section = {s: [i for i in current if secmask[i] & bit] for s, bit in SECTION_BIT.items()}
        self.shelves = {"*": Shelf(current, text, self.initials)}
        for s, ids in by_section.items():
            self.shelves[s] = Shelf(ids, text, self.initials)
        if by_text is None:
            by_text = sorted(current, key=text.__getitem__)  # type: ignore[arg-type]
        else:
            by_text = [i for i in by_text if state[i] == CURRENT]
        self._sorted, self._sorted_ids = tuple(map(text.__getitem__, by_text)), array("i", by_text)  # type: ignore[arg-type]
        if by_initials is None:
            by_initials = sorted(current, key=self.initials.__getitem__)
        else:
            by_initials = [i for i in by_initials if state[i] == CURRENT]
        self._psorted = tuple(map(self.initials.__getitem__, by_initials))
        self._psorted_ids = array("i", by_initials)
        self.overlay = {i for i in range(1, n) if self.fav[i] or self.uses[i]}
        self._fresh = 0
        self._overlay_shelves = None

    # ----------------------------------------------------------------- updating
    def update(self, rows: Sequence[Sequence], removed: Iterable[int] = ()) -> None:
        """Rows inserted or changed, and ids deleted, in the database (after the commit).

        The text columns are tuples (a garbage collection skips a tuple of strings, not
        a list); they are copied once per call, and only when a text changed.
        """
        removed = [p for p in removed if p < len(self.text) and self.text[p] is not None]
        n = len(self.text)
        retext = bool(removed) or any(
            r[0] >= n or self.text[r[0]] != r[1] or self.initials[r[0]] != r[12] for r in rows
        )
        texts, inis = (list(self.text), list(self.initials)) if retext else (None, None)
        olds = {r[0]: (self.text[r[0]] if r[0] < n else None) for r in rows}
        for row in rows:
            self._set_row(row, texts, inis)
        for pid in removed:
            texts[pid] = None  # type: ignore[index]
            self.state[pid] = ABSENT
            self.count -= 1
            self.overlay.discard(pid)
        if texts is not None:
            self.text, self.initials = tuple(texts), tuple(inis)  # type: ignore[arg-type]
        for row in rows:
            pid, text = row[0], row[1]
            old = olds[pid]
            if old != text:
                for g in grams(text) - (grams(old) if old else set()):
                    self._counts[g] = self._counts.get(g, 0) + 1
                    arr = self._cache.get(g)
                    if arr is not None:  # the database has it already (committed)
                        arr.append(pid)
                self._built[pid] = 0
            if self.state[pid] in (OUTDATED, FUTURE) and pid not in self._not_current:
                self._not_current.append(pid)
            for d in (self.valid_from.get(pid), self.valid_until.get(pid)):
                if d and d not in self._boundaries:
                    bisect.insort(self._boundaries, d)
        self._overlay_shelves = None
        for row in rows:
            self._place(row[0])

    def put(self, row: Sequence) -> None:
        """One row inserted or changed in the database (see :meth:`update`)."""
        self.update([row])

    def remove(self, pid: int) -> None:
        self.update([], [pid])

    def _place(self, pid: int) -> None:
        """Put a phrase in the overlay when the shelves cannot rank it exactly: the user
        touched it (favourite, used), or its text is not on the shelves."""
        needs = bool(self.fav[pid] or self.uses[pid]) or (self.state[pid] == CURRENT and not self._built[pid])
        if needs and pid not in self.overlay:
            self.overlay.add(pid)
            if not self._built[pid]:
                self._fresh += 1
        elif not needs:
            self.overlay.discard(pid)
        self._overlay_shelves = None  # membership, text or state may have changed
        if self._fresh > OVERLAY_REBUILD:
            self.rebuild()

    def set_today(self, today: str) -> None:
        """Move the date; statuses are recomputed only if a validity boundary was crossed."""
        if today == self.today:
            return
        lo, hi = sorted((self.today, today))
        crossed = bisect.bisect_left(self._boundaries, lo) != bisect.bisect_right(self._boundaries, hi)
        self.today = today
        if crossed:
            for pid in range(1, len(self.text)):
                if self.text[pid] is not None and not self.hidden[pid]:
                    self.state[pid] = _STATUS_CODE[
                        status_on(self.valid_from.get(pid), self.valid_until.get(pid), today)
                    ]
            self.rebuild()

    # ----------------------------------------------------------------- postings
    def postings(self, gram: str) -> array | None:
        """The ids of the phrases containing ``gram`` (a superset: ids of deleted or
        edited rows may linger, lookup verifies every one)."""
        arr = self._cache.get(gram)
        if arr is not None:
            return arr
        if not self._counts.get(gram):
            return None
        blob = self._fetch(gram)
        if blob is None:
            return None
        arr = unpack_ids(blob)
        if self._cached_ids + len(arr) > CACHE_IDS:  # full: start over (cheap to refill)
            self._cache.clear()
            self._cached_ids = 0
        self._cache[gram] = arr
        self._cached_ids += len(arr)
        return arr

    def posting_len(self, gram: str) -> int:
        return self._counts.get(gram, 0)

    def candidates(self, terms: Sequence[str]) -> Iterable[int] | _Dense | None:
        """The ids to score exhaustively, DENSE when there are too many, None when some
        character or bigram of the query occurs nowhere (no match at all)."""
        sizes: list[tuple[int, str]] = []
        for t in terms:
            for g in {t} if len(t) == 1 else {t[i : i + 2] for i in range(len(t) - 1)}:
                n = self.posting_len(g)
                if n == 0:
                    return None
                sizes.append((n, g))
        sizes.sort()
        n0, g0 = sizes[0]
        if len(terms) == 1 and len(sizes) == 1 and n0 > SCORE_ALL_MAX:
            return DENSE  # one character or bigram: its list is exactly the matches, and many
        if n0 <= RARE_MAX:
            return self.postings(g0)
        # Every bigram of a long query can be common while the query is rare: intersect
        # the shortest lists (at C speed) while that is cheaper than walking the shelves.
        spent, acc = n0, None
        for n, g in sizes[1:]:
            if spent + n > INTERSECT_BUDGET:
                break
            if acc is None:
                acc = set(self.postings(g0))  # type: ignore[arg-type]
            acc.intersection_update(self.postings(g))  # type: ignore[arg-type]
            spent += n
            if len(acc) <= RARE_MAX:
                return acc
        return DENSE

    # ------------------------------------------------------- for the queries
    def overlay_shelves(self) -> Overlay:
        if self._overlay_shelves is None:
            self._overlay_shelves = Overlay(self)
        return self._overlay_shelves

    def sorted_keys(self, pinyin: bool = False) -> tuple[tuple[str, ...], array]:
        """Current texts (or initials) in sorted order, with their ids."""
        return (self._psorted, self._psorted_ids) if pinyin else (self._sorted, self._sorted_ids)

    def has_prefix(self, prefix: str) -> bool:
        """Whether any current phrase (on the shelves or in the overlay) starts so."""
        lo = bisect.bisect_left(self._sorted, prefix)
        if lo < len(self._sorted) and self._sorted[lo].startswith(prefix):
            return True
        return bool(self.overlay) and self.overlay_shelves().has_prefix(prefix)

    def in_section(self, section: str, kinds: Iterable[str] | None = None, limit: int = 400) -> list[int]:
        """Current phrases written for ``section`` (not general ones), shortest first, at
        most ``limit`` of the given kinds: what an empty line of that section lists."""
        want = set(kinds) if kinds is not None else None
        state, bit, classes, cls = self.state, SECTION_BIT[section], self._classes, self.cls
        ids = [*self.shelves[section].ids, *sorted(i for i in self.overlay if self.secmask[i] & bit)]
        out: list[int] = []
        seen: set[int] = set()
        for pid in ids:
            if state[pid] != CURRENT or pid in seen or not self.secmask[pid] & bit:
                continue
            if want is None or classes[cls[pid]][0] in want:
                seen.add(pid)
                out.append(pid)
                if len(out) >= limit:
                    break
        return out

    def not_current(self, terms: Sequence[str], pinyin: bool = False) -> list[int]:
        """Outdated / not-yet-valid phrases containing every term (旧提法), shortest first."""
        text_of = self.initials if pinyin else self.text
        ids = [
            pid
            for pid in self._not_current
            if self.state[pid] in (OUTDATED, FUTURE) and all(t in text_of[pid] for t in terms)  # type: ignore[operator]
        ]
        ids.sort(key=lambda i: (len(self.text[i]), i))  # type: ignore[arg-type]
        return ids

    def status(self, pid: int) -> str:
        return _STATUS_NAME.get(self.state[pid], "hidden")

    def doc_freq(self, word: str) -> int:
        """An upper bound on how many phrases contain ``word`` (its rarest gram's count)."""
        keys = {word} if len(word) == 1 else {word[i : i + 2] for i in range(len(word) - 1)}
        return min(self.posting_len(g) for g in keys)


def _parse_class(c: str) -> tuple[str, tuple[str, ...], int, tuple[str, ...], int, str]:
    kind, sections, genres, origin = c.split("\x1f")
    secs, gens = tuple(sections.split()), tuple(genres.split())
    return kind, secs, _mask(secs, SECTION_BIT), gens, _mask(gens, GENRE_BIT), origin


def _mask(items: Iterable[str], bits: dict[str, int]) -> int:
    m = 0
    for it in items:
        m |= bits.get(it, 0)
    return m
