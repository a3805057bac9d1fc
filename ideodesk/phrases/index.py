"""The in-memory lookup index: substring, pinyin-initial and completion lookup with
section-aware ranking, fast enough to run on every committed keystroke.

Two ways to find the phrases containing a query, chosen per query:

* **rare** queries (the rarest character or bigram of the query occurs in at most
  ``RARE_MAX`` phrases, or the intersection of its shortest lists is that small): the
  posting list (kept in SQLite; only the lengths are in memory, a list is fetched the
  first time a query needs it) gives the candidates; each is verified with ``in``, and
  when few match they are all scored.  Exact, whatever the length.
* **dense** queries (a common character such as 的, a common word such as 工作): the
  phrases are also kept as *shelves*, one ``"\\n"``-joined string per section type in
  (length, id) order.  ``str.find`` walks a shelf at C speed and yields matches in the
  order the ranking wants within a tier, so the walk stops as soon as the best
  ``limit`` are known.  ``"\\n" + query`` finds exactly the phrases that start with it.

Ranking is one number (:meth:`LookupIndex.score`), highest first, ties by id::

    1000 × favourite
    + section tier: 200 written in this section, 30 general, 0 other (100 if no section)
    + 40 when the phrase starts with the query
    + 4 × usage points (0–12: count and recency, see :func:`usage_points`)
    + 2 when the phrase fits the genre (or fits every genre)
    + 1 − length/1000 (a shorter phrase is a closer match)

So: favourites; then the section's own phrases; then general formulations and other
sections' phrases, a prefix match before a substring match; use lifts a phrase over
the prefix bonus; genre and length break ties.  Phrases the user has used or marked,
and phrases added or edited since the shelves were built, form a small *overlay* that
is scored exhaustively; the shelf walk skips them, so its early stop stays exact.
Hidden phrases are never returned; phrases past their valid-until date (旧提法) only
when asked for.
"""

from __future__ import annotations

import bisect
import math
import operator
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from ideodesk.phrases.model import GENRE_IDS, SECTION_IDS, status_on

CURRENT, HIDDEN, OUTDATED, FUTURE, ABSENT = 0, 1, 2, 3, 255
_STATUS_CODE = {"current": CURRENT, "outdated": OUTDATED, "future": FUTURE}
_STATUS_NAME = {CURRENT: "current", OUTDATED: "outdated", FUTURE: "future"}

RARE_MAX = 2000  # candidate lists up to this length are verified one by one
SCORE_ALL_MAX = 150  # up to this many matches are all scored; more: the shelf walk is faster
PREFIX_ALL_MAX = 300  # prefix matches (one range of the sorted list) scored without walking
INTERSECT_BUDGET = 30_000  # posting entries intersected before falling back to the shelves
CACHE_IDS = 1_000_000  # posting entries kept in memory (4 MB)
OVERLAY_REBUILD = 400  # fresh/edited phrases tolerated in the overlay before rebuilding shelves

SECTION_BIT = {s: 1 << i for i, s in enumerate(SECTION_IDS)}
GENRE_BIT = {g: 1 << i for i, g in enumerate(GENRE_IDS)}
_GENERAL_BIT = SECTION_BIT["general"]

# Score weights; each level outweighs everything below it (see the module docstring).
W_FAVOURITE = 1000.0
W_TIER_SECTION, W_TIER_GENERAL, W_TIER_OTHER = 200.0, 30.0, 0.0
W_TIER_NONE = 100.0  # no section given: every phrase alike
W_PREFIX = 40.0
W_USAGE = 4.0  # × usage points (≤ 12)
W_GENRE = 2.0
W_OVERLAP = 10000.0  # completion: a longer overlap with the typed text always ranks first
_ITEMSIZE_OK = array("i").itemsize == 4


def usage_points(uses: int, last_used: float, now: float) -> float:
    """0–12: more uses count less and less; a use fades with a half-life of two weeks."""
    if uses <= 0:
        return 0.0
    count = min(6.0, 2.0 * math.log2(1 + uses))
    age_days = max(0.0, (now - last_used) / 86400.0) if last_used else 365.0
    return count + 6.0 * 0.5 ** (age_days / 14.0)


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


