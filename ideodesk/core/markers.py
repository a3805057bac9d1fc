"""Numbering markers of DESIGN §5 at the start of a line (``一、``, ``（一）``, ``1.``,
``（1）``, ``①``, ``一是``, ``一要``, ``第一，``, ``首先，``, ``——``) and the number they carry."""

from __future__ import annotations

import re

from ideodesk.core.numbering import parse_chinese_numeral

NUMERALS = "一二三四五六七八九十百"
_MARKERS: list[tuple[str, re.Pattern]] = [
    ("cn_paren", re.compile(rf"^[（(]\s*[{NUMERALS}]{{1,3}}\s*[）)]\s*")),
    ("empty_paren", re.compile(r"^[（(]\s*[）)]\s*(?=\S)")),  # the number lost in copying: ()组织…
    ("article", re.compile(rf"^第[{NUMERALS}]{{1,3}}条(?:\s+|(?=\S))")),
    ("arabic_paren", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
    ("circled", re.compile("^[\u2460-\u2473]\\s*")),
    ("diyi", re.compile(rf"^第[{NUMERALS}]{{1,3}}[，、：]\s*")),
    ("cn", re.compile(rf"^[{NUMERALS}]{{1,3}}\s*[、．.]\s*(?!\d)")),
    ("arabic", re.compile(r"^\d{1,2}\s*(?:[.．](?!\d)|、)\s*")),
    ("yishi", re.compile(rf"^[{NUMERALS}]{{1,3}}是(?=[^\s，。])")),
    ("yiyao", re.compile(rf"^[{NUMERALS}]{{1,3}}要(?=[^\s，。求素])")),
    ("shouxian", re.compile(r"^(?:首先|其次|再次|最后)[，：]\s*")),
    ("dash", re.compile(r"^——(?=[^—\s]{5})")),  # not ``——习近平`` (a quotation's source)
]
RUN_IN_STYLES = {"yishi", "yiyao", "diyi", "shouxian", "dash"}


def parse_marker(line: str, open_styles: set[str] | None = None) -> tuple[str, str] | None:
    """``（一）加强…`` → ("cn_paren", "加强…"); None for a line without a numbering marker."""
    for style, pattern in _MARKERS:
        m = pattern.match(line)
        if not m:
            continue
        if style == "shouxian" and not line.startswith("首先") and "shouxian" not in (open_styles or set()):
            return None  # 其次/最后 alone is ordinary prose
        rest = line[m.end() :].strip()
        if not rest:
            return None
        if style == "article" and (len(rest) > 15 or re.search("[，。；：、,.;:]", rest)):
            return None  # 第三条 followed by its text: an article, not a heading
        return style, rest
    return None


def marker_value(line: str) -> int:
    """The number a marker line carries (一、→1, （十二）→12, （一百零五）→105, 3.→3, ①→1,
    首先→1); 0 if none."""
    if line.startswith("首先"):
        return 1
    if "\u2460" <= line[:1] <= "\u2473":
        return ord(line[0]) - 0x2460 + 1
    m = re.match(r"^[（(]?第?(\d{1,3}|[一二三四五六七八九十百零〇]{1,5})", line)
    if not m:
        return 0
    token = m.group(1)
    return int(token) if token.isdigit() else parse_chinese_numeral(token) or 0
