"""Each cleaning step on its own, with the tricky cases."""

from __future__ import annotations

import pytest

from ideodesk.core.cleaning import (
    clean_lines,
    drop_duplicated_titles,
    find_insertions,
    fullwidth_punctuation,
    is_boilerplate,
    normalize_characters,
    remove_inline_promos,
    remove_insertions,
    remove_pinyin_annotations,
    repair_line_ends,
    to_simplified_text,
)


def test_control_and_invisible_characters_are_removed():
    assert normalize_characters("意识\x00形态\x07工作\u200b\ufeff") == "意识形态工作"
    assert normalize_characters("\u3000\u3000同志们：") == "同志们："
    assert normalize_characters("意识 形态\u3000工作") == "意识形态工作"  # spaces inside Chinese
    assert normalize_characters("２０２４年ＡＢ") == "2024年AB"
    assert normalize_characters("Windows 10 系统") == "Windows 10 系统"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("意識形態(tài)工作", "意識形態工作"),
        ("領(lǐng)導(dǎo)", "領導"),
        ("（xíng）形", "（xíng）形"),  # not after a character
        ("开通移动(APP)端", "开通移动(APP)端"),  # no tone mark: not pinyin
        ("黨w(黨組)", "黨w(黨組)"),  # Chinese in brackets stays
    ],
)
def test_pinyin_annotations(raw, clean):
    assert remove_pinyin_annotations(raw) == clean


def test_traditional_to_simplified_with_the_zhe_particle():
    text, was = to_simplified_text("隨著互聯網的發展，存在著問題；著名的著作，顯著成效。")
    assert was is True
    assert text == "随着互联网的发展，存在着问题；著名的著作，显著成效。"


def test_simplified_text_is_left_alone():
    text, was = to_simplified_text("坚持以习近平新时代中国特色社会主义思想为指导，著作")
    assert was is False and text == "坚持以习近平新时代中国特色社会主义思想为指导，著作"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("强化责任落实?。", "强化责任落实。"),
        ("全面安排部署??。", "全面安排部署。"),
        ("警示教育较少。?。", "警示教育较少。"),
        ("报告如下:。", "报告如下:"),
        ("情况汇报如下：。", "情况汇报如下："),
        ("工作落实。。", "工作落实。"),
        ("这是为什么?", "这是为什么?"),  # a real question keeps its mark
    ],
)
def test_marks_lost_at_line_ends(raw, clean):
    assert repair_line_ends(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("同志们:", "同志们："),
        ("近年来,我局高度重视;成效明显!是吗?", "近年来，我局高度重视；成效明显！是吗？"),
        ("增长1.5万元,同比2024.7", "增长1.5万元，同比2024.7"),
        ("时间:2024年7月1日10:30", "时间：2024年7月1日10:30"),
        ("共1,000人参加", "共1,000人参加"),
        ("网址http://www.example.com/a,b 请查看", "网址http://www.example.com/a,b 请查看"),
        ("He said: hello, world.", "He said: hello, world."),
        ("(一)加强理论学习", "（一）加强理论学习"),
        ("(1)完善制度", "（1）完善制度"),
        ("国际交流与合作处(港澳台事务办公室)", "国际交流与合作处（港澳台事务办公室）"),
        ('以"三个代表"重要思想为指导', "以“三个代表”重要思想为指导"),
        ("工作要落实.", "工作要落实。"),
        ("做好微博、qq, 微信等管理", "做好微博、qq，微信等管理"),
        ("……等等...", "……等等……"),
    ],
)
def test_fullwidth_punctuation(raw, clean):
    assert fullwidth_punctuation(raw) == clean


@pytest.mark.parametrize(
    "line",
    [
        "接下来小编就给大家介绍一下优秀的范文该怎么写，我们一起来看一看吧。",
        "下面是小编为大家整理的，供大家参考。",
        "以下是为大家整理的关于，欢迎大家前来参考查阅！",
        "以下是本站精心整理的工作总结范文，仅供参考。",
        "本文来源：某某网",
        "来源：人民网",
        "相关推荐：2024年工作总结",
        "预览结束，剩余3页未读，下载完整文档",
        "点击下载全文",
        "https://www.example.com/article/123.html",
        "首页 > 范文 > 讲话稿",
        "上一篇：关于某某的通知",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "同志们：",
        "要加强对微信公众号的管理，及时回应群众关切。",
        "一、基本情况",
        "参考借鉴先进地区的经验做法，结合实际抓好落实。",
        "按照县委要求，现将有关情况报告如下：",
        "发挥好我局现有公众号、微信群等宣传阵地作用。",
    ],
)
def test_real_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_text_pasted_mid_sentence_is_found_by_repetition():
    lines = [
        "全市开展民族宗教领域矛盾公文微信公众号纠纷排查工作。",
        "给全市社会公文微信公众号稳定带来重大考验。",
        "经微信、微博等公文微信公众号途径迅速传播。",
        "发挥好我局现有公众号、微信群等宣传阵地作用。",
        "加强微信公众号管理，通过微信公众号发布信息。",
    ]
    found = find_insertions(lines)
    assert found == {"公文微信公众号"}
    cleaned = [remove_insertions(line, found) for line in lines]
    assert cleaned[0] == "全市开展民族宗教领域矛盾纠纷排查工作。"
    assert cleaned[1] == "给全市社会稳定带来重大考验。"
    assert cleaned[3] == lines[3] and cleaned[4] == lines[4]


def test_a_single_mention_is_not_an_insertion():
    assert find_insertions(["请关注本局微信公众号推送的消息。"]) == set()


def test_bracketed_source_notes_and_urls_inside_lines():
    assert remove_inline_promos("加强理论学习（来源：某某网）。") == "加强理论学习。"
    assert remove_inline_promos("详见www.example.com网站") == "详见网站"
    assert remove_inline_promos("（一）加强理论学习") == "（一）加强理论学习"


def test_duplicated_title_lines():
    lines = ["在2024年意识形态领域分析研讨会上的发言1", "在2024年意识形态领域分析研讨会上的发言", "同志们："]
    assert drop_duplicated_titles(lines) == ["在2024年意识形态领域分析研讨会上的发言", "同志们："]
    assert drop_duplicated_titles(["标题", "标题", "正文"]) == ["标题", "正文"]


def test_pipeline_drops_empty_and_boilerplate_lines():
    lines, _ = clean_lines(["", "下面是小编为大家整理的，供大家参考。", "  同志们:", "\t", "一、總體情況。"])
    assert lines == ["同志们：", "一、总体情况。"]
