"""Character classes and the 1:1 normalisation the checks match on.

Every check reports offsets into the text exactly as it stands in the draft, so the
normalisation here never changes a string's length: each character maps to exactly one
character (half-width punctuation to full-width, every quote mark to one quote, full-width
digits and letters to ASCII).  Traditional → Simplified is done separately by OpenCC and
only used when it keeps the length too.
"""

from __future__ import annotations

import re

from ideodesk.core.text import HAN

CJK_RANGES = HAN
CJK_CLASS = f"[{CJK_RANGES}]"
CJK_RE = re.compile(CJK_CLASS)

# Full-width punctuation that only occurs in Chinese text: a half-width mark beside one of
# these is in Chinese text too.
CN_PUNCT = "，。、；：！？“”‘’（）《》〈〉【】「」『』〔〕﹝﹞…—·"

CN_NUMERALS = "零〇○一二三四五六七八九十百"

QUOTE = '"'  # every quote mark becomes this one for matching


def _norm_table() -> dict[int, str]:
    table = {
        ",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）",
        "〔": "（", "〕": "）", "﹝": "（", "﹞": "）", "＊": "*", "　": " ",
    }  # fmt: skip
    for q in "“”‘’「」『』'＂＇":
        table[q] = QUOTE
    for i in range(10):
        table[chr(0xFF10 + i)] = str(i)
    for i in range(26):
        table[chr(0xFF21 + i)] = chr(0x41 + i)
        table[chr(0xFF41 + i)] = chr(0x61 + i)
    return {ord(k): v for k, v in table.items()}


_NORM = _norm_table()


def normalize(text: str) -> str:
    """Punctuation, quotes, digits and letters unified; same length as ``text``."""
    return text.translate(_NORM)


def is_cjk(ch: str) -> bool:
    return bool(ch) and CJK_RE.match(ch) is not None


def is_chinese_context(ch: str) -> bool:
    """A Chinese character or a full-width Chinese punctuation mark."""
    return bool(ch) and (CJK_RE.match(ch) is not None or ch in CN_PUNCT)


def numeral_readings(digits: str) -> tuple[str, ...]:
    """How an Arabic number is written in a formulation: 2 → 二/两/双, 20 → 二十, 19 → 十九."""
    from ideodesk.core.numbering import chinese_numeral

    n = int(digits)
    if n == 0:
        return ("零", "〇")
    base = chinese_numeral(n)
    return (base, "两", "双") if n == 2 else (base,)