class Shelf:
    """Texts (or their initials) of a set of phrases joined by newlines, in a fixed order.

    The initials' shelf is made on the first pinyin query: most sessions never type one.
    """

    __slots__ = ("_initials", "_pblob", "_pstarts", "blob", "ids", "starts")

    def __init__(self, ids: Sequence[int], texts: Sequence[str | None], initials: Sequence[str]) -> None:
        self.ids = array("i", ids)
        ts = list(map(texts.__getitem__, ids))
        self.blob = "\n" + "\n".join(ts) + "\n"  # type: ignore[arg-type]
        self.starts = _starts(ts)  # type: ignore[arg-type]
        self._initials = initials
        self._pblob: str | None = None
        self._pstarts: array | None = None

    def _pinyin(self) -> tuple[str, array]:
        if self._pblob is None:
            ps = list(map(self._initials.__getitem__, self.ids))
            self._pblob, self._pstarts = "\n" + "\n".join(ps) + "\n", _starts(ps)
        return self._pblob, self._pstarts  # type: ignore[return-value]

    def walk(self, needle: str, how: str, pinyin: bool = False) -> Iterator[int]:
        """Positions (into ``ids``) of the texts matching ``needle``, in shelf order, each
        once: ``prefix`` — the text starts with it; ``any`` — the text contains it."""
        blob, starts = self._pinyin() if pinyin else (self.blob, self.starts)
        find, right = blob.find, bisect.bisect_right
        last = len(starts) - 1  # starts ends with a sentinel: one past the last text
        if how == "prefix":
            needle = "\n" + needle
            back = 1  # the pattern begins at the newline before a text
        else:
            back = 0
        pos = find(needle)
        while pos >= 0:
            j = right(starts, pos + back) - 1
            yield j
            if j + 1 >= last:
                return
            pos = find(needle, starts[j + 1] - back)  # on to the next text


_Class = tuple[
    str, tuple[str, ...], int, tuple[str, ...], int, str
]  # kind, sections, mask, genres, mask, origin


