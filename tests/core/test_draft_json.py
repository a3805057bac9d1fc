"""The draft JSON format: round trip, and validation errors that name the field."""

from __future__ import annotations

import json

import pytest

from ideodesk.core import draftjson
from ideodesk.core.draftjson import DraftFormatError
from ideodesk.core.genres import GENRES

EXAMPLE = {
    "format": "ideodesk-draft/1",
    "genre": "speech",
    "title": "在全县意识形态工作会议上的讲话",
    "addressee": "同志们：",
    "variables": {"单位": "某县委宣传部"},
    "sections": [
        {"type": "opening", "level": 1, "heading": "", "run_in": False, "paragraphs": ["……"], "children": []},
        {
            "type": "achievements",
            "level": 1,
            "heading": "上半年工作开展情况",
            "run_in": False,
            "paragraphs": [],
            "child_numbering": "yishi",
            "children": [
                {
                    "type": "achievements",
                    "level": 2,
                    "heading": "健全工作机制，压实主体责任",
                    "run_in": True,
                    "paragraphs": ["……"],
                    "children": [],
                }
            ],
        },
    ],
    "signature": {"issuer": "中共某县委宣传部", "date": "2024年7月1日"},
}


def test_design_example_round_trips_exactly():
    d = draftjson.draft_from_dict(EXAMPLE)
    assert draftjson.draft_to_dict(d) == EXAMPLE
    assert d.label((1, 0)) == "一是"


def test_round_trip_through_text_for_every_genre():
    for g in GENRES.values():
        d = g.create(values={"单位": "某单位"})
        text = draftjson.dumps(d)
        assert draftjson.loads(text) == d
        assert draftjson.dumps(draftjson.loads(text)) == text


def test_extra_keys_are_kept():
    obj = json.loads(json.dumps(EXAMPLE))
    obj["x-origin"] = "import"
    obj["sections"][1]["children"][0]["confidence"] = 0.8
    out = draftjson.draft_to_dict(draftjson.draft_from_dict(obj))
    assert out["x-origin"] == "import"
    assert out["sections"][1]["children"][0]["confidence"] == 0.8


def test_optional_keys_default():
    d = draftjson.draft_from_dict({"genre": "notice", "sections": [{"heading": "一"}]})
    assert d.title == "" and d.sections[0].type == "general" and d.sections[0].paragraphs == []


def _broken(path: str, value):
    obj = json.loads(json.dumps(EXAMPLE))
    target = obj
    keys = path.split("/")
    for k in keys[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    last = keys[-1]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return obj


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("title", 5, "title"),
        ("genre", KeyError, "genre"),
        ("genre", "  ", "genre"),
        ("format", "ideodesk-draft/9", "format"),
        ("variables", [], "variables"),
        ("variables/单位", 3, "variables.单位"),
        ("sections", {}, "sections"),
        ("sections/0", "text", "sections[0]"),
        ("sections/1/type", "unknown", "sections[1].type"),
        ("sections/1/level", 2, "sections[1].level"),
        ("sections/1/level", "1", "sections[1].level"),
        ("sections/1/run_in", "yes", "sections[1].run_in"),
        ("sections/1/child_numbering", "roman", "sections[1].child_numbering"),
        ("sections/1/children/0/heading", None, "sections[1].children[0].heading"),
        ("sections/1/children/0/paragraphs", ["ok", 7], "sections[1].children[0].paragraphs[1]"),
        ("sections/1/child_numbering", [], "sections[1].child_numbering"),
        ("child_numbering", {}, "child_numbering"),
        ("sections/1/children/0/level", 3, "sections[1].children[0].level"),
        ("signature", "x", "signature"),
        ("signature/date", 2024, "signature.date"),
    ],
)
def test_wrong_shape_names_the_field(path, value, field):
    with pytest.raises(DraftFormatError) as err:
        draftjson.draft_from_dict(_broken(path, value), "稿件.json")
    assert err.value.field == field
    assert "稿件.json" in str(err.value) and field in str(err.value)


def test_characters_word_cannot_hold_are_dropped_on_the_way_in():
    obj = _broken("sections/1/children/0/paragraphs", ["a\x00b\x07c\ud800d\te"])
    obj["title"] = "标\x0b题\udcff"
    d = draftjson.draft_from_dict(obj)
    assert d.sections[1].children[0].paragraphs == ["abcd\te"]
    assert d.title == "标题"
    draftjson.dumps(d).encode("utf-8")  # storable


def test_huge_number_is_a_clear_error_not_a_crash():
    with pytest.raises(DraftFormatError):
        draftjson.loads('{"genre": "speech", "x": ' + "9" * 5000 + "}", "大数.json")


def test_signature_extra_keys_are_kept():
    obj = _broken("signature/seal", "盖章")
    assert draftjson.draft_to_dict(draftjson.draft_from_dict(obj))["signature"]["seal"] == "盖章"


def test_too_deep_nesting_is_refused():
    leaf = {"heading": "x"}
    for _ in range(5):
        leaf = {"heading": "x", "children": [leaf]}
    with pytest.raises(DraftFormatError) as err:
        draftjson.draft_from_dict({"genre": "speech", "sections": [leaf]})
    assert "level" in err.value.field or "层级" in str(err.value)


@pytest.mark.parametrize("text", ["", "{", "[1, 2", "{'title': 1}", "null", "[]", '"x"'])
def test_malformed_json_gives_a_clear_error(text):
    with pytest.raises(DraftFormatError) as err:
        draftjson.loads(text, "坏.json")
    assert str(err.value).startswith("坏.json：")


def test_load_file_reports_encoding_and_missing_file(tmp_path):
    bad = tmp_path / "gbk.json"
    bad.write_bytes('{"title": "讲话"}'.encode("gbk"))
    with pytest.raises(DraftFormatError, match="UTF-8"):
        draftjson.load_file(bad)
    with pytest.raises(Exception, match="无法读取"):
        draftjson.load_file(tmp_path / "missing.json")
    ok = tmp_path / "bom.json"
    ok.write_bytes("\ufeff".encode() + json.dumps(EXAMPLE, ensure_ascii=False).encode())
    assert draftjson.load_file(ok).title == EXAMPLE["title"]
