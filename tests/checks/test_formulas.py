"""Rule ``formula``: the numbered formulas' members and order (issue 13, Build 2)."""

from __future__ import annotations

import pytest

from ideodesk.checks import apply_fixes, run_checks
from tests.checks.helpers import draft_of


def formula(text: str) -> list:
    return run_checks(draft_of(text), rules=["formula"])


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("坚定道路自信、理论自信、文化自信、制度自信。", "道路自信、理论自信、制度自信、文化自信"),
        ("守土有责、守土尽责、守土负责。", "守土有责、守土负责、守土尽责"),
        ("不断提高政治领悟力、政治判断力、政治执行力。", "政治判断力、政治领悟力、政治执行力"),
        (
            "做到重要问题亲自过问、重要工作亲自部署、重大事件亲自处置。",
            "重要工作亲自部署、重要问题亲自过问、重大事件亲自处置",
        ),
        ("坚持党管媒体、党管宣传、党管意识形态。", "党管宣传、党管意识形态、党管媒体"),
    ],
)
def test_members_out_of_order_get_the_tables_order(text, fix):
    found = formula(text)
    assert [f.replacement for f in found] == [fix] and found[0].severity == "error"
    fixed = apply_fixes(draft_of(text), found)
    assert fix in fixed.sections[0].paragraphs[0] and formula(fixed.sections[0].paragraphs[0]) == []


def test_a_wrong_member_of_the_same_kind_is_flagged():
    found = formula("牢固树立政治意识、大局意识、核心意识、责任意识。")
    assert [(f.text, f.replacement) for f in found] == [
        ("政治意识、大局意识、核心意识、责任意识", "政治意识、大局意识、核心意识、看齐意识")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "增强政治意识、大局意识、核心意识、看齐意识。",
        "坚定道路自信、理论自信、制度自信、文化自信。",
        "加强理论学习、业务学习、廉政学习。",
        "讲政治、顾大局、守纪律。",
        "深入学习贯彻党的二十大和二十届二中、三中全会精神。",
    ],
)
def test_formulas_as_written_and_other_lists_pass(text):
    assert formula(text) == []


def damaged(text: str) -> list:
    return run_checks(draft_of(text), rules=["damaged_formulation"])


TYPOS = {
    "深入学习习近平新时代中国特色社会主意思想。": "习近平新时代中国特色社会主义思想",
    "坚持以习近平新时代中国特色社会注义思想为指导。": "坚持以习近平新时代中国特色社会主义思想为指导",
}


def test_a_wrong_character_inside_a_known_formulation_is_a_typo():
    for text, fix in TYPOS.items():
        found = damaged(text)
        assert [f.replacement for f in found] == [fix] and "错字" in found[0].message, text


@pytest.mark.parametrize(
    "text",
    [
        "深入学习贯彻党的二十届五中全会精神。",  # another plenum, not a slip
        "推动党纪学习教育常态化长效化。",  # a variant the genre writes
        "始终和党中央保持高度一致。",
        "牢牢把握意识形态工作领导权。",
    ],
)
def test_variants_of_a_formulation_are_not_typos(text):
    assert damaged(text) == []
