"""How lookups rank phrases: one number per phrase, highest first, ties by id.

::

    1000 × favourite
    + section tier: 200 written in this section, 30 general, 0 other (100 if no section)
    + 40 when the phrase starts with the query
    + 4 × usage points (0–12: count and recency, see :func:`usage_points`)
    + 2 when the phrase fits the genre (or fits every genre)
    + 1 − length/1000 (a shorter phrase is a closer match)

So: favourites; then the section's own phrases; then general formulations and other
sections' phrases, a prefix match before a substring match; use lifts a phrase over
the prefix bonus; genre and length break ties.  Each level outweighs everything below
it, which is what lets :mod:`ideodesk.phrases.finder` rank shelf by shelf and stop early.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from ideodesk.phrases.model import GENRE_IDS, SECTION_IDS

if TYPE_CHECKING:
    from ideodesk.phrases.index import LookupIndex
    from ideodesk.phrases.shelves import Shelf

SECTION_BIT = {s: 1 << i for i, s in enumerate(SECTION_IDS)}
GENRE_BIT = {g: 1 << i for i, g in enumerate(GENRE_IDS)}
GENERAL_BIT = SECTION_BIT["general"]

W_FAVOURITE = 1000.0
W_TIER_SECTION, W_TIER_GENERAL, W_TIER_OTHER = 200.0, 30.0, 0.0
W_TIER_NONE = 100.0  # no section given: every phrase alike
W_PREFIX = 40.0
W_USAGE = 4.0  # × usage points (≤ 12)
W_GENRE = 2.0
W_OVERLAP = 10000.0  # completion: a longer overlap with the typed text always ranks first
# The best score a phrase outside the section can reach without being a favourite.
OUTSIDE_BEST = W_TIER_GENERAL + W_PREFIX + W_GENRE + 1.0 + W_USAGE * 12.0

Scorer = Callable[[int, bool], float]  # (phrase id, is a prefix match) → score


def usage_points(uses: int, last_used: float, now: float) -> float:
    """0–12: more uses count less and less; a use fades with a half-life of two weeks."""
    if uses <= 0:
        return 0.0
    count = min(6.0, 2.0 * math.log2(1 + uses))
    age_days = max(0.0, (now - last_used) / 86400.0) if last_used else 365.0
    return count + 6.0 * 0.5 ** (age_days / 14.0)


def tiers(index: LookupIndex, section: str | None) -> list[tuple[float, Shelf, int]]:
    """(tier score, shelf, section bits to skip) for each tier, best first."""
    if section is None:
        return [(W_TIER_NONE, index.shelves["*"], 0)]
    bit = SECTION_BIT[section]
    out = [(W_TIER_SECTION, index.shelves[section], 0)]
    if section != "general":
        out.append((W_TIER_GENERAL, index.shelves["general"], bit))
    out.append((W_TIER_OTHER, index.shelves["*"], bit | GENERAL_BIT))
    return out


def tier_score(mask: int, section: str | None) -> float:
    """The section tier of a phrase whose section bits are ``mask``."""
    if section is None:
        return W_TIER_NONE
    if mask & SECTION_BIT[section]:
        return W_TIER_SECTION
    return W_TIER_GENERAL if mask & GENERAL_BIT else W_TIER_OTHER


def scorer(index: LookupIndex, section: str | None, genre: str | None, now: float) -> Scorer:
    """The score function of one query, with everything that does not depend on the
    phrase bound once: it runs for every match."""
    secbit = SECTION_BIT[section] if section else 0
    gbit = GENRE_BIT[genre] if genre else 0
    secmask, genmask, text, fav, uses, last = (
        index.secmask, index.genmask, index.text, index.fav, index.uses, index.last_used,
    )  # fmt: skip

    def score(pid: int, is_prefix: bool) -> float:
        if secbit:
            m = secmask[pid]
            s = W_TIER_SECTION if m & secbit else (W_TIER_GENERAL if m & GENERAL_BIT else W_TIER_OTHER)
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


def rank_key(r: tuple[float, int, object]) -> tuple[float, int]:
    """Sort key of (score, id, …) results: best first, ties by id."""
    return (-r[0], r[1])
