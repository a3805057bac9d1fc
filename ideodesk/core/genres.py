"""Genre templates: for each material type a typed outline skeleton and its variables.

Headings and text carry 【变量】 slots; :meth:`Genre.create` fills the ones it is given
values for and leaves the rest visible, so the checks can point at them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.errors import IdeoError


@dataclass(frozen=True)
class Variable:
    name: str  # the slot name: 【单位】
    hint: str  # shown in the wizard
    default: Callable[[], str] | None = None


@dataclass(frozen=True)
class Genre:
    id: str
    label: str
    variables: tuple[Variable, ...]
    _build: Callable[[], Draft] = field(repr=False)
    # Speeches and remarks carry the speaker and date under the title, with no 落款.
    byline: bool = False
    # Which document furniture (core.furniture field ids) the genre offers.
    furniture: tuple[str, ...] = ()

    def skeleton(self) -> Draft:
        """The unfilled template (slots visible)."""
        draft = self._build()
        draft.genre = self.id
        return draft

    def create(self, title: str | None = None, values: dict[str, str] | None = None) -> Draft:
        """A new draft: defaults and ``values`` stored as variables and filled in."""
        variables = {v.name: (v.default() if v.default else "") for v in self.variables}
        variables.update({k: v for k, v in (values or {}).items() if v is not None})
        draft = self.skeleton()
        draft.variables = variables
        draft = draft.filled()
        if title:
            draft.title = title
        return draft


def _today() -> str:
    d = _dt.date.today()
    return f"{d.year}年{d.month}月{d.day}日"  # GB/T 9704: Arabic numerals, no zero padding


def _year() -> str:
    return str(_dt.date.today().year)


def S(  # noqa: N802 - reads like a table below
    type_: str,
    heading: str = "",
    *paragraphs: str,
    children: list[Section] | None = None,
    run_in: bool = False,
    numbering: str | None = None,
) -> Section:
    return Section(
        type=type_,
        heading=heading,
        run_in=run_in,
        paragraphs=list(paragraphs),
        children=children or [],
        child_numbering=numbering,
    )


_UNIT = Variable("单位", "发文或讲话单位，如：中共某县委宣传部")
_DATE = Variable("日期", "成文或讲话日期", _today)
_YEAR = Variable("年份", "所属年度", _year)
_MEETING = Variable("会议名称", "如：全县意识形态工作会议")
_TOPIC = Variable("工作主题", "如：意识形态工作")
_TO = Variable("主送", "主送机关，如：县委")


def _speech() -> Draft:
    return Draft(
        title="在【会议名称】上的讲话",
        addressee="同志们：",
        sections=[
            S(
                "opening",
                "",
                "今天，我们召开【会议名称】，主要任务是深入学习贯彻党中央关于【工作主题】的决策部署，"
                "总结工作，分析形势，部署任务。刚才，……。下面，我讲几点意见。",
            ),
            S(
                "significance",
                "提高政治站位，充分认识做好【工作主题】的重要意义",
                "……",
            ),
            S(
                "achievements",
                "肯定成绩，客观看待【工作主题】取得的成效",
                children=[
                    S("achievements", "工作机制不断健全", "……", run_in=True),
                    S("achievements", "重点任务扎实推进", "……", run_in=True),
                    S("problems", "存在问题不容忽视", "……", run_in=True),
                ],
                numbering="yishi",
            ),
            S(
                "measures",
                "突出重点，扎实推进【工作主题】各项任务",
                children=[
                    S("measures", "加强理论武装", "……", run_in=True),
                    S("measures", "强化阵地建设", "……", run_in=True),
                    S("measures", "做好风险防范", "……", run_in=True),
                ],
            ),
            S(
                "requirements",
                "加强组织领导，确保各项工作落到实处",
                children=[
                    S("requirements", "压实工作责任", "……", run_in=True),
                    S("requirements", "加强队伍建设", "……", run_in=True),
                    S("requirements", "严格督查考核", "……", run_in=True),
                ],
                numbering="yiyao",
            ),
            S(
                "closing",
                "",
                "同志们，做好【工作主题】使命光荣、责任重大。让我们……，为……作出新的更大贡献！",
            ),
        ],
        signature=Signature("【讲话人】", "【日期】"),
    )


def _remarks() -> Draft:
    return Draft(
        title="在【会议名称】上的研讨发言",
        sections=[
            S(
                "opening",
                "",
                "按照【会议名称】安排，结合自身思想和工作实际，围绕【工作主题】，谈几点学习体会。",
            ),
            S("significance", "深学细悟，在提高思想认识上下功夫", "……"),
            S("problems", "对照检视，在查找差距不足上下功夫", "……"),
            S("measures", "知行合一，在推动工作落实上下功夫", "……"),
            S("closing", "", "以上发言，不妥之处，请大家批评指正。"),
        ],
        signature=Signature("【发言人】", "【日期】"),
    )


def _summary() -> Draft:
    return Draft(
        title="【单位】【年份】年【工作主题】工作总结",
        sections=[
            S(
                "opening",
                "",
                "【年份】年，【单位】坚持以习近平新时代中国特色社会主义思想为指导，"
                "认真落实上级关于【工作主题】的部署要求，……现将有关情况总结如下：",
            ),
            S(
                "achievements",
                "主要工作开展情况",
                children=[
                    S("achievements", "强化组织领导，压实工作责任", "……", run_in=True),
                    S("achievements", "突出理论武装，筑牢思想根基", "……", run_in=True),
                    S("achievements", "加强阵地管理，守牢主责主业", "……", run_in=True),
                ],
            ),
            S(
                "problems",
                "存在的问题和不足",
                "对照上级要求，工作中还存在一些不足：",
                children=[
                    S("problems", "理论学习的深度还不够", "……", run_in=True),
                    S("problems", "工作创新的办法还不多", "……", run_in=True),
                ],
                numbering="yishi",
            ),
            S(
                "measures",
                "下一步工作打算",
                children=[
                    S("measures", "持续深化理论学习", "……", run_in=True),
                    S("measures", "不断健全工作机制", "……", run_in=True),
                ],
            ),
        ],
        signature=Signature("【单位】", "【日期】"),
    )


def _report() -> Draft:
    return Draft(
        title="【单位】关于【年份】年【时段】意识形态领域情况的分析研判报告",
        addressee="【主送】：",
        sections=[
            S(
                "opening",
                "",
                "按照意识形态工作责任制要求，【单位】对【年份】年【时段】意识形态领域情况进行了分析研判，现将有关情况报告如下：",
            ),
            S(
                "achievements",
                "意识形态工作开展情况",
                children=[
                    S("achievements", "落实主体责任", "……", run_in=True),
                    S("achievements", "加强理论武装", "……", run_in=True),
                    S("achievements", "强化阵地管理", "……", run_in=True),
                ],
            ),
            S("situation", "当前意识形态领域总体形势研判", "……"),
            S(
                "problems",
                "存在的风险隐患和问题",
                children=[
                    S("problems", "思想认识有待进一步提高", "……", run_in=True),
                    S("problems", "网络阵地管理有待加强", "……", run_in=True),
                ],
            ),
            S("causes", "原因分析", "……"),
            S(
                "measures",
                "下一步工作措施",
                children=[
                    S("measures", "持续压实责任", "……", run_in=True),
                    S("measures", "加强分析研判", "……", run_in=True),
                    S("measures", "做好舆情处置", "……", run_in=True),
                ],
            ),
            S("closing", "", "特此报告。"),
        ],
        signature=Signature("【单位】", "【日期】"),
    )


def _minutes() -> Draft:
    return Draft(
        title="【会议名称】会议记录",
        sections=[
            S(
                "general",
                "会议基本情况",
                "时间：【日期】",
                "地点：【地点】",
                "主持人：【主持人】",
                "参会人员：【参会人员】",
                "记录人：【记录人】",
            ),
            S("general", "会议议题", "……"),
            S(
                "general",
                "会议内容",
                children=[
                    S("situation", "通报【工作主题】有关情况", "……", run_in=True),
                    S("general", "与会人员发言", "……", run_in=True),
                ],
            ),
            S("requirements", "会议议定事项", "……"),
        ],
    )


def _notice() -> Draft:
    return Draft(
        title="关于【事项】的通知",
        addressee="【主送】：",
        sections=[
            S(
                "opening",
                "",
                "为……，根据……，经研究，决定……。现将有关事项通知如下：",
            ),
            S("general", "时间和地点", "时间：【时间】", "地点：【地点】"),
            S("general", "参加人员", "……"),
            S(
                "requirements",
                "有关要求",
                children=[
                    S("requirements", "高度重视", "请各单位……。", run_in=True),
                    S("requirements", "按时报送", "请于【截止日期】前将……报送【联系部门】。", run_in=True),
                ],
                numbering="arabic",
            ),
            S("closing", "", "特此通知。"),
        ],
        signature=Signature("【单位】", "【日期】"),
    )


# A notice goes down (no 签发人); a report goes up (签发人); a summary may carry attachments.
_DOWNWARD = ("copy_number", "secrecy", "urgency", "issuer_mark", "doc_number", "attachments", "note",
             "cc", "printer", "print_date", "seal")  # fmt: skip
_UPWARD = (*_DOWNWARD[:5], "signers", *_DOWNWARD[5:])
_ATTACHED = ("attachments", "note", "seal")

GENRES: dict[str, Genre] = {
    g.id: g
    for g in (
        Genre(
            "speech",
            "讲话",
            (_UNIT, _MEETING, _TOPIC, Variable("讲话人", "讲话领导姓名职务"), _DATE),
            _speech,
            byline=True,
        ),
        Genre(
            "remarks",
            "研讨发言",
            (_UNIT, _MEETING, _TOPIC, Variable("发言人", "发言人"), _DATE),
            _remarks,
            byline=True,
        ),
        Genre("summary", "工作总结", (_UNIT, _YEAR, _TOPIC, _DATE), _summary, furniture=_ATTACHED),
        Genre(
            "report",
            "分析研判报告",
            (_UNIT, _YEAR, Variable("时段", "如：上半年、第一季度"), _TO, _DATE),
            _report,
            furniture=_UPWARD,
        ),
        Genre(
            "minutes",
            "会议记录",
            (
                _MEETING,
                _TOPIC,
                _DATE,
                Variable("地点", "会议地点"),
                Variable("主持人", "主持人"),
                Variable("参会人员", "参会人员"),
                Variable("记录人", "记录人"),
            ),
            _minutes,
        ),
        Genre(
            "notice",
            "通知",
            (
                _UNIT,
                Variable("事项", "通知事项，如：召开全县意识形态工作会议"),
                _TO,
                Variable("时间", "活动时间"),
                Variable("地点", "活动地点"),
                Variable("截止日期", "材料报送截止日期"),
                Variable("联系部门", "报送或联系部门"),
                _DATE,
            ),
            _notice,
            furniture=_DOWNWARD,
        ),
    )
}


def genre(genre_id: str) -> Genre:
    try:
        return GENRES[genre_id]
    except KeyError:
        choices = "、".join(f"{g.id}（{g.label}）" for g in GENRES.values())
        raise IdeoError(f"未知的文种 {genre_id!r}，可选：{choices}") from None
