"""Rule ``numbering``: sequence and style of item numbers.

The draft model derives heading numbers, so two kinds of slip remain: numbers typed into
the text (recovered drafts, pasted lists: ``(三)`` twice, ``(四)`` missing, ``1、``,
``一是…二是…四是``), and model states that print wrongly (a heading that begins with its
own number, a lower level numbered above its parent: 一、 under （一）).

Typed numbers are read in document order with a stack of the styles met (the first style
opens a level, a new style inside it opens the next, as in DESIGN §5), reset at every
heading.  Each number is compared with the one its list expects; the fix is the expected
number in the standard form, so applying every fix leaves a consistent sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ideodesk.checks.model import HEADING, INFO, PARAGRAPH, WARNING, CheckContext, Finding, Unit
from ideodesk.core.numbering import chinese_numeral, parse_chinese_numeral

_CN = "[一二三四五六七八九十]{1,3}"
_LEAD_RE = re.compile(
    r"\s*(?:"
    rf"(?P<cnp>(?P<cnp_o>[（(])(?P<cnp_n>{_CN})(?P<cnp_c>[）)])(?P<cnp_s>[、.．，,]?))"
    rf"|(?P<arp>(?P<arp_o>[（(])(?P<arp_n>\d{{1,3}})(?P<arp_c>[）)])(?P<arp_s>[、.．，,]?))"
    rf"|(?P<diyi>第(?P<diyi_n>{_CN})(?P<diyi_s>[，,、：:]))"
    rf"|(?P<cn>(?P<cn_n>{_CN})(?P<cn_s>[、.．，,]))"
    r"|(?P<ar>(?P<ar_n>\d{1,3})(?P<ar_s>[.．、](?!\d)))"
    r"|(?P<arr>(?P<arr_n>\d{1,3})(?P<arr_c>[）)]))"
    rf"|(?P<ys>(?P<ys_n>{_CN})(?P<ys_k>[是要])(?![素点求务否非的]|\s|$))"
    r"|(?P<circ>[①-⑳])"
    ")"
)
# Run-in numbers inside a paragraph: after a sentence or clause boundary.
_INLINE_RE = re.compile(
    r"(?<=[。；;！!？?：:])\s*(?:"
    rf"(?P<cnp>(?P<cnp_o>[（(])(?P<cnp_n>{_CN})(?P<cnp_c>[）)])(?P<cnp_s>[、.．，,]?))"
    rf"|(?P<arp>(?P<arp_o>[（(])(?P<arp_n>\d{{1,3}})(?P<arp_c>[）)])(?P<arp_s>[、.．，,]?))"
    rf"|(?P<diyi>第(?P<diyi_n>{_CN})(?P<diyi_s>[，,、]))"
    rf"|(?P<ys>(?P<ys_n>{_CN})(?P<ys_k>是)(?=\S))"
    ")"
    rf"|(?<=[，,])(?P<ys2>(?P<ys2_n>{_CN})是(?=\S))"
)
# GB/T 9704 hierarchy: 一、 above （一） above 1. above （1）.
_RANK = {"cn": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4}
_STYLE_NAMES = {"cn": "一、", "cn_paren": "（一）", "arabic": "1.", "arabic_paren": "（1）"}
_STYLE_NAMES |= {"yishi": "一是", "yiyao": "一要", "diyi": "第一，", "circled": "①"}


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    style: str
    n: int
    raw: str
    leading: bool
    problems: tuple[str, ...]  # format problems of the marker itself


def render(style: str, n: int) -> str:
    if style == "cn":
        return f"{chinese_numeral(n)}、"
    if style == "cn_paren":
        return f"（{chinese_numeral(n)}）"
    if style == "arabic":
        return f"{n}."
    if style == "arabic_paren":
        return f"（{n}）"
    if style == "yishi":
        return f"{chinese_numeral(n)}是"
    if style == "yiyao":
        return f"{chinese_numeral(n)}要"
    if style == "diyi":
        return f"第{chinese_numeral(n)}，"
    if style == "circled" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return ""


def _marker(m: re.Match[str], leading: bool) -> Marker | None:
    g = m.lastgroup
    problems: list[str] = []
    if g in {"cnp", "arp"}:
        o, c, sep = m[f"{g}_o"], m[f"{g}_c"], m[f"{g}_s"]
        if o == "(" or c == ")":
            problems.append("括号应为全角“（）”")
        if sep:
            problems.append(f"括号后不应再加“{sep}”")
        style = "cn_paren" if g == "cnp" else "arabic_paren"
        n = parse_chinese_numeral(m["cnp_n"]) if g == "cnp" else int(m["arp_n"])
    elif g == "cn":
        if m["cn_s"] != "、":
            problems.append(f"汉字序号后应用顿号“、”，而不是“{m['cn_s']}”")
        style, n = "cn", parse_chinese_numeral(m["cn_n"])
    elif g == "ar":
        if m["ar_s"] == "、":
            problems.append("阿拉伯数字序号后应用下脚点“.”，而不是顿号“、”")
        style, n = "arabic", int(m["ar_n"])
    elif g == "arr":
        problems.append("阿拉伯数字序号应写作“（1）”或“1.”，不用半边括号")
        style, n = "arabic_paren", int(m["arr_n"])
    elif g == "diyi":
        style, n = "diyi", parse_chinese_numeral(m["diyi_n"])
    elif g in {"ys", "ys2"}:
        kind = m["ys_k"] if g == "ys" else "是"
        style, n = ("yishi" if kind == "是" else "yiyao"), parse_chinese_numeral(m[f"{g}_n"])
    elif g == "circ":
        style, n = "circled", ord(m["circ"]) - 0x2460 + 1
    else:  # pragma: no cover
        return None
    if not n:
        return None
    return Marker(m.start(g), m.end(g), style, n, m[g], leading, tuple(problems))


def leading_marker(text: str) -> Marker | None:
    """The item number a text starts with, if any."""
    m = _LEAD_RE.match(text)
    return _marker(m, True) if m else None


def markers(text: str) -> list[Marker]:
    """Every item number in a paragraph: the leading one and the run-in ones."""
    out: list[Marker] = []
    lead = leading_marker(text)
    if lead:
        out.append(lead)
    for m in _INLINE_RE.finditer(text, lead.end if lead else 0):
        mk = _marker(m, False)
        if mk:
            out.append(mk)
    return out


def marker_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the item numbers (the punctuation rules leave them to this rule)."""
    return [(mk.start, mk.end) for mk in markers(text)]


