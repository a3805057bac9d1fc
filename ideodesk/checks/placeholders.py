"""Rules ``placeholder`` and ``slot``: text that stands in for text not yet written.

Placeholders are what clerks and web templates leave behind (xx县, ××学校, *余篇, 20__年,
某某企业, empty brackets, a paragraph that is only "……"); slots are the 【变量】 of the
genre templates.  Where the draft knows the value (its variables), the fix fills it in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ideodesk.checks.chars import CJK_CLASS, CJK_RANGES, is_cjk
from ideodesk.checks.matcher import LATIN_WORDS
from ideodesk.checks.model import ERROR, WARNING, CheckContext, Finding
from ideodesk.core.draft import SLOT_RE

_LAT = "A-Za-z0-9"
_PLACEHOLDER_RE = re.compile(
    "|".join(
        (
            rf"(?P<xx>(?<![{_LAT}])(?:[xXｘＸ]{{2,}}|[×✕╳]+)(?![{_LAT}]))",
            rf"(?P<x>(?<![{_LAT}])[xXｘＸ](?![{_LAT}]))",
            r"(?P<star>[*＊]+)",
            r"(?P<box>[□■█]+|○{2,})",
            r"(?P<blank>_{2,}|＿+)",
            r"(?P<year>(?<!\d)(?:19|20)\d?[-－_＿]+(?=年))",
            r"(?P<someone>某某)",
            r"(?P<some>某(?:省|市|县|区|镇|乡|街道|单位))",
            r"(?P<empty>（\s*）|\(\s*\)|“\s*”|\"\s*\"|《\s*》|【\s*】|「\s*」)",
            rf"(?P<letters>(?<=[{CJK_RANGES}])[a-z]{{1,2}}(?=[{CJK_RANGES}（(]))",
            r"(?P<dots>……(?=[，。；、：]))",
        )
    )
)
_FILLER_RE = re.compile(r"[…\.。·\s]+")
# “X光”, “X射线”, “x轴”: a single x that is a real word.
_X_WORDS = tuple("光射线型轴染")
# Common surnames: 张某某 is an anonymised name (warning-education material), not a blank.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_PLACE_RE = re.compile(rf"({CJK_CLASS}{{1,8}}?)(省|市|县|区|镇|乡|街道)")


# The characters a placeholder can start with: the big pattern is only tried where one is.
_TRIGGER = re.compile(r"[xXｘＸ×✕╳*＊□■█○_＿12某（(“\"《【「a-z…]")


def _matches(text: str) -> Iterator[re.Match[str]]:
    pos = 0
    while True:
        t = _TRIGGER.search(text, pos)
        if t is None:
            return
        m = _PLACEHOLDER_RE.match(text, t.start())
        if m is None or m.end() == m.start():
            pos = t.start() + 1
            continue
        yield m
        pos = m.end()


def _places(variables: dict[str, str]) -> dict[str, str]:
    """Place names the draft's variables reveal: {"县": "红河县", "市": …}."""
    out: dict[str, str] = {}
    for value in variables.values():
        if not value or "某" in value or SLOT_RE.search(value):
            continue
        v = value.removeprefix("中共")
        for m in _PLACE_RE.finditer(v):
            out.setdefault(m[2], m[1] + m[2])
    return out


def _unit_name(variables: dict[str, str]) -> str | None:
    value = variables.get("单位", "").strip()
    if value and "某" not in value and not SLOT_RE.search(value):
        return value
    return None


def check_placeholders(ctx: CheckContext) -> list[Finding]:
    """xx/××/*/□/____/20__年, 某某, 某县 (when known), empty brackets, letters for characters."""
    out: list[Finding] = []
    known = _Known(_places(ctx.draft.variables), _unit_name(ctx.draft.variables))
    for unit in ctx.units:
        text = unit.text
        if unit.field == "paragraph" and text.strip() and _FILLER_RE.fullmatch(text):
            out.append(ctx.finding("placeholder", ERROR, unit, 0, len(text), "正文尚未填写（只有省略号）"))
            continue
        for m in _matches(text):
            s, e = m.span()
            verdict = _JUDGES[m.lastgroup](m.group(), text[s - 1 : s], text[e : e + 1], known)
            if verdict is not None:
                severity, msg, extra, replacement = verdict
                out.append(ctx.finding("placeholder", severity, unit, s, e + extra, msg, replacement))
    return out


