"""Every corpus file through the importer: the documents' own outline, typed, and clean."""

from __future__ import annotations

import re

import pytest

from ideodesk.core.convert import to_simplified
from ideodesk.core.outline import parse_documents, parse_marker

BOILERPLATE = re.compile(
    "小编|公文微信公众号|篇[一二三四五六七八九十]+$|仅供参考|供大家参考|参考查阅|一起来看|范文|预览"
)
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]")


def headings(draft, level):
    return [s.heading for p, s in draft.walk() if len(p) == level and s.headed]


@pytest.fixture(scope="module")
def docs(corpus):
    return {f.name[:3]: parse_documents(f) for f in sorted(corpus.glob("*.txt"))}


def test_seminar_speech_000(docs):
    (d,) = docs["000"]
    assert d.title == "在2024年意识形态领域分析研讨会上的发言" and d.addressee == "同志们："
    assert d.genre == "remarks"
    assert headings(d, 1) == [
        "统一思想、提高认识，切实增强抓好意识形态工作的责任感和使命感",
        "聚焦重点、狠抓关键，稳步推进意识形态工作再上新台阶",
        "守土有责、敢抓敢管，切实推动意识形态工作责任落到实处",
    ]
    assert headings(d, 2) == [
        "加强理论学习，推动习近平新时代中国特色社会主义思想武装xx、教育群众、指导实践",
        "筑牢网络阵地，牢牢掌握意识形态工作的领导权、管理权、话语权",
        "注重培育载体，不断丰富意识形态工作内涵和外延",
        "严格落实责任制，强化问责刚性约束",
        "坚持问题导向，加大解决突出矛盾力度",
        "强化宣传报道，大力营造良好舆论氛围",
    ]
    assert [s.type for s in d.sections] == ["opening", "significance", "measures", "requirements", "closing"]
    assert d.sections[-1].paragraphs[0].startswith("综上所述")


def test_traditional_county_speech_002(docs):
    (d,) = docs["002"]
    assert d.title == "2022年县意识形态工作会讲话" and d.genre == "speech"
    assert d.extra.get("converted_from_traditional") is True
    assert headings(d, 1) == [
        "认清形势，始终保持清醒头脑",
        "严肃纪律，层层压实工作责任",
        "担当作为，狠抓各项任务落实",
    ]
    assert headings(d, 2) == [
        "主流舆论持续壮大",
        "理论wz工作持续深入",
        "阵地管理持续巩固",
        "文明创建持续发力",
    ]
    types = [s.type for s in d.sections]
    assert types[:3] == ["opening", "achievements", "problems"]
    assert types[3] in {"situation", "requirements"} and types[4:] == ["requirements", "requirements"]
    assert d.label((3,)) == "一要" and d.label((1, 0)) == "——"
    assert "（tài）" not in d.plain_text() and "(tài)" not in d.plain_text()


def test_compilation_004_is_split_and_each_report_recovered(docs):
    reports = docs["004"]
    parts = {d.extra.get("part") for d in reports}
    assert len(reports) >= 11 and len(parts) == len(reports)
    third = next(d for d in reports if d.addressee == "xx党委：")
    assert headings(third, 1) == ["基本情况", "存在不足和需要改进方面", "下一步工作计划"]
    assert [s.type for s in third.sections if s.headed] == ["achievements", "problems", "measures"]
    assert headings(third, 2)[:3] == [
        "加强组织领导，助推工作开展",
        "发挥组织优势，筑牢思想防线",
        "紧扣时事热点，做好正面引导",
    ]
    assert third.signature.issuer == "中共x支部委员会" and third.signature.date == "2022年3月30日"
    assert third.genre == "report"


def test_numbering_slips_in_004_keep_every_item(docs):
    first = docs["004"][0]  # （一）（二）（三）（三）（五）（六）（七）
    assert headings(first, 1) == [
        "加强组织领导，强化责任落实",
        "召开专题会议，全面安排部署",
        "加强理论学习，提升思想认识",
        "开展爱国主义教育、思想政治教育、形势政策教育、警示教育较少",
        "党员干部八小时之外监管力度不够",
        "对本单位党外人员意识形态教育管理不够严格",
        "对本单位宗教信仰情况信息掌握不全面",
    ]
    assert [first.label((i,)) for i in range(7)] == [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
        "（六）",
        "（七）",
    ]
    assert {s.type for s in first.sections[4:7]} == {"problems"}


@pytest.mark.parametrize("name", ["000", "002", "004"])
def test_no_number_no_boilerplate_full_width_simplified(docs, name):
    for d in docs[name]:
        for _, sec in d.walk():
            if sec.headed:
                assert parse_marker(sec.heading) is None, sec.heading
            assert sec.type != "" and 0 <= sec.extra["confidence"] <= 1
        for block in d.blocks():
            assert not BOILERPLATE.search(block.text), block.text
            assert not HALF_WIDTH.search(block.text), block.text
            assert to_simplified(block.text) == block.text, block.text