@dataclass
class _Item:
    unit: Unit
    marker: Marker
    style: str  # the style it is judged in (another list's style for a mixed-style slip)
    problems: list[str]
    expected: int = 0


@dataclass
class _List:
    style: str
    items: list[_Item]


def check_numbering(ctx: CheckContext) -> list[Finding]:
    """Gaps, repeats, restarts, mixed styles, half-width brackets, ``1、``; model slips."""
    out: list[Finding] = _model_findings(ctx)
    for lst in _lists(ctx):
        _judge(lst)
        for item in lst.items:
            finding = _finding(ctx, item)
            if finding is not None:
                out.append(finding)
    return out


def _lists(ctx: CheckContext) -> list[_List]:
    """Pass 1: every typed number assigned to its list.

    A stack holds the open lists (outermost first).  A style already open continues its
    list (closing the deeper ones); a new style opens a deeper list, except that a higher
    GB/T 9704 level (一、 after （三）) closes the lists below it; number 1 restarts.
    """
    lists: list[_List] = []
    stack: list[_List] = []
    seed_rank = 0  # GB rank of the heading the text sits under
    warned = False
    for unit in ctx.units:
        if unit.field == HEADING:
            stack, warned = [], False
            seed_rank = _RANK.get(unit.derived_style or "", 0)
            continue
        if unit.field != PARAGRAPH:
            continue
        for mk in markers(unit.text):
            item = _Item(unit, mk, mk.style, list(mk.problems))
            pos = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].style == mk.style), None)
            if pos is not None:
                del stack[pos + 1 :]
                if mk.n == 1:  # a new list of the same kind
                    stack[pos] = _List(mk.style, [])
                    lists.append(stack[pos])
                stack[pos].items.append(item)
                continue
            top = stack[-1] if stack else None
            last = top.items[-1].marker.n if top and top.items else 0
            if top and mk.n > 1 and mk.n == last + 1 and mk.style in _RANK and top.style in _RANK:
                # （一）（二）3.: the same list, written in another style.
                item.style = top.style
                item.problems.append(
                    f"同一层级编号样式不一致：前面用“{_STYLE_NAMES[top.style]}”，"
                    f"此处应为“{render(top.style, mk.n)}”"
                )
                top.items.append(item)
                continue
            rank = _RANK.get(mk.style)
            if rank:
                while stack and _RANK.get(stack[-1].style, 99) > rank:
                    stack.pop()  # a higher level closes the lists below it
                if not warned and not stack and seed_rank and rank <= seed_rank:
                    item.problems.append(
                        f"层级不当：正文编号“{_STYLE_NAMES[mk.style]}”与所在标题同级或更高，可能应设为标题"
                    )
                    warned = True
            new = _List(mk.style, [item])
            stack.append(new)
            lists.append(new)
    return lists


