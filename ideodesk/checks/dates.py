"""The date a draft speaks from: what "current" means for the date-dependent rules.

A draft's date is its own: the signature date, else a year in its title (2025年工作总结),
else its variables (日期, 成文日期, 年份).  A year gives a period (the whole year), a full
date a single day.  A draft with none of these is *undated*: rules then judge against
today only to say what may be out of date, name the finding 未注明日期, and never offer a
fix that depends on the date (which congress, which plenum is "current").
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ideodesk.checks.chars import normalize
from ideodesk.core.draft import Draft
from ideodesk.core.numbering import parse_chinese_numeral

_DIGITS_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?")
_CN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"
)
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# A year the title is about: 2025年, （2025年）, 2025年度 — not 2025—2027年 ranges' second half.
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
_DATE_VARIABLES = ("日期", "成文日期")
_YEAR_VARIABLES = ("年份", "年度")

# Where the date came from, for messages ("按成文日期…").
SOURCE_LABELS = {
    "signature": "成文日期",
    "variable": "成文日期",
    "title": "标题所署年份",
    "year": "所属年度",
    "given": "指定日期",
    "none": "今天",
}


def parse_date(text: str) -> _dt.date | None:
    """``2024年7月1日``, ``2024-07-01``, ``二〇二四年七月一日``, ``2024年7月`` → a date; else None."""
    if not text:
        return None
    s = normalize(text)
    try:
        m = _DIGITS_DATE.search(s)
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _CN_DATE.search(s)
        if m:
            year = int(m[1].translate(_CN_DIGIT))
            month = parse_chinese_numeral(m[2])
            day = parse_chinese_numeral(m[3]) if m[3] else 1
            if month and day:
                return _dt.date(year, month, day)
        m = _YEAR_MONTH.search(s)
        if m:
            return _dt.date(int(m[1]), int(m[2]), 1)
    except ValueError:  # 2024年13月 and the like: not a date
        return None
    return None


def parse_year(text: str) -> int | None:
    """The (first) year named in ``text``: 2025年, 二〇二五年, or a bare 2025."""
    if not text:
        return None
    s = normalize(text)
    m = _TITLE_YEAR.search(s)
    if m:
        return int(m[1])
    m = _CN_YEAR.search(s)
    if m:
        return int(m[1].translate(_CN_DIGIT))
    s = s.strip()
    return int(s) if re.fullmatch(r"(?:19|20)\d{2}", s) else None


@dataclass(frozen=True)
class DraftDate:
    """When a draft speaks: one day, or a period (a year), or unknown (``source == "none"``).

    ``day`` is the day rules judge by (the period's last day; today when undated);
    ``start`` the period's first day (== ``day`` for a full date)."""

    day: _dt.date
    start: _dt.date
    source: str


def _year_period(year: int, source: str, today: _dt.date) -> DraftDate | None:
    if not 1949 <= year <= today.year + 5:
        return None
    return DraftDate(_dt.date(year, 12, 31), _dt.date(year, 1, 1), source)


def resolve_date(draft: Draft, today: _dt.date | None = None) -> DraftDate:
    """The signature date, else the year of the title, else the variables; else undated."""
    today = today or _dt.date.today()
    found = parse_date(draft.signature.date)
    if found:
        return DraftDate(found, found, "signature")
    year = parse_year(draft.title)
    if year and (period := _year_period(year, "title", today)):
        return period
    for name in _DATE_VARIABLES:
        found = parse_date(draft.variables.get(name, ""))
        if found:
            return DraftDate(found, found, "variable")
    for name in _YEAR_VARIABLES:
        year = parse_year(draft.variables.get(name, ""))
        if year and (period := _year_period(year, "year", today)):
            return period
    return DraftDate(today, today, "none")


def draft_date(draft: Draft, today: _dt.date | None = None) -> tuple[_dt.date, str]:
    """The day and its source (see :func:`resolve_date`)."""
    d = resolve_date(draft, today)
    return d.day, d.source


def fmt_date(d: _dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
