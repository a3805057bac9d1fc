"""Lookups as the bank answers them: a query parsed into terms (pinyin initials, jieba
keywords for a long one), found and ranked on the index, and turned into :class:`Hit`s.

The functions read the index only; the caller (:class:`ideodesk.phrases.bank.PhraseBank`)
holds the bank's lock around them and sets the day that decides what is current.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ideodesk.phrases import finder, ranking
from ideodesk.phrases.index import RARE_MAX, LookupIndex
from ideodesk.phrases.model import Hit, clean_text

KEYWORD_MIN_LEN = 9  # longer queries also get jieba keyword matches
MAX_TAIL = 40  # completion looks at most this far back from the cursor


def query_terms(text: str) -> list[str]:
    """A query as its terms: cleaned like stored text, split at spaces."""
    return [t for t in clean_text(text or "").split(" ") if t]


@dataclass(frozen=True)
class Query:
    terms: list[str]
    pinyin: bool  # one term of Latin letters: matched against the initials
    words: list[str] = field(default_factory=list)  # jieba keywords of a long query


def parse_query(text: str, *, wait_for_words: bool = True) -> Query | None:
    """The query's terms, or None when it has none.  Segmented outside the bank's lock:
    jieba's first load takes a second, and other threads (record_use on insertion) must
    not wait for it; with ``wait_for_words=False`` it loads in the background instead
    and this query gets no keyword matches."""
    terms = query_terms(text)
    if not terms:
        return None
    from ideodesk.core.pinyin import is_initials_query

    if len(terms) == 1 and is_initials_query(terms[0]):
        return Query([terms[0].lower()], True)
    words: list[str] = []
    if sum(len(t) for t in terms) >= KEYWORD_MIN_LEN:
        from ideodesk.core import segment

        if wait_for_words or segment.is_loaded():
            words = [w for w in dict.fromkeys(segment.keywords(" ".join(terms))) if len(w) >= 2]
        else:
            segment.preload_in_background()
    return Query(terms, False, words)


def search(
    index: LookupIndex,
    q: Query,
    section: str | None,
    genre: str | None,
    limit: int | None,
    now: float,
    *,
    include_outdated: bool = False,
) -> list[Hit]:
    """Substring (or pinyin) matches, then keyword matches, then — when asked — the
    outdated ones (旧提法), up to ``limit`` (None: all)."""
    if q.pinyin:
        found = finder.find(index, q.terms, section, genre, limit, now, mode="pinyin")
        hits = [make_hit(index, pid, sc, "pinyin") for sc, pid, _ in found]
    else:
        found = finder.find(index, q.terms, section, genre, limit, now)
        hits = [make_hit(index, pid, sc, "prefix" if pre else "substring") for sc, pid, pre in found]
        if len(q.words) >= 2 and (limit is None or len(hits) < limit):
            more = keyword_hits(index, q.words, section, genre, now, {h.id for h in hits})
            hits.extend(more if limit is None else more[: limit - len(hits)])
    if include_outdated and (limit is None or len(hits) < limit):
        old = index.not_current(q.terms, q.pinyin)
        old = old if limit is None else old[: limit - len(hits)]
        hits.extend(make_hit(index, pid, 0.0, "pinyin" if q.pinyin else "substring") for pid in old)
    return hits


def complete(
    index: LookupIndex, tail: str, section: str | None, genre: str | None, limit: int, now: float
) -> list[Hit]:
    """Formulations whose beginning ends ``tail``; ``Hit.completion`` is the rest."""
    out = []
    for sc, pid, k in finder.completions(index, tail, section, genre, limit, now):
        hit = make_hit(index, pid, sc, "completion")
        out.append(replace(hit, completion=hit.text[k:], overlap=k))
    return out


def completion_tail(text_before_cursor: str) -> str:
    """What completion looks at: the cleaned end of the text before the cursor."""
    return clean_text(text_before_cursor[-MAX_TAIL * 2 :])[-MAX_TAIL:]


def current_clause(text: str) -> str:
    """The end of the text back to the last punctuation mark or space."""
    tail = clean_text(text[-MAX_TAIL * 2 :])
    for i in range(len(tail) - 1, -1, -1):
        if tail[i] in "，。；：、！？“”（）《》 ":
            return tail[i + 1 :]
    return tail


def in_section(
    index: LookupIndex, section: str, genre: str | None, kinds, limit: int, now: float
) -> list[Hit]:
    """Current phrases written for ``section`` (of ``kinds``), scored as lookups are."""
    score = ranking.scorer(index, section, genre, now)
    found = [(score(pid, False), pid) for pid in index.in_section(section, kinds, limit)]
    found.sort(key=lambda r: (-r[0], r[1]))
    return [make_hit(index, pid, sc, "section") for sc, pid in found]


def keyword_hits(
    index: LookupIndex,
    words: list[str],
    section: str | None,
    genre: str | None,
    now: float,
    exclude: set[int],
) -> list[Hit]:
    """Phrases sharing most of the query's words (jieba), weighted by rarity: at least
    two of them and a third of the weight; ranked by that share, then as usual."""
    n = max(1, index.count)
    df = {w: index.doc_freq(w) for w in words}
    weight = {w: math.log(1 + n / (1 + df[w])) for w in words}
    total = sum(weight.values())
    present = sorted((w for w in words if df[w]), key=lambda w: df[w])
    anchors = [w for w in present if df[w] <= max(RARE_MAX * 4, n // 5)][:3] or present[:1]
    pool: set[int] = set()
    for w in anchors:
        pool.update(finder.containing(index, w))
    score = ranking.scorer(index, section, genre, now)
    scored = []
    for pid in pool - exclude:
        t = index.text[pid]
        matched = [w for w in words if w in t]  # type: ignore[operator]
        if len(matched) < 2:
            continue
        cover = sum(weight[w] for w in matched) / total
        if cover < 0.35:
            continue
        scored.append((score(pid, False) + 80.0 * cover - 40.0, pid))
    scored.sort(key=lambda r: (-r[0], r[1]))
    return [make_hit(index, pid, sc, "keyword") for sc, pid in scored]


def make_hit(index: LookupIndex, pid: int, score: float, match: str) -> Hit:
    return Hit(
        id=pid,
        text=index.text[pid] or "",
        kind=index.kind(pid),
        section_types=index.sections(pid),
        genres=index.genres(pid),
        score=score,
        match=match,
        status=index.status(pid),
        favourite=bool(index.fav[pid]),
        uses=index.uses[pid],
        origin=index.origin(pid),
    )
