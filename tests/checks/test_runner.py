"""The runner: every rule, positions, precedence, fixing, and the finding's JSON shape."""

from __future__ import annotations

import datetime as dt

import pytest

from ideodesk.checks import RULES, apply_fixes, run_checks
from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.errors import IdeoError
from tests.checks.helpers import TODAY, corpus_draft, draft_of


def test_findings_are_sorted_by_position_in_the_document():
    d = Draft(
        title="关于xx的通知",
        sections=[
            Section(
                heading="一、总体要求",
                paragraphs=["要落实好,抓紧抓实。", "学习习总书记讲话，做到“两个维护。"],
            ),
            Section(heading="工作安排", paragraphs=["某某单位负责。"]),
        ],
        signature=Signature("【单位】", "2024年7月1日"),
    )
    found = run_checks(d, today=TODAY)
    order = {"title": 0, "heading": 1, "paragraph": 1, "issuer": 9, "date": 9}
    keys = [
        (order[f.location.field], f.location.section or (), f.location.paragraph or 0, f.location.start)
        for f in found
    ]
    assert keys == sorted(keys)
    assert found[0].location.field == "title" and found[-1].location.field == "issuer"
    assert {f.rule for f in found} >= {
        "placeholder",
        "numbering",
        "halfwidth_punct",
        "damaged_formulation",
        "unbalanced",
        "slot",
    }


def test_every_rule_runs_on_a_real_document_and_returns_findings():
    d = corpus_draft("004", cleaned=False)
    d.sections[0].paragraphs.append("请【单位】认真学习《实施办法。\u202e")  # the corpus has none of these
    d.sections[0].paragraphs.append("2024年07月01日召开会议，坚定道路自信、理论自信、文化自信、制度自信。")
    found = run_checks(d, today=TODAY)
    assert {f.rule for f in found} == set(RULES)


def test_text_and_location_agree():
    d = corpus_draft("002", cleaned=False)
    for f in run_checks(d, today=TODAY):
        loc = f.location
        stored = d.section(loc.section).paragraphs[loc.paragraph - 1] if loc.field == "paragraph" else d.title
        assert stored[loc.start : loc.end] == f.text, f


def test_apply_fixes_returns_a_corrected_copy_and_leaves_the_draft_alone():
    d = draft_of("坚持以*思想为指导,深入学习贯彻党的十九大精神。")
    before = d.copy()
    found = run_checks(d, date=dt.date(2024, 7, 1))
    fixed = apply_fixes(d, found)
    assert d == before
    assert (
        fixed.sections[0].paragraphs[0]
        == "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神。"
    )
    assert run_checks(fixed, date=dt.date(2024, 7, 1)) == []


def test_stale_and_overlapping_fixes_are_skipped():
    d = draft_of("加强学习,,提高认识。")
    found = run_checks(d, rules=["doubled_punct", "halfwidth_punct"])
    assert len(found) == 1  # the doubled-mark fix covers the half-width commas
    changed = draft_of("全部改写了。")
    assert apply_fixes(changed, found) == changed


def test_unknown_rule_is_a_clear_error():
    with pytest.raises(IdeoError, match="未知的检查规则"):
        run_checks(draft_of("文本"), rules=["spelling"])


def test_finding_to_dict_has_the_documented_keys():
    d = Draft(sections=[Section(heading="总体情况", children=[Section(heading="甲", paragraphs=["xx县。"])])])
    f = run_checks(d, rules=["placeholder"])[0]
    data = f.to_dict()
    assert {"rule", "severity", "message", "text", "replacement", "location"} <= set(data)
    assert data["location"] == {
        "section": "一/（一）",
        "path": [0, 0],
        "field": "paragraph",
        "paragraph": 1,
        "start": 0,
        "end": 2,
    }
    assert data["text"] == "xx" and data["replacement"] is None and data["severity"] == "error"


def test_headings_and_unheaded_blocks_are_labelled_as_a_clerk_sees_them():
    d = Draft(
        sections=[
            Section(type="opening", paragraphs=["xx开头。"]),
            Section(
                heading="甲",
                child_numbering="yishi",
                children=[Section(heading="乙", run_in=True, paragraphs=["xx"])],
            ),
            Section(type="closing", paragraphs=["xx结尾。"]),
        ]
    )
    labels = [(f.section_label, f.location.paragraph) for f in run_checks(d, rules=["placeholder"])]
    assert labels == [("开头", 1), ("一/一是", 1), ("结尾", 1)]


def test_a_draft_with_nothing_in_it():
    assert run_checks(Draft()) == []
