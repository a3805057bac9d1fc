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

import datetime as _dt
import re

from ideodesk.checks.chars import QUOTE
from ideodesk.checks.dates import SOURCE_LABELS, fmt_date
from ideodesk.checks.formulations import Formulation
from ideodesk.checks.model import ERROR, WARNING, CheckContext, Finding
from ideodesk.checks.restore import find_dropped, find_dropped_words, find_masked, genre_model
from ideodesk.checks.typos import TypoIndex
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


# Campaigns (学习教育, 主题教育): a summary or report of the campaign's year, written up to
# the spring after, reports it as this year's work, not as an outdated formulation.
_CAMPAIGN = re.compile("学习教育|主题教育|专题教育|专项斗争|学习实践")
_LOOKING_BACK_GENRES = frozenset({"summary", "report"})
_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年")
# 疫情防控 of another disease (传染病疫情防控, 非洲猪瘟疫情防控): the short wording is qualified.
_DISEASE_END = (*"病瘟感疫疾痘", "禽流感", "鼠疫", "霍乱", "登革热", "动物")


def _grace_end(row: Formulation) -> _dt.date | None:
    """The last day a looking-back document may still report ``row`` as this year's work."""
    if row.valid_until is None or not _CAMPAIGN.search(row.norm):
        return None
    return _dt.date(row.valid_until.year + 1, 3, 31)


def _current_in(row: Formulation, start: _dt.date, end: _dt.date) -> bool:
    """Whether ``row`` is current on some day of ``start``..``end``."""
    return (row.valid_from is None or row.valid_from <= end) and (
        row.valid_until is None or start <= row.valid_until
    )


def _year_in_clause(norm: str, start: int) -> int | None:
    """A year written in the clause before ``start`` (2023年开展的…): the text is history."""
    clause_start = 0
    for m in re.finditer("[。；！？\n]", norm[:start]):
        clause_start = m.end()
    years = _YEAR_BEFORE.findall(norm, clause_start, start)
    return int(years[-1]) if years else None


def _inside_current(ctx: CheckContext, norm: str, s: int, e: int) -> bool:
    """Whether ``norm[s:e]`` is part of a longer formulation that is current (党史学习教育
    常态化长效化), or runs into one (推进马克思主义中国化时代化|大众化 in 2019)."""
    index = ctx.table.index
    if index.all_re is None:
        return False
    for p in range(max(0, s - 40), e):
        m = index.all_re.match(norm, p)
        if m is None or m.end() < e or m.end() <= s or (m.start(), m.end()) == (s, e):
            continue
        if m.start() > s and m.end() == e:
            continue  # a shorter tail of the flagged text itself
        rows = [ctx.table.rows[i] for i in index.by_norm[m.group()]]
        if all(_current_in(r, ctx.start, ctx.date) for r in rows):
            return True
    return False


def _excused(ctx: CheckContext, unit, row: Formulation, s: int, e: int) -> bool:
    """The reasons an out-of-period formulation is not an error where it stands."""
    norm = unit.norm
    if row.check == "current" and not used_as_current(norm, s, e):
        return True
    if norm[s - 1 : s] in {"原", "前"}:
        return True  # 原国家旅游局: named as what it was
    year = _year_in_clause(norm, s)
    if year and _current_in(row, _dt.date(year, 1, 1), _dt.date(year, 12, 31)):
        return True  # 2023年开展的…主题教育: history with its year
    grace = _grace_end(row)
    if grace and ctx.genre in _LOOKING_BACK_GENRES and ctx.start <= grace:
        return True  # this year's campaign in this year's summary
    if len(row.norm) <= 4 and norm[:s].endswith(_DISEASE_END):
        return True  # 传染病疫情防控: qualified by another disease
    return _inside_current(ctx, norm, s, e)


def _too_early(ctx: CheckContext, unit, row: Formulation, s: int, e: int) -> Finding | None:
    if row.check == "current" or ctx.undated or _inside_current(ctx, unit.norm, s, e):
        return None  # 谋划"十五五": looking ahead is not an error
    when = _describe(ctx)
    msg = f"{quoted(unit.text[s:e])}自{fmt_date(row.valid_from)}起才使用，早于{when}，请核对日期或提法"
    return ctx.finding("outdated", WARNING, unit, s, e, msg)


def _describe(ctx: CheckContext) -> str:
    basis = SOURCE_LABELS.get(ctx.date_source, "成文日期")
    if ctx.period_start and ctx.period_start != ctx.date:
        return f"{basis}{ctx.period_start.year}年"
    return f"{basis}{fmt_date(ctx.date)}"


def _too_late(ctx: CheckContext, unit, row: Formulation, s: int, e: int) -> Finding | None:
    if _excused(ctx, unit, row, s, e):
        return None
    flagged = quoted(unit.text[s:e])
    why = row.note or f"适用至{fmt_date(row.valid_until)}"
    if ctx.undated:
        msg = f"{flagged}可能是过时提法（{why}）；文稿未注明日期，无法判断，请注明成文日期后核对"
        return ctx.finding("outdated", WARNING, unit, s, e, msg)
    fix = ctx.table.successor(row, ctx.date)
    msg = f"{flagged}是过时提法（{why}）"
    msg += f"，按{_describe(ctx)}应写作{quoted(fix)}" if fix else f"，{_describe(ctx)}"
    return ctx.finding("outdated", ERROR, unit, s, e, msg, fix)


