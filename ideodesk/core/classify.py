"""Section types (DESIGN §4) from heading and body words, and the genre from the title.

Each type has cue words; heading words weigh most, the first body sentences less.  A
section whose own words are weak inherits its parent's type.  The confidence (0–1) is
the winning score's share of all scores, damped for weak evidence, so the UI can flag
guesses.
"""

from __future__ import annotations

import re

from ideodesk.core.draft import Draft, Section

_CUES: dict[str, tuple[str, ...]] = {
    "significance": (
        "重要意义", "思想认识", "提高认识", "统一思想", "政治站位", "极端重要", "重要性", "责任感", "使命感",
        "紧迫感", "深刻认识", "充分认识", "正确认识", "清醒认识", "认清", "站位",
    ),
    "situation": (
        "形势", "风险", "挑战", "研判", "态势", "隐患", "总体趋势", "面临", "严峻", "复杂", "苗头", "动向",
        "舆情", "总体平稳", "可控",
    ),
    "achievements": (
        "开展情况", "主要做法", "成效", "取得", "成绩", "工作情况", "落实情况", "基本情况", "总体情况",
        "完成情况", "主要工作", "进展", "加强了", "显著", "取得了", "工作开展", "累计", "全年", "先后",
        "成功", "荣获", "获得", "实现了", "突破", "完成了", "开展了", "建立了", "制定了",
    ),
    "problems": (
        "问题", "不足", "短板", "差距", "薄弱", "有待", "不够", "不强", "欠缺", "缺乏", "较少", "不到位",
        "不严格", "不全面", "弱化", "仍需", "还需", "不高", "不深", "滞后", "不力", "存在的问题",
        "存在一些", "仍存在", "不容忽视", "主要表现", "存在问题", "需要改进",
    ),
    "causes": ("原因", "究其原因", "根源", "主观上", "客观上", "分析原因"),
    "measures": (
        "下一步", "打算", "措施", "计划", "今后", "重点抓好", "工作思路", "努力方向", "改进", "整改",
        "建议", "将进一步", "防范措施", "工作计划", "努力", "推进", "推动", "抓好", "聚焦", "着力", "强化",
        "加强",
    ),
    "requirements": (
        "要求", "切实", "组织领导", "确保", "压实", "落到实处", "必须", "务必", "保障", "严肃纪律",
        "担当作为", "狠抓落实", "一要",
    ),
    "general": (
        "指导思想", "基本原则", "工作目标", "目标任务", "领导机构", "组织机构", "组成人员", "适用范围",
        "会议组成", "会议时间", "会议地点", "会议内容", "参会人员", "参加人员", "时间安排", "时间地点",
        "主要任务", "工作职责", "职责分工", "学习内容", "学习方式", "参学人员", "活动主题", "会议主题",
        "报名方式", "联系方式", "有关事项", "其他事项", "概况", "概述", "主要内容",
    ),
    "closing": ("同志们，", "让我们", "散会", "特此报告", "特此通知", "以上发言", "谢谢大家", "综上所述"),
    "opening": ("今天，我们召开", "今天我们召开", "按照", "根据", "现将", "如下：", "主要任务是"),
}  # fmt: skip
_HEADING_WEIGHT = 3.0
_BODY_CHARS = 200  # the first sentences carry the section's intent


_NOT_CUES = re.compile("问题导向|目标导向|结果导向")  # set phrases that only look like cues


_CUE_TYPES: dict[str, list[str]] = {}
for _type, _cues in _CUES.items():
    for _cue in _cues:
        _CUE_TYPES.setdefault(_cue, []).append(_type)
# every cue found once per text, longest first where they overlap
_CUE_RE = re.compile("(?=(" + "|".join(sorted(map(re.escape, _CUE_TYPES), key=len, reverse=True)) + "))")


def _score(text: str, weight: float, scores: dict[str, float]) -> None:
    text = _NOT_CUES.sub("", text)
    found = {m.group(1) for m in _CUE_RE.finditer(text)}
    for cue in sorted(found):  # a fixed order: ties between types must not depend on hashing
        for type_ in _CUE_TYPES[cue]:
            scores[type_] = scores.get(type_, 0.0) + weight * (1.5 if len(cue) >= 3 else 1.0)


