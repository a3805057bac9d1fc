"""Queries over the lookup index: the current phrases containing every term, ranked.

Two ways to find them, chosen per query (:meth:`LookupIndex.candidates` decides):

* **rare** queries: the posting lists give the candidates; each is verified with ``in``,
  and when few match they are all scored.  Exact, whatever the length.
* **dense** queries (a common character such as 的, a common word such as 工作): the
  shelves are walked tier by tier (:func:`ranking.tiers`), prefix matches before
  substring ones, in the order the ranking wants within a tier, so the walk stops as
  soon as the best ``limit`` are known.  Prefix matches come from the sorted list in one
  range when there are few.  The overlay (phrases used, marked or changed since the
  shelves were built) is scored exhaustively; the walk skips it, so its early stop
  stays exact.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ideodesk.phrases import index as _index
from ideodesk.phrases.index import CURRENT, DENSE
from ideodesk.phrases.ranking import (
    GENRE_BIT,
    OUTSIDE_BEST,
    W_OVERLAP,
    W_PREFIX,
    Scorer,
    rank_key,
    scorer,
    tier_score,
    tiers,
)

if TYPE_CHECKING:
    from ideodesk.phrases.index import LookupIndex
    from ideodesk.phrases.shelves import Shelf

PREFIX_ALL_MAX = 300  # prefix matches (one range of the sorted list) scored without walking

Found = list[tuple[float, int, bool]]  # (score, id, is a prefix match), best first


def find(
    index: LookupIndex,
    terms: Sequence[str],
    section: str | None,
    genre: str | None,
    limit: int | None,
    now: float,
    *,
    mode: str = "substring",
) -> Found:
    """Current phrases containing every term, best first: (score, id, is_prefix).

    ``mode``: ``substring``; ``prefix`` (starts with the single term and is longer:
    completion); ``pinyin`` (the terms are matched against the initials).
    """
    if not terms or any(not t for t in terms):
        return []
    score = scorer(index, section, genre, now)
    if mode != "pinyin":
        cands = index.candidates(terms)
        if cands is None:
            return []
        if cands is not DENSE:
            matches = _verify(index, cands, terms, mode)  # type: ignore[arg-type]
            if limit is None or len(matches) <= _index.SCORE_ALL_MAX:  # read here: tests lower it
                return _best([(score(pid, pre), pid, pre) for pid, pre in matches], limit)
            # Plenty of matches: the shelf walk reaches the best ones sooner.
    return _Walk(index, terms, section, genre, limit, mode, score).run()


def containing(index: LookupIndex, word: str) -> list[int]:
    """Every current phrase containing ``word`` (exhaustive; for keyword search)."""
    return [pid for _, pid, _ in find(index, [word], None, None, None, 0.0)]


def completions(
    index: LookupIndex,
    tail: str,
    section: str | None,
    genre: str | None,
    limit: int,
    now: float,
    min_overlap: int = 2,
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
        if not index.has_prefix(s):
            continue  # the common case: nothing starts with this
        for sc, pid, _ in find(index, [s], section, genre, limit, now, mode="prefix"):
            if pid not in seen:
                seen.add(pid)
                out.append((sc + W_OVERLAP * k, pid, k))
    out.sort(key=rank_key)
    return out[:limit]


def _best(found: Found, limit: int | None) -> Found:
    found.sort(key=rank_key)
    return found if limit is None else found[:limit]


def _verify(
    index: LookupIndex, cands: Iterable[int], terms: Sequence[str], mode: str
) -> list[tuple[int, bool]]:
    """(id, is_prefix) of the current candidates that really contain every term."""
    state, text = index.state, index.text
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


class _Walk:
    """One dense query: the shelves walked bucket by bucket, then the overlay."""

    def __init__(
        self,
        index: LookupIndex,
        terms: Sequence[str],
        section: str | None,
        genre: str | None,
        limit: int | None,
        mode: str,
        score: Scorer,
    ) -> None:
        self.index, self.terms, self.section, self.limit, self.mode = index, terms, section, limit, mode
        self.score = score
        self.gbit = GENRE_BIT[genre] if genre else 0
        self.pinyin = mode == "pinyin"
        self.text_of = index.initials if self.pinyin else index.text
        self.first = terms[0]
        self.walk_term = max(terms, key=len)
        self.want = limit if limit is not None else sys.maxsize

    def run(self) -> Found:
        by_tier = self._prefix_range()
        found: Found = []
        for tier, shelf, skip, how in self._buckets():
            need = self.want - len(found)
            if need <= 0:
                break
            if how == "prefix" and by_tier is not None:
                found.extend(by_tier.get(tier, ()))
            else:
                found.extend(self._walk(shelf, skip, how, need))
        # ``found`` is in rank order; an overlay phrase matters only if it can beat the
        # last of the best ``limit`` found so far.
        threshold = found[self.want - 1][0] if len(found) >= self.want else None
        found.extend(self._in_overlay(threshold))
        return _best(found, self.limit)

    def _buckets(self) -> list[tuple[float, Shelf, int, str]]:
        """(tier, shelf, bits to skip, how) in descending base score: their scores differ
        by more than genre and length can add, so ranking bucket by bucket is exact."""
        passes = ("prefix",) if self.mode == "prefix" else ("prefix", "inside")
        buckets = [
            (tier + (W_PREFIX if how == "prefix" else 0.0), tier, shelf, skip, how)
            for tier, shelf, skip in tiers(self.index, self.section)
            for how in passes
        ]
        buckets.sort(key=lambda b: -b[0])
        return [b[1:] for b in buckets]

    def _prefix_range(self) -> dict[float, Found] | None:
        """The prefix matches by tier, from one range of the sorted list, when there are
        not too many (then no shelf is walked for them); None when there are."""
        index, first, section = self.index, self.first, self.section
        keys, key_ids = index.sorted_keys(self.pinyin)
        lo = bisect.bisect_left(keys, first)
        hi = bisect.bisect_left(keys, first + "\U0010ffff", lo)
        if hi - lo > PREFIX_ALL_MAX:
            return None
        state, overlay, text_of, score = index.state, index.overlay, self.text_of, self.score
        rest = self.terms[1:]
        by_tier: dict[float, Found] = {}
        for pid in key_ids[lo:hi]:
            if state[pid] != CURRENT or pid in overlay:
                continue
            t = text_of[pid]
            if rest and not all(r in t for r in rest):  # type: ignore[operator]
                continue
            if self.mode == "prefix" and len(t) == len(first):  # type: ignore[arg-type]
                continue
            tier = tier_score(index.secmask[pid], section)
            by_tier.setdefault(tier, []).append((score(pid, True), pid, True))
        return by_tier

    def _walk(self, shelf: Shelf, skip: int, how: str, need: int) -> Found:
        """The best ``need`` matches on one shelf (genre misfits after the fits)."""
        index, first, text_of = self.index, self.first, self.text_of
        state, overlay, secmask, genmask = index.state, index.overlay, index.secmask, index.genmask
        gbit = self.gbit
        prefix_only = self.mode == "prefix"
        ids = shelf.ids
        good: list[int] = []
        weak: list[int] = []  # the genre does not fit: ranks after every good one
        needle = first if how == "prefix" else self.walk_term
        check = [t for t in self.terms if t != needle]
        for j in shelf.walk(needle, "prefix" if how == "prefix" else "any", self.pinyin):
            pid = ids[j]
            if state[pid] != CURRENT or pid in overlay or secmask[pid] & skip:
                continue
            t = text_of[pid]
            if check and not all(c in t for c in check):  # type: ignore[operator]
                continue
            if how == "inside" and t.startswith(first):  # type: ignore[union-attr]
                continue  # a prefix match: its own bucket had it
            if prefix_only and len(t) == len(first):  # type: ignore[arg-type]
                continue  # nothing left to complete
            g = genmask[pid]
            if not gbit or not g or g & gbit:  # the genre fits (inline: the hot loop)
                good.append(pid)
                if len(good) >= need:
                    break
            elif len(weak) < need:
                weak.append(pid)
        is_prefix = how == "prefix"
        score = self.score
        return [(score(pid, is_prefix), pid, is_prefix) for pid in good + weak[: max(0, need - len(good))]]

    def _in_overlay(self, threshold: float | None) -> Found:
        """Overlay phrases matching every term, scored.  With a ``threshold`` only those
        that could reach it are looked at: favourites, and — when no phrase outside the
        section can get there — the overlay phrases of the section alone."""
        index = self.index
        if not index.overlay:
            return []
        ov = index.overlay_shelves()
        shelves = [ov.all]
        if threshold is not None and self.section is not None and threshold > OUTSIDE_BEST:
            shelves = [ov.favourites, ov.section(self.section, index)]
        state, text_of, terms, first = index.state, self.text_of, self.terms, self.first
        out: Found = []
        seen: set[int] = set()
        for shelf in shelves:
            ids = shelf.ids
            for j in shelf.walk(self.walk_term, "any", self.pinyin):
                pid = ids[j]
                if state[pid] != CURRENT or pid in seen:
                    continue
                t = text_of[pid]
                if not all(term in t for term in terms):  # type: ignore[operator]
                    continue
                is_prefix = t.startswith(first)  # type: ignore[union-attr]
                if self.mode == "prefix" and (not is_prefix or len(t) == len(first)):  # type: ignore[arg-type]
                    continue
                seen.add(pid)
                out.append((self.score(pid, is_prefix), pid, is_prefix))
        return out
