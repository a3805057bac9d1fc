"""Run-in items inside one paragraph, document boundaries, closings, genres and types
(issue 12): general rules, each with the case that must not trigger it."""

from __future__ import annotations

from ideodesk.core.outline import recover, split_embedded
from ideodesk.core.runin import split_run_in


def test_items_after_a_sentence_end_are_split_out():
    line = (
        "（一）加强组织领导。为确保工作落实，成立领导小组。一是健全机制。每月研究一次。"
        "二是压实责任；三是强化考核。"
    )
    assert list(split_run_in([line])) == [
        "（一）加强组织领导。为确保工作落实，成立领导小组。",
        "一是健全机制。每月研究一次。",
        "二是压实责任；",
        "三是强化考核。",
    ]
    line = "会议提出三点要求：一要提高认识。二要压实责任。三要狠抓落实。"
    assert list(split_run_in([line]))[1:] == ["一要提高认识。", "二要压实责任。", "三要狠抓落实。"]


def test_no_split_without_a_sentence_end_a_sequence_or_for_figures():
    agenda = "同志们，今天会议的议程有两项，一是传达文件精神，二是部署下步工作。"
    assert list(split_run_in([agenda])) == [agenda]
    lone = "我们开展了活动。一是其中最重要的一项工作。"
    assert list(split_run_in([lone])) == [lone]
    figures = "全年增长5.2%。2.3万人次参加。"
    assert list(split_run_in([figures])) == [figures]
    sequence = "首先，学习文件。其次，交流发言。最后，总结。"
    assert list(split_run_in([sequence])) == [sequence]


def test_split_items_become_sections_under_their_heading():
    draft = recover(["一、强化理论学习", "一是组织专题学习。全年学习12次。二是开展宣讲。宣讲20场。"])
    (sec,) = [s for s in draft.sections if s.headed]
    assert [c.heading for c in sec.children] == ["组织专题学习", "开展宣讲"]


def test_what_follows_the_last_one_paragraph_item_is_the_closing():
    lines = ["各位领导：", "下面我讲三点。", "一是传承。我会带领班子。", "二是凝聚。我会和班子一道。",
             "三是发展。我会完善制度。", "最后，请大家放心，我们一定把工作做好。"]  # fmt: skip
    draft = recover(lines)
    assert draft.sections[-1].type == "closing"
    assert draft.sections[-1].paragraphs == ["最后，请大家放心，我们一定把工作做好。"]


def test_attachments_after_the_signature_and_a_contact_block_stay_in_the_document():
    lines = ["各单位：", "现将有关事项通知如下：", "一、会议时间", "2月11日。", "二、会议地点", "福州。",
             "某某办公室", "2009年2月4日", "附件：参会人员回执", "联系电话：0591-1234567"]  # fmt: skip
    assert len(split_embedded(lines)) == 1
    two = ["某某局2023年工作总结", "一、工作情况", "开展学习。", "某某局", "2023年12月1日",
           "某某局2024年工作计划", "一、目标", "完成任务。"]  # fmt: skip
    assert len(split_embedded(two)) == 2


def test_genre_from_the_title_head_noun_and_from_the_opening():
    assert (
        recover(["关于召开某某现场会的预备通知", "各单位：", "经研究，定于8月召开现场会。"]).genre == "notice"
    )
    assert recover(["在全县总结大会上的讲话", "同志们：", "今天召开大会。"]).genre == "speech"
    assert recover(["某镇2025年工作总结与2026年工作计划", "今年以来，我镇开展了工作。"]).genre == "summary"
    assert recover(["某某主持召开区政府常务会议", "会议由区长主持。"]).genre == "minutes"
    plan = [
        "为全面落实责任制，制定本方案。",
        "一、指导思想",
        "以新思想为指导。",
        "二、基本原则",
        "坚持党管。",
    ]
    assert recover(plan).genre == "notice"
    assert [s.type for s in recover(plan).sections if s.headed] == ["general", "general"]


def test_a_summary_reports_what_was_done_under_verb_headings():
    lines = ["某局2024年意识形态工作总结", "一、强化理论学习，提升政治站位", "组织班子成员集中学习。",
             "二、存在的问题", "学习不够深入。", "三、下一步打算", "加强学习。"]  # fmt: skip
    assert [s.type for s in recover(lines).sections if s.headed] == ["achievements", "problems", "measures"]


