"""Date rules (issue 13): the draft's own date decides every date-dependent finding;
an undated draft gets no date-dependent fix; history and this year's campaigns are not
outdated; dates are written as GB/T 9704 asks."""

from __future__ import annotations

import datetime as dt

import pytest

from ideodesk.checks import apply_fixes, run_checks
from ideodesk.checks.dates import resolve_date
from tests.checks.helpers import draft_of

TODAY = dt.date(2026, 12, 3)


def outdated(draft) -> list:
    return run_checks(draft, rules=["outdated"], today=TODAY)


def damaged(draft) -> list:
    return run_checks(draft, rules=["damaged_formulation"], today=TODAY)


# ------------------------------------------------------------ the draft's date
def test_the_year_in_the_title_dates_an_unsigned_draft():
    text = "深入学习贯彻党的十九大精神。"
    old = draft_of(text, date="", title="2019年意识形态工作总结")
    new = draft_of(text, date="", title="2026年意识形态工作总结")
    assert outdated(old) == []
    found = outdated(new)
    assert [f.replacement for f in found] == ["党的二十大"] and "2026年" in found[0].message


def test_the_signature_date_comes_before_the_title_year():
    d = draft_of("深入学习贯彻党的十九大精神。", date="2020年1月5日", title="2026年工作要点")
    assert outdated(d) == []
    assert resolve_date(d, TODAY).source == "signature"


def test_the_year_variable_dates_a_draft_without_signature_or_title_year():
    d = draft_of("深入学习贯彻党的十九大精神。", date="", variables={"年份": "2019"})
    assert outdated(d) == []
    when = resolve_date(d, TODAY)
    assert (when.source, when.start, when.day) == ("year", dt.date(2019, 1, 1), dt.date(2019, 12, 31))


def test_undated_outdated_wording_is_a_warning_without_a_fix():
    found = outdated(draft_of("深入学习贯彻党的十九大精神。", date=""))
    assert len(found) == 1
    assert found[0].severity == "warning" and found[0].replacement is None
    assert "未注明日期" in found[0].message


@pytest.mark.parametrize("text", ["深入学习贯彻党的*届*中全会精神。", "组织党员干部深入学习贯彻党的精神。"])
def test_an_undated_masked_congress_or_plenum_is_never_repaired(text):
    found = damaged(draft_of(text, date=""))
    assert len(found) == 1 and found[0].replacement is None
    assert "未注明日期" in found[0].message
    dated = damaged(draft_of(text, date="2024年9月1日"))
    assert dated[0].replacement is not None and "二十届四中" not in dated[0].replacement


def test_an_undated_stripped_name_is_still_repaired():
    """The leader's name does not depend on the date: the repair stands."""
    found = damaged(draft_of("始终以新时代中国特色社会主义思想为指导。", date=""))
    assert found[0].replacement == "以习近平新时代中国特色社会主义思想为指导"


# --------------------------------------------------------------- history
@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "2023年开展的学习贯彻习近平新时代中国特色社会主义思想主题教育，为我们积累了宝贵经验。",
            "2025年6月20日",
        ),
        ("2024年，我们扎实开展党纪学习教育，党员干部纪律意识明显增强。", "2026年3月1日"),
    ],
)
def test_history_with_an_explicit_year_is_not_outdated(text, date):
    assert outdated(draft_of(text, date=date)) == []


def test_a_year_outside_the_campaign_does_not_excuse_it():
    d = draft_of("2026年，我们扎实开展党纪学习教育。", date="2026年3月1日")
    assert len(outdated(d)) == 1


# -------------------------------------------------------- this year's campaign
CAMPAIGN = "今年以来，扎实开展深入贯彻中央八项规定精神学习教育，作风建设取得新成效。"


@pytest.mark.parametrize(
    ("genre", "date", "flagged"),
    [
        ("summary", "2025年12月26日", False),  # that year's summary
        ("report", "2026年2月10日", False),  # the report of the months after
        ("summary", "2026年12月20日", True),  # a year later: outdated
        ("speech", "2025年12月26日", True),  # a speech speaks of now
    ],
)
def test_a_campaign_is_current_in_its_years_summary_and_report(genre, date, flagged):
    d = draft_of(CAMPAIGN, date=date)
    d.genre = genre
    assert bool(outdated(d)) is flagged


# ------------------------------------------------------------ date format
@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("2024年07月01日", "2024年7月1日"),
        ("2024年7月01日", "2024年7月1日"),
        ("2024年09月", "2024年9月"),
        ("二〇二四年七月一日", "2024年7月1日"),
        ("二〇二五年十二月二十六日", "2025年12月26日"),
    ],
)
def test_padded_and_chinese_numeral_dates_get_the_gbt9704_form(written, fix):
    d = draft_of(f"会议于{written}召开。", date=written)
    found = run_checks(d, rules=["date_format"], today=TODAY)
    assert [(f.text, f.replacement) for f in found] == [(written, fix)] * 2
    assert {f.severity for f in found} == {"warning", "info"}  # the signature / the text
    assert all("GB/T 9704" in f.message for f in found)
    fixed = apply_fixes(d, found)
    assert fixed.signature.date == fix and run_checks(fixed, rules=["date_format"], today=TODAY) == []


@pytest.mark.parametrize("text", ["2024年7月1日召开会议。", "2024年10月召开会议。", "二〇二四年是关键之年。"])
def test_well_written_dates_and_bare_years_are_left_alone(text):
    assert run_checks(draft_of(text, date="2024年7月1日"), rules=["date_format"], today=TODAY) == []
