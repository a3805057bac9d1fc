"""Rules ``placeholder`` and ``slot``: text that stands in for text not yet written.

Placeholders are what clerks and web templates leave behind (xx县, ××学校, *余篇, 20__年,
某某企业, empty brackets, a paragraph that is only "……"); slots are the 【变量】 of the
genre templates.  Where the draft knows the value (its variables), the fix fills it in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
    places = _places(ctx.draft.variables)
    unit_name = _unit_name(ctx.draft.variables)
    for unit in ctx.units:
        text = unit.text
        if unit.field == "paragraph" and text.strip() and _FILLER_RE.fullmatch(text):
            out.append(ctx.finding("placeholder", ERROR, unit, 0, len(text), "正文尚未填写（只有省略号）"))
            continue
        for m in _matches(text):
            kind = m.lastgroup
            s, e = m.span()
            before, after = text[s - 1 : s], text[e : e + 1]
            replacement = None
            if kind == "x":
                # A lone x is a blank when it sits in Chinese text or alone in quotes.
                if after in _X_WORDS or not (
                    is_cjk(before) or is_cjk(after) or (before + after) in {"“”", '""'}
                ):
                    continue
                msg = f"占位符“{m.group()}”未替换为实际内容"
            elif kind == "xx":
                if m.group()[0] in "×✕╳" and before.isdigit() and after.isdigit():
                    continue  # 3×4: multiplication
                msg = f"占位符“{m.group()}”未替换为实际内容"
            elif kind == "star":
                if before.isdigit() and after.isdigit():
                    continue
                msg = f"“{m.group()}”处的内容被屏蔽或尚未填写"
            elif kind == "box":
                msg = f"占位符“{m.group()}”未替换为实际内容"
            elif kind in {"blank", "year"}:
                msg = f"“{m.group()}”处留空，尚未填写"
            elif kind == "someone":
                if before in _SURNAMES:
                    continue  # 张某某: an anonymised name
                msg = "“某某”是占位写法，请填写实际名称"
                if after == "单位" and unit_name:
                    e += 2
                    replacement = unit_name
                    msg = f"“某某单位”是占位写法，可改为本稿的单位“{unit_name}”"
            elif kind == "some":
                suffix = m.group()[1:]
                if suffix == "单位":
                    if not unit_name:
                        continue
                    replacement = unit_name
                elif suffix in places:
                    replacement = places[suffix]
                else:
                    continue  # 某县 stays unless the draft says which county it is
                msg = f"“{m.group()}”是占位写法，可改为“{replacement}”"
            elif kind == "empty":
                msg = f"“{m.group()}”中内容为空（可能被删除或尚未填写）"
            elif kind == "letters":
                if m.group() in LATIN_WORDS or m.group() in {"e", "i"}:
                    continue  # e政务, i志愿: brand names, not masks
                msg = f"汉字中夹有字母“{m.group()}”，疑似以拼音字母代替汉字"
                out.append(ctx.finding("placeholder", WARNING, unit, s, e, msg))
                continue
            elif kind == "dots":
                msg = "省略号处疑似尚未填写的内容"
                out.append(ctx.finding("placeholder", WARNING, unit, s, e, msg))
                continue
            else:  # pragma: no cover - every group is handled above
                continue
            out.append(ctx.finding("placeholder", ERROR, unit, s, e, msg, replacement))
    return out


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
