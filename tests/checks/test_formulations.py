"""Rules ``outdated`` and ``damaged_formulation``, and the formulation table itself."""

from __future__ import annotations

import datetime as dt

import pytest

from ideodesk.checks import FormulationTableError, apply_fixes, load_table, run_checks
from ideodesk.checks.formulations import parse_rows
from ideodesk.core.convert import to_simplified
from tests.checks.damaged_cases import NEGATIVE, POSITIVE
from tests.checks.helpers import assert_fixes_clear, corpus_draft, draft_of, findings, texts

D2024 = dt.date(2024, 7, 1)


# ------------------------------------------------------------------ outdated
@pytest.mark.parametrize(
    ("text", "flagged", "fix"),
    [
        ("深入学习贯彻党的十九大精神，推动工作落实。", "党的十九大", "党的二十大"),
        ("以十九大精神为指导。", "十九大", "二十大"),
        ("认真学习贯彻党的十九届六中全会精神。", "十九届六中全会", "二十届二中全会"),  # latest on 2024-07-01
        ("做好新冠肺炎疫情防控工作。", "新冠肺炎疫情防控", None),
        ("受新冠肺炎影响，经营业务受到冲击。", "新冠肺炎", "新冠病毒感染"),
        (
            "在以习近平同志为总书记的党中央坚强领导下。",
            "以习近平同志为总书记的党中央",
            "以习近平同志为核心的党中央",
        ),
        (
            "学习习近平总书记系列重要讲话精神。",
            "习近平总书记系列重要讲话精神",
            "习近平新时代中国特色社会主义思想",
        ),
        ("高举建设有中国特色社会主义伟大旗帜。", "建设有中国特色社会主义", "中国特色社会主义"),
        ("扎实开展“两学一做”学习教育。", "“两学一做”学习教育", None),
        ("抓好公司疫情防控工作，稳定大局。", "疫情防控", None),
        ("决胜全面建成小康社会。", "决胜全面建成小康社会", "全面建设社会主义现代化国家"),
    ],
)
def test_outdated_formulations_in_a_2024_draft(text, flagged, fix):
    found = findings(draft_of(text), "outdated", date=D2024)
    assert [(f.text, f.replacement) for f in found] == [(flagged, fix)]
    assert found[0].severity == "error"


@pytest.mark.parametrize(
    "text",
    [
        "党的十九大以来，我们取得了历史性成就。",
        "党的十九大报告提出，要牢牢掌握意识形态工作领导权。",
        "回顾三年新冠疫情防控取得重大决定性胜利的历程。",
        "在疫情防控期间，干部职工坚守岗位。",
        "推动党史学习教育常态化长效化。",
        "深入学习贯彻党的二十大精神。",
        "巩固拓展“不忘初心、牢记使命”主题教育成果。",
    ],
)
def test_history_and_current_wording_are_not_outdated(text):
    assert findings(draft_of(text), "outdated", date=D2024) == []


def test_the_drafts_own_date_decides():
    text = "深入学习贯彻党的十九大精神，做好新冠肺炎疫情防控工作。"
    assert findings(draft_of(text, date="2021年6月1日"), "outdated") == []
    assert len(findings(draft_of(text, date="2023年3月1日"), "outdated")) == 2
    # No date in the draft: judged against today, but only as a warning without a fix.
    undated = run_checks(draft_of(text, date=""), rules=["outdated"], today=dt.date(2025, 1, 1))
    assert len(undated) == 2
    assert all(f.replacement is None and "未注明日期" in f.message for f in undated)


def test_a_formulation_used_before_it_existed_is_a_date_warning():
    found = findings(draft_of("深入学习贯彻党的二十届三中全会精神。", date="2024年3月1日"), "outdated")
    assert len(found) == 1 and found[0].replacement is None and found[0].severity == "warning"


def test_outdated_fixes_clear():
    d = draft_of("深入学习贯彻党的十九大精神，以习近平同志为总书记的党中央。")
    assert_fixes_clear(d, "outdated", date=D2024)


# ------------------------------------------------------------------ damaged
@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("紧密团结在以为核心的党中央周围", "紧密团结在以习近平同志为核心的党中央周围"),
        ("加强风廉政建设", "党风廉政建设"),
        ("坚持管意识形态", "党管意识形态"),
        ("以*思想为指导", "以习近平新时代中国特色社会主义思想为指导"),
        ("全县各级党w（党组）", "党委（党组）"),
        ("以新时代中国特色社会主义思想为指导", "以习近平新时代中国特色社会主义思想为指导"),
    ],
)
def test_the_issues_examples_are_repaired(text, canonical):
    d = draft_of(text)
    found = findings(d, "damaged_formulation")
    assert len(found) == 1 and canonical in found[0].replacement and found[0].severity == "error"
    fixed = assert_fixes_clear(d, "damaged_formulation")
    assert canonical in fixed.sections[0].paragraphs[0]


def test_traditional_text_with_masks_is_repaired_to_simplified():
    found = findings(draft_of("全縣各級黨w(黨組)堅持以*思想為指導。"), "damaged_formulation")
    assert [(f.text, f.replacement) for f in found] == [
        ("黨w(黨組)", "党委（党组）"),
        ("堅持以*思想為指導", "坚持以习近平新时代中国特色社会主义思想为指导"),
    ]


