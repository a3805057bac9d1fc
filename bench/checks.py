"""All checks over a 100-page draft (≈ 62 000 characters), target ≤ 200 ms: fast enough to
run on every pause in typing.

The draft is built from the corpus (``tests/data/corpus``; a built-in sample when it is not
there), cleaned as the importer cleans (Simplified, full-width punctuation, pinyin
annotations removed), under a speech outline — so it carries the corpus's real slips
(repeated paragraphs, numbering gaps, masked and dropped formulations) rather than none.

Baselines in the same run: one regular expression over every paragraph (the least any
check can cost), and the naive formulation scan — every row of the formulation table
searched in every paragraph with ``str.find`` (exact matches only, no damage found).
Figures: the median of a cold run (caches cleared, as if every paragraph had changed) and
of repeated runs on the unchanged draft (what a typing pause costs: the formulation
matcher remembers unchanged paragraphs), plus each rule alone.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from _common import median_ms, report

from ideodesk.checks import RULES, load_table, run_checks
from ideodesk.checks.runner import make_context
from ideodesk.core.convert import to_simplified
from ideodesk.core.draft import Draft, Section, Signature

RUNS = 15
PAGE_CHARS = 22 * 28  # GB/T 9704: 22 lines of 28 characters
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
# 形態(tài): pinyin annotations, removed by the importer's cleaning
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[1-4]?\)")
_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})
FALLBACK = [
    "近年来，我局高度重视意识形态工作，坚持以习近平新时代中国特色社会主义思想为指导，"
    "全面落实意识形态工作责任制，牢牢掌握意识形态工作领导权、管理权、话语权。",
    "（一）加强理论学习。坚持“第一议题”制度，深入学习贯彻党的二十大精神，推动学习往深里走、往心里走、往实里走。",
    "一是压实工作责任；二是加强阵地管理；三是做好舆情应对。",
]


def corpus_paragraphs() -> list[str]:
    paras: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = _PINYIN.sub("", to_simplified(path.read_text(encoding="utf-8"))).translate(_HALF)
        paras += [line.strip() for line in text.splitlines() if len(line.strip()) >= 8]
    return paras or FALLBACK


def big_draft(pages: int = 100) -> Draft:
    pool = corpus_paragraphs()
    target = pages * PAGE_CHARS
    sections: list[Section] = []
    chars, k = 0, 0
    while chars < target:
        children = []
        for c in range(3):
            paras = [pool[(k + x) % len(pool)] for x in range(4)]
            k += 4
            chars += sum(len(p) for p in paras)
            children.append(
                Section(type="measures", heading=f"强化第{c + 1}项措施", run_in=True, paragraphs=paras)
            )
        sections.append(Section(type="measures", heading="突出重点，扎实推进各项工作", children=children))
    return Draft(
        genre="speech",
        title="在全县意识形态工作会议上的讲话",
        addressee="同志们：",
        sections=sections,
        signature=Signature("中共某县委宣传部", "2024年7月1日"),
    )


def main() -> None:
    draft = big_draft()
    table = load_table()
    assert table.index is not None  # the table loads once per process, not per check
    run_checks(draft, table=table)  # warm: OpenCC, the word list, pypinyin
    chars = draft.char_count()
    paragraphs = [p for _, s in draft.walk() for p in s.paragraphs]

    def cold() -> None:
        table.index.clear_caches()  # as if every paragraph had changed since the last run
        run_checks(draft, table=table)

    cold_ms = median_ms(cold, RUNS)
    warm_ms = median_ms(lambda: run_checks(draft, table=table), RUNS)
    half = re.compile(r"[,;:!?()]")
    regex_ms = median_ms(lambda: [m.start() for p in paragraphs for m in half.finditer(p)], RUNS)
    rows = [r.text for r in table.rows]
    naive_ms = median_ms(lambda: [p.find(r) for p in paragraphs for r in rows], 3, warmup=1)
    ctx = make_context(draft, table=table)
    per_rule = {}
    for name, rule in RULES.items():
        table.index.clear_caches()
        t0 = time.perf_counter()
        rule(ctx)
        per_rule[name] = round((time.perf_counter() - t0) * 1000, 2)
    context_ms = median_ms(lambda: make_context(draft, table=table), RUNS)
    findings = run_checks(draft, table=table)
    report(
        "checks",
        {
            "draft_chars": chars,
            "draft_pages": round(chars / PAGE_CHARS, 1),
            "paragraphs": len(paragraphs),
            "formulations": len(table),
            "findings": len(findings),
            "run_checks_cold_median_ms": cold_ms,
            "run_checks_warm_median_ms": warm_ms,
            "baseline_one_regex_median_ms": regex_ms,
            "baseline_naive_formulation_scan_median_ms": naive_ms,
            "reading_the_draft_ms": context_ms,
            "per_rule_cold_ms": per_rule,
            "target_ms": 200,
            "runs": RUNS,
        },
    )


if __name__ == "__main__":
    main()