# 一要/二要 lists are the speaker's demands in this genre
_STYLE_CUES = {"yiyao": "requirements"}


def score_section(sec: Section, numbering: str | None = None) -> dict[str, float]:
    scores: dict[str, float] = {}
    if sec.headed and numbering in _STYLE_CUES:
        scores[_STYLE_CUES[numbering]] = _HEADING_WEIGHT * 1.5
    _score(sec.heading, _HEADING_WEIGHT, scores)
    body = "".join(sec.paragraphs)[:_BODY_CHARS]
    _score(body, 1.0, scores)
    for child in sec.children:  # children's headings hint at the parent's content
        _score(child.heading, 0.5, scores)
    return scores


def _decide(scores: dict[str, float], inherited: str | None) -> tuple[str, float]:
    if not scores:
        return inherited or "general", 0.5 if inherited else 0.0
    best = max(scores, key=scores.get)
    total = sum(scores.values())
    confidence = scores[best] / total * min(1.0, scores[best] / 4.0)
    # a child keeps its parent's type unless its own words say otherwise, clearly
    if inherited and (scores[best] < 4.5 or scores.get(inherited, 0) >= scores[best] * 0.4):
        return inherited, round(max(confidence, 0.5), 2)
    return best, round(confidence, 2)


def classify(draft: Draft) -> None:
    """Set every section's ``type`` and ``extra["confidence"]`` in place.

    A list introduced by an unheaded paragraph (``…主要表现为：``) takes that paragraph's
    type unless its own words clearly say otherwise.
    """
    intro: str | None = None
    for i, sec in enumerate(draft.sections):
        if not sec.headed and not sec.children:
            type_, conf = _unheaded_type(draft, i, sec)
            intro = type_ if type_ not in ("opening", "closing", "general") else None
        else:
            scores = score_section(sec, draft.child_numbering)
            if not sec.headed:  # an unheaded block holding a list: its items speak for it
                for child in sec.children:
                    for k, v in score_section(child).items():
                        scores[k] = scores.get(k, 0.0) + v / 2
            scores.pop("opening", None)
            scores.pop("closing", None)
            _tense(draft, sec, scores)
            type_, conf = _decide(scores, intro)
        sec.type = type_
        sec.extra["confidence"] = conf
        _classify_children(sec)


_FORWARD = re.compile("下一步|打算|计划|今后|思路|方向|安排|建议|措施|要求|对策|整改|努力")
_RETROSPECTIVE = {"summary", "report"}


def _tense(draft: Draft, sec: Section, scores: dict[str, float]) -> None:
    """What a section did, not what it asks: in a summary or a report, a section before
    the problems whose heading is a verb phrase (强化理论学习，提升政治站位) reports what was
    done, although elsewhere the same words are a measure or a requirement; the part
    after the problems, or a heading that looks ahead (下一步, 计划, 建议), keeps its type."""
    if draft.genre not in _RETROSPECTIVE or not scores or _FORWARD.search(sec.heading):
        return
    best = max(scores, key=scores.get)
    if best not in ("measures", "requirements", "significance"):
        return
    earlier = draft.sections[: next(i for i, s in enumerate(draft.sections) if s is sec)]
    if any(s.type in ("problems", "causes", "measures") for s in earlier if s.headed):
        return
    scores["achievements"] = scores[best] + 1.0


def _unheaded_type(draft: Draft, index: int, sec: Section) -> tuple[str, float]:
    text = "".join(sec.paragraphs)
    has_headed_before = any(s.headed or s.children for s in draft.sections[:index])
    has_headed_after = any(s.headed or s.children for s in draft.sections[index + 1 :])
    if sec.type == "closing" or (has_headed_before and not has_headed_after):
        scores: dict[str, float] = {}
        _score(text[-_BODY_CHARS:], 1.0, scores)
        if scores.get("measures", 0) > scores.get("closing", 0) + 2:
            return "measures", 0.5
        return "closing", 0.8 if scores.get("closing") else 0.6
    if not has_headed_before:
        return "opening", 0.9 if has_headed_after else 0.5
    scores = {}
    _score(text[:_BODY_CHARS], 1.0, scores)
    scores.pop("opening", None)
    scores.pop("closing", None)
    return _decide(scores, None)


