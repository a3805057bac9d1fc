"""Rule ``date_format``: dates written against GB/T 9704—2012 7.3.5.4.

The 成文日期 is written in Arabic numerals with year, month and day in full, the year not
shortened and month and day without padding (1, not 01): ``2024年7月1日``.  Zero-padded
dates (``2024年07月01日``) and dates in Chinese numerals (``二〇二四年七月一日``) are
flagged with that form as the fix — in the signature as a warning, in the text as a hint
(the same standard governs dates in the body of a 公文).
"""

from __future__ import annotations

import re

from ideodesk.checks.model import DATE, INFO, ISSUER, WARNING, CheckContext, Finding
from ideodesk.core.numbering import parse_chinese_numeral

_PADDED = re.compile(r"(?<![0-9])([0-9]{4})年(0?[0-9]{1,2})月(?:(0?[0-9]{1,2})日)?")
_CN = re.compile(
    "([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"
)
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_WHY = "（GB/T 9704—2012 第7.3.5.4条：用阿拉伯数字将年、月、日标全，月、日不编虚位）"


def _arabic(year: int, month: int, day: int | None) -> str | None:
    if not (1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year}年{month}月" + (f"{day}日" if day is not None else "")


def _padded(m: re.Match[str]) -> str | None:
    month, day = m[2], m[3]
    if not (month.startswith("0") or (day or "").startswith("0")):
        return None
    return _arabic(int(m[1]), int(month), int(day) if day else None)


def _chinese(m: re.Match[str]) -> str | None:
    month = parse_chinese_numeral(m[2])
    day = parse_chinese_numeral(m[3]) if m[3] else None
    if not month or (m[3] and not day):
        return None
    return _arabic(int(m[1].translate(_CN_DIGIT)), month, day)


def check_date_format(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for unit in ctx.units:
        severity = WARNING if unit.field in {DATE, ISSUER} else INFO
        text = unit.simplified if len(unit.simplified) == len(unit.text) else unit.text
        for pattern, fix_of, what in (
            (_PADDED, _padded, "月、日不应补零"),
            (_CN, _chinese, "应使用阿拉伯数字"),
        ):
            for m in pattern.finditer(text):
                fix = fix_of(m)
                if fix is None:
                    continue
                s, e = m.span()
                msg = f"日期“{unit.text[s:e]}”{what}，应写作“{fix}”{_WHY}"
                out.append(ctx.finding("date_format", severity, unit, s, e, msg, fix))
    return out
