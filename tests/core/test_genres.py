"""Genre templates: typed skeletons, their variables, slot filling everywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from ideodesk.core.draft import SLOT_RE, Draft, Section, Signature
from ideodesk.core.genres import GENRES, genre
from ideodesk.core.sections import SECTION_TYPES
from ideodesk.errors import IdeoError

EXPECTED = {"speech", "remarks", "summary", "report", "minutes", "notice"}


def test_all_six_genres_exist():
    assert set(GENRES) >= EXPECTED


@pytest.mark.parametrize("genre_id", sorted(EXPECTED))
def test_skeleton_is_typed_and_headed(genre_id):
    g = GENRES[genre_id]
    d = g.skeleton()
    assert d.genre == genre_id and d.title
    types = {s.type for _, s in d.walk()}
    assert types <= set(SECTION_TYPES)
    headed = [p for p, s in d.walk() if s.heading]
    assert len(headed) >= 3, "a skeleton offers at least three numbered headings"
    for path in headed:
        assert d.label(path), "every headed section gets a derived number"
        assert d.section(path).heading[:2] not in {"一、", "（一"}, "headings never contain numbers"


@pytest.mark.parametrize("genre_id", sorted(EXPECTED))
def test_every_slot_is_a_declared_variable(genre_id):
    g = GENRES[genre_id]
    declared = {v.name for v in g.variables}
    assert set(g.skeleton().slots()) <= declared


@pytest.mark.parametrize("genre_id", sorted(EXPECTED))
def test_filling_all_variables_leaves_no_slot(genre_id):
    g = GENRES[genre_id]
    values = {v.name: f"值{i}" for i, v in enumerate(g.variables)}
    d = g.create(values=values)
    assert d.slots() == []
    assert d.variables == values
    assert all(not SLOT_RE.search(b.text) for b in d.blocks())


def test_defaults_fill_date_and_year_and_leave_others_visible():
    d = genre("summary").create()
    today = dt.date.today()
    assert d.signature.date == f"{today.year}年{today.month}月{today.day}日"
    assert str(today.year) in d.title
    assert "单位" in d.slots()


def test_title_override():
    d = genre("speech").create(title="在全县宣传工作会议上的讲话", values={"会议名称": "x"})
    assert d.title == "在全县宣传工作会议上的讲话"


def test_filled_replaces_slots_in_every_field():
    d = Draft(
        title="【单位】总结",
        addressee="【主送】：",
        variables={"单位": "某局", "主送": "县委"},
        sections=[Section(heading="【单位】情况", paragraphs=["【单位】在【未知】"])],
        signature=Signature("【单位】", "【日期】"),
    )
    f = d.filled()
    assert f.title == "某局总结" and f.addressee == "县委："
    assert f.sections[0].heading == "某局情况"
    assert f.sections[0].paragraphs == ["某局在【未知】"]
    assert f.signature.issuer == "某局" and f.signature.date == "【日期】"
    assert f.slots() == ["未知", "日期"]
    assert d.title == "【单位】总结", "filling returns a copy"


def test_unknown_genre_is_a_clear_error():
    with pytest.raises(IdeoError, match="未知的文种"):
        genre("poem")


# ------------------------------------------------------------------ templates as data
def test_templates_are_data_files_one_per_genre():
    from ideodesk import resources_dir

    files = {p.stem for p in (resources_dir() / "templates").glob("*.json")}
    assert files == set(GENRES)
    assert {"plan", "keypoints", "selfcheck"} <= files  # 实施方案, 工作要点, 对照检查材料


def test_a_broken_template_is_reported_with_its_file_name(tmp_path):
    from ideodesk.core.genres import load_genres

    (tmp_path / "bad.json").write_text(
        '{"id": "bad", "label": "坏", "variables": [], "draft": {"sections": 3}}'
    )
    with pytest.raises(IdeoError, match=r"bad\.json"):
        load_genres(tmp_path)


@pytest.mark.parametrize("genre_id", sorted(GENRES))
def test_every_template_exports_with_no_findings_but_its_blanks(genre_id, tmp_path):
    from ideodesk.checks.runner import run_checks
    from ideodesk.export import export_docx

    draft = GENRES[genre_id].create()
    export_docx(draft, tmp_path / f"{genre_id}.docx")
    rules = {f.rule for f in run_checks(draft)}
    assert rules <= {"placeholder", "slot"}, rules


def _headings(draft):
    return [s.heading for _, s in draft.walk() if s.heading]


def test_templates_carry_what_the_content_review_asked_for():
    speech = GENRES["speech"].skeleton()
    assert "situation" in {s.type for s in speech.sections}
    problems = [s for _, s in speech.walk() if s.type == "problems"]
    assert problems and not any(s.heading for s in problems)  # not numbered 三是 under 成绩
    report = GENRES["report"].skeleton()
    assert report.sections[1].type == "situation" and report.sections[1].heading == "总体态势"
    assert {"分领域研判情况", "下阶段趋势预判", "意见建议"} <= set(_headings(report))
    minutes = "".join(b.text for b in GENRES["minutes"].skeleton().blocks())
    assert all(w in minutes for w in ("缺席", "列席", "应到", "实到", "会次", "【时刻】", "同志："))
    notice = GENRES["notice"].skeleton()
    assert {"联系人", "联系电话"} <= set(notice.slots())
    assert "会议议程" in _headings(notice) and notice.furniture.attachments
    assert "doc_number" in GENRES["notice"].furniture and "signers" not in GENRES["notice"].furniture
    assert "signers" in GENRES["report"].furniture and GENRES["speech"].furniture == ()
    assert GENRES["speech"].byline and not GENRES["notice"].byline
