"""Rule ``repeated_paragraph``."""

from __future__ import annotations

from ideodesk.core.draft import Draft, Section
from tests.checks.helpers import assert_fixes_clear, corpus_draft, draft_of, findings

P = (
    "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，"
    "全面落实意识形态工作责任制，牢牢掌握意识形态工作领导权。"
)


def test_exact_repeat_is_flagged_on_the_second_copy_and_can_be_deleted():
    d = Draft(
        sections=[Section(heading="甲", paragraphs=[P]), Section(heading="乙", paragraphs=["另起一段。", P])]
    )
    found = findings(d, "repeated_paragraph")
    assert len(found) == 1
    f = found[0]
    assert f.location.section == (1,) and f.location.paragraph == 2 and f.replacement == ""
    assert f.related is not None and f.related.section == (0,) and "一 第1段" in f.message
    fixed = assert_fixes_clear(d, "repeated_paragraph")
    assert fixed.sections[1].paragraphs == ["另起一段。"]


def test_repeat_ignores_punctuation_width_and_traditional_characters():
    twin = P.replace("，", ",").replace("贯", "貫")
    assert len(findings(draft_of(P, twin), "repeated_paragraph")) == 1


def test_near_repeat_is_flagged_without_a_fix():
    near = P.replace("今年以来", "上半年").replace("领导权", "领导权和话语权")
    found = findings(draft_of(P, near), "repeated_paragraph")
    assert len(found) == 1 and found[0].replacement is None and "相似" in found[0].message


def test_different_and_short_paragraphs_are_not_repeats():
    other = "下一步，我们将持续加强理论武装，健全工作机制，压实主体责任，做好舆情应对处置和网络阵地管理工作。"
    assert findings(draft_of(P, other, "特此报告。", "特此报告。"), "repeated_paragraph") == []


def test_the_corpus_repeats_are_found():
    found = findings(corpus_draft("004"), "repeated_paragraph")
    assert len(found) > 100  # whole reports are pasted two and three times