def check_outdated(ctx: CheckContext) -> list[Finding]:
    """Formulations used outside their period, judged by the draft's own date."""
    out: list[Finding] = []
    table = ctx.table
    index = table.index
    for unit in ctx.units:
        for s, e, key in index.dated_matches(unit.norm):
            row = table.rows[index.by_norm[key][0]]
            if _current_in(row, ctx.start, ctx.date):
                continue
            early = row.valid_from is not None and ctx.date < row.valid_from
            found = _too_early(ctx, unit, row, s, e) if early else _too_late(ctx, unit, row, s, e)
            if found is not None:
                out.append(found)
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


def _current_phrase(ctx: CheckContext):
    """Whether a restored stretch names nothing out of date on the draft's date (党的二十大,
    not 党的十九大, in a 2024 draft)."""
    index = ctx.table.index

    def current(phrase: str) -> bool:
        for _, _, key in index.dated_matches(phrase):
            if not all(ctx.table.rows[i].current_on(ctx.date) for i in index.by_norm[key]):
                return False
        return True

    return current


def _typos(ctx: CheckContext, unit, spans: list[tuple[int, int]]) -> list[Finding]:
    """A wrong character inside a known formulation (:mod:`ideodesk.checks.typos`)."""
    table = ctx.table
    index = getattr(table, "_typos", None)
    if index is None:
        index = table._typos = TypoIndex(table.rows, genre_model().bigram_at)
    out = []
    cache = table.index.restored
    found = cache.get(("typos", unit.norm))
    if found is None:
        found = cache[("typos", unit.norm)] = index.find(unit.norm)
    for t in found:
        row = table.rows[t.row]
        if not row.current_on(ctx.date) or any(a < t.end and t.start < b for a, b in spans):
            continue
        spans.append((t.start, t.end))
        msg = f"规范表述{quoted(unit.text[t.start : t.end])}有错字，应为{quoted(row.text)}"
        out.append(ctx.finding("damaged_formulation", ERROR, unit, t.start, t.end, msg, row.text))
    return out


def _restored(ctx: CheckContext, norm: str) -> list:
    """The restorations of one text, remembered per text and date like the matcher's."""
    cache = ctx.table.index.restored
    key = (norm, ctx.date, ctx.undated)
    hit = cache.get(key)
    if hit is None:
        if len(cache) > 20000:
            cache.clear()
        model = genre_model()
        words = two_char_words()
        hit = find_dropped(model, norm, words) + find_dropped_words(norm, words)
        if _MASKY.search(norm):
            hit += find_masked(model, norm, _current_phrase(ctx), ctx.undated)
        cache[key] = hit = sorted(hit, key=lambda r: r.start)
    return hit


def _restorations(ctx: CheckContext, unit, spans: list[tuple[int, int]]) -> list[Finding]:
    """Stripped words and masks the genre model restores (:mod:`ideodesk.checks.restore`)."""
    out: list[Finding] = []
    for r in _restored(ctx, unit.norm):
        if any(a < r.end and r.start < b for a, b in spans):
            continue
        spans.append((r.start, r.end))
        flagged = quoted(unit.text[r.start : r.end])
        damage = _DAMAGE_WORDS[r.kind]
        if r.fixable:
            msg = f"{flagged}{damage}，应为{quoted(r.candidates[0])}"
            out.append(ctx.finding("damaged_formulation", ERROR, unit, r.start, r.end, msg, r.candidates[0]))
            continue
        listed = "、".join(quoted(c) for c in r.candidates)
        why = _UNDATED_NUMBER if len(r.candidates) == 1 else "可能的写法不止一种"
        msg = f"{flagged}{damage}，可能为{listed}（{why}，请核对后修改）"
        out.append(ctx.finding("damaged_formulation", WARNING, unit, r.start, r.end, msg))
    return out


_MASKY = re.compile(r"[*＊×✕╳A-Za-z某]")
_UNDATED_NUMBER = "文稿未注明日期，无法确定是哪一届（次）会议，请注明成文日期后核对"
_NUMERALS = frozenset("一二三四五六七八九十")


def _restores_a_number(flagged: str, fix: str) -> bool:
    """Whether the repair puts back a congress or plenum number (二十大, 三中全会): which
    one depends on the date, so an undated draft gets no such fix."""
    return sum(ch in _NUMERALS for ch in fix) > sum(ch in _NUMERALS for ch in flagged)


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
            damage = _DAMAGE_WORDS[cd.damage]
            if ctx.undated and _restores_a_number(unit.norm[cd.start : cd.end], fix):
                msg = f"规范表述{quoted(flagged)}{damage}；{_UNDATED_NUMBER}"
                out.append(ctx.finding("damaged_formulation", WARNING, unit, cd.start, cd.end, msg))
            else:
                msg = f"规范表述{quoted(flagged)}{damage}，应为{quoted(fix)}"
                out.append(ctx.finding("damaged_formulation", ERROR, unit, cd.start, cd.end, msg, fix))
            spans.append((cd.start, cd.end))
        out.extend(_typos(ctx, unit, spans))
        out.extend(_restorations(ctx, unit, spans))
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