def test_heading_body_and_next_heading_kept_apart_by_spaces_on_one_line():
    from ideodesk.core.cleaning import split_spaced_structure

    line = "党组会议制度 一、 会议组成 局党组会议由党组书记、党组成员组成，办公室主任列席。"
    assert split_spaced_structure(line) == [
        "党组会议制度",
        "一、 会议组成",
        "局党组会议由党组书记、党组成员组成，办公室主任列席。",
    ]
    assert split_spaced_structure("吴  玮   区外宣办主任") == ["吴  玮   区外宣办主任"]
    assert split_spaced_structure("- 1、本站文档仅供学习") == ["- 1、本站文档仅供学习"]


def test_articles_with_short_titles_and_lost_item_numbers():
    draft = recover(["某某学习制度", "第一条 参学人员", "全体班子成员。", "第二条 组织领导", "组长职责是：",
                     "()组织制订学习计划；", "()主持中心组学习。"])  # fmt: skip
    headed = [s for s in draft.sections if s.headed]
    assert [s.heading for s in headed] == ["参学人员", "组织领导"]
    assert draft.numbered_heading(draft.path_of(headed[0])) == "第一条\u3000参学人员"
    assert [c.heading for c in headed[1].children] == ["组织制订学习计划", "主持中心组学习"]
    # an article number followed by its text is an article, not a heading
    assert not [
        s
        for s in recover(["第三条各级党委应当把意识形态工作纳入议事日程，与业务工作同部署。"]).sections
        if s.headed
    ]


def test_hard_wrapped_lines_are_rejoined_but_paragraphs_and_headings_stay():
    from ideodesk.core.rejoin import rejoin

    first = "新媒体时代的舆情危机不断涌现。互联网的迅速普及与社交平台的兴起，使得新媒体成为人们获取信息的主"
    wrapped = [first,
               "要平台。但同时，新媒体也带来了多种负面社会问题，如何应对新媒体时代的舆情风险成为当前工作的主要挑",
               "战。", "二、国际意识形态领域", "正文。"]  # fmt: skip
    assert rejoin(wrapped)[0].endswith(
        "主要平台。但同时，新媒体也带来了多种负面社会问题，如何应对新媒体时代的舆情风险成为当前工作的主要挑战。"
    )
    assert rejoin(wrapped)[1:] == ["二、国际意识形态领域", "正文。"]
    assert rejoin(["尊敬的各位领导，", "同志们今天召开大会。"]) == ["尊敬的各位领导，同志们今天召开大会。"]
    assert rejoin(["一、", "2025年工作成效与经验", "正文。"]) == ["一、2025年工作成效与经验", "正文。"]
    paragraphs = [
        "今年以来，我局扎实开展意识形态工作，取得明显成效。",
        "拧紧思想认识的总开关",
        "正文从这里开始。",
    ]
    assert rejoin(paragraphs) == paragraphs


def test_a_whole_document_on_one_line_gives_its_title_and_salutation():
    line = (
        "某某：全国两会政府工作报告发言提纲各位领导、各位代表：我是来自某市的全国人大代表。"
        + "政府工作报告通篇高举旗帜。" * 8
    )
    draft = recover([line])
    assert draft.title == "某某：全国两会政府工作报告发言提纲" and draft.addressee == "各位领导、各位代表："


def test_a_long_paragraph_using_site_words_is_not_boilerplate():
    from ideodesk.core.cleaning import is_boilerplate

    body = "一些自媒体为了追求点击率和关注度，发布不实信息、传播负面能量；" * 4
    assert not is_boilerplate(body)
    assert is_boilerplate("点击下方链接免费下载全文")


def test_minutes_fields_run_together_are_split_and_fill_the_templates_variables():
    from ideodesk.core.minutes import split_fields

    assert list(split_fields(["时间：6月30日上午 地点：党员活动室 主持人：张某"])) == [
        "时间：6月30日上午",
        "地点：党员活动室",
        "主持人：张某",
    ]
    assert list(split_fields(["会议强调，时间紧、任务重。"])) == ["会议强调，时间紧、任务重。"]
    lines = ["某支部理论学习中心组学习纪要", "某支部理论学习中心组 2023年6月30日",
             "6月30日上午，中心组开展集中学习。", "主持：张某", "出席：李某、王某", "记录：王某"]  # fmt: skip
    draft = recover(lines)
    assert draft.genre == "minutes"
    assert draft.variables == {"主持人": "张某", "参会人员": "李某、王某", "记录人": "王某"}
    assert draft.signature.issuer == "某支部理论学习中心组" and draft.signature.date == "2023年6月30日"
