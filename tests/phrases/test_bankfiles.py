"""The curated bank in phrasebank/: every shipped entry is checked, and the file format."""

from __future__ import annotations

from collections import Counter

import pytest

from ideodesk.core.sections import SECTION_TYPES
from ideodesk.phrases.bankfiles import (
    BankEntry,
    BankFormatError,
    default_bank_dir,
    digest,
    lint_entry,
    read_bank,
)
from tests.phrases.conftest import write_bank


@pytest.fixture(scope="module")
def shipped_bank():
    return read_bank(default_bank_dir())


def test_every_shipped_entry_is_fit_to_ship(shipped_bank):
    """Simplified Chinese, full-width punctuation, no masks or boilerplate, whole
    standard names, known slots, sensible length and ending, dated period terms."""
    problems = [f"{e.where}：{p}：{e.text}" for e in shipped_bank.entries for p in lint_entry(e)]
    assert problems == []


def test_the_bank_is_large_and_covers_every_section_type(shipped_bank):
    entries = shipped_bank.entries
    assert len(entries) >= 1500
    primary = Counter((e.section_types[0], e.kind) for e in entries)
    for section in SECTION_TYPES:
        for kind in ("heading", "sentence", "transition"):
            assert primary[(section, kind)] >= 1, (section, kind)
        assert sum(n for (s, _), n in primary.items() if s == section) >= 80, section
    kinds = Counter(e.kind for e in entries)
    assert kinds["formulation"] >= 200 and kinds["closing"] >= 30


def test_no_duplicates_across_files(shipped_bank):
    keys = Counter(e.key for e in shipped_bank.entries)
    assert [k for k, n in keys.items() if n > 1] == []


def test_period_formulations_are_dated(shipped_bank):
    by_text = {e.text: e for e in shipped_bank.entries}
    assert by_text["党的十九大精神"].valid_until == "2022-10-22"
    assert by_text["党的二十大精神"].valid_from == "2022-10-22"
    assert by_text["党的二十届三中全会精神"].valid_from == "2024-07-18"
    dated = [e for e in shipped_bank.entries if e.valid_from or e.valid_until]
    assert len(dated) >= 60
    assert all(e.valid_from is None or e.valid_until is None or e.valid_from <= e.valid_until for e in dated)


def test_the_corpus_boilerplate_and_masks_are_not_in_the_bank(shipped_bank):
    text = "\n".join(e.text for e in shipped_bank.entries)
    for bad in ("小编", "范文", "××", "xx", "*", "某某", "(", ",", ":", "以为核心", "党w", "黨"):
        assert bad not in text, bad


def _entry(text: str, kind: str = "sentence", **kw) -> BankEntry:
    return BankEntry(text, kind, kw.pop("sections", ("measures",)), **kw)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (_entry("坚持以*思想为指导。"), "遮挡"),
        (_entry("某某同志要加强学习。"), "遮挡"),
        (_entry("加强学习,提高认识。"), "不应出现的字符"),
        (_entry("堅持黨的領導。"), "繁体"),
        (_entry("深入学习贯彻新时代中国特色社会主义思想。"), "不完整"),
        (_entry("紧密团结在以为核心的党中央周围。"), "不完整"),
        (_entry("持续加强风廉政建设。"), "不完整"),
        (_entry("深入学习贯彻党的十九大精神。"), "时期性提法"),
        (_entry("深入学习贯彻党的二十大精神。", valid_from="2020-01-01"), "不早于"),
        (_entry("在【地区】召开会议。"), "变量【地区】"),
        (_entry("加强“四个意识。"), "不成对"),
        (_entry("加强组织领导。", "heading"), "标题末尾"),
        (_entry("加强组织领导"), "句子应以"),
        (_entry("下面是小编整理的范文。"), "套话"),
    ],
)
def test_lint_catches(entry, expected):
    assert any(expected in p for p in lint_entry(entry)), lint_entry(entry)


def test_a_good_entry_passes_lint():
    assert lint_entry(_entry("【单位】党委高度重视意识形态工作，把意识形态工作纳入重要议事日程。")) == []
    assert lint_entry(_entry("牢牢掌握意识形态工作领导权", "formulation")) == []


# ------------------------------------------------------------------ format
def test_format_attributes_and_sections(tmp_path):
    d = write_bank(
        tmp_path / "b",
        {
            "measures": "# 注释\n[formulation]\n深入学习贯彻党的二十大精神 | from=2022-10-22"
            " | also=requirements,general | genres=speech | tags=理论武装,二十大 | source=党的二十大报告\n"
        },
    )  # fmt: skip
    (e,) = read_bank(d).entries
    assert e.section_types == ("measures", "requirements", "general")
    assert (e.kind, e.genres, e.tags, e.source, e.valid_from) == (
        "formulation", ("speech",), ("理论武装", "二十大"), "党的二十大报告", "2022-10-22",
    )  # fmt: skip
    assert e.where == "measures.txt 第 3 行"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("没有类型行的词条\n", r"缺少 \[heading\]"),
        ("[poem]\n一句诗\n", "未知的词条类型"),
        ("[heading]\n加强组织领导 | colour=red\n", "无法识别的属性"),
        ("[heading]\n加强组织领导 | also=nowhere\n", "未知的段落类型"),
        ("[heading]\n加强组织领导 | from=去年\n", "不是有效日期"),
        ("[heading]\n加强组织领导 | from=2024-01-01 | until=2023-01-01\n", "晚于"),
        ("[heading]\n加强组织领导|from=2024-01-01\n", "两侧空格"),
        ("[heading]\n加强组织领导\n加强组织领导。\n", "重复"),
        ("[sentence]\n加强学习,提高认识。\n", "半角标点"),
    ],
)
def test_format_errors_name_the_file_and_line(tmp_path, body, message):
    d = write_bank(tmp_path / "b", {"measures": body})
    with pytest.raises(BankFormatError, match=message) as info:
        read_bank(d)
    assert "measures.txt 第" in str(info.value)


def test_renames_file(tmp_path):
    d = write_bank(tmp_path / "b", {"measures": "[heading]\n加强组织领导\n"})
    (d / "renamed.txt").write_text("# 改名\n强化组织领导 => 加强组织领导\n", encoding="utf-8")
    assert read_bank(d).renames == [("强化组织领导", "加强组织领导")]
    (d / "renamed.txt").write_text("强化组织领导\n", encoding="utf-8")
    with pytest.raises(BankFormatError, match="旧文本 => 新文本"):
        read_bank(d)


def test_digest_changes_with_content_and_ignores_other_files(tmp_path):
    d = write_bank(tmp_path / "b", {"measures": "[heading]\n加强组织领导\n"})
    first = digest(d)
    (d / "formulations.tsv").write_text("something else\n", encoding="utf-8")
    (d / "README.md").write_text("# notes\n", encoding="utf-8")
    assert digest(d) == first
    (d / "measures.txt").write_text("[heading]\n加强组织领导\n压实工作责任\n", encoding="utf-8")
    assert digest(d) != first
