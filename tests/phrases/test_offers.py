"""What the panel may offer at the cursor (ideodesk.phrases.offers), on a real bank."""

from __future__ import annotations

import pytest

from ideodesk.phrases.bank import PhraseBank
from ideodesk.phrases.bankfiles import BankFormatError, read_bank
from ideodesk.phrases.offers import Cursor, draft_date, offers, position, search_offers
from tests.phrases.conftest import write_bank

BANK = {
    "general": """
[heading]
坚持党管意识形态原则

[formulation]
以习近平同志为核心的党中央 | weight=9
习近平新时代中国特色社会主义思想 | weight=9
习近平强军思想
习近平文化思想 | from=2023-10-08 | weight=5
意识形态工作责任制 | weight=6
牢牢掌握意识形态工作领导权 | weight=8
党的二十届二中全会精神 | from=2023-02-28
党的二十届四中全会精神 | from=2025-10-23 | weight=4
扎实开展党纪学习教育 | from=2024-04-01 | until=2024-12-31
特此报告 | genres=report
特此通知 | genres=notice

[sentence]
意识形态工作是党的一项极端重要的工作。
坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。 | from=2022-10-22

[transition]
现将有关情况报告如下：
""",
    "measures": """
[heading]
加强理论武装，筑牢思想根基

[sentence]
持续深化理论武装，推动党的创新理论入脑入心。

[transition]
下一步，我们将重点抓好以下几个方面的工作：
""",
    "problems": """
[heading]
存在的问题和不足

[sentence]
部分党员干部理论学习的主动性不强。
""",
    "achievements": """
[sentence]
部分党员干部理想信念更加坚定，工作作风明显转变。
""",
}


@pytest.fixture
def obank(tmp_path, clock):
    b = PhraseBank.open(tmp_path / "d" / "p.sqlite3", bank_dir=write_bank(tmp_path / "pb", BANK), clock=clock)
    yield b
    b.close()


def texts(hits):
    return [h.text for h in hits]


def test_positions():
    assert position(Cursor(before="")) == "start"
    assert position(Cursor(before="我们要认真学习。")) == "start"
    assert position(Cursor(before="一年来，")) == "clause"
    assert position(Cursor(before="坚持以习近平")) == "inside"
    assert position(Cursor(before="", heading=True)) == "heading"


def test_a_continuation_must_begin_at_a_clause_break_or_be_a_free_set_phrase(obank):
    got = offers(obank, Cursor(before="我们要坚持以习近平", section="general"))
    assert "以习近平同志为核心的党中央" not in texts(got)  # 坚持以习近平同志为核心的党中央: wrong
    assert got[0].text == "习近平新时代中国特色社会主义思想"  # weight above length (强军思想 is shorter)
    assert all(h.completion and h.kind == "formulation" for h in got)
    whole = offers(obank, Cursor(before="坚持以习近平", section="general"))  # the whole sentence typed so far
    assert texts(whole) == ["坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。"]


def test_only_the_longest_overlap_and_never_a_sentence_inside_a_clause(obank):
    got = offers(obank, Cursor(before="我们要牢牢掌握意识形态", section="measures"))
    assert texts(got) == ["牢牢掌握意识形态工作领导权"]
    assert got[0].completion == "工作领导权"
    inner = offers(obank, Cursor(before="我们要加强意识形态", section="general"))
    assert "意识形态工作是党的一项极端重要的工作。" not in texts(inner)
    assert "意识形态工作责任制" in texts(inner)


def test_whole_sentences_only_at_a_sentence_start_headings_only_on_heading_lines(obank):
    start = offers(obank, Cursor(before="我们要认真学习。", section="measures"))
    assert start and all(h.kind != "heading" for h in start)
    assert "持续深化理论武装，推动党的创新理论入脑入心。" in texts(start)
    clause = offers(obank, Cursor(before="一年来，", section="measures"))
    assert clause and all(h.kind == "formulation" for h in clause)
    heading = offers(obank, Cursor(before="", section="measures", heading=True))
    assert heading and {h.kind for h in heading} <= {"heading", "formulation"}
    assert "加强理论武装，筑牢思想根基" in texts(heading)


def test_section_and_genre_are_filters_with_an_all_sections_switch(obank):
    got = offers(obank, Cursor(before="部分党员干部", section="problems"))
    assert texts(got) == ["部分党员干部理论学习的主动性不强。"]
    every = offers(obank, Cursor(before="部分党员干部", section="problems", all_sections=True))
    assert "部分党员干部理想信念更加坚定，工作作风明显转变。" in texts(every)
    assert texts(offers(obank, Cursor(before="特此", section="general", genre="notice"))) == ["特此通知"]
    assert texts(offers(obank, Cursor(before="特此", section="general", genre="report"))) == ["特此报告"]


def test_the_drafts_date_decides_what_is_current(obank):
    in_2026 = offers(obank, Cursor(before="学习贯彻党的二十届", section="general", date="2026-03-01"))
    assert in_2026[0].text == "党的二十届四中全会精神"
    in_2024 = offers(obank, Cursor(before="学习贯彻党的二十届", section="general", date="2024-03-01"))
    assert texts(in_2024) == ["党的二十届二中全会精神"]
    assert texts(offers(obank, Cursor(before="扎实开展党纪", section="general", date="2024-12-20")))
    assert not offers(obank, Cursor(before="扎实开展党纪", section="general", date="2025-06-20"))


def test_the_phrase_just_inserted_and_what_is_written_are_not_offered_again(obank):
    first = offers(obank, Cursor(before="", section="measures"))
    again = offers(obank, Cursor(before="", section="measures", exclude=frozenset({first[0].id})))
    assert first[0].id not in [h.id for h in again]
    written = offers(obank, Cursor(before=first[0].text, section="measures"))
    assert first[0].id not in [h.id for h in written]


def test_search_box_keeps_the_filters(obank):
    assert "特此报告" not in texts(search_offers(obank, "特此", Cursor(section="general", genre="notice")))


def test_weight_attribute_is_checked(tmp_path):
    folder = write_bank(tmp_path / "pb", {"general": "[formulation]\n党管意识形态 | weight=10\n"})
    with pytest.raises(BankFormatError, match=r"general\.txt 第 2 行.*weight"):
        read_bank(folder)


def test_draft_date():
    assert draft_date("2024年7月1日", {}) == "2024-07-01"
    assert draft_date("", {"日期": "2025年12月"}) == "2025-12-31"
    assert draft_date("", {"年份": "2025"}) == "2025-12-31"
    assert draft_date("", {}) is None


def test_a_campaign_entry_stays_current_through_the_year_it_ended(tmp_path):
    from ideodesk.phrases.bankfiles import lint_entry

    bank = read_bank(write_bank(tmp_path / "pb", {"achievements": (
        "[formulation]\n党纪学习教育 | from=2024-04-01 | until=2024-07-31\n"
    )}))  # fmt: skip
    assert any("12 月 31 日" in p for p in lint_entry(bank.entries[0]))
