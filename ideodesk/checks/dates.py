"""The date a draft speaks from: what "current" means for the outdated-formulation rule."""

from __future__ import annotations

import datetime as _dt
import re

from ideodesk.checks.chars import normalize
from ideodesk.core.draft import Draft
from ideodesk.core.numbering import parse_chinese_numeral

_DIGITS_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?")
_CN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"
)
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")


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


def draft_date(draft: Draft, today: _dt.date | None = None) -> tuple[_dt.date, str]:
    """The signature date, else the 日期 variable, else ``today``; with where it came from."""
    found = parse_date(draft.signature.date)
    if found:
        return found, "signature"
    found = parse_date(draft.variables.get("日期", ""))
    if found:
        return found, "variable"
    return today or _dt.date.today(), "today"


def fmt_date(d: _dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
