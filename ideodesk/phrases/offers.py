"""What the phrase panel offers at the cursor: the phrases that fit where the clerk is.

The bank finds and ranks (:mod:`ideodesk.phrases.index`); this module decides what may
be *inserted* at the cursor, which the bank alone does not know:

* **position** — on a heading line only headings (and set phrases without end
  punctuation); at a sentence start (empty line, after 。！？；：) sentences, transitions,
  closings and set phrases; after a clause break (，、“《…) set phrases only; inside a
  clause only continuations.
* **continuations** — the phrase must begin with the typed text since the last clause
  break (a true prefix, by characters).  A set phrase (提法) may also continue a shorter
  tail of the clause when that tail is at least three characters and does not begin
  with a function character (以、对、在、的…): ``坚持以习近平`` is continued by
  ``习近平新时代中国特色社会主义思想``, never by ``以习近平同志为核心的党中央``.  Only
  the longest overlap found is offered: ``我们要牢牢掌握意识形态`` gets
  ``…工作领导权``, not ``意识形态工作责任制``.
* **filters** — the section type (its own and general phrases; ``all_sections`` lifts
  it), the genre (phrases marked for other genres are left out), the draft's date
  (what is current on that day), the phrases already in the text before the cursor
  and the one just inserted.
* **importance above length** — a weight per entry (``weight=N`` in the bank files,
  kept as the tag ``weight:N``) lifts canonical formulas over shorter near-matches.
"""

from __future__ import annotations

import datetime as _dt
import re
import weakref
from dataclasses import dataclass, field

from ideodesk.phrases.bankfiles import WEIGHT_TAG
from ideodesk.phrases.model import Hit

SENTENCE_ENDS = "。！？；："
CLAUSE_BREAKS = SENTENCE_ENDS + "，、“”‘’（）《》【】—"
# A continuation of only part of a clause may not begin with these: they bind to the
# words before them (坚持以… / 对…的 / 在…中), so the join would be wrong.
BOUND_START = frozenset("以对在把为是的和与及并而或被将从向于给让使由按据了着过之其")
INNER_MIN = 3  # a continuation of part of a clause overlaps at least this much
W_WEIGHT = 6.0  # × weight (1–9): above length, genre and the prefix bonus, below the section tier
W_RELATED = 30.0  # shares the heading's words (lists at a sentence start)
POOL = 60  # phrases fetched per probe before filtering
W_GENERAL = 170.0  # a general phrase in another section's list: after that section's own
PROBES = ("要", "是", "的", "工作", "党", "意识形态")  # nearly every phrase has one of these
LINE_KINDS = {
    "heading": ("heading", "formulation"),
    "start": ("sentence", "transition", "closing", "formulation"),
    "clause": ("formulation",),
}


@dataclass(frozen=True)
class Cursor:
    """Where the clerk is typing, as the panel knows it."""

    before: str = ""  # the paragraph's text before the cursor
    section: str | None = None
    genre: str | None = None
    date: str | None = None  # ISO date of the draft; None: today
    heading: bool = False  # the cursor is on a heading line
    heading_text: str = ""  # the heading of the section (for lists at a sentence start)
    all_sections: bool = False
    exclude: frozenset[int] = field(default_factory=frozenset)  # e.g. the phrase just inserted


def position(cur: Cursor) -> str:
    """``heading``, ``start`` (of a sentence), ``clause`` (after a clause break) or ``inside``."""
    t = cur.before.rstrip()
    if cur.heading:
        return "heading" if not t else "inside"
    if not t or t[-1] in SENTENCE_ENDS:
        return "start"
    return "clause" if t[-1] in CLAUSE_BREAKS else "inside"


def clause_start(before: str) -> int:
    """Index in ``before`` where the clause being typed begins."""
    for i in range(len(before) - 1, -1, -1):
        if before[i] in CLAUSE_BREAKS or before[i].isspace():
            return i + 1
    return 0


def offers(bank, cur: Cursor, limit: int = 9) -> list[Hit]:
    """The phrases to offer at ``cur``, best first (see the module docstring)."""
    pos = position(cur)
    if pos == "inside":
        return _continuations(bank, cur, limit)[:limit]
    found = _continuations(bank, cur, limit) if pos == "clause" else []  # 政治判断力、…
    have = {h.id for h in found}
    found += [h for h in _listing(bank, cur, pos, limit) if h.id not in have]
    return found[:limit]


def search_offers(bank, query: str, cur: Cursor, limit: int = 9) -> list[Hit]:
    """The search box: the bank's matches, under the same filters and weights."""
    section = None if cur.all_sections else cur.section
    hits = bank.search(query, section, cur.genre, limit * 4, today=cur.date, wait_for_words=False)
    return _rank(bank, [h for h in hits if _fits(h, cur)], cur)[:limit]


# ---------------------------------------------------------------- continuations
def _continuations(bank, cur: Cursor, limit: int) -> list[Hit]:
    before = cur.before
    start = clause_start(before)
    section = None if cur.all_sections else cur.section
    hits = bank.complete(before, section, limit * 12, genre=cur.genre, today=cur.date)
    ok = [
        h
        for h in hits
        if h.completion
        and _fits(h, cur, any_section=_set_phrase(h))
        and _joins(h, before, start, cur.heading)
    ]
    if not ok:
        return []
    longest = max(h.overlap for h in ok)
    return _rank(bank, [h for h in ok if h.overlap == longest], cur)


