"""Character classes and the 1:1 normalisation the checks match on.

Every check reports offsets into the text exactly as it stands in the draft, so the
normalisation here never changes a string's length: each character maps to exactly one
character (half-width punctuation to full-width, every quote mark to one quote, full-width
digits and letters to ASCII).  Traditional → Simplified is done separately by OpenCC and
only used when it keeps the length too.
"""

from __future__ import annotations

import re

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CLASS = f"[{CJK_RANGES}]"
CJK_RE = re.compile(CJK_CLASS)

# Full-width punctuation that only occurs in Chinese text: a half-width mark beside one of
# these is in Chinese text too.
CN_PUNCT = "，。、；：！？“”‘’（）《》〈〉【】「」『』〔〕﹝﹞…—·"

CN_NUMERALS = "零〇○一二三四五六七八九十百"
_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGIT |= {"六": 6, "七": 7, "八": 8, "九": 9}

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


def cn_to_int(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23, 一百零五 → 105; None if not a numeral."""
    if not numeral:
        return None
    if "百" in numeral:
        head, _, rest = numeral.partition("百")
        hundreds = _CN_DIGIT.get(head, 1 if not head else -1)
        rest = rest.lstrip("零〇")
        tail = cn_to_int(rest) if rest else 0
        if hundreds < 0 or tail is None:
            return None
        return hundreds * 100 + tail
    if "十" in numeral:
        head, _, tail = numeral.partition("十")
        tens = _CN_DIGIT.get(head, 1 if not head else -1)
        ones = _CN_DIGIT.get(tail, 0 if not tail else -1)
        if tens < 0 or ones < 0 or len(tail) > 1:
            return None
        return tens * 10 + ones
    if len(numeral) == 1 and numeral in _CN_DIGIT:
        return _CN_DIGIT[numeral]
    return None


def numeral_readings(digits: str) -> tuple[str, ...]:
    """How an Arabic number is written in a formulation: 2 → 二/两/双, 20 → 二十, 19 → 十九."""
    from ideodesk.core.numbering import chinese_numeral

    n = int(digits)
    if n == 0:
        return ("零", "〇")
    base = chinese_numeral(n)
    return (base, "两", "双") if n == 2 else (base,)