class _Overlay:
    """The overlay as shelves: all of it, its favourites, and (made on demand) the part
    in each section; ``texts`` sorted, to tell at once whether any starts with a prefix."""

    def __init__(self, index: LookupIndex) -> None:
        ids = sorted(index.overlay)
        self.ids = ids
        self.all = Shelf(ids, index.text, index.initials)
        self.favourites = Shelf([i for i in ids if index.fav[i]], index.text, index.initials)
        self.texts = sorted(t for i in ids if (t := index.text[i]) is not None)
        self._by_section: dict[str, Shelf] = {}

    def section(self, section: str, index: LookupIndex) -> Shelf:
        shelf = self._by_section.get(section)
        if shelf is None:
            bit = SECTION_BIT[section]
            mine = [i for i in self.ids if index.secmask[i] & bit]
            shelf = self._by_section[section] = Shelf(mine, index.text, index.initials)
        return shelf

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.texts, prefix)
        return i < len(self.texts) and self.texts[i].startswith(prefix)


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
        self._shelves: dict[str, Shelf] = {}
        self._overlay_shelf: _Overlay | None = None
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
        self._shelves = {"*": Shelf(current, text, self.initials)}
        for s, ids in by_section.items():
            self._shelves[s] = Shelf(ids, text, self.initials)
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
        self._overlay_shelf = None

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
        self._overlay_shelf = None
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
        self._overlay_shelf = None  # membership, text or state may have changed
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

    def _candidates(self, terms: Sequence[str]) -> Iterable[int] | _Dense | None:
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

    # ------------------------------------------------------------------ queries
    def _overlay(self) -> _Overlay:
        if self._overlay_shelf is None:
            self._overlay_shelf = _Overlay(self)
        return self._overlay_shelf

    def _tiers(self, section: str | None) -> list[tuple[float, Shelf, int]]:
        """(tier score, shelf, section bits to skip) for each tier."""
        if section is None:
            return [(W_TIER_NONE, self._shelves["*"], 0)]
        bit = SECTION_BIT[section]
        tiers = [(W_TIER_SECTION, self._shelves[section], 0)]
        if section != "general":
            tiers.append((W_TIER_GENERAL, self._shelves["general"], bit))
        tiers.append((W_TIER_OTHER, self._shelves["*"], bit | _GENERAL_BIT))
        return tiers

    def tier_score(self, pid: int, section: str | None) -> float:
        if section is None:
            return W_TIER_NONE
        mask = self.secmask[pid]
        if mask & SECTION_BIT[section]:
            return W_TIER_SECTION
        return W_TIER_GENERAL if mask & _GENERAL_BIT else W_TIER_OTHER

    def score(self, pid: int, is_prefix: bool, section: str | None, genre: str | None, now: float) -> float:
        return self.scorer(section, genre, now)(pid, is_prefix)

    def scorer(self, section: str | None, genre: str | None, now: float) -> Callable[[int, bool], float]:
        """The score function of one query (see the module docstring), with everything
        that does not depend on the phrase bound once: it runs for every match."""
        secbit = SECTION_BIT[section] if section else 0
        gbit = GENRE_BIT[genre] if genre else 0
        secmask, genmask, text, fav, uses, last = (
            self.secmask, self.genmask, self.text, self.fav, self.uses, self.last_used,
        )  # fmt: skip

        def score(pid: int, is_prefix: bool) -> float:
            if secbit:
                m = secmask[pid]
                s = W_TIER_SECTION if m & secbit else (W_TIER_GENERAL if m & _GENERAL_BIT else W_TIER_OTHER)
            else:
                s = W_TIER_NONE
            if is_prefix:
                s += W_PREFIX
            g = genmask[pid]
            if not gbit or not g or g & gbit:
                s += W_GENRE
            s += 1.0 - min(len(text[pid]), 999) / 1000.0  # type: ignore[arg-type]
            if fav[pid]:
                s += W_FAVOURITE
            u = uses[pid]
            if u:
                s += W_USAGE * usage_points(u, last[pid], now)
            return s

        return score

    def find(  # noqa: C901 — to be split (issue 18)
        self,
        terms: Sequence[str],
        section: str | None,
        genre: str | None,
        limit: int | None,
        now: float,
        *,
        mode: str = "substring",
    ) -> list[tuple[float, int, bool]]:
        """Current phrases containing every term, best first: (score, id, is_prefix).

        ``mode``: ``substring``; ``prefix`` (starts with the single term and is longer:
        completion); ``pinyin`` (the terms are matched against the initials).
        """
        if not terms or any(not t for t in terms):
            return []
        pinyin = mode == "pinyin"
        if not pinyin:
            cands = self._candidates(terms)
            if cands is None:
                return []
            if cands is not DENSE:
                matches = self._verify(cands, terms, mode)  # type: ignore[arg-type]
                if limit is None or len(matches) <= SCORE_ALL_MAX:
                    score = self.scorer(section, genre, now)
                    out = [(score(pid, pre), pid, pre) for pid, pre in matches]
                    out.sort(key=_rank_key)
                    return out if limit is None else out[:limit]
                # Plenty of matches: the shelf walk reaches the best ones sooner.
        first = terms[0]
        walk_term = max(terms, key=len)
        want = limit if limit is not None else sys.maxsize
        score = self.scorer(section, genre, now)
        text_of = self.initials if pinyin else self.text
        state, overlay, secmask, genmask = self.state, self.overlay, self.secmask, self.genmask
        gbit = GENRE_BIT[genre] if genre else 0
        # Prefix matches come from the sorted list in one range; when there are not too
        # many they are scored exhaustively and no shelf is walked for them.
        by_tier: dict[float, list[tuple[float, int, bool]]] | None = None
        keys, key_ids = (self._psorted, self._psorted_ids) if pinyin else (self._sorted, self._sorted_ids)
        lo = bisect.bisect_left(keys, first)
        hi = bisect.bisect_left(keys, first + "\U0010ffff", lo)
        if hi - lo <= PREFIX_ALL_MAX:
            by_tier = {}
            rest = terms[1:]
            for pid in key_ids[lo:hi]:
                if state[pid] != CURRENT or pid in overlay:
                    continue
                t = text_of[pid]
                if rest and not all(r in t for r in rest):  # type: ignore[operator]
                    continue
                if mode == "prefix" and len(t) == len(first):  # type: ignore[arg-type]
                    continue
                by_tier.setdefault(self.tier_score(pid, section), []).append((score(pid, True), pid, True))
        passes = ("prefix",) if mode == "prefix" else ("prefix", "inside")
        # Buckets of (tier, match) in descending base score: their scores differ by more
        # than genre and length can add, so ranking bucket by bucket is exact.
        buckets = sorted(
            ((tier + (W_PREFIX if how == "prefix" else 0.0), tier, shelf, skip, how)
             for tier, shelf, skip in self._tiers(section) for how in passes),
            key=lambda b: -b[0],
        )  # fmt: skip
        found: list[tuple[float, int, bool]] = []
        for _, tier, shelf, skip, how in buckets:
            need = want - len(found)
            if need <= 0:
                break
            if how == "prefix" and by_tier is not None:
                found.extend(by_tier.get(tier, ()))
                continue
            ids = shelf.ids
            good: list[int] = []
            weak: list[int] = []  # the genre does not fit: ranks after every good one
            needle = first if how == "prefix" else walk_term
            check = [t for t in terms if t != needle]
            for j in shelf.walk(needle, "prefix" if how == "prefix" else "any", pinyin):
                pid = ids[j]
                if state[pid] != CURRENT or pid in overlay or secmask[pid] & skip:
                    continue
                t = text_of[pid]
                if check and not all(c in t for c in check):  # type: ignore[operator]
                    continue
                if how == "inside" and t.startswith(first):  # type: ignore[union-attr]
                    continue  # a prefix match: its own bucket had it
                if mode == "prefix" and len(t) == len(first):  # type: ignore[arg-type]
                    continue  # nothing left to complete
                g = genmask[pid]
                if not gbit or not g or g & gbit:
                    good.append(pid)
                    if len(good) >= need:
                        break
                elif len(weak) < need:
                    weak.append(pid)
            is_prefix = how == "prefix"
            for pid in good + weak[: max(0, need - len(good))]:
                found.append((score(pid, is_prefix), pid, is_prefix))
        # ``found`` is in rank order; an overlay phrase matters only if it can beat the
        # last of the best ``limit`` found so far.
        threshold = found[want - 1][0] if len(found) >= want else None
        found.extend(self._in_overlay(terms, walk_term, section, score, mode, threshold))
        found.sort(key=_rank_key)
        return found if limit is None else found[:limit]

    def _verify(self, cands: Iterable[int], terms: Sequence[str], mode: str) -> list[tuple[int, bool]]:
        """(id, is_prefix) of the current candidates that really contain every term."""
        state, text = self.state, self.text
        n = len(state)
        first = terms[0]
        if len(terms) == 1:  # the common case, without the generator
            ids = [p for p in cands if p < n and state[p] == CURRENT and first in text[p]]  # type: ignore[operator]
        else:
            ids = [
                p
                for p in cands
                if p < n and state[p] == CURRENT and all(t in text[p] for t in terms)  # type: ignore[operator]
            ]
        if len(ids) != len(set(ids)):
            ids = list(dict.fromkeys(ids))  # a list once appended to twice (edits)
        out = [(p, text[p].startswith(first)) for p in ids]  # type: ignore[union-attr]
        if mode == "prefix":
            out = [(p, pre) for p, pre in out if pre and len(text[p]) > len(first)]  # type: ignore[arg-type]
        return out

    def _in_overlay(
        self,
        terms: Sequence[str],
        walk_term: str,
        section: str | None,
        score: Callable[[int, bool], float],
        mode: str,
        threshold: float | None = None,
    ) -> list[tuple[float, int, bool]]:
        """Overlay phrases matching every term, scored.  With a ``threshold`` only those
        that could reach it are looked at: favourites, and — when no phrase outside the
        section can get there — the overlay phrases of the section alone."""
        if not self.overlay:
            return []
        ov = self._overlay()
        shelves = [ov.all]
        if threshold is not None and section is not None:
            outside_best = W_TIER_GENERAL + W_PREFIX + W_GENRE + 1.0 + W_USAGE * 12.0  # no favourite
            if outside_best < threshold:
                shelves = [ov.favourites, ov.section(section, self)]
        pinyin = mode == "pinyin"
        text_of = self.initials if pinyin else self.text
        state = self.state
        first = terms[0]
        out = []
        seen: set[int] = set()
        for shelf in shelves:
            ids = shelf.ids
            for j in shelf.walk(walk_term, "any", pinyin):
                pid = ids[j]
                if state[pid] != CURRENT or pid in seen:
                    continue
                t = text_of[pid]
                if not all(term in t for term in terms):  # type: ignore[operator]
                    continue
                is_prefix = t.startswith(first)  # type: ignore[union-attr]
                if mode == "prefix" and (not is_prefix or len(t) == len(first)):  # type: ignore[arg-type]
                    continue
                seen.add(pid)
                out.append((score(pid, is_prefix), pid, is_prefix))
        return out

    def completions(
        self, tail: str, section: str | None, genre: str | None, limit: int, now: float, min_overlap: int = 2
    ) -> list[tuple[float, int, int]]:
        """Phrases whose beginning is the end of ``tail``: (score, id, overlap), best first.

        Longer overlaps first: the more of the typed text a formulation continues, the
        surer it is the one being typed.
        """
        out: list[tuple[float, int, int]] = []
        seen: set[int] = set()
        for k in range(len(tail), min_overlap - 1, -1):
            if len(out) >= limit:
                break
            s = tail[-k:]
            if not s[0].strip() or s[0] in "，。；：、！？”）》】":
                continue  # a formulation does not start with a space or closing punctuation
            lo = bisect.bisect_left(self._sorted, s)
            if (lo >= len(self._sorted) or not self._sorted[lo].startswith(s)) and not (
                self.overlay and self._overlay().has_prefix(s)
            ):
                continue  # the common case: nothing starts with this
            for sc, pid, _ in self.find([s], section, genre, limit, now, mode="prefix"):
                if pid not in seen:
                    seen.add(pid)
                    out.append((sc + W_OVERLAP * k, pid, k))
        out.sort(key=lambda r: (-r[0], r[1]))
        return out[:limit]

    def in_section(self, section: str, kinds: Iterable[str] | None = None, limit: int = 400) -> list[int]:
        """Current phrases written for ``section`` (not general ones), shortest first, at
        most ``limit`` of the given kinds: what an empty line of that section lists."""
        want = set(kinds) if kinds is not None else None
        state, bit, classes, cls = self.state, SECTION_BIT[section], self._classes, self.cls
        ids = [*self._shelves[section].ids, *sorted(i for i in self.overlay if self.secmask[i] & bit)]
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

    def containing(self, word: str) -> list[int]:
        """Every current phrase containing ``word`` (exhaustive; for keyword search)."""
        return [pid for _, pid, _ in self.find([word], None, None, None, 0.0)]


def _starts(texts: list[str]) -> array:
    """Where each text begins in ``"\n" + "\n".join(texts) + "\n"``, plus one past the end:
    1 + i + (lengths before i), computed by C-level iterators (no Python loop)."""
    sums = accumulate(map(len, texts), initial=0)
    return array("i", map(operator.add, sums, range(1, len(texts) + 2)))


def _parse_class(c: str) -> tuple[str, tuple[str, ...], int, tuple[str, ...], int, str]:
    kind, sections, genres, origin = c.split("\x1f")
    secs, gens = tuple(sections.split()), tuple(genres.split())
    return kind, secs, _mask(secs, SECTION_BIT), gens, _mask(gens, GENRE_BIT), origin


def _mask(items: Iterable[str], bits: dict[str, int]) -> int:
    m = 0
    for it in items:
        m |= bits.get(it, 0)
    return m


def _rank_key(r: tuple[float, int, bool]) -> tuple[float, int]:
    return (-r[0], r[1])
