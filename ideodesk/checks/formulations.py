"""The table of standard formulations (``phrasebank/formulations*.tsv``) and its loader.

Columns and their meaning are documented in ``phrasebank/FORMULATIONS.md``.  The loader
validates every row (a typo in the table is reported with its file and line, never
silently ignored) and answers the two questions the rules ask: which rows are current on
a date, and what replaces a row that is not.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ideodesk import phrasebank_dir
from ideodesk.checks.chars import CJK_RE, normalize
from ideodesk.core.sections import SECTION_TYPES
from ideodesk.errors import IdeoError

if TYPE_CHECKING:
    from ideodesk.checks.matcher import FormulationIndex

COLUMNS = ("text", "kind", "sections", "valid_from", "valid_until", "replacement", "group", "check", "note")
KINDS = ("formulation", "sentence", "heading", "transition", "closing")
# repair: current wording, repaired when damaged, flagged by date outside its period;
# date: flagged outside its period wherever it occurs; current: flagged outside its period
# only where the text uses it as current (学习贯彻…, 以…为指导); none: phrase bank only.
CHECKS = ("repair", "date", "current", "none")
_HALF_PUNCT = re.compile(r"[,;:!?()\"']")


class FormulationTableError(IdeoError):
    """A row of the formulation table that cannot be used (file and line named)."""


@dataclass(frozen=True)
class Formulation:
    text: str
    kind: str = "formulation"
    sections: tuple[str, ...] = ()
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    replacement: str = ""
    group: str = ""
    check: str = "repair"
    note: str = ""
    file: str = ""
    line: int = 0
    norm: str = field(default="", compare=False)

    def current_on(self, day: _dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    @property
    def where(self) -> str:
        return f"{self.file} 第{self.line}行"


@dataclass
class FormulationTable:
    rows: list[Formulation]
    files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.by_group: dict[str, list[Formulation]] = {}
        for row in self.rows:
            if row.group:
                self.by_group.setdefault(row.group, []).append(row)
        self.norms = frozenset(r.norm for r in self.rows)
        self._index: FormulationIndex | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def successor(self, row: Formulation, day: _dt.date) -> str | None:
        """What to write instead of ``row`` on ``day``: its replacement, or the row of its
        group that is current then (the most recent one)."""
        if row.replacement:
            return row.replacement
        if row.group:
            current = [r for r in self.by_group[row.group] if r is not row and r.current_on(day)]
            if current:
                best = max(current, key=lambda r: r.valid_from or _dt.date.min)
                return best.text
        return None

    @property
    def index(self) -> FormulationIndex:
        """The matching structures (built on first use; see :mod:`ideodesk.checks.matcher`)."""
        if self._index is None:
            from ideodesk.checks.matcher import FormulationIndex

            self._index = FormulationIndex(self)
        return self._index


def _date(value: str, where: str, column: str) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise FormulationTableError(
            f"{where}：{column} 应为 YYYY-MM-DD 格式的日期，而不是 {value!r}"
        ) from None


def _check_text(text: str, where: str, column: str) -> None:
    if _HALF_PUNCT.search(text):
        raise FormulationTableError(f"{where}：{column} 含半角标点，应使用全角标点（，；：！？（）“”）")
    if text != text.strip() or "  " in text:
        raise FormulationTableError(f"{where}：{column} 首尾或中间有多余的空格")


def parse_rows(text: str, file: str) -> list[Formulation]:
    rows: list[Formulation] = []
    header_seen = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{file} 第{number}行"
        if not header_seen:
            if tuple(c.strip() for c in cells) != COLUMNS:
                raise FormulationTableError(f"{where}：表头应为 {'、'.join(COLUMNS)}（以制表符分隔）")
            header_seen = True
            continue
        if len(cells) > len(COLUMNS):
            raise FormulationTableError(f"{where}：列数过多（应为 {len(COLUMNS)} 列，以制表符分隔）")
        cells += [""] * (len(COLUMNS) - len(cells))
        values = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))
        text_ = values["text"]
        if not text_ or not CJK_RE.search(text_):
            raise FormulationTableError(f"{where}：text 为空或不含汉字")
        _check_text(text_, where, "text")
        if values["replacement"]:
            _check_text(values["replacement"], where, "replacement")
        kind = values["kind"] or "formulation"
        if kind not in KINDS:
            raise FormulationTableError(f"{where}：kind {kind!r} 无效，可选：{'、'.join(KINDS)}")
        sections = tuple(s for s in values["sections"].replace("，", ",").split(",") if s)
        for s in sections:
            if s not in SECTION_TYPES:
                raise FormulationTableError(f"{where}：sections 中的 {s!r} 不是已知的段落类型")
        check = values["check"] or "repair"
        if check not in CHECKS:
            raise FormulationTableError(f"{where}：check {check!r} 无效，可选：{'、'.join(CHECKS)}")
        start = _date(values["valid_from"], where, "valid_from")
        until = _date(values["valid_until"], where, "valid_until")
        if start and until and until < start:
            raise FormulationTableError(f"{where}：valid_until 早于 valid_from")
        if check in {"date", "current"} and not (start or until):
            raise FormulationTableError(f"{where}：check={check} 需要 valid_from 或 valid_until")
        rows.append(
            Formulation(
                text=text_,
                kind=kind,
                sections=sections,
                valid_from=start,
                valid_until=until,
                replacement=values["replacement"],
                group=values["group"],
                check=check,
                note=values["note"],
                file=file,
                line=number,
                norm=normalize(text_),
            )
        )
    if not header_seen:
        raise FormulationTableError(f"{file}：没有表头行")
    return rows


def load_table(folder: Path | str | None = None) -> FormulationTable:
    """All ``formulations*.tsv`` of ``folder`` (default: the shipped ``phrasebank/``)."""
    return _load(Path(folder) if folder is not None else phrasebank_dir())


@cache
def _load(folder: Path) -> FormulationTable:
    files = sorted(folder.glob("formulations*.tsv"))
    if not files:
        raise FormulationTableError(f"{folder}：找不到规范表述表 formulations.tsv，无法检查提法")
    rows: list[Formulation] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise FormulationTableError(f"{path}：无法读取（{e.__class__.__name__}）") from None
        for row in parse_rows(text, path.name):
            if row.norm in seen:
                raise FormulationTableError(f"{row.where}：与 {seen[row.norm]} 重复")
            seen[row.norm] = row.where
            rows.append(row)
    table = FormulationTable(rows, tuple(p.name for p in files))
    for row in rows:
        if row.group and row.check in {"date", "current"} and not table.by_group.get(row.group):
            raise FormulationTableError(f"{row.where}：分组 {row.group!r} 没有其他条目")
    return table