def _classify_children(parent: Section) -> None:
    for child in parent.children:
        scores = score_section(child, parent.child_numbering)
        scores.pop("opening", None)
        scores.pop("closing", None)
        type_, conf = _decide(scores, parent.type)
        child.type = type_
        child.extra["confidence"] = conf
        _classify_children(child)


# The head noun of a Chinese title is its last genre word: 关于召开…现场会的预备通知 is a
# notice, 在…会议上的讲话 a speech, …主持召开…常务会议 a meeting record.
_GENRE_WORDS = {
    "remarks": "研讨|发言|交流材料|心得|体会|思考|感悟|提纲|表态",
    "speech": "讲话|致辞|动员|讲稿|主持词|党课",
    "minutes": "会议记录|纪要|记录|组织生活会|常务会议?|主持召开|召开|座谈会",
    "notice": "通知|通报|意见|方案|办法|规则|规定|制度|细则|要点|计划|公告|通告|安排|决定",
    "summary": "总结",
    "report": "报告|研判|汇报|情况|述职|自查|分析",
}
_GENRE_WORD_RE = re.compile("|".join(f"(?P<{g}>{w})" for g, w in _GENRE_WORDS.items()))
# Without a title, the opening says it: who is addressed, what it announces.
_BODY_GENRE = (
    (
        "notice",
        re.compile(
            "通知如下|现将有关事项|现将.{0,40}(?:印发|转发)给你们|特制定本|制定本(?:方案|办法|制度|细则)|请各.{0,20}(?:认真|结合|按照)"
        ),
    ),
    ("report", re.compile("(?:报告|汇报|研判)(?:情况)?如下|自查(?:情况|报告)")),
    ("summary", re.compile("总结如下|(?:今年|本年度|上半年|年)以来.{0,60}(?:开展|召开|组织|完成)")),
    (
        "minutes",
        re.compile(
            "会议由.{1,30}主持|主持召开|召开了.{0,30}(?:会|会议)|参加了会议|与会人员|会议指出|会议强调|会议要求"
        ),
    ),
)


_PLAN_HEADINGS = re.compile(
    "指导思想|基本原则|工作目标|目标任务|领导机构|组织机构|实施步骤|工作步骤|保障措施|适用范围|职责分工"
)


def guess_genre(draft: Draft, title_is_own: bool = True) -> str:
    """The genre id from the title's head noun (its last genre word; 总结 anywhere makes a
    summary unless a speech or remarks word ends it), else from the salutation, the
    opening and the headings (指导思想/基本原则/… are a plan, issued as a notice)."""
    text = "".join(b.text for b in list(draft.blocks())[:6])
    if not title_is_own:  # a collection's name (…篇一): the opening speaks first
        for genre, pattern in _BODY_GENRE[:2]:
            if pattern.search(text):
                return genre
    if found := [str(m.lastgroup) for m in _GENRE_WORD_RE.finditer(draft.title)]:
        if found[-1] in ("speech", "remarks", "minutes") or "summary" not in found:
            return found[-1]
        return "summary"
    if draft.addressee.startswith("同志们"):
        return "speech"
    if draft.addressee.startswith(("各位", "尊敬的")):
        return "remarks" if re.search("发言|交流", text[:300]) else "speech"
    headings = [s.heading for s in draft.sections if s.headed]
    if sum(bool(_PLAN_HEADINGS.search(h)) for h in headings) >= 2:
        return "notice"
    for genre, pattern in _BODY_GENRE:
        if pattern.search(text):
            return genre
    if draft.addressee:
        return "notice"  # a body addressed as 各单位： with no other word
    return "summary" if re.search("开展了|召开了|组织了|累计|先后", text) else "speech"