def _joins(h: Hit, before: str, start: int, heading: bool) -> bool:
    """Whether ``h`` may continue ``before`` (whose last clause begins at ``start``).

    A heading's wording ends without punctuation, so it continues a clause as a set
    phrase does; it is never offered whole except on a heading line."""
    at = len(before) - h.overlap  # where the phrase would begin
    prev = before[at - 1] if at > 0 else ""
    phrase_like = h.kind in ("formulation", "heading")
    if at <= start and (not prev or prev in CLAUSE_BREAKS or prev.isspace()):
        # it continues the whole clause (or more): the typed text is a true prefix
        if heading:
            return h.kind in LINE_KINDS["heading"]
        if not prev or prev in SENTENCE_ENDS:
            return h.kind in LINE_KINDS["start"] or phrase_like
        return phrase_like
    # It continues only the end of the typed text: a set phrase, long enough, not bound.
    return phrase_like and h.overlap >= INNER_MIN and before[at] not in BOUND_START


# ---------------------------------------------------------------- listings
def _listing(bank, cur: Cursor, pos: str, limit: int) -> list[Hit]:
    """At a heading line, a sentence start or after a clause break: the section's
    phrases of the kinds that fit there, those sharing the heading's words first."""
    kinds = LINE_KINDS[pos]
    section = None if cur.all_sections else cur.section
    pool: dict[int, tuple[Hit, float]] = {}

    def take(found: list[Hit], bonus: float) -> None:
        for h in found:
            if h.id not in pool and h.kind in kinds and _fits(h, cur):
                pool[h.id] = (h, bonus)

    words = _heading_words(cur.heading_text)
    if words:
        take(bank.search(words, section, cur.genre, POOL, today=cur.date, wait_for_words=False), W_RELATED)
    if section is not None:
        take(bank.section_phrases(section, cur.genre, kinds, today=cur.date), 0.0)
        if section != "general" and pos != "heading":
            take(bank.section_phrases("general", cur.genre, kinds, today=cur.date), -W_GENERAL)
    else:
        for probe in PROBES:
            take(bank.search(probe, None, cur.genre, POOL, today=cur.date, wait_for_words=False), 0.0)
    weights = _weights(bank)
    ranked = sorted(
        pool.values(),
        key=lambda hb: (-(hb[0].score + hb[1] + W_WEIGHT * weights.get(hb[0].id, 0)), hb[0].id),
    )
    return [h for h, _ in ranked]


_STOP_TAIL = re.compile(r"(的|和|与|及|等|方面|情况|工作)+$")


def _heading_words(heading: str) -> str:
    """The part of a heading worth searching for: its last clause, up to 8 characters."""
    tail = heading[clause_start(heading) :] or heading
    tail = _STOP_TAIL.sub("", tail)
    return tail[-8:] if len(tail) >= 2 else ""


# ---------------------------------------------------------------- filters, ranking
def _set_phrase(h: Hit) -> bool:
    """A set phrase being typed (no end punctuation, ≥ 3 characters typed) fits any
    section: 严格落实意识形态工作责任制 is as right in an opening as in measures."""
    return h.kind in ("formulation", "heading") and h.overlap >= INNER_MIN


def _fits(h: Hit, cur: Cursor, any_section: bool = False) -> bool:
    if h.id in cur.exclude or h.status != "current":
        return False
    if cur.genre and h.genres and cur.genre not in h.genres:
        return False
    if (
        not (any_section or cur.all_sections)
        and cur.section
        and not (cur.section in h.section_types or "general" in h.section_types)
    ):
        return False
    return not (len(h.text) >= 4 and h.text in cur.before)  # already written


def _rank(bank, hits: list[Hit], cur: Cursor) -> list[Hit]:
    weights = _weights(bank)
    return sorted(hits, key=lambda h: (-(h.score + W_WEIGHT * weights.get(h.id, 0)), h.id))


_WEIGHTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _weights(bank) -> dict[int, int]:
    """id → weight of the bank's weighted entries; read once per loaded index."""
    cached = _WEIGHTS.get(bank)
    if cached is not None and cached[0] is bank.index:
        return cached[1]
    out = {}
    for p in bank.phrases(origins=("shipped", "user", "imported")):
        for t in p.tags:
            if t.startswith(WEIGHT_TAG) and t[len(WEIGHT_TAG) :].isdigit():
                out[p.id] = int(t[len(WEIGHT_TAG) :])
    _WEIGHTS[bank] = (bank.index, out)
    return out


# ---------------------------------------------------------------- the draft's date
_DATE_RE = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?")
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def draft_date(signature_date: str, variables: dict[str, str]) -> str | None:
    """The ISO date a draft speaks from: its signature date, else its 日期 variable,
    else the end of its 年份; None when it names none (today decides)."""
    for raw in (signature_date, variables.get("日期", "")):
        iso = _parse_date(raw or "")
        if iso:
            return iso
    year = (variables.get("年份") or "").strip()
    if re.fullmatch(r"\d{4}", year):
        return f"{year}-12-31"
    return None


def _parse_date(text: str) -> str | None:
    m = _ISO_RE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DATE_RE.search(text)
        if not m:
            return None
        y, mo, d = int(m.group(1)), int(m.group(2) or 12), int(m.group(3) or 0)
        if not d:
            d = 31 if mo == 12 else (_dt.date(y, mo + 1, 1) - _dt.timedelta(days=1)).day
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None
