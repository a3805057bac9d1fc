"""``ideodesk check SOURCE [--json] [--date YYYY-MM-DD]``: the checks before hand-in.

Exit code 0 whether or not there are findings (a finding is a result, not a failure);
2 when SOURCE cannot be read.  The human listing says where (section path and paragraph,
as the clerk sees them in the document) and what to write instead.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ideodesk.commands.common import load_source, print_json
from ideodesk.errors import IdeoError

if TYPE_CHECKING:
    from ideodesk.checks.model import Finding


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="交稿前校对：占位符、序号、标点、繁体字、重复段落、过时或残缺的提法")
    p.add_argument("source", metavar="SOURCE", help="草稿编号、草稿 JSON 文件，或 .txt/.docx 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出全部问题")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="按此日期判断过时提法（默认取落款日期，其次标题中的年份，再次“日期”“年份”变量；"
        "都没有时只提示、不自动修改）",
    )
    p.set_defaults(func=run)


def _parse_date(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise IdeoError(f"日期 {value!r} 格式错误，应为 YYYY-MM-DD（如 2024-07-01）") from None


def run(args: argparse.Namespace) -> int:
    from ideodesk.checks import run_checks  # the table and OpenCC load only for this command
    from ideodesk.checks.model import SEVERITY_LABELS

    date = _parse_date(args.date)
    draft = load_source(args.source, args)
    findings = run_checks(draft, date=date)
    if Path(args.source).suffix.lower() in {".txt", ".docx"} and Path(args.source).is_file():
        findings = _source_findings(args.source, draft) + findings
    if args.json:
        print_json([f.to_dict() for f in findings])
        return 0
    title = draft.title or args.source
    if not findings:
        print(f"《{title}》：未发现问题")
        return 0
    counts = Counter(f.severity for f in findings)
    summary = "，".join(
        f"{SEVERITY_LABELS[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s]
    )
    print(f"《{title}》：发现 {len(findings)} 处问题（{summary}）")
    for line in human_lines(findings):
        print(line)
    return 0


def _source_findings(source: str, draft) -> list:
    """What import changed in the file itself (the checks ran on the cleaned text)."""
    from ideodesk.checks.source import source_findings
    from ideodesk.core.outline import recover_file
    from ideodesk.core.reading import read_source

    result = recover_file(read_source(Path(source)))
    return source_findings(result, draft) if result.documents else []


def human_lines(findings: list[Finding]) -> list[str]:
    """One line per finding; runs of the same small fix in one paragraph (a dozen
    half-width commas) are folded into one line with their count."""
    from ideodesk.checks.model import HEADING, PARAGRAPH, SEVERITY_LABELS

    lines: list[str] = []
    i = 0
    while i < len(findings):
        f = findings[i]
        j = i + 1
        while (
            j < len(findings)
            and findings[j].rule == f.rule
            and findings[j].message == f.message
            and _place(findings[j]) == _place(f)
        ):
            j += 1
        loc = f.location
        if loc.field == PARAGRAPH:
            where = f"{f.section_label} 第{loc.paragraph}段"
        elif loc.field == HEADING:
            where = f"{f.section_label} 标题"
        else:
            where = f.section_label
        if loc.end > loc.start:
            where += f" 第{loc.start + 1}字" if j - i == 1 else f" 第{loc.start + 1}字等{j - i}处"
        line = f"{where}  [{SEVERITY_LABELS.get(f.severity, f.severity)}] {f.message}"
        if f.replacement is not None:
            shown = f.replacement if f.replacement else "（删除）"
            line += f"  → 改为：{shown}"
        lines.append(line)
        i = j
    return lines


def _place(f: Finding) -> tuple:
    loc = f.location
    return (loc.field, loc.section, loc.paragraph)
