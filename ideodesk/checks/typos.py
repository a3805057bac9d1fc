"""A wrong character inside a known formulation (习近平新时代中国特色社会主意思想).

For every formulation of the table long enough to be recognised (8 characters or more),
each inner character position gives a key: the two characters before it and the two
after it.  A text whose 2+2 characters around one position match a key, and which then
holds the whole formulation with exactly that one character different, has a typo — unless
the different character is a numeral for a numeral (二十届五中全会 is a plenum, not a
slip), the text as written is itself a formulation of the table, or the genre's own text
(the phrase bank, :mod:`ideodesk.checks.restore`) writes the new character with one of its
neighbours (党纪学习教育, 把握意识形态, 和党中央: variants, not slips).
"""

from __future__ import annotations

from dataclasses import dataclass

from ideodesk.checks.chars import is_cjk

_MIN_LEN = 8
_NUMERALS = frozenset("一二三四五六七八九十〇零两")


@dataclass(frozen=True)
class Typo:
    start: int
    end: int
    row: int  # index into the table's rows


class TypoIndex:
    def __init__(self, rows, genre_bigrams) -> None:
        self.rows = rows
        self.genre_bigrams = genre_bigrams
        self.norms = frozenset(r.norm for r in rows)
        self.keys: dict[str, list[tuple[int, int]]] = {}
        for i, r in enumerate(rows):
            c = r.norm
            if r.check == "none" or len(c) < _MIN_LEN or not all(map(is_cjk, c)):
                continue
            for k in range(2, len(c) - 2):
                self.keys.setdefault(c[k - 2 : k] + c[k + 1 : k + 3], []).append((i, k))
        self.key_set = frozenset(self.keys)

    def genre_writes(self, bigram: str) -> bool:
        return bigram in self.genre_bigrams

    def find(self, norm: str) -> list[Typo]:
        grams = map("".join, zip(norm, norm[1:], norm[3:], norm[4:], strict=False))
        present = self.key_set.intersection(grams)
        out: list[Typo] = []
        for key in present:
            p = norm.find(key[:2])
            while p != -1:
                if norm[p + 3 : p + 5] == key[2:]:
                    out.extend(self._verify(norm, p + 2, key))
                p = norm.find(key[:2], p + 1)
        return _non_overlapping(out)

    def _verify(self, norm: str, q: int, key: str) -> list[Typo]:
        found = []
        for i, k in self.keys[key]:
            c = self.rows[i].norm
            s = q - k
            # the rest of the formulation as it stands, around the one different character
            if s < 0 or norm[s:q] != c[:k] or norm[q + 1 : s + len(c)] != c[k + 1 :] or norm[q] == c[k]:
                continue
            written = norm[s : s + len(c)]
            if written in self.norms or not is_cjk(written[k]):
                continue
            if written[k] in _NUMERALS and c[k] in _NUMERALS:
                continue  # another congress or plenum, not a slip
            if self.genre_writes(written[k - 1 : k + 1]) or self.genre_writes(written[k : k + 2]):
                continue  # 党纪学习, 把握意识, 和党中央: a variant the genre writes
            found.append(Typo(s, s + len(c), i))
        return found


def _non_overlapping(found: list[Typo]) -> list[Typo]:
    kept: list[Typo] = []
    for t in sorted(found, key=lambda t: (t.start, -(t.end - t.start))):
        if all(t.start >= k.end or k.start >= t.end for k in kept):
            kept.append(t)
    return kept
