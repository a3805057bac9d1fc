"""False alarms on clean text: the cleaned corpus speech (000), the genre templates and
drafts written for the purpose.  Each known real slip of 000 is listed; anything else a
rule reports is a false alarm, and the count is printed."""

from __future__ import annotations

import pytest

from ideodesk.checks import run_checks
from ideodesk.core.genres import GENRES
from tests.checks.clean_drafts import report, speech
from tests.checks.helpers import TODAY, corpus_draft

# Corpus 000 after cleaning still has these real slips (read by hand).
REAL_000 = {
    ("placeholder", "xx"),  # 武装xx、教育群众
    ("damaged_formulation", "深入学习贯彻党的精神"),  # twice: 二十大 dropped
    ("damaged_formulation", "以新时代中国特色社会主义思想为指导"),  # 习近平 dropped
    ("outdated", "以“三个代表”重要思想为指导"),  # the guiding thought as of 2002, in a 2024 speech
    ("outdated", "马克思主义中国化时代化大众化"),  # the 十九大 wording as current guidance in 2024
}
_SLOTS = {"slot", "placeholder"}  # what an unfilled template is expected to report
SAMPLE_VALUES = {
    "单位": "中共红河县委宣传部",
    "会议名称": "全县意识形态工作会议",
    "工作主题": "意识形态工作",
    "年份": "2024",
}


def _report(name: str, false_alarms: list, total: int) -> None:
    print(f"\n[false alarms] {name}: {len(false_alarms)} of {total} findings", end="")


def test_cleaned_corpus_speech_raises_only_its_real_slips(capsys):
    found = run_checks(corpus_draft("000"), today=TODAY)
    false_alarms = [(f.rule, f.text) for f in found if (f.rule, f.text) not in REAL_000]
    with capsys.disabled():
        _report("corpus 000 (cleaned)", false_alarms, len(found))
    assert {(f.rule, f.text) for f in found} == REAL_000
    assert false_alarms == []


@pytest.mark.parametrize("genre_id", sorted(GENRES))
def test_genre_templates_raise_nothing_but_their_blanks(genre_id, capsys):
    draft = GENRES[genre_id].create(title="测试稿", values=SAMPLE_VALUES)
    found = run_checks(draft, today=TODAY)
    false_alarms = [(f.rule, f.text) for f in found if f.rule not in _SLOTS]
    with capsys.disabled():
        _report(f"template {genre_id}", false_alarms, len(found))
    assert false_alarms == []


@pytest.mark.parametrize("make", [speech, report])
def test_clean_drafts_raise_nothing(make, capsys):
    found = run_checks(make(), today=TODAY)
    false_alarms = [(f.rule, f.text, f.message) for f in found]
    with capsys.disabled():
        _report(f"clean draft {make.__name__}", false_alarms, len(found))
    assert false_alarms == []
