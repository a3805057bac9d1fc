"""Outline recovery: numbering styles in any nesting order, run-in headings, slips, splitting."""

from __future__ import annotations

import pytest

from ideodesk.core.outline import marker_value, parse_marker, parse_outline, recover, split_documents


def outline(text: str):
    return parse_outline(text.strip())


def tree(d):
    return [(len(p), s.heading) for p, s in d.walk() if s.headed]


@pytest.mark.parametrize(
    ("line", "style", "rest"),
    [
        ("一、提高政治站位", "cn", "提高政治站位"),
        ("十二、其他事项", "cn", "其他事项"),
        ("（一）加强理论学习。正文", "cn_paren", "加强理论学习。正文"),
        ("(二)加强阵地建设", "cn_paren", "加强阵地建设"),
        ("1.完善制度", "arabic", "完善制度"),
        ("2、健全机制", "arabic", "健全机制"),
        ("（3）细化分工", "arabic_paren", "细化分工"),
        ("(4)落实责任", "arabic_paren", "落实责任"),
        ("①加强领导", "circled", "加强领导"),
        ("一是压实工作责任。正文", "yishi", "压实工作责任。正文"),
        ("二要严肃纪律，层层压实责任。", "yiyao", "严肃纪律，层层压实责任。"),
        ("第一，要提高政治站位。正文", "diyi", "要提高政治站位。正文"),
        ("首先，要统一思想。", "shouxian", "要统一思想。"),
        ("——主流舆论持续壮大。", "dash", "主流舆论持续壮大。"),
    ],
)
def test_every_numbering_style_is_recognised(line, style, rest):
    assert parse_marker(line) == (style, rest)


@pytest.mark.parametrize(
    "line",
    [
        "1.5万名党员参加学习",
        "2024.7月召开会议",
        "12月4日学校传达学习文件",
        "一方面要加强学习",
        "其次，要注意方法。",  # 其次 without 首先 is prose
        "——习近平",
        "第一时间处置舆情",
        "2024年工作总结",
    ],
)
def test_lines_that_only_look_numbered(line):
    assert parse_marker(line) is None


@pytest.mark.parametrize(
    ("line", "value"), [("一、", 1), ("（十二）", 12), ("3.", 3), ("①", 1), ("二十一是", 21), ("首先，", 1)]
)
def test_marker_values(line, value):
    assert marker_value(line) == value


def test_default_nesting_and_numbers_are_removed_from_headings():
    d = outline("""
关于上半年工作的报告
县委：
上半年，我局认真落实……现将有关情况报告如下：
一、主要工作
（一）强化组织领导
1.健全机制
（1）细化分工。各科室……
二、存在问题
（一）学习不够深入
""")
    assert d.title == "关于上半年工作的报告" and d.addressee == "县委："
    assert tree(d) == [
        (1, "主要工作"),
        (2, "强化组织领导"),
        (3, "健全机制"),
        (4, "细化分工"),
        (1, "存在问题"),
        (2, "学习不够深入"),
    ]
    assert d.sections[0].type == "opening"
    assert d.label((1,)) == "一、" and d.label((1, 0)) == "（一）"


def test_any_nesting_order_first_style_opens_level_one():
    d = outline("""
1.第一部分
一是分项甲。正文。
二是分项乙。正文。
2.第二部分
（1）细目。
""")
    assert tree(d) == [(1, "第一部分"), (2, "分项甲"), (2, "分项乙"), (1, "第二部分"), (2, "细目")]
    assert d.child_numbering == "arabic"
    assert d.sections[0].child_numbering == "yishi"


def test_half_and_full_width_brackets_are_the_same_style():
    d = outline("一、总体\n(一)甲\n（二）乙\n(三)丙")
    assert [h for lvl, h in tree(d) if lvl == 2] == ["甲", "乙", "丙"]


def test_numbering_slips_do_not_break_the_tree():
    d = outline("一、问题\n（一）甲\n（三）乙\n（三）丙\n（五）丁\n二、措施\n（一）戊")
    assert tree(d) == [(1, "问题"), (2, "甲"), (2, "乙"), (2, "丙"), (2, "丁"), (1, "措施"), (2, "戊")]
    assert [d.label((0, i)) for i in range(4)] == ["（一）", "（二）", "（三）", "（四）"]


def test_run_in_headings_keep_the_rest_as_body():
    d = outline("""
一、加强理论学习
（一）加强理论学习，提升站位。要坚持不懈抓好学习。
一是压实工作责任。正文一。
第一，要提高政治站位。正文二。
""")
    sec = d.section((0, 0))
    assert (
        sec.heading == "加强理论学习，提升站位" and sec.run_in and sec.paragraphs == ["要坚持不懈抓好学习。"]
    )
    assert d.section((0, 0, 0)).heading == "压实工作责任"
    assert d.section((0, 0, 0, 0)).heading == "要提高政治站位"
    assert (
        next(b.text for b in d.blocks() if b.path == (0, 0))
        == "（一）加强理论学习，提升站位。要坚持不懈抓好学习。"
    )


