"""What the importer changed in a source file, reported as findings when ``check`` is
given a .txt/.docx: a clerk checking their own file sees what is wrong *in the file*,
although the checks run on the cleaned text (half-width punctuation, a title with what a
site added, web-page lines, Traditional characters)."""

from __future__ import annotations

from collections import Counter

from ideodesk.checks.model import INFO, TITLE, WARNING, Finding, Location
from ideodesk.core.draft import Draft
from ideodesk.core.outline import FileRecovery

RULE = "source_cleaned"


def source_findings(recovery: FileRecovery, draft: Draft) -> list[Finding]:
    """One finding per kind of change import made to the file (on the draft's title)."""
    at_title = Location(TITLE, None, None, 0, 0)  # about the file, not a span of the draft
    out: list[Finding] = []

    def add(severity: str, message: str, text: str = "", replacement: str | None = None) -> None:
        out.append(Finding(RULE, severity, message, at_title, text, replacement, section_label="原文件"))

    if recovery.halfwidth:
        add(WARNING, f"原文件中有 {recovery.halfwidth} 处半角标点，导入时已改为全角；请在原文件中一并改正")
    found = str(draft.extra.get("title_as_found", ""))
    if found and found != draft.title:
        add(WARNING, f"原文件的标题行是“{found}”，其中网站附加的文字已去掉", found)
    if recovery.removed:
        kinds = Counter(reason for _, reason in recovery.removed)
        listed = "、".join(f"{reason} {n} 行" for reason, n in kinds.most_common())
        add(INFO, f"原文件中有网页附加内容，导入时已删去：{listed}")
    if recovery.was_traditional:
        add(WARNING, "原文件是繁体字，导入时已转为简体")
    return out