@dataclass(frozen=True)
class _Known:
    places: dict[str, str]  # 县 → 东山县 …, from the draft's variables
    unit: str | None


# A judge: (the match, the character before, the one after, what the draft knows) →
# None (not a placeholder) or (severity, message, characters added to the span, fix).
Verdict = tuple[str, str, int, str | None] | None


def _unfilled(found: str, *_) -> Verdict:
    return ERROR, f"占位符“{found}”未替换为实际内容", 0, None


def _lone_x(found: str, before: str, after: str, _k) -> Verdict:
    # A lone x is a blank when it sits in Chinese text or alone in quotes.
    if after in _X_WORDS or not (is_cjk(before) or is_cjk(after) or (before + after) in {"“”", '""'}):
        return None
    return _unfilled(found)


def _xx(found: str, before: str, after: str, _k) -> Verdict:
    if found[0] in "×✕╳" and before.isdigit() and after.isdigit():
        return None  # 3×4: multiplication
    return _unfilled(found)


def _star(found: str, before: str, after: str, _k) -> Verdict:
    if before.isdigit() and after.isdigit():
        return None
    return ERROR, f"“{found}”处的内容被屏蔽或尚未填写", 0, None


def _blank(found: str, *_) -> Verdict:
    return ERROR, f"“{found}”处留空，尚未填写", 0, None


def _someone(found: str, before: str, after: str, known: _Known) -> Verdict:
    if before in _SURNAMES:
        return None  # 张某某: an anonymised name
    if after == "单位" and known.unit:
        return ERROR, f"“某某单位”是占位写法，可改为本稿的单位“{known.unit}”", 2, known.unit
    return ERROR, "“某某”是占位写法，请填写实际名称", 0, None


def _some(found: str, before: str, after: str, known: _Known) -> Verdict:
    suffix = found[1:]
    replacement = known.unit if suffix == "单位" else known.places.get(suffix)
    if not replacement:
        return None  # 某县 stays unless the draft says which county it is
    return ERROR, f"“{found}”是占位写法，可改为“{replacement}”", 0, replacement


def _empty(found: str, *_) -> Verdict:
    return ERROR, f"“{found}”中内容为空（可能被删除或尚未填写）", 0, None


def _letters(found: str, *_) -> Verdict:
    if found in LATIN_WORDS or found in {"e", "i"}:
        return None  # e政务, i志愿: brand names, not masks
    return WARNING, f"汉字中夹有字母“{found}”，疑似以拼音字母代替汉字", 0, None


def _dots(found: str, *_) -> Verdict:
    return WARNING, "省略号处疑似尚未填写的内容", 0, None


_JUDGES = {
    "x": _lone_x, "xx": _xx, "star": _star, "box": _unfilled, "blank": _blank, "year": _blank,
    "someone": _someone, "some": _some, "empty": _empty, "letters": _letters, "dots": _dots,
}  # fmt: skip


def check_slots(ctx: CheckContext) -> list[Finding]:
    """【变量】 slots still in the text; filled from the draft's variables where known."""
    out: list[Finding] = []
    variables = ctx.draft.variables
    for unit in ctx.units:
        for m in SLOT_RE.finditer(unit.text):
            name = m.group(1)
            value = (variables.get(name) or "").strip()
            if value and not SLOT_RE.search(value):
                msg = f"变量【{name}】未替换，本稿的值为“{value}”"
                out.append(ctx.finding("slot", ERROR, unit, *m.span(), msg, value))
            else:
                out.append(ctx.finding("slot", ERROR, unit, *m.span(), f"变量【{name}】尚未填写"))
    return out