def _judge(lst: _List) -> None:
    """Pass 2: compare each number with the one its list expects.

    A wrong number is fixed to the expected one and the numbers after it follow (so the
    fixes leave a consistent list) — unless the list visibly restarts there: a lower
    number that the next item continues from (（四）then（二）（三）) is a new list whose
    beginning is missing, not a typo.
    """
    items = lst.items
    nums = [it.marker.n for it in items]
    style = lst.style
    for k, item in enumerate(items):
        n = nums[k]
        if k == 0:
            item.expected = n
            if n != 1:
                item.problems.append(f"编号从“{render(style, n)}”开始，前面的编号缺失")
            continue
        prev, typed_prev = items[k - 1].expected, nums[k - 1]
        want = prev + 1
        if n == want:
            item.expected = n
            continue
        nxt = nums[k + 1] if k + 1 < len(nums) else None
        if n < prev and nxt == n + 1:
            item.expected = n
            item.problems.append(f"编号从“{render(style, n)}”重新开始，前面的编号缺失或顺序有误")
            continue
        item.expected = want
        if prev != typed_prev and n == typed_prev + 1:
            item.problems.append(f"前面的编号调整后，此处应顺延为“{render(style, want)}”")
        elif prev != typed_prev:
            item.problems.append(f"编号有误，按前后顺序应为“{render(style, want)}”")
        elif n == prev:
            item.problems.append(f"与上一项编号重复，应为“{render(style, want)}”")
        elif n > want:
            item.problems.append(
                f"编号不连续：上一项是“{render(style, prev)}”，此处应为“{render(style, want)}”"
            )
        else:
            item.problems.append(f"编号顺序颠倒，此处应为“{render(style, want)}”")


def _finding(ctx: CheckContext, item: _Item) -> Finding | None:
    mk, problems = item.marker, item.problems
    if not problems:
        return None
    # Only the form of the number is off (half-width, 1、): a style hint.
    severity = INFO if problems == list(mk.problems) else WARNING
    fixable = not any("缺失" in p or "层级不当" in p for p in problems)
    fix = render(item.style, item.expected) if fixable else ""
    if item.style == "arabic" and mk.raw.endswith("．") and fix == mk.raw.replace("．", "."):
        fix = mk.raw  # 1．(a full-width point) is accepted as it stands
    if fixable and (not fix or fix == mk.raw):
        return None
    message = "序号" + "；".join(problems)
    return ctx.finding("numbering", severity, item.unit, mk.start, mk.end, message, fix if fixable else None)


def _model_findings(ctx: CheckContext) -> list[Finding]:
    """What the outline itself gets wrong: typed numbers in headings, inverted levels."""
    out: list[Finding] = []
    for unit in ctx.units:
        if unit.field != HEADING:
            continue
        mk = leading_marker(unit.text)
        if mk is not None:
            end = mk.end
            while True:  # "一、(一)" typed twice over: all of it goes
                while end < len(unit.text) and unit.text[end] in " 　":
                    end += 1
                more = leading_marker(unit.text[end:])
                if more is None or more.end == 0:
                    break
                end += more.end
            msg = f"标题开头的“{mk.raw}”会与自动编号重复（序号由大纲自动生成），应删除"
            out.append(ctx.finding("numbering", WARNING, unit, mk.start, end, msg, ""))
    # A child level numbered above its parent (一、 under （一）).
    draft = ctx.draft
    own = {u.section: u.derived_style for u in ctx.units if u.field == HEADING}
    for unit in ctx.units:
        if unit.field != HEADING or unit.section is None or len(unit.section) < 2:
            continue
        parent_style = own.get(unit.section[:-1])
        rank, parent_rank = _RANK.get(unit.derived_style or ""), _RANK.get(parent_style or "")
        first_headed = next((i for i, s in enumerate(draft.children_of(unit.section[:-1])) if s.headed), None)
        if rank and parent_rank and rank <= parent_rank and unit.section[-1] == first_headed:
            msg = (
                f"下级标题的序号样式“{_STYLE_NAMES[unit.derived_style]}”不应高于或等于"
                f"上级的“{_STYLE_NAMES[parent_style]}”（应依次为 一、（一）1.（1））"
            )
            out.append(ctx.finding("numbering", WARNING, unit, 0, 0, msg))
    return out
