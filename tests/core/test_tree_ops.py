"""Every outline operation keeps the tree valid, keeps text order where promised, reports changes."""

from __future__ import annotations

import random

import pytest

from ideodesk.core.draft import Draft, Section, TreeError
from ideodesk.core.numbering import MAX_LEVEL


def S(h, *children, paras=None, run_in=False):  # noqa: N802
    return Section(
        heading=h, paragraphs=list(paras or [f"{h}正文。"]), children=list(children), run_in=run_in
    )


def sample() -> Draft:
    return Draft(sections=[S("A", S("A1"), S("A2", S("A2a")), S("A3")), S("B"), S("C", S("C1"))])


def headings(d: Draft) -> list[tuple[tuple[int, ...], str]]:
    return [(p, s.heading) for p, s in d.walk()]


def text_order(d: Draft) -> list[str]:
    out = []
    for _, s in d.walk():
        if s.heading:
            out.append(s.heading)
        out.extend(s.paragraphs)
    return out


def assert_valid(d: Draft) -> None:
    for path, _s in d.walk():
        assert 1 <= len(path) <= MAX_LEVEL


def test_insert_places_section_and_reports_parent():
    d = sample()
    ch = d.insert((0, 1), S("new"))
    assert d.section((0, 1)).heading == "new"
    assert ch.op == "insert" and ch.path == (0, 1) and ch.parents == ((0,),)
    assert d.label((0, 2)) == "（三）"


def test_insert_refuses_beyond_level_four_and_bad_position():
    d = sample()
    deep = S("x", S("y", S("z")))
    with pytest.raises(TreeError):
        d.insert((0, 1, 0, 0), deep)  # would reach level 6
    with pytest.raises(TreeError):
        d.insert((9,), S("x"))
    assert headings(d) == headings(sample())


def test_delete_removes_subtree():
    d = sample()
    ch = d.delete((0, 1))
    assert [s.heading for s in d.sections[0].children] == ["A1", "A3"]
    assert ch.path is None and ch.old_path == (0, 1) and ch.parents == ((0,),)
    with pytest.raises(TreeError):
        d.delete((7,))


def test_move_up_and_down_swap_siblings():
    d = sample()
    ch = d.move_up((1,))
    assert [s.heading for s in d.sections] == ["B", "A", "C"]
    assert ch.path == (0,) and ch.old_path == (1,)
    ch = d.move_down((0,))
    assert [s.heading for s in d.sections] == ["A", "B", "C"]
    assert ch.path == (1,)
    with pytest.raises(TreeError):
        d.move_up((0,))
    with pytest.raises(TreeError):
        d.move_down((2,))


def test_move_across_parents_and_not_into_itself():
    d = sample()
    ch = d.move((0, 1), (2,), 0)
    assert d.section((2, 0)).heading == "A2"
    assert d.section((2, 0, 0)).heading == "A2a"
    assert set(ch.parents) == {(0,), (2,)}
    with pytest.raises(TreeError):
        d.move((2,), (2, 0), 0)


def test_move_to_an_earlier_sibling_subtree_adjusts_path():
    d = sample()
    ch = d.move((0, 0), (0, 1), 0)  # A1 into A2 (A2 shifts to index 0)
    assert ch.path == (0, 0, 0)
    assert d.section((0, 0)).heading == "A2"
    assert [c.heading for c in d.section((0, 0)).children] == ["A1", "A2a"]


def test_move_reports_the_old_parent_where_it_is_now():
    d = sample()
    ch = d.move((2, 0), (), 0)  # C1 to the top, before A: C shifts from (2,) to (3,)
    assert d.section((0,)).heading == "C1"
    assert set(ch.parents) == {(), (3,)}
    assert d.section((3,)).heading == "C"


@pytest.mark.parametrize("op", ["move_up", "move_down", "promote", "demote", "delete", "merge"])
def test_empty_path_is_a_tree_error(op):
    d = sample()
    with pytest.raises(TreeError):
        getattr(d, op)(())
    with pytest.raises(TreeError):
        d.insert((), S("x"))
    with pytest.raises(TreeError):
        d.split((), 0)


def test_merge_keeps_the_numbering_of_the_children_it_takes_over():
    d = Draft(
        sections=[Section(heading="A", child_numbering="yishi"), Section(heading="B", children=[S("b1")])]
    )
    assert d.label((1, 0)) == "（一）"
    d.merge((0,))
    assert d.label((0, 0)) == "（一）"


