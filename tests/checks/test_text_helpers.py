"""The small text helpers the rules share: dates, numerals, normalisation, the word list."""

from __future__ import annotations

import datetime as dt

import pytest

from ideodesk.checks import punctuation
from ideodesk.checks.chars import normalize
from ideodesk.checks.dates import draft_date, parse_date
from ideodesk.checks.words import BUILTIN_DOUBLES
from ideodesk.core.numbering import parse_chinese_numeral as cn_to_int
from tests.checks.helpers import draft_of, findings


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024年7月1日", dt.date(2024, 7, 1)),
        ("2024-07-01", dt.date(2024, 7, 1)),
        ("２０２４年７月１日", dt.date(2024, 7, 1)),
        ("二〇二四年七月十一日", dt.date(2024, 7, 11)),
        ("2024年7月", dt.date(2024, 7, 1)),
        ("【日期】", None),
        ("2024年13月1日", None),
        ("", None),
    ],
)
def test_parse_date(text, day):
    assert parse_date(text) == day


def test_draft_date_falls_back_to_the_variable_then_today():
    today = dt.date(2030, 1, 1)
    assert draft_date(draft_of("x", date="2024年7月1日"), today) == (dt.date(2024, 7, 1), "signature")
    d = draft_of("x", date="", variables={"日期": "2023年5月4日"})
    assert draft_date(d, today) == (dt.date(2023, 5, 4), "variable")
    assert draft_date(draft_of("x", date="【日期】"), today) == (today, "none")


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("甲", None)],
)
def test_chinese_numerals(numeral, value):
    assert cn_to_int(numeral) == value


def test_normalisation_keeps_the_length():
    text = '坚持"三个代表",（一）１２ＡＢ「引」'
    assert len(normalize(text)) == len(text)
    assert normalize(text) == '坚持"三个代表"，（一）12AB"引"'


def test_without_the_dictionary_only_safe_doubles_are_flagged(monkeypatch):
    monkeypatch.setattr(punctuation, "two_char_words", lambda: BUILTIN_DOUBLES)
    monkeypatch.setattr(punctuation, "have_dictionary", lambda: False)
    d = draft_of("认真学习的的精神，加强工作作风建设，天天向上。")
    assert [f.text for f in findings(d, "repeated_char")] == ["的的"]
