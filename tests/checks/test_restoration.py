"""Restoring stripped and masked words (issue 13, Build 1): the genre model of
:mod:`ideodesk.checks.restore`, measured on the seeded damage set of
``tests/checks/damage_set.py``, on the real damaged spots of the dev corpus and on clean
text, and tested on the kinds of result (one fix, candidates, nothing)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ideodesk.checks import apply_fixes, load_table, run_checks
from ideodesk.checks.restore import STRIP_WORDS
from tests.checks import damage_set
from tests.checks.helpers import draft_of

DAY = dt.date(2025, 12, 1)


def damaged(text: str, date: str = "2025年12月1日") -> list:
    return run_checks(draft_of(text, date=date), rules=["damaged_formulation"], today=DAY)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("组织广大员干部深入学习。", "组织广大党员干部深入学习。"),  # 党 stripped before a word's rest
        ("紧密团结在以为核心的中央周围。", "紧密团结在以习近平同志为核心的党中央周围。"),
        ("坚持以为中心的发展思想。", "坚持以人民为中心的发展思想。"),
        ("各基层X组织要抓好落实。", "各基层党组织要抓好落实。"),  # a mask
        ("切实增强意识形态工作ZZ责任。", "切实增强意识形态工作政治责任。"),  # pinyin initials
        ("把握正确ZZ方向。", "把握正确政治方向。"),
        ("深入学习党的XX大精神。", "深入学习党的二十大精神。"),
    ],
)
def test_one_restoration_that_fits_is_the_fix(text, fixed):
    found = damaged(text)
    assert found and all(f.replacement for f in found), [(f.text, f.message) for f in found]
    assert apply_fixes(draft_of(text), found).sections[0].paragraphs[0] == fixed


def test_several_restorations_are_listed_without_a_fix():
    found = damaged("深入学习党的XX大精神。", date="")  # undated: which congress is unknown
    assert len(found) == 1 and found[0].replacement is None
    assert "未注明日期" in found[0].message or "可能为" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "全体员工积极参与志愿服务。",
        "县委书记主持召开会议。",
        "基层支部要严格落实“三会一课”制度。",
        "评论员队伍不断壮大。",
        "党委书记xx同志出席会议。",  # a name left blank: a placeholder, not a stripped word
        "以人民为中心的发展思想深入人心。",
    ],
)
def test_nothing_when_no_restoration_is_convincing(text):
    assert damaged(text) == []


def test_the_table_formulations_with_stripped_words_are_restored(capsys):
    """Insertion against the formulation table: strip each strippable word from every
    current formulation that holds one; the model must find most of them."""
    rows = [r for r in load_table().rows if r.check == "repair" and r.current_on(DAY)]
    total = hits = 0
    for row in rows:
        for w in STRIP_WORDS:
            m = re.search(re.escape(w), row.text)
            if m is None or len(row.text) - len(w) < 4:
                continue
            total += 1
            text = "我们要" + row.text[: m.start()] + row.text[m.end() :] + "。"
            hits += bool(damaged(text))
            break
    with capsys.disabled():
        print(f"\n[restoration] table formulations stripped: {hits} of {total} found")
    assert total >= 40 and hits >= 0.6 * total


def test_the_seeded_damage_set(capsys):
    result = damage_set.measure(damage_set.make_cases())
    with capsys.disabled():
        print(
            f"\n[restoration] seeded damage set: {result['cases']} cases, recall {result['recall']:.1%}, "
            f"correct single fix {result['fixed']:.1%} (goal 90 % / 80 %)"
        )
    assert result["cases"] >= 500
    assert result["recall"] >= 0.55 and result["fixed"] >= 0.5  # today's floor, below the goal


def test_false_alarms_on_clean_text(capsys):
    n, chars, alarms = damage_set.false_alarms()
    rate = n * 20000 / chars
    with capsys.disabled():
        print(
            f"\n[restoration] false alarms on clean text: {n} in {chars} characters = {rate:.2f} per 20 000"
        )
    assert chars > 50000
    assert rate <= 1.0, alarms


# Findings on the labelled files that cover no labelled spot, read by hand: all real slips
# the labels list once but the documents repeat (党w（党组）, 单位X委) or leave out (习总书记).
REAL_UNLABELLED = {"单位X委始", "单位X委严", "党w（党组）书记", "党w（党组）", "习总书记"}


def test_the_real_damaged_spots_of_the_dev_corpus(capsys):
    spots, alarms = damage_set.labelled_spots()
    hits = sum(flagged for *_, flagged in spots)
    with capsys.disabled():
        print(f"\n[restoration] dev corpus damaged spots: {hits} of {len(spots)} flagged (goal 80 %)")
    assert hits >= 21  # today's floor (was 8 of 36 before issue 13; 22 before the bank was rewritten)
    assert {text for _, text, _ in alarms} <= REAL_UNLABELLED, alarms
