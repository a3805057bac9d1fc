"""Rules ``outdated`` and ``damaged_formulation``: the standard formulations (提法).

``outdated``: a formulation used outside its period (the table's valid_from/valid_until),
judged by the draft's date — 十九大 as the current congress in a 2024 draft, 新冠肺炎 after
the 2023 renaming, 以习近平同志为总书记的党中央 after 2016.  Rows marked ``current`` are
only flagged where the sentence uses them as current (学习贯彻…精神, 以…为指导), never
in history (党的十九大以来, 十九大报告提出).

``damaged_formulation``: a current formulation with characters masked or dropped, found by
:mod:`ideodesk.checks.matcher`; the fix is the formulation as the table writes it.
"""

from __future__ import annotations

import re

from ideodesk.checks.chars import QUOTE
from ideodesk.checks.dates import fmt_date
from ideodesk.checks.model import ERROR, WARNING, CheckContext, Finding
from ideodesk.checks.words import two_char_words

_HIST_AFTER = (
    "以来", "期间", "时期", "召开", "报告", "提出", "指出", "强调", "前", "后", "之前", "之后", "时", "上",
    "闭幕", "开幕", "代表", "审议", "通过", "胜利", "收官", "取得", "成果", "中涌现", "三年", "结束",
    "完成", "圆满", "历程", "常态化长效化", "会议提出", "中",
)  # fmt: skip
_CURRENT_AFTER = ("精神", "为指导", "为指引", "重要思想", "决策部署", "部署要求")
_CURRENT_CUES = (
    "学习", "贯彻", "落实", "领会", "宣传", "践行", "遵循", "按照", "根据", "依据", "坚持", "以", "用",
    "做好", "抓好", "统筹", "毫不放松", "常态化", "精准", "持续", "扎实", "深入", "推进", "开展", "推动",
    "实施", "决胜", "打赢", "围绕", "聚焦", "迎接", "抓实", "慎终如始", "从严从紧", "科学",
)  # fmt: skip
_CLAUSE_END = re.compile("[。；！？，：\n]")


def used_as_current(norm: str, start: int, end: int) -> bool:
    """Whether the sentence speaks of the formulation as current, not as history."""
    after = norm[end : end + 8].lstrip(QUOTE + "”’")
    if after.startswith(_HIST_AFTER):
        return False
    if after.startswith(_CURRENT_AFTER) or norm.startswith(_CURRENT_CUES, start):
        return True  # …精神, …为指导; or the wording carries its own verb (决胜…, 统筹…)
    clause_start = 0
    for m in _CLAUSE_END.finditer(norm, 0, start):
        clause_start = m.end()
    before = norm[clause_start:start]
    if any(w in before[-3:] for w in ("自", "从", "在", "回顾")):
        return False
    return any(cue in before for cue in _CURRENT_CUES)


def check_outdated(ctx: CheckContext) -> list[Finding]:
    """Formulations used outside their period, judged by the draft's date."""
    out: list[Finding] = []
    table = ctx.table
    index = table.index
    day = ctx.date
    when = fmt_date(day)
    basis = {"signature": "成文日期", "variable": "成文日期", "given": "指定日期"}.get(
        ctx.date_source, "今天"
    )
    for unit in ctx.units:
        matches = index.dated_matches(unit.norm)
        if not matches:
            continue
        exact = index.exact_spans(unit.norm)
        for s, e, key in matches:
            rows = [table.rows[i] for i in index.by_norm[key]]
            row = rows[0]
            if row.current_on(day):
                continue
            # Part of a longer formulation that is itself current (党史学习教育常态化长效化).
            longer = [(a, b) for a, b in exact if a <= s and e <= b and b - a > e - s]
            if any(
                all(table.rows[i].current_on(day) for i in index.by_norm[unit.norm[a:b]]) for a, b in longer
            ):
                continue
            flagged = quoted(unit.text[s:e])
            if row.valid_from and day < row.valid_from:
                if row.check == "current":
                    continue  # 谋划"十五五": looking ahead is not an error
                msg = f"{flagged}自{fmt_date(row.valid_from)}起才使用，早于{basis}{when}，请核对日期或提法"
                out.append(ctx.finding("outdated", WARNING, unit, s, e, msg))
                continue
            if row.check == "current" and not used_as_current(unit.norm, s, e):
                continue
            if unit.norm[s - 1 : s] in {"原", "前"}:
                continue  # 原国家旅游局: named as what it was
            fix = table.successor(row, day)
            why = row.note or f"适用至{fmt_date(row.valid_until)}" if row.valid_until else row.note
            msg = f"{flagged}是过时提法（{why}）"
            msg += f"，按{basis}{when}应写作{quoted(fix)}" if fix else f"，{basis}为{when}"
            out.append(ctx.finding("outdated", ERROR, unit, s, e, msg, fix))
    return out


_HEADLESS_RE = re.compile(
    "关于[^，。；：！？、]{2,20}?的重要(?:论述|讲话精神|讲话和重要指示批示精神|指示批示精神|指示精神|讲话重要指示精神)"
    "|(?<=学习|贯彻|领会|落实|践行)(?:系列)?重要(?:讲话|讲话和重要指示批示|讲话重要指示|指示批示)精神"
)
_VERB_BEFORE = (
    "学习",
    "贯彻",
    "领会",
    "落实",
    "践行",
    "遵循",
    "运用",
    "研究",
    "对照",
    "宣传",
    "传达",
    "重温",
    "宣讲",
)
_LEADER = "习近平总书记"
_DAMAGE_WORDS = {
    "masked": "有内容被屏蔽或删去",
    "letters": "以字母或数字代替了汉字",
    "dropped": "缺字",
    "cut": "不完整",
}


def quoted(text: str) -> str:
    """“text”, unless the text brings its own quotation marks."""
    return text if text[:1] in '“"《' and text[-1:] in '”"》' else f"“{text}”"


def check_damaged(ctx: CheckContext) -> list[Finding]:
    """Standard formulations with characters masked or dropped; the fix is the standard text."""
    out: list[Finding] = []
    index = ctx.table.index
    words = two_char_words()
    for unit in ctx.units:
        if len(unit.norm) < 4:
            continue
        spans: list[tuple[int, int]] = []
        for cd in index.find_damaged(unit.norm, ctx.date, words):
            fix = index.rows[cd.row].text[cd.rep_start : cd.rep_end]
            flagged = unit.text[cd.start : cd.end]
            msg = f"规范表述{quoted(flagged)}{_DAMAGE_WORDS[cd.damage]}，应为{quoted(fix)}"
            out.append(ctx.finding("damaged_formulation", ERROR, unit, cd.start, cd.end, msg, fix))
            spans.append((cd.start, cd.end))
        # "关于…的重要论述" without whose: the leader's name was taken out.
        for m in _HEADLESS_RE.finditer(unit.norm):
            s, e = m.span()
            if any(a < e and s < b for a, b in spans):
                continue
            before = unit.norm[max(0, s - 6) : s]
            if before.endswith(("总书记", "习近平", "同志")):
                continue
            prev = before[-1:]
            if prev and not (before.endswith(_VERB_BEFORE) or prev in '的和、，“"《（ '):
                continue  # 毛泽东关于…, 党中央关于…: someone else's
            fix = _LEADER + unit.text[s:e]
            msg = f"“{unit.text[s:e]}”缺少“{_LEADER}”，应为“{fix}”"
            out.append(ctx.finding("damaged_formulation", ERROR, unit, s, e, msg, fix))
    return out
