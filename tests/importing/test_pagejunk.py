"""Page furniture by shape (issue 12): each kind of line sites add, and the lines of a
document that look close to them but must stay."""

from __future__ import annotations

import pytest

from ideodesk.core.cleaning import clean_text_lines
from ideodesk.core.pagejunk import junk_reason, repeated_lines, strip_jammer


@pytest.mark.parametrize(
    "line",
    [
        "发布时间：2025-06-03",
        "浏览次数：11",
        "来源：本站 时间：2018-03-12 14:40:03",
        "文章来源：本站原创 作者：佚名 发布时间：2019年09月20日 点击数： 次",
        "索引号 BT/2016-1830 发文机关 某某 发布日期 2016-09-20",
        "2018年05月01日 22:41",
        "2022-04-08",
        "首页 > 写作提升 > 写作技巧 > 某某工作总结 >",
        "首页 单位介绍 最新动态 学术研究 遗产保护 公众考古 政策法规 下载专区",
        "• 会议内容",
        "打印此文 关闭窗口",
        "购物车",
        "第5页 / 共23页",
        "[此文共613字]",
        "（未完，全文共1109字，当前显示253字）",
        "某某标准.docx",
        "图 2 某某同志总结汇报",
        "文/某某",
        "……略……",
        "姓名 |",
        "' P' i6 a, m6 |6 o4 L& g/ t) |7 i# c* ~$ V8 y+",
        "主办单位：某某研究院 地址：某某路18号 湘ICP备00000000号",
        "试读结束，请点击右下角登录后",
        "发文字号某发〔2016〕120号来源某办成文日期 2016-11-30",
        "2019-09-10某某某",
        "某某地理 2019年4期",
        "请在某某网上搜索",
        "下载资源",
    ],
)
def test_furniture_is_recognised(line):
    assert junk_reason(line), line


@pytest.mark.parametrize(
    "line",
    [
        "时间：2024年7月1日上午9:00",
        "地点：县委三楼会议室",
        "联系电话：0531-82958071",
        "主持人：某某",
        "2024年7月1日",
        "中共某某县委宣传部",
        "一、总体情况",
        "（一）加强组织领导。各单位要高度重视。",
        "同志们：",
        "会议强调，要切实加强意识形态阵地管理，做到守土有责、守土负责、守土尽责。",
        "附件：参会人员回执",
        "在全县宣传思想工作会议上的讲话",
        "……",
    ],
)
def test_document_lines_stay(line):
    assert junk_reason(line) is None, line


def test_jammer_strings_glued_to_text_are_cut_out():
    assert strip_jammer("会议纪要! i; y6 T1 j: A8 L' i! M") == "会议纪要"
    assert strip_jammer("4 K2 |( l& v3 [9 o4 a/ i( Y二、写法") == "二、写法"
    assert strip_jammer("2024年GDP增长5.2%，CPI上涨0.3%") == "2024年GDP增长5.2%，CPI上涨0.3%"


def test_a_line_repeated_through_the_text_is_furniture_but_headings_are_not():
    lines = [
        "关注公众号获取更多",
        "正文一。",
        "一、总体要求",
        *["正文。"] * 10,
        "关注公众号获取更多",
        "一、总体要求",
    ]
    assert repeated_lines(lines, protected=lambda line: line == "一、总体要求") == {"关注公众号获取更多"}


def test_cleaning_reports_what_it_removed_and_keeps_restored_lines():
    lines = ["某某工作总结", "发布时间：2025-06-03", "浏览次数：11", "今年以来，我局扎实开展工作。"]
    cleaned = clean_text_lines(lines)
    assert cleaned.lines == ["某某工作总结", "今年以来，我局扎实开展工作。"]
    assert [reason for _, reason in cleaned.removed] == ["发布信息", "发布信息"]
    kept = clean_text_lines(lines, keep=frozenset({"浏览次数：11"}))
    assert "浏览次数：11" in kept.lines


def test_photo_captions_after_the_last_sentence_go_but_a_signature_stays():
    from ideodesk.core.outline import recover

    body = ["某月某日，某单位召开意识形态工作会。", "会议强调，要压实责任。"]
    removed: list = []
    draft = recover([*body, "某某某发言", "会议现场"], removed=removed)
    assert [line for line, _ in removed] == ["某某某发言", "会议现场"]
    assert "会议现场" not in draft.plain_text()
    draft = recover([*body, "中共某县委宣传部", "2021年1月18"])
    assert draft.signature.issuer == "中共某县委宣传部" and draft.signature.date == "2021年1月18"


def test_a_sites_elision_inside_a_sentence_is_cut_out():
    from ideodesk.core.cleaning import remove_inline_promos

    assert remove_inline_promos("建立……略……工作制度。") == "建立工作制度。"
    assert remove_inline_promos("内容包括……等等。") == "内容包括……等等。"