def test_promote_keeps_text_order():
    d = sample()
    before = text_order(d)
    ch = d.promote((0, 1))  # A2 becomes level 1 after A; A3 becomes its child
    assert text_order(d) == before
    assert [s.heading for s in d.sections] == ["A", "A2", "B", "C"]
    assert [c.heading for c in d.section((1,)).children] == ["A2a", "A3"]
    assert ch.path == (1,) and ch.old_path == (0, 1)
    assert d.label((1,)) == "二、" and d.label((2,)) == "三、"
    with pytest.raises(TreeError):
        d.promote((0,))


def test_demote_keeps_text_order_and_depth_limit():
    d = sample()
    before = text_order(d)
    ch = d.demote((1,))  # B under A
    assert text_order(d) == before
    assert d.section((0, 3)).heading == "B"
    assert ch.path == (0, 3) and ch.old_path == (1,)
    assert d.label((0, 3)) == "（四）"
    with pytest.raises(TreeError):
        d.demote((0,))


def test_demote_refused_when_subtree_would_exceed_four_levels():
    d = Draft(sections=[S("a"), S("b", S("c", S("d", S("e"))))])
    before = headings(d)
    with pytest.raises(TreeError):
        d.demote((1,))
    assert headings(d) == before


def test_split_and_merge_are_inverse():
    d = Draft(sections=[Section(heading="A", paragraphs=["一。", "二。", "三。"], children=[S("A1")])])
    original = text_order(d)
    ch = d.split((0,), 1)
    assert d.sections[0].paragraphs == ["一。"] and d.sections[0].children == []
    assert d.sections[1].heading == "" and d.sections[1].paragraphs == ["二。", "三。"]
    assert d.sections[1].children[0].heading == "A1"
    assert ch.path == (1,) and text_order(d) == original
    d.merge((0,))
    assert text_order(d) == original and len(d.sections) == 1
    assert d.sections[0].children[0].heading == "A1"


def test_split_inside_a_paragraph_with_heading():
    d = Draft(sections=[Section(heading="A", paragraphs=["前半句后半句。"])])
    d.split((0,), 0, offset=3, heading="新标题")
    assert d.sections[0].paragraphs == ["前半句"]
    assert d.sections[1].heading == "新标题" and d.sections[1].paragraphs == ["后半句。"]
    with pytest.raises(TreeError):
        d.split((0,), 0, offset=99)


def test_merge_keeps_the_next_heading_as_text():
    d = Draft(sections=[S("A"), S("B", run_in=True), S("C")])
    d.merge((0,))
    assert d.sections[0].paragraphs == ["A正文。", "B。B正文。"]
    d.merge((0,))
    assert d.sections[0].paragraphs == ["A正文。", "B。B正文。", "C", "C正文。"]
    with pytest.raises(TreeError):
        d.merge((0,))


def test_merge_refused_when_section_has_children():
    d = sample()
    before = headings(d)
    with pytest.raises(TreeError):
        d.merge((0,))
    assert headings(d) == before


def test_random_operations_always_leave_a_valid_tree():
    rng = random.Random(20261121)
    d = sample()
    ops = ["insert", "delete", "move_up", "move_down", "promote", "demote", "split", "merge"]
    for step in range(3000):
        paths = [p for p, _ in d.walk()]
        if not paths:
            d.insert((0,), S(f"n{step}"))
            continue
        path = rng.choice(paths)
        op = rng.choice(ops)
        before = text_order(d)
        try:
            if op == "insert":
                d.insert((*path[:-1], rng.randint(0, len(d.children_of(path[:-1])))), S(f"n{step}"))
            elif op == "split":
                d.split(path, rng.randint(0, len(d.section(path).paragraphs)))
            else:
                getattr(d, op)(path)
        except TreeError:
            assert text_order(d) == before  # a refused operation changes nothing
        else:
            if op in {"promote", "demote", "split"}:
                assert text_order(d) == before
            if op == "merge":
                assert sorted(text_order(d)) == sorted(before)
        assert_valid(d)


def test_snapshot_is_independent_and_keeps_uids():
    d = sample()
    snap = d.snapshot()
    assert snap == d and [s.uid for _, s in snap.walk()] == [s.uid for _, s in d.walk()]
    d.promote((0, 1))
    d.sections[0].paragraphs.append("新段")
    assert snap != d and snap.sections[0].paragraphs == ["A正文。"]
