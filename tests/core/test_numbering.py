"""Numbering is derived from level, position among headed siblings and the parent's style."""

from __future__ import annotations

import pytest

from ideodesk.core.draft import Draft, Section
from ideodesk.core.numbering import STYLES, chinese_numeral


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
     (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (115, "一百一十五")],
)  # fmt: skip
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


@pytest.mark.parametrize(
    ("style", "labels"),
    [
        ("cn", ["一、", "二、", "三、", "四、"]),
        ("cn_paren", ["（一）", "（二）", "（三）", "（四）"]),
        ("arabic", ["1.", "2.", "3.", "4."]),
        ("arabic_paren", ["（1）", "（2）", "（3）", "（4）"]),
        ("yishi", ["一是", "二是", "三是", "四是"]),
        ("yiyao", ["一要", "二要", "三要", "四要"]),
        ("diyi", ["第一，", "第二，", "第三，", "第四，"]),
        ("shouxian", ["首先，", "其次，", "再次，", "最后，"]),
        ("dash", ["——", "——", "——", "——"]),
        ("article", ["第一条\u3000", "第二条\u3000", "第三条\u3000", "第四条\u3000"]),
    ],
)
def test_every_style_renders(style, labels):
    assert [STYLES[style].render(i, 4) for i in range(4)] == labels


def test_every_style_is_covered_by_a_test():
    assert set(STYLES) == {
        "cn",
        "cn_paren",
        "arabic",
        "arabic_paren",
        "yishi",
        "yiyao",
        "article",
        "diyi",
        "shouxian",
        "dash",
    }


def test_brackets_are_full_width():
    for style in ("cn_paren", "arabic_paren"):
        label = STYLES[style].render(0, 1)
        assert label[0] == "（" and label[-1] == "）"
        assert "(" not in label and ")" not in label


@pytest.mark.parametrize(
    ("count", "words"),
    [(2, ["首先", "其次"]), (3, ["首先", "其次", "最后"]), (5, ["首先", "其次", "再次", "此外", "最后"])],
)
def test_sequence_words_end_with_zuihou(count, words):
    assert [STYLES["shouxian"].render(i, count).rstrip("，") for i in range(count)] == words


def _tree() -> Draft:
    leaf = lambda h="x": Section(heading=h, paragraphs=["正文。"])  # noqa: E731
    return Draft(
        sections=[
            Section(type="opening", paragraphs=["开头。"]),
            Section(
                heading="甲",
                children=[
                    leaf(),
                    Section(
                        heading="乙", children=[leaf(), Section(heading="丙", children=[leaf(), leaf()])]
                    ),
                ],
            ),
            leaf("丁"),
            Section(type="closing", paragraphs=["结尾。"]),
        ]
    )


def test_level_defaults_follow_gbt_9704():
    d = _tree()
    assert d.label((1,)) == "一、"
    assert d.label((1, 0)) == "（一）"
    assert d.label((1, 1)) == "（二）"
    assert d.label((1, 1, 1)) == "2."
    assert d.label((1, 1, 1, 1)) == "（2）"


def test_unheaded_blocks_take_no_number_and_are_skipped():
    d = _tree()
    assert d.label((0,)) == ""
    assert d.label((3,)) == ""
    assert d.label((2,)) == "二、"  # the opening block before does not count


def test_parent_style_applies_to_children():
    d = _tree()
    d.section((1,)).child_numbering = "yishi"
    assert d.label((1, 1)) == "二是"
    assert d.label((1, 1, 0)) == "1."  # grandchildren keep their level default
    d.child_numbering = "diyi"
    assert d.label((2,)) == "第二，"


def test_numbered_heading_and_run_in_block():
    d = Draft(
        sections=[
            Section(
                heading="标题",
                child_numbering="yishi",
                children=[Section(heading="压实工作责任", run_in=True, paragraphs=["正文一。", "正文二。"])],
            )
        ]
    )
    blocks = list(d.blocks())
    assert blocks[0].text == "一、标题" and blocks[0].kind == "heading"
    assert blocks[1].text == "一是压实工作责任。正文一。"
    assert blocks[1].head_len == len("一是压实工作责任。")
    assert blocks[2].text == "正文二。"


def test_a_four_level_draft_renders():
    d = _tree()
    texts = [b.text for b in d.blocks()]
    assert "（1）x" in texts and "（2）x" in texts


def test_renumbering_after_insert_is_automatic():
    d = _tree()
    d.insert((1,), Section(heading="新增"))
    assert d.label((1,)) == "一、" and d.label((2,)) == "二、" and d.label((3,)) == "三、"


def test_one_numeral_parser_reads_what_the_numbering_writes_and_markers_agree():
    from ideodesk.core.numbering import chinese_numeral, parse_chinese_numeral
    from ideodesk.core.outline import marker_value

    for n in range(1, 1000):
        written = chinese_numeral(n)
        assert parse_chinese_numeral(written) == n, written
        assert marker_value(f"（{written}）加强组织领导") == n, written
        assert marker_value(f"{written}、加强组织领导") == n, written
    assert parse_chinese_numeral("一百零五") == marker_value("（一百零五）") == 105
    assert parse_chinese_numeral("加强") is None and marker_value("加强") == 0
