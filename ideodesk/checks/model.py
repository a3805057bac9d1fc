"""The plain data of the checks: where a finding is, what it says, and the text units the
rules read.  No rule logic lives here."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ideodesk.core.draft import Draft, Path

if TYPE_CHECKING:
    from ideodesk.checks.formulations import FormulationTable

# Severity ids, most serious first, with the labels the UI and the CLI show.
ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}

# Rule ids (stable: the GUI, the JSON output and the tests use them) and their labels.
RULE_LABELS: dict[str, str] = {
    "bidi_control": "文字方向控制符",
    "damaged_formulation": "规范表述残缺",
    "outdated": "过时提法",
    "formula": "提法成员或顺序",
    "slot": "变量未填写",
    "placeholder": "占位符未替换",
    "numbering": "序号",
    "traditional": "繁体字",
    "doubled_punct": "标点重复",
    "halfwidth_punct": "半角标点",
    "unbalanced": "括号引号不配对",
    "repeated_char": "字词重复",
    "date_format": "日期格式",
    "repeated_paragraph": "段落重复",
    "repeated_sentence": "句子重复",
    "source_cleaned": "原文件已清理",
}

# Where a unit of text lives in the draft.
TITLE, ADDRESSEE, HEADING, PARAGRAPH, ISSUER, DATE = (
    "title", "addressee", "heading", "paragraph", "issuer", "date",
)  # fmt: skip
FIELD_LABELS = {TITLE: "标题", ADDRESSEE: "称谓/主送", ISSUER: "落款", DATE: "成文日期"}


@dataclass(frozen=True)
class Location:
    """A character span in one stored text of the draft.

    ``field`` is title / addressee / heading / paragraph / issuer / date.  ``section`` is
    the section's path (child indices from the top) for headings and paragraphs, ``None``
    for the draft-level fields.  ``paragraph`` counts the section's paragraphs from 1; the
    heading is paragraph 0; ``None`` for draft-level fields.  ``start``/``end`` are offsets
    into that stored text (the heading without its derived number), end exclusive.
    """

    field: str
    section: Path | None
    paragraph: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str  # one Chinese sentence
    location: Location
    text: str  # the flagged text as it stands
    replacement: str | None = None  # the fix (replaces ``text``), None when there is none
    section_label: str = ""  # "二/（一）": how a clerk finds the place
    related: Location | None = None  # e.g. the earlier copy of a repeated paragraph

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        out: dict[str, Any] = {
            "rule": self.rule,
            "rule_label": RULE_LABELS.get(self.rule, self.rule),
            "severity": self.severity,
            "severity_label": SEVERITY_LABELS.get(self.severity, self.severity),
            "message": self.message,
            "text": self.text,
            "replacement": self.replacement,
            "location": {
                "section": self.section_label,
                "path": list(loc.section) if loc.section is not None else None,
                "field": loc.field,
                "paragraph": loc.paragraph,
                "start": loc.start,
                "end": loc.end,
            },
        }
        if self.related is not None:
            r = self.related
            out["related"] = {
                "path": list(r.section) if r.section is not None else None,
                "field": r.field,
                "paragraph": r.paragraph,
                "start": r.start,
                "end": r.end,
            }
        return out


@dataclass(frozen=True)
class Unit:
    """One stored text of the draft, in reading order, with what the rules need of it.

    ``simplified`` is the OpenCC t2s form; ``norm`` is the 1:1 normalised form the
    formulation rules match on (Simplified when t2s kept the length).
    """

    index: int
    field: str
    section: Path | None
    paragraph: int | None
    text: str
    label: str  # section label for messages: "二/（一）", "标题", …
    simplified: str
    norm: str
    level: int = 0  # level of the section (1–4), 0 for draft-level fields
    derived_style: str | None = None  # numbering style of this section's own label

    def loc(self, start: int, end: int) -> Location:
        return Location(self.field, self.section, self.paragraph, start, end)

    @property
    def where(self) -> str:
        """The place in words: "二/（一） 第2段"."""
        if self.field == HEADING:
            return f"{self.label} 标题"
        if self.field == PARAGRAPH:
            return f"{self.label} 第{self.paragraph}段"
        return self.label


@dataclass
class CheckContext:
    """What every rule receives: the draft, its text units and the facts they share."""

    draft: Draft
    units: list[Unit]
    date: _dt.date  # the day the draft is judged by (see checks.dates.DraftDate.day)
    date_source: str  # "signature", "title", "variable", "year", "given" or "none" (undated)
    table: FormulationTable
    cache: dict[str, Any] = field(default_factory=dict)  # shared per-run results
    period_start: _dt.date | None = None  # the first day of a period (a year); None: one day

    @property
    def start(self) -> _dt.date:
        return self.period_start or self.date

    @property
    def undated(self) -> bool:
        return self.date_source == "none"

    @property
    def genre(self) -> str:
        return self.draft.genre

    def finding(
        self,
        rule: str,
        severity: str,
        unit: Unit,
        start: int,
        end: int,
        message: str,
        replacement: str | None = None,
        related: Location | None = None,
    ) -> Finding:
        return Finding(
            rule=rule,
            severity=severity,
            message=message,
            location=unit.loc(start, end),
            text=unit.text[start:end],
            replacement=replacement,
            section_label=unit.label,
            related=related,
        )
