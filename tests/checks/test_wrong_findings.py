"""Findings the review (content-review §5) showed to be wrong: none may be raised again."""

from __future__ import annotations

import pytest

from ideodesk.checks import run_checks
from tests.checks.helpers import draft_of


def rule_texts(text: str, rule: str, date: str = "2026年3月1日", genre: str = "speech") -> list[str]:
    d = draft_of(text, date=date)
    d.genre = genre
    return [f.text for f in run_checks(d, rules=[rule])]


def test_a_verb_after_a_word_is_not_a_doubled_character():
    """工作作了部署: deleting one 作 would corrupt the sentence."""
    assert rule_texts("党组对意识形态工作作了专题部署，对宣传工作作出安排。", "repeated_char") == []
    assert rule_texts("学习习总书记记强调的内容。", "repeated_char") == ["记记"]  # still caught


@pytest.mark.parametrize(
    "text",
    ["做好流感等呼吸道传染病疫情防控的宣传引导工作。", "抓好非洲猪瘟疫情防控，保障生猪稳产保供。"],
)
def test_epidemic_control_of_another_disease_is_not_outdated(text):
    assert rule_texts(text, "outdated") == []


def test_bare_epidemic_control_as_current_work_is_still_outdated():
    assert rule_texts("抓好公司疫情防控工作，稳定大局。", "outdated") == ["疫情防控"]


@pytest.mark.parametrize(
    "text",
    [
        "一是思想认识不够到位，对意识形态工作重要性认识不足。",
        "与上级要求相比有差距，工作机制不够健全。",
        "阵地管理有薄弱环节，队伍建设需要加强。",
    ],
)
def test_problem_section_wording_is_not_reported_as_missing_characters(text):
    assert rule_texts(text, "damaged_formulation") == []


def test_the_2019_wording_is_not_a_warning_in_2019():
    text = "推进马克思主义中国化时代化大众化，建设具有强大凝聚力和引领力的社会主义意识形态。"
    assert rule_texts(text, "outdated", date="2019年6月1日") == []
    assert rule_texts(text, "outdated", date="2026年3月1日") == ["马克思主义中国化时代化大众化"]


def test_this_years_campaign_in_a_summary_is_not_an_error():
    text = "扎实开展深入贯彻中央八项规定精神学习教育，推动作风建设常态长效。"
    assert rule_texts(text, "outdated", date="2025年12月26日", genre="summary") == []


def test_renamed_bodies_are_outdated_after_2018():
    found = run_checks(
        draft_of("中央全面深化改革领导小组审议通过了方案。", date="2026年3月1日"), rules=["outdated"]
    )
    assert [(f.text, f.replacement) for f in found] == [
        ("中央全面深化改革领导小组", "中央全面深化改革委员会")
    ]
    assert rule_texts("中央全面深化改革领导小组审议通过了方案。", "outdated", date="2016年3月1日") == []


def test_the_plenums_row_of_2024_is_outdated_after_the_fourth_plenum():
    found = run_checks(
        draft_of("深入学习贯彻党的二十大和二十届二中、三中全会精神。", date="2026年3月1日"),
        rules=["outdated"],
    )
    assert [f.replacement for f in found] == ["党的二十大和二十届二中、三中、四中全会精神"]


def test_a_repeated_sentence_inside_other_text_is_found():
    # issue 13, Build 5: a repeated sentence, not only a whole paragraph
    from ideodesk.checks import apply_fixes, run_checks
    from ideodesk.core.draft import Draft, Section

    s = "我局认真贯彻落实上级关于意识形态工作的决策部署，压实主体责任。"
    d = Draft(
        title="某局工作总结",
        sections=[Section(heading="工作情况", paragraphs=[s + s + "另一句。", "其他内容。" + s])],
    )
    found = [f for f in run_checks(d) if f.rule == "repeated_sentence"]
    assert [(f.location.paragraph, f.replacement) for f in found] == [(1, ""), (2, None)]
    assert apply_fixes(d, found).sections[0].paragraphs[0] == s + "另一句。"
    short = Draft(sections=[Section(heading="要求", paragraphs=["要提高认识。要提高认识。"])])
    assert not [f for f in run_checks(short) if f.rule == "repeated_sentence"]
