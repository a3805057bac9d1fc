"""Numbering styles of DESIGN §5 and how a number is rendered.

Numbers are never stored with headings: a section's label is derived from its level,
its position among its *headed* siblings and the style its parent gives its children.
"""

from __future__ import annotations

from dataclasses import dataclass

_DIGITS = "零一二三四五六七八九"


_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGIT |= {"六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (n ≥ 1)."""
    if n < 1:
        raise ValueError("numbering starts at 1")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + _DIGITS[rest]
    elif rest < 20:
        tail = "一" + chinese_numeral(rest)  # 一百一十五, not 一百十五
    else:
        tail = chinese_numeral(rest)
    return chinese_numeral(hundreds) + "百" + tail


def parse_chinese_numeral(numeral: str) -> int | None:
    """The inverse of :func:`chinese_numeral`, the app's one numeral parser: 一 → 1,
    十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23, 一百零五 → 105; None if not a numeral."""
    if not numeral:
        return None
    if "百" in numeral:
        head, _, rest = numeral.partition("百")
        hundreds = _CN_DIGIT.get(head, 1 if not head else -1)
        rest = rest.lstrip("零〇")
        tail = parse_chinese_numeral(rest) if rest else 0
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


@dataclass(frozen=True)
class NumberingStyle:
    id: str
    label: str  # shown in the UI's style chooser
    run_in: bool  # styles that normally sit inside a paragraph (一是…)

    def render(self, index: int, count: int) -> str:
        """The label of the ``index``-th (0-based) of ``count`` numbered siblings."""
        n = index + 1
        if self.id == "cn":
            return f"{chinese_numeral(n)}、"
        if self.id == "cn_paren":
            return f"（{chinese_numeral(n)}）"
        if self.id == "arabic":
            return f"{n}."
        if self.id == "arabic_paren":
            return f"（{n}）"
        if self.id == "yishi":
            return f"{chinese_numeral(n)}是"
        if self.id == "yiyao":
            return f"{chinese_numeral(n)}要"
        if self.id == "diyi":
            return f"第{chinese_numeral(n)}，"
        if self.id == "shouxian":
            return _sequence_word(index, count) + "，"
        if self.id == "dash":
            return "——"
        if self.id == "article":
            return f"第{chinese_numeral(n)}条\u3000"
        raise ValueError(f"unknown numbering style {self.id!r}")


def _sequence_word(index: int, count: int) -> str:
    """首先 / 其次 / 再次 / … / 最后 for a run of ``count`` items."""
    if index == 0:
        return "首先"
    if index == count - 1 and count >= 3:
        return "最后"
    middle = ("其次", "再次", "此外", "同时", "另外")
    return middle[min(index - 1, len(middle) - 1)]


STYLES: dict[str, NumberingStyle] = {
    s.id: s
    for s in (
        NumberingStyle("cn", "一、", False),
        NumberingStyle("cn_paren", "（一）", False),
        NumberingStyle("arabic", "1.", False),
        NumberingStyle("arabic_paren", "（1）", False),
        NumberingStyle("yishi", "一是", True),
        NumberingStyle("yiyao", "一要", True),
        NumberingStyle("diyi", "第一，", True),
        NumberingStyle("shouxian", "首先/其次", True),
        NumberingStyle("dash", "——", True),
        NumberingStyle("article", "第一条", False),  # the articles of rules (制度、规则、办法)
    )
}

# GB/T 9704: 一、 （一） 1. （1）
DEFAULT_BY_LEVEL: dict[int, str] = {1: "cn", 2: "cn_paren", 3: "arabic", 4: "arabic_paren"}
MAX_LEVEL = 4


def style_for(child_level: int, style_id: str | None) -> NumberingStyle:
    """The style children at ``child_level`` get: the parent's choice or the level default."""
    return STYLES[style_id or DEFAULT_BY_LEVEL[child_level]]
