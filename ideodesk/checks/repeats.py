"""Rule ``repeated_paragraph``: a paragraph that already occurs earlier in the draft.

Material assembled from several sources repeats itself (the corpus has whole paragraphs
twice and three times).  Exact repeats are compared after dropping punctuation and
spaces and folding Traditional to Simplified; near repeats by the overlap of character
trigrams, looked up through a small sketch of each paragraph so a long draft is not
compared pair by pair.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ideodesk.checks.chars import CJK_RANGES
from ideodesk.checks.model import PARAGRAPH, WARNING, CheckContext, Finding, Unit

_KEEP = re.compile(f"[{CJK_RANGES}A-Za-z0-9]+")
MIN_EXACT = 15  # shorter paragraphs (特此报告。) may well repeat
MIN_NEAR = 30
NEAR_JACCARD = 0.8
NEAR_CONTAINED = 0.92
_SKETCH = 16  # trigrams per paragraph in the index
_MAX_POSTING = 40  # a trigram in more paragraphs than this says nothing
_MAX_COMPARE = 4  # compare with the few paragraphs sharing the most sampled trigrams


def _key(unit: Unit) -> str:
    return "".join(_KEEP.findall(unit.simplified))


def check_repeated_paragraphs(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    first: dict[str, Unit] = {}
    grams: list[tuple[Unit, str, frozenset[str]]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for unit in ctx.units:
        if unit.field != PARAGRAPH:
            continue
        key = _key(unit)
        if len(key) < MIN_EXACT:
            continue
        earlier = first.get(key)
        if earlier is not None:
            msg = f"与{earlier.where}完全重复，建议删除"
            out.append(
                ctx.finding(
                    "repeated_paragraph",
                    WARNING,
                    unit,
                    0,
                    len(unit.text),
                    msg,
                    "",
                    related=earlier.loc(0, len(earlier.text)),
                )
            )
            continue
        first[key] = unit
        if len(key) < MIN_NEAR:
            continue
        tri = frozenset(map("".join, zip(key, key[1:], key[2:], strict=False)))
        # Bottom-k sketch: the k smallest trigrams.  Near-identical paragraphs share most
        # of them, so they meet in the postings without comparing every pair.
        sample = sorted(tri)[:_SKETCH]
        me = len(grams)
        counts: dict[int, int] = defaultdict(int)
        for g in sample:
            plist = postings[g]
            if len(plist) <= _MAX_POSTING:
                for other in plist:
                    counts[other] += 1
            plist.append(me)
        grams.append((unit, key, tri))
        best: tuple[float, Unit] | None = None
        need = max(3, int(len(sample) * 0.5))
        likely = sorted((h, -o) for o, h in counts.items() if h >= need)[-_MAX_COMPARE:]
        for _, neg in reversed(likely):
            o_unit, _, o_tri = grams[-neg]
            inter = len(tri & o_tri)
            jaccard = inter / (len(tri) + len(o_tri) - inter)
            contained = inter / min(len(tri), len(o_tri))
            sim = max(jaccard, contained if contained >= NEAR_CONTAINED else 0.0)
            if sim >= NEAR_JACCARD and (best is None or sim > best[0]):
                best = (sim, o_unit)
        if best is not None:
            sim, o_unit = best
            msg = f"与{o_unit.where}高度相似（约{round(sim * 100)}%），请核对是否重复"
            out.append(
                ctx.finding(
                    "repeated_paragraph",
                    WARNING,
                    unit,
                    0,
                    len(unit.text),
                    msg,
                    related=o_unit.loc(0, len(o_unit.text)),
                )
            )
    return out


# ------------------------------------------------------------------ sentences
MIN_SENTENCE = 20  # 会议强调，要提高认识。 may well be said twice
_SENTENCE = re.compile(r"[^。！？]*[。！？]+”?")


def check_repeated_sentences(ctx: CheckContext) -> list[Finding]:
    """Rule ``repeated_sentence``: a sentence said again inside other text (web copies
    and assembled material duplicate sentences, not only paragraphs).  A sentence right
    after its own copy gets the fix (delete it); one further away is pointed at."""
    out: list[Finding] = []
    seen_paragraphs: set[str] = set()
    first: dict[str, tuple[Unit, int, int]] = {}
    for unit in ctx.units:
        if unit.field != PARAGRAPH:
            continue
        whole = _key(unit)
        if whole in seen_paragraphs:
            continue  # the whole paragraph repeats: repeated_paragraph reports it
        seen_paragraphs.add(whole)
        previous_end = -1
        for m in _SENTENCE.finditer(unit.text):
            key = "".join(_KEEP.findall(m.group()))
            if len(key) < MIN_SENTENCE:
                previous_end = m.end()
                continue
            earlier = first.get(key)
            if earlier is None:
                first[key] = (unit, m.start(), m.end())
            else:
                o_unit, o_start, o_end = earlier
                adjacent = o_unit is unit and o_end == m.start() == previous_end
                message = (
                    "与前一句完全重复，建议删除" if adjacent else f"与{o_unit.where}的一句完全重复，请核对"
                )
                out.append(
                    ctx.finding(
                        "repeated_sentence",
                        WARNING,
                        unit,
                        m.start(),
                        m.end(),
                        message,
                        "" if adjacent else None,
                        related=o_unit.loc(o_start, o_end),
                    )
                )
            previous_end = m.end()
    return out