def test_heading_without_final_punctuation_and_with_quotes():
    d = outline("一、加强党员学习教育，牢固树立“四个意识”\n正文。\n二、做到“两个维护”。正文。")
    assert d.sections[0].heading == "加强党员学习教育，牢固树立“四个意识”" and not d.sections[0].run_in
    assert d.sections[0].paragraphs == ["正文。"]
    assert d.sections[1].heading == "做到“两个维护”" and d.sections[1].run_in


def test_heading_with_a_full_stop_the_site_added_is_a_block_heading():
    d = outline("一、基本情况。\n（一）加强组织领导，助推工作开展。\n正文。")
    assert d.sections[0].heading == "基本情况" and not d.sections[0].run_in
    assert d.section((0, 0)).heading == "加强组织领导，助推工作开展" and d.section((0, 0)).paragraphs == [
        "正文。"
    ]


def test_switching_run_in_lists_keeps_both():
    d = outline("""
2021年，全县……取得成效。
——主流舆论持续壮大。正文甲。
——阵地管理持续巩固。正文乙。
在肯定成绩的同时，我们也要看到问题。下面，我讲三点意见：
一要认清形势，保持清醒。正文丙。
二要严肃纪律，压实责任。正文丁。
""")
    top = d.sections
    assert top[0].type == "opening"
    assert not top[1].headed and top[1].child_numbering == "dash" and len(top[1].children) == 2
    assert top[2].paragraphs == ["在肯定成绩的同时，我们也要看到问题。下面，我讲三点意见："]
    assert [s.heading for s in top[3:]] == ["认清形势，保持清醒", "严肃纪律，压实责任"]
    assert d.child_numbering == "yiyao" and d.label((3,)) == "一要" and d.label((1, 1)) == "——"
    # no text lost, order kept
    assert "".join(b.text for b in d.blocks()).count("正文") == 4


def test_inline_list_start_after_a_heading():
    d = outline(
        "一、意识形态工作总体情况一是通过宣传阵地占领，实现正确引导。正文。\n二是抓住关键少数。正文。"
    )
    assert d.sections[0].heading == "意识形态工作总体情况"
    assert [c.heading for c in d.sections[0].children] == ["通过宣传阵地占领，实现正确引导", "抓住关键少数"]


def test_signature_date_and_closing():
    d = outline("""
关于做好防汛工作的通知
各乡镇：
为做好防汛工作，现将有关事项通知如下：
一、提高认识
正文。
二、落实责任
正文。
特此通知。
中共某县委办公室
2024年7月1日
""")
    assert d.signature.issuer == "中共某县委办公室" and d.signature.date == "2024年7月1日"
    assert d.sections[-1].type == "closing" and d.sections[-1].paragraphs == ["特此通知。"]
    assert d.genre == "notice"


def test_deeper_than_four_levels_stays_text():
    d = outline("一、甲\n（一）乙\n1.丙\n（1）丁\n①戊。正文。")
    assert max(len(p) for p, _ in d.walk()) == 4
    assert any("戊" in p for _, s in d.walk() for p in s.paragraphs)


def test_split_by_pian_markers():
    lines = ["网站介绍", "工作总结篇一", "一、甲", "工作总结篇二", "二、乙", "工作总结篇三", "正文"]
    split = split_documents(lines)
    parts = split.parts
    assert [stem for stem, _ in parts] == ["工作总结"] * 3
    assert parts[0][1] == ["一、甲"] and parts[2][1] == ["正文"]
    assert split.before == ["网站介绍"]
    assert split_documents(["这是篇一", "正文"]).parts == [("", ["这是篇一", "正文"])]


def test_split_at_a_leading_part_marker_and_after_a_collection_title():
    # ``篇一：标题`` starts a document even when the page shows only one; what comes before
    # it is the collection's introduction
    split = split_documents(["意识形态工作极端重要。", "篇一：上半年工作总结", "一、甲", "正文"])
    assert split.parts == [("上半年工作总结", ["一、甲", "正文"])] and split.before == [
        "意识形态工作极端重要。"
    ]
    # a collection title (…15篇) makes a single stem marker (…篇1) count
    split = split_documents(["工作总结15篇", "工作总结篇1", "正文"])
    assert split.parts == [("工作总结", ["正文"])]
    assert split_documents(["第一篇", "正文"]).parts == [("", ["正文"])]


def test_several_documents_in_one_text_are_refused_by_parse_outline():
    text = "总结篇一\n一、甲\n正文。\n总结篇二\n一、乙\n正文。"
    with pytest.raises(Exception, match="2 篇"):
        parse_outline(text)


