""".docx export of a 100-page draft in the GB/T 9704 layout (target ≤ 1 s).

Baseline in the same run: python-docx writing the same paragraphs with no formatting
at all (``Document().add_paragraph(text)`` for each, then ``save``) — what any export
costs before a single layout rule.  Also printed: the .txt export, Traditional output
(OpenCC s2t), and the overhead of the progress generator at its finest granularity.
"""

from __future__ import annotations

import math
import random
import tempfile
from pathlib import Path

import docx
from _common import median_ms, report

from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.core.numbering import chinese_numeral
from ideodesk.export import Export, export_docx, export_txt
from ideodesk.export.layout import CHARS_PER_LINE, FIRST_LINE_INDENT_CHARS, LINES_PER_PAGE, text_width_chars

RUNS = 15
PAGES = 100
SENTENCES = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面落实意识形态工作责任制，",
    "牢牢掌握意识形态工作领导权、管理权、话语权，不断巩固壮大主流思想舆论。",
    "要把学习贯彻党的二十大精神作为首要政治任务，推动理论学习往深里走、往心里走、往实里走。",
    "聚焦群众急难愁盼问题，拿出务实管用的举措，切实把工作成效转化为群众的获得感。",
)


def estimated_lines(draft: Draft) -> int:
    """Lines on the 22 × 28 grid: each paragraph takes ceil((indent + width) / 28)."""
    lines = 0
    for block in draft.blocks():
        indent = FIRST_LINE_INDENT_CHARS if block.kind in ("body", "heading") else 0
        lines += max(1, math.ceil((indent + text_width_chars(block.text)) / CHARS_PER_LINE))
    return lines + 2  # the blank lines under the title and above the signature


def hundred_page_draft() -> Draft:
    """A speech of level-1 headings with run-in level-2 items, ≈ PAGES pages long."""
    rng = random.Random(1)

    def body() -> str:  # ≈ 150 characters (6 lines), varied so the zip cannot shrink it
        parts = rng.sample(SENTENCES, len(SENTENCES))
        return "".join(p.replace("工作", f"第{chinese_numeral(rng.randint(1, 99))}项工作", 1) for p in parts)

    sections: list[Section] = []
    draft = Draft(
        genre="speech",
        title="在全县意识形态工作会议上的讲话",
        addressee="同志们：",
        sections=sections,
        signature=Signature("中共某县委宣传部", "2024年7月1日"),
    )
    n = 0
    while estimated_lines(draft) < PAGES * LINES_PER_PAGE:
        n += 1
        sections.append(
            Section(
                type="measures",
                heading=f"突出重点，扎实推进第{chinese_numeral(n)}方面重点任务",
                paragraphs=[body()],
                children=[
                    Section(
                        type="measures", heading=f"强化责任担当{i}", run_in=True, paragraphs=[body(), body()]
                    )
                    for i in range(1, 4)
                ],
            )
        )
    return draft


def main() -> None:
    draft = hundred_page_draft()
    blocks = list(draft.blocks())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "讲话.docx"
        export_ms = median_ms(lambda: export_docx(draft, out), RUNS)
        size = out.stat().st_size

        def plain() -> None:
            document = docx.Document()
            for block in blocks:
                document.add_paragraph(block.text)
            document.save(str(Path(tmp) / "plain.docx"))

        baseline_ms = median_ms(plain, RUNS)
        windows_ms = median_ms(lambda: export_docx(draft, out, fonts="windows"), RUNS)
        traditional_ms = median_ms(lambda: export_docx(draft, out, traditional="s2t"), RUNS)
        txt_ms = median_ms(lambda: export_txt(draft, Path(tmp) / "讲话.txt"), RUNS)

        def with_progress() -> None:
            steps = sum(1 for _ in Export(draft, out).run())
            assert steps > 50

        progress_ms = median_ms(with_progress, RUNS)
    report(
        "export",
        {
            "paragraphs": len(blocks),
            "chars": draft.char_count(),
            "estimated_pages": round(estimated_lines(draft) / LINES_PER_PAGE, 1),
            "docx_bytes": size,
            "docx_export_median_ms": export_ms,
            "baseline_python_docx_plain_median_ms": baseline_ms,
            "ratio_to_baseline": round(export_ms / baseline_ms, 2),
            "docx_windows_fonts_median_ms": windows_ms,
            "docx_traditional_s2t_median_ms": traditional_ms,
            "docx_driven_by_progress_median_ms": progress_ms,
            "txt_export_median_ms": txt_ms,
            "target_ms": 1000,
            "runs": RUNS,
        },
    )


if __name__ == "__main__":
    main()
