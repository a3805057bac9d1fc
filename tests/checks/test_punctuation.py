"""Rules ``halfwidth_punct``, ``unbalanced``, ``doubled_punct``, ``repeated_char``."""

from __future__ import annotations

import pytest

from tests.checks.helpers import assert_fixes_clear, draft_of, findings, texts


def test_half_width_marks_in_chinese_text_become_full_width():
    d = draft_of('近年来,我局高度重视意识形态工作;坚持"三个代表"重要思想(摘要)!是否落实?要求如下:认真落实.')
    got = [(f.text, f.replacement) for f in findings(d, "halfwidth_punct")]
    assert got == [
        (",", "，"), (";", "；"), ('"', "“"), ('"', "”"), ("(", "（"), (")", "）"),
        ("!", "！"), ("?", "？"), (":", "："), (".", "。"),
    ]  # fmt: skip
    fixed = assert_fixes_clear(d, "halfwidth_punct")
    assert fixed.sections[0].paragraphs[0].endswith("要求如下：认真落实。")


@pytest.mark.parametrize(
    "text",
    [
        "全年投入1,000万元，上午9:30开会，比例为1:2。",
        "详见 https://www.example.gov.cn/a,b?c=1 和 info@example.com。",
        "He said: yes, we can (maybe)!",
        "版本号v1.2，增长3.5%。",
    ],
)
def test_numbers_urls_and_latin_text_keep_their_marks(text):
    assert findings(draft_of(text), "halfwidth_punct") == []


def test_numbering_brackets_are_left_to_the_numbering_rule():
    assert findings(draft_of("(一)加强组织领导。"), "halfwidth_punct") == []


def test_unbalanced_quotes_brackets_and_book_marks():
    d = draft_of("学习《党委（党组）意识形态工作责任制实施办法，做到“两个维护。", "坚持问题导向）。")
    got = [(f.text, f.message[:3]) for f in findings(d, "unbalanced")]
    assert got == [("《", "左书名"), ("“", "左双引"), ("）", "多出一")]


def test_balanced_text_and_quotes_over_paragraphs_are_fine():
    d = draft_of("“意识形态决定文化前进方向和发展道路。", "“必须推进马克思主义中国化时代化。”（二十大报告）")
    assert findings(d, "unbalanced") == []
    assert findings(draft_of("半角括号(一)与全角括号（二）混排。"), "unbalanced") == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("现将有关情况报告如下:。", "："),
        ("强化责任落实，，", "，"),
        ("加强学习。。", "。"),
        ("一岗双责、，", "，"),
        ("完成。。。", "……"),
    ],
)
def test_doubled_punctuation(text, fix):
    d = draft_of(text)
    assert [f.replacement for f in findings(d, "doubled_punct")] == [fix]
    assert_fixes_clear(d, "doubled_punct")


def test_question_and_exclamation_together_are_allowed():
    assert findings(draft_of("难道不是这样吗？！"), "doubled_punct") == []


def test_doubled_characters_are_flagged():
    d = draft_of("认真学习的的精神，学习习总书记记强调的内容，意识形态意识形态工作。")
    assert texts(findings(d, "repeated_char")) == ["的的", "记记", "意识形态意识形态"]
    fixed = assert_fixes_clear(d, "repeated_char")
    assert fixed.sections[0].paragraphs[0] == "认真学习的精神，学习习总书记强调的内容，意识形态工作。"


@pytest.mark.parametrize(
    "text",
    [
        "常常看看，谢谢大家，天天向上，人人有责，年年如此，事事关心。",
        "的的确确，认认真真，扎扎实实，实实在在。",
        "一步步推进，一个个落实。",
        "加强工作作风建设，为了了解情况，学习习近平总书记重要讲话。",
        "研究研究再定，王丽丽同志发言。",
        "层层压实责任，紧紧围绕中心。",
    ],
)
def test_reduplication_and_words_meeting_are_not_flagged(text):
    assert findings(draft_of(text), "repeated_char") == []
