"""The head of a document (issue 12): the title chosen by evidence, site suffixes dropped,
speaker/date/文号 lines, an addressee broken over lines or with a greeting."""

from __future__ import annotations

import pytest

from ideodesk.core.opening import clean_title, take_head
from ideodesk.core.outline import recover

BODY = "今天，我们召开全县宣传思想工作会议，主要任务是总结工作、部署任务。"


def test_speaker_and_date_lines_between_title_and_addressee():
    head, rest = take_head(
        ["在全县宣传工作会议上的讲话", "县委常委、宣传部长 某某", "（2010年3月11日）", "同志们：", BODY]
    )
    assert head.title == "在全县宣传工作会议上的讲话"
    assert head.speaker == "县委常委、宣传部长 某某" and head.date_line == "（2010年3月11日）"
    assert head.addressee == "同志们：" and rest == [BODY]


def test_a_site_line_before_the_title_is_dropped_and_the_real_title_chosen():
    head, _ = take_head(["水利部部长讲话", "在全县宣传工作会议上的讲话", "同志们：", BODY])
    assert head.title == "在全县宣传工作会议上的讲话"
    assert head.removed == [("水利部部长讲话", "标题前的网页内容")]
    head, _ = take_head(
        ["公文高手，超级方便的写作神器！立即了解", "县宣传思想工作会议上的讲话", "同志们：", BODY]
    )
    assert head.title == "县宣传思想工作会议上的讲话"


def test_site_rules_before_a_clear_title_are_dropped():
    rules = ["本站文档一经付费，不意味着购买了该文档的版权，仅供个人学习、研究之用，不得用于商业用途。"] * 3
    head, rest = take_head([*rules, "第二季度意识形态领域分析研判报告", "一、总体态势", BODY])
    assert head.title == "第二季度意识形态领域分析研判报告"
    assert rest[0] == "一、总体态势" and len(head.removed) == 3


def test_title_and_addressee_broken_over_lines_are_joined():
    head, _ = take_head(
        [
            "关于召开某某省委",
            "社会服务工作现场会的预备通知",
            "某发〔2014〕29号",
            "各市委会、省直基层工委：",
            BODY,
        ]
    )
    assert head.title == "关于召开某某省委社会服务工作现场会的预备通知"
    assert head.doc_number == "某发〔2014〕29号" and head.addressee == "各市委会、省直基层工委："
    head, _ = take_head(["市政协办公室", "2025", "年意识形态工作总结与", "2026", "年工作计划", BODY])
    assert head.title == "市政协办公室2025年意识形态工作总结与2026年工作计划"
    head, _ = take_head(["在某某会议上的主持词", "各位领导、各位", "同志：", BODY])
    assert head.addressee == "各位领导、各位同志："


def test_the_title_repeated_by_the_page_is_dropped():
    head, rest = take_head(["某某工作总结", "某某工作总结", BODY])
    assert head.title == "某某工作总结" and rest == [BODY]


def test_greeting_addressee_and_no_title():
    head, rest = take_head(["各位领导、同行，大家下午好！", BODY])
    assert head.title == "" and head.addressee == "各位领导、同行：" and rest == [BODY]
    head, _ = take_head(["同志们：", BODY])
    assert head.title == "" and head.addressee == "同志们："
    head, rest = take_head([BODY, "一、总体情况"])
    assert head.title == "" and rest == [BODY, "一、总体情况"]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("意识形态问题整改情况督查方案范文", "意识形态问题整改情况督查方案"),
        ("【宣传阐释】学习宣讲全会精神的三点思考", "学习宣讲全会精神的三点思考"),
        ("篇一：2023年上半年意识形态工作总结汇报", "2023年上半年意识形态工作总结汇报"),
        ("3、小学教师两学一做学习心得", "小学教师两学一做学习心得"),
        ("8,，党组会议制度（完整）", "党组会议制度"),
        ("某某报告（2篇）", "某某报告"),
        ("某某工作总结.docx", "某某工作总结"),
        ("标  题 关于做好宣传工作的紧急通知", "关于做好宣传工作的紧急通知"),
        ("鲁政发〔2014〕20号《某某关于深化改革的实施意见》", "某某关于深化改革的实施意见"),
        (
            "关于深化“先锋工程”建设&nbsp;深入开展活动的实施意见",
            "关于深化“先锋工程”建设 深入开展活动的实施意见",
        ),
    ],
)
def test_site_suffixes_and_prefixes_leave_the_title(line, title):
    assert clean_title(line) == title


def test_a_speech_keeps_its_speaker_and_date_in_the_signature():
    draft = recover(["在全县宣传工作会议上的讲话", "县委书记 某某", "（2024年3月11日）", "同志们：", BODY])
    assert draft.signature.issuer == "县委书记 某某" and draft.signature.date == "2024年3月11日"
    assert draft.extra["speaker_line"] == "县委书记 某某"


def test_a_long_title_and_a_subtitle_line_stay_in_the_head_and_the_full_title_wins():
    long_title = (
        "关于切实做好创建全国文明城市、国家卫生城市、国家森林城市和迎接第十一届中国艺术节宣传工作的紧急通知"
    )
    head, _ = take_head([f"标  题 {long_title}", long_title, "各乡镇、各相关单位：", BODY])
    assert head.title == long_title and head.addressee == "各乡镇、各相关单位："
    full = "不忘初心担使命 奋力开创新局面——在主题教育总结大会上的讲话"
    lines = [full, "不忘初心担使命", "奋力开创新局面", "——在主题教育总结大会上的讲话", "（1月13日下午）",
             "某校党委书记 某某", "同志们：", BODY]  # fmt: skip
    head, rest = take_head(lines)
    assert head.title == "不忘初心担使命 奋力开创新局面——在主题教育总结大会上的讲话"
    assert head.addressee == "同志们：" and head.speaker == "某校党委书记 某某" and rest == [BODY]


def test_the_red_header_and_the_attachments_come_back_as_furniture():
    lines = ["中共某县委宣传部文件", "某宣发[2026]03号", "关于召开全县宣传工作会议的通知", "各乡镇：",
             "现将有关事项通知如下：", "一、会议时间", "12月10日。", "附件：1.参会人员回执", "2.会议议程",
             "中共某县委宣传部", "2026年12月2日", "附件1", "参会人员回执", "附件2", "会议议程"]  # fmt: skip
    draft = recover(lines)
    assert draft.title == "关于召开全县宣传工作会议的通知"
    assert draft.furniture.issuer_mark == "中共某县委宣传部文件"
    assert draft.furniture.doc_number == "某宣发〔2026〕3号"
    assert draft.furniture.attachments == ["参会人员回执", "会议议程"]
    assert draft.signature.issuer == "中共某县委宣传部" and draft.signature.date == "2026年12月2日"
    # an attachment page with text of its own stays in the document
    kept = recover([*lines[:11], "附件1", "参会人员回执", "姓名：　　单位："])
    assert "姓名：　　单位：" in kept.plain_text() or "姓名：单位：" in kept.plain_text()
