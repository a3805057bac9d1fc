"""Rule ``traditional``: Traditional characters in a Simplified draft."""

from __future__ import annotations

from tests.checks.helpers import assert_fixes_clear, corpus_draft, draft_of, findings


def test_traditional_runs_are_reported_with_their_simplified_form():
    d = draft_of("全縣各級黨委堅持以人民為中心。")
    got = [(f.text, f.replacement) for f in findings(d, "traditional")]
    assert got == [("縣各級黨委堅", "县各级党委坚"), ("為", "为")]  # runs one character apart merge
    fixed = assert_fixes_clear(d, "traditional")
    assert fixed.sections[0].paragraphs[0] == "全县各级党委坚持以人民为中心。"


def test_simplified_text_is_clean():
    assert findings(corpus_draft("000"), "traditional") == []
    assert findings(draft_of("著名的显著成就，随着时间推移，干部队伍，乾坤朗朗。"), "traditional") == []


def test_a_traditional_corpus_document_is_converted_by_the_fixes():
    d = corpus_draft("002")
    assert len(findings(d, "traditional")) > 100
    assert_fixes_clear(d, "traditional")