def test_masked_plenum_is_repaired_to_the_one_current_at_the_drafts_date():
    text = "深入学习贯彻党的*届*中全会精神。"
    early = findings(draft_of(text, date="2022年3月1日"), "damaged_formulation")
    late = findings(draft_of(text, date="2024年9月1日"), "damaged_formulation")
    assert early[0].replacement == "十九届六中全会"
    assert late[0].replacement == "党的二十届三中全会精神"


def test_the_mask_inside_a_repair_is_not_reported_twice():
    found = run_checks(draft_of("坚持以*思想为指导。"), today=D2024)
    assert [f.rule for f in found] == ["damaged_formulation"]


def test_damaged_formulation_case_set_precision_and_recall(capsys):
    """The case set (tests/checks/damaged_cases.py) measured as recall and precision."""
    day = dt.date(2024, 12, 1)
    hits, misses, false_alarms = 0, [], []
    for text, canonical in POSITIVE:
        d = draft_of(text)
        found = run_checks(d, rules=["damaged_formulation"], date=day)
        fixed = apply_fixes(d, found).sections[0].paragraphs[0]
        if found and canonical in fixed:
            hits += 1
        else:
            misses.append(text)
    for text in NEGATIVE:
        found = run_checks(draft_of(text), rules=["damaged_formulation"], date=day)
        false_alarms += [(text, f.text) for f in found]
    recall = hits / len(POSITIVE)
    precision = hits / (hits + len(false_alarms)) if hits else 0.0
    with capsys.disabled():
        print(
            f"\n[damaged formulations] positives={len(POSITIVE)} negatives={len(NEGATIVE)} "
            f"recall={recall:.3f} precision={precision:.3f} "
            f"misses={len(misses)} false_alarms={len(false_alarms)}"
        )
    assert recall >= 0.95, misses
    assert precision >= 0.97, false_alarms


def test_damaged_findings_on_the_corpus_are_all_real():
    """Real text, not written for the tests: every damaged-formulation finding on the
    cleaned corpus is one of the slips listed here (read by hand)."""
    real = {
        "000": {"深入学习贯彻党的精神", "以新时代中国特色社会主义思想为指导"},
        "002": {"黨w（黨組）", "黨w（黨組）書記", "堅持以*思想為指導", "黨的*屆*中全會精神", "理論wz工作",
                "學習貫徹*思想", "“一崗2責”", "意識形態*全", "關于宣傳思想工作的重要論述"},
        "004": {"習總書記", "習總書記重要講話精神", "落實意識形態工作任制", "意識形態工作任制", "意識形工作",
                "落實意識形態工責任制", "意識形態工責任制", "***新時代中國特色社會主義思想",
                "**新時代中國特色社會主義思想", "以***新時代中國特色社會主義思想為指導", "高度重視意識形工作",
                "學習習總書記關於意識形態工作的重要批示精神",
                # one wrong character (issue 13): 做实 / 主义 / 极端 are the standard wording
                "學懂弄通悟實習近平新時代中國特色社會主義思想", "社會義義核心價值觀",
                "意識形態工作是黨的一項極其重要的工作"},
    }  # fmt: skip
    for name, expected in real.items():
        found = findings(corpus_draft(name), "damaged_formulation")
        assert found, name
        assert set(texts(found)) <= expected, (name, set(texts(found)) - expected)


# ------------------------------------------------------------------ the table
def test_the_shipped_table_is_valid_and_large():
    table = load_table()
    assert len(table) >= 400
    for row in table.rows:
        assert to_simplified(row.text) == row.text, row.where
        assert not (row.check in {"date", "current"} and not (row.valid_from or row.valid_until)), row.where
        if row.replacement or row.group:
            assert row.valid_from or row.valid_until, row.where
    # Every outdated row has a way forward or says why not.
    for row in table.rows:
        if row.valid_until and row.check != "repair":
            assert row.replacement or row.group or row.note, row.where


@pytest.mark.parametrize(
    ("tsv", "complaint"),
    [
        ("text\tkind\n", "表头"),
        (
            "text\tkind\tsections\tvalid_from\tvalid_until\treplacement\tgroup\tcheck\tnote\n全面从严治党,\t\n",
            "半角",
        ),
        (
            "text\tkind\tsections\tvalid_from\tvalid_until\treplacement\tgroup\tcheck\tnote\n全面从严治党\t\t\t2024-13-01\n",
            "日期",
        ),
        (
            "text\tkind\tsections\tvalid_from\tvalid_until\treplacement\tgroup\tcheck\tnote\n全面从严治党\t\tnowhere\n",
            "段落类型",
        ),
        (
            "text\tkind\tsections\tvalid_from\tvalid_until\treplacement\tgroup\tcheck\tnote\n十九大\t\t\t\t\t\t\tcurrent\n",
            "需要",
        ),
    ],
)
def test_table_errors_name_the_line(tsv, complaint):
    with pytest.raises(FormulationTableError) as e:
        parse_rows(tsv, "formulations.tsv")
    assert complaint in str(e.value) and "formulations.tsv" in str(e.value)


def test_a_missing_table_is_a_clear_error(tmp_path):
    with pytest.raises(FormulationTableError, match=r"formulations\.tsv"):
        load_table(tmp_path)