def test_recover_without_any_numbering():
    d = recover(["同志们：", "今天召开会议。", "希望大家认真落实。"])
    assert (
        d.addressee == "同志们："
        and len(d.sections) == 1
        and d.sections[0].paragraphs[-1] == "希望大家认真落实。"
    )


def test_section_types_and_confidence():
    d = outline("""
一、上半年工作开展情况
正文。
二、存在的问题和不足
正文。
三、原因分析
正文。
四、下一步工作打算
正文。
""")
    assert [s.type for s in d.sections] == ["achievements", "problems", "causes", "measures"]
    assert all(0 <= s.extra["confidence"] <= 1 for s in d.sections)


def test_children_inherit_unless_their_words_say_otherwise():
    d = outline("一、存在的问题\n（一）学习有待加强\n（二）某某方面\n二、下一步措施\n（一）加强学习")
    assert d.section((0, 1)).type == "problems"  # no words of its own: inherits
    assert d.section((1, 0)).type == "measures"


def test_an_enumeration_inside_one_paragraph_becomes_run_in_items():
    # issue 12: a list run into one paragraph (一是…；二是…；三是…) is a list of items, as
    # the labelled corpus has it; an enumeration after commas stays prose
    d = outline(
        "二、存在的问题\n一是责任落实不到位；二是力量较为薄弱；三是物资储备不足。\n三、打算\n1、抓好整治。"
    )
    assert [c.heading for c in d.sections[0].children] == ["责任落实不到位", "力量较为薄弱", "物资储备不足"]
    assert d.section((1, 0)).heading == "抓好整治" and d.label((1, 0)) == "1."
    d = outline("二、存在的问题\n主要是一是责任不到位，二是力量薄弱，三是储备不足。")
    assert d.sections[0].children == []


def test_a_compilation_of_personal_reports_splits_at_each_numbered_name():
    lines = ["2019年度领导班子个人述职报告", "1.张某某（党委副书记）", "一、认真学习", "正文。",
             "2.李  某（副校长）", "现将我一年来的情况汇报如下。", "一、加强学习", "正文。"]  # fmt: skip
    split = split_documents(lines)
    assert [stem for stem, _ in split.parts] == ["张某某（党委副书记）", "李某（副校长）"]
    assert split.before == ["2019年度领导班子个人述职报告"]


def test_a_document_before_a_collection_is_kept():
    first = ["在某会议上的讲话", "同志们：", "一、提高认识", "正文。", "二、狠抓落实", "正文。"]
    split = split_documents([*first, "某某记录篇一", "正文甲。", "某某记录篇二", "正文乙。"])
    assert split.parts[0] == ("", first) and len(split.parts) == 3 and split.before == []


def test_reports_under_one_repeated_title_split_at_each_repetition():
    from ideodesk.core.splitting import split_embedded

    lines = ["关于述职报告展示的通知", "全体教职工：", "现将述职报告展示如下。", "党政办",
             "2022年度述职述廉报告", "张某", "一、履职情况", "正文。",
             "2022年度述职述廉报告", "李某", "一、工作收获", "正文。"]  # fmt: skip
    docs = split_embedded(lines)
    assert [d[0] for d in docs] == ["关于述职报告展示的通知", "2022年度述职述廉报告", "2022年度述职述廉报告"]


@pytest.mark.parametrize("source", ["/没有/这个/讲话.docx", "讲话稿.txt", r"D:\文稿\总结.docx"])
def test_a_mistyped_path_is_an_error_not_a_draft_titled_with_it(source):
    from ideodesk.errors import IdeoError

    with pytest.raises(IdeoError, match="找不到这个文件"):
        parse_outline(source)


def test_a_one_line_text_is_still_a_text():
    assert parse_outline("在全县宣传思想工作会议上的讲话").title == "在全县宣传思想工作会议上的讲话"


def test_the_explicit_entry_points_never_guess(tmp_path):
    from ideodesk.core.outline import parse_outline_text, read_outline_file
    from ideodesk.errors import IdeoError

    # text that looks like a file name is text for the text entry point (a lone file-name
    # line is page junk there, so no body is left) …
    with pytest.raises(IdeoError, match="没有找到正文"):
        parse_outline_text("讲话稿.txt")
    assert parse_outline_text("在全县宣传思想工作会议上的讲话").title == "在全县宣传思想工作会议上的讲话"
    # … and a file name that names no file is an error for the file entry point
    with pytest.raises(IdeoError, match=r"讲话稿\.txt"):
        read_outline_file(tmp_path / "讲话稿.txt")
    f = tmp_path / "讲话稿.txt"
    f.write_text("在全县宣传思想工作会议上的讲话\n同志们：\n一、提高认识\n正文。\n", encoding="utf-8")
    assert read_outline_file(f).title == "在全县宣传思想工作会议上的讲话"
    assert read_outline_file(str(f)).sections[0].heading == "提高认识"
    assert parse_outline(f).title == read_outline_file(f).title
