"""Rule ``numbering``: typed numbers in the text, and what the outline prints."""

from __future__ import annotations

from ideodesk.core.draft import Draft, Section
from tests.checks.helpers import assert_fixes_clear, draft_of, findings, texts


def _fixes(d):
    return [(f.text, f.replacement) for f in findings(d, "numbering")]


def test_repeated_number_is_fixed_and_the_list_continues():
    # The corpus slip: （三） twice, （四） missing.
    d = draft_of(
        "（一）加强组织领导。",
        "（二）召开专题会议。",
        "（三）加强理论学习。",
        "（三）开展爱国主义教育。",
        "（五）加强监管。",
    )
    assert _fixes(d) == [("（三）", "（四）")]
    fixed = assert_fixes_clear(d, "numbering")
    assert [p[:3] for p in fixed.sections[0].paragraphs] == ["（一）", "（二）", "（三）", "（四）", "（五）"]


def test_gap_renumbers_the_rest_consistently():
    d = draft_of("1.统一思想。", "2.压实责任。", "4.加强队伍。", "5.严格考核。")
    assert _fixes(d) == [("4.", "3."), ("5.", "4.")]
    assert_fixes_clear(d, "numbering")


def test_a_list_starting_late_is_reported_without_a_fix():
    found = findings(draft_of("前言。", "二是加强学习。", "三是压实责任。"), "numbering")
    assert texts(found) == ["二是"] and found[0].replacement is None


def test_run_in_numbers_inside_a_paragraph():
    found = findings(draft_of("主要做法：一是压实责任；二是加强学习；四是严格考核。"), "numbering")
    assert [(f.text, f.replacement) for f in found] == [("四是", "三是")]


def test_half_width_brackets_and_wrong_separators():
    d = draft_of("(一)加强领导。", "(二)落实责任。", "1、统一思想。", "2、提高认识。")
    assert _fixes(d) == [("(一)", "（一）"), ("(二)", "（二）"), ("1、", "1."), ("2、", "2.")]
    assert all(f.severity == "info" for f in findings(d, "numbering"))
    assert_fixes_clear(d, "numbering")
    assert _fixes(draft_of("一、总体情况", "二.存在问题", "（一）、认识不足。")) == [
        ("二.", "二、"),
        ("（一）、", "（一）"),
    ]


def test_mixed_styles_at_one_level():
    d = draft_of("（一）加强领导。", "（二）落实责任。", "3.严格考核。")
    assert _fixes(d) == [("3.", "（三）")]


def test_a_higher_level_closes_the_lists_below_it():
    d = draft_of(
        "一、基本情况",
        "（一）加强领导。",
        "（二）落实责任。",
        "二、存在问题",
        "（一）认识不到位。",
        "三、下一步打算",
    )
    assert findings(d, "numbering") == []


def test_history_is_not_a_list_restart_error():
    # Each list restarts at 1 under its own heading; 统一是 / 第一时间 are not numbers.
    d = Draft(
        sections=[
            Section(heading="主要做法", paragraphs=["一是统一是前提；二是第一时间处置。"]),
            Section(heading="存在问题", paragraphs=["一是学习不深；二是落实不力。"]),
        ]
    )
    assert findings(d, "numbering") == []


def test_correct_numbers_are_not_flagged():
    d = draft_of(
        "（一）加强领导。一是压实责任；二是细化分工。",
        "（二）强化学习。",
        "1.集中学习。",
        "2.专题研讨。",
        "（三）严格考核。",
    )
    assert findings(d, "numbering") == []


def test_heading_that_begins_with_its_number_double_numbers():
    d = Draft(sections=[Section(heading="一、提高政治站位"), Section(heading="（二）加强组织领导")])
    found = findings(d, "numbering")
    assert [(f.location.field, f.text, f.replacement) for f in found] == [
        ("heading", "一、", ""),
        ("heading", "（二）", ""),
    ]
    fixed = assert_fixes_clear(d, "numbering")
    assert [s.heading for s in fixed.sections] == ["提高政治站位", "加强组织领导"]


def test_child_level_numbered_above_its_parent():
    d = Draft(
        sections=[Section(heading="总体情况", child_numbering="cn_paren", children=[Section(heading="甲")])],
        child_numbering="arabic",
    )
    found = findings(d, "numbering")
    assert len(found) == 1 and found[0].location.section == (0, 0) and found[0].replacement is None
    ok = Draft(sections=[Section(heading="总体情况", children=[Section(heading="甲")])])
    assert findings(ok, "numbering") == []


def test_locations_name_the_section_path():
    d = Draft(
        sections=[
            Section(
                heading="工作开展情况", children=[Section(heading="加强领导", paragraphs=["(1)统一认识。"])]
            ),
        ]
    )
    f = findings(d, "numbering")[0]
    assert f.section_label == "一/（一）" and f.location.paragraph == 1 and f.location.section == (0, 0)
