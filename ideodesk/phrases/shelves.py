"""The lookup index's walking form: phrases' texts (or pinyin initials) joined into one
string per set, searched with ``str.find`` at C speed (see :mod:`ideodesk.phrases.index`)."""

from __future__ import annotations

import bisect
import operator
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from ideodesk.phrases.ranking import SECTION_BIT

if TYPE_CHECKING:
    from ideodesk.phrases.index import LookupIndex


class Shelf:
    """Texts (or their initials) of a set of phrases joined by newlines, in a fixed order.

    The initials' shelf is made on the first pinyin query: most sessions never type one.
    """

    __slots__ = ("_initials", "_pblob", "_pstarts", "blob", "ids", "starts")

    def __init__(self, ids: Sequence[int], texts: Sequence[str | None], initials: Sequence[str]) -> None:
        self.ids = array("i", ids)
        ts = list(map(texts.__getitem__, ids))
        self.blob = "\n" + "\n".join(ts) + "\n"  # type: ignore[arg-type]
        self.starts = text_starts(ts)  # type: ignore[arg-type]
        self._initials = initials
        self._pblob: str | None = None
        self._pstarts: array | None = None

    def _pinyin(self) -> tuple[str, array]:
        if self._pblob is None:
            ps = list(map(self._initials.__getitem__, self.ids))
            self._pblob, self._pstarts = "\n" + "\n".join(ps) + "\n", text_starts(ps)
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


class Overlay:
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


def text_starts(texts: list[str]) -> array:
    """Where each text begins in ``"\n" + "\n".join(texts) + "\n"``, plus one past the end:
    1 + i + (lengths before i), computed by C-level iterators (no Python loop)."""
    sums = accumulate(map(len, texts), initial=0)
    return array("i", map(operator.add, sums, range(1, len(texts) + 2)))
