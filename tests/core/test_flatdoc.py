"""The flat paragraph form of a draft (what the document editor holds) and back."""

from __future__ import annotations

import random

import pytest

from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.core.flatdoc import (
    BODY,
    HEADING,
    Meta,
    Props,
    flatten,
    layout,
    meta_of,
    normalized,
    split_run_in,
    unflatten,
)
from ideodesk.core.genres import genre


def texts(rows):
    return [r.text for r in rows]


def sample() -> Draft:
    return Draft(
        genre="speech",
        title="在全县意识形态工作会议上的讲话",
        addressee="同志们：",
        sections=[
            Section("opening", "", paragraphs=["今天召开会议。"]),
            Section(
                "achievements",
                "工作成效",
                children=[
                    Section("achievements", "压实责任", run_in=True, paragraphs=["全面落实。", "第二段。"]),
                    Section("achievements", "强化阵地", run_in=True, paragraphs=[]),
                ],
                paragraphs=["一年来，成效明显。"],
                child_numbering="yishi",
            ),
            Section("closing", "", paragraphs=["同志们，让我们……"]),
        ],
        signature=Signature("中共某县委宣传部", "2024年7月1日"),
    )


def test_layout_reads_like_the_document_with_numbers_apart():
    rows = layout(sample())
    assert texts(rows) == [
        "在全县意识形态工作会议上的讲话",
        "同志们：",
        "今天召开会议。",
        "工作成效",
        "一年来，成效明显。",
        "压实责任。全面落实。",
        "第二段。",
        "强化阵地",
        "同志们，让我们……",
        "中共某县委宣传部",
        "2024年7月1日",
    ]
    labels = [r.label for r in rows]
    assert labels[3] == "一、" and labels[5] == "一是" and labels[7] == "二是"
    run_in = rows[5]
    assert run_in.props.run_in and run_in.offset == len("压实责任。") and run_in.para == 0
    assert rows[2].props.start and rows[8].props.start and not rows[4].props.start


def test_round_trip_keeps_the_rendering_and_the_structure():
    d = sample()
    back = unflatten(flatten(d), meta_of(d))
    assert list(back.blocks()) == list(d.blocks())
    assert [s.type for _, s in back.walk()] == [s.type for _, s in d.walk()]
    assert back.sections[1].child_numbering == "yishi"


def test_every_genre_template_round_trips():
    for gid in ("speech", "remarks", "summary", "report", "minutes", "notice"):
        d = genre(gid).create()
        back = unflatten(flatten(d), meta_of(d))
        assert list(back.blocks()) == list(d.blocks()), gid


@pytest.mark.parametrize(
    ("text", "head", "rest"),
    [
        ("加强领导。全面落实。", "加强领导", "全面落实。"),
        ("加强领导。", "加强领导。", ""),
        ("加强领导", "加强领导", ""),
        ("加强领导！全面落实", "加强领导！", "全面落实"),
        ("加强领导：一要", "加强领导：", "一要"),
    ],
)
def test_run_in_split_renders_back_to_the_same_text(text, head, rest):
    assert split_run_in(text) == (head, rest)
    d = unflatten([(Props(HEADING, 1, run_in=True), text)])
    assert texts(layout(d))[2] == text


def test_level_skips_and_stray_body_get_containers_not_lost_text():
    paras = normalized(
        [
            (Props(BODY, 2), "先写的一段"),
            (Props(HEADING, 3), "三级标题"),
            (Props(BODY, 3), "正文"),
            (Props(HEADING, 1), "一级"),
            (Props(BODY, 4), "深层正文"),
            (Props(HEADING, 1), ""),
            (Props(BODY, 1), "空标题之后"),
        ]
    )
    d = unflatten(paras)
    assert texts(layout(d)) == [t for _, t in paras]
    assert d.sections[0].children[0].paragraphs == ["先写的一段"]
    labels = [r.label for r in layout(d) if r.props.role == HEADING]
    assert labels == ["1.", "一、"]  # the empty heading is text, not a numbered heading


def test_body_after_children_starts_a_new_unheaded_section():
    paras = normalized(
        [
            (Props(HEADING, 1), "一级"),
            (Props(HEADING, 2), "二级"),
            (Props(BODY, 2), "二级正文"),
            (Props(BODY, 1), "回到一级的正文"),
        ]
    )
    d = unflatten(paras)
    assert [s.heading for s in d.sections] == ["一级", ""]
    assert texts(layout(d)) == [t for _, t in paras]


def test_normalized_keeps_meta_at_the_ends():
    paras = [(Props(BODY), "正文"), (Props("title"), "误放的标题")]
    out = normalized(paras)
    assert [p.role for p, _ in out] == ["title", "addressee", "body", "body", "issuer", "date"]
    assert [t for _, t in out] == ["", "", "正文", "误放的标题", "", ""]


def _random_paras(rng: random.Random) -> list:
    out = []
    words = ["加强领导", "一是", "。", "正文", "！", "", " ", "全面落实；", "同志们："]
    for _ in range(rng.randint(0, 25)):
        role = rng.choice([HEADING, BODY, BODY])
        props = Props(
            role,
            rng.randint(1, 4),
            run_in=rng.random() < 0.4,
            type=rng.choice(["general", "measures"]),
            start=rng.random() < 0.2,
            numbering=rng.choice([None, None, "yishi", "arabic", "shouxian"]),
        )
        out.append((props, "".join(rng.choice(words) for _ in range(rng.randint(0, 4)))))
    return normalized(out)


@pytest.mark.parametrize("seed", range(40))
def test_any_paragraphs_map_one_to_one_onto_the_rebuilt_draft(seed):
    rng = random.Random(seed)
    paras = _random_paras(rng)
    d = unflatten(paras, Meta())
    rows = layout(d)
    assert texts(rows) == [t for _, t in paras]
    again = unflatten(flatten(d), meta_of(d))
    assert texts(layout(again)) == texts(rows)
    assert [r.label for r in layout(again)] == [r.label for r in rows]
    for r in rows:  # every section paragraph is where its row says
        if r.path is not None and r.para >= 0:
            assert r.text[r.offset :] == d.section(r.path).paragraphs[r.para]


def test_props_key_round_trip():
    p = Props(HEADING, 2, True, "measures", False, "yishi", '{"a": 1}')
    assert Props.from_key(p.key()) == p
