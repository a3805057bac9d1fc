"""``ideodesk outline`` and ``ideodesk import --as-draft`` as a user runs them."""

from __future__ import annotations

import json
import shutil

import pytest

from ideodesk.core import draftjson
from tests.conftest import run_cli
from tests.importing.conftest import make_docx


def run(env, *args, check=True):
    return run_cli(env, *args, check=check)


def test_outline_json_is_draft_json_and_stores_nothing(child_env, data_dir, corpus):
    out = run(child_env, "outline", str(corpus / "000_54ef8e62418e0016.txt"), "--json").stdout
    draft = draftjson.loads(out)
    assert draft.title == "在2024年意识形态领域分析研讨会上的发言"
    assert json.loads(out)["format"] == "ideodesk-draft/1"
    assert not data_dir.exists()


def test_outline_of_a_compilation_prints_an_array(child_env, corpus):
    out = json.loads(run(child_env, "outline", str(corpus / "004_62d75050e1561ae2.txt"), "--json").stdout)
    assert isinstance(out, list) and len(out) >= 11
    assert all(draftjson.draft_from_dict(d) for d in out)


def test_outline_human_output_shows_numbers_and_types(child_env, corpus):
    text = run(child_env, "outline", str(corpus / "000_54ef8e62418e0016.txt")).stdout
    assert "一、统一思想" in text and "（一）加强理论学习" in text and "[工作要求" in text


def test_outline_of_a_docx(child_env, tmp_path):
    path = make_docx(
        tmp_path / "报告.docx",
        [
            ("关于上半年工作情况的报告", None),
            ("县委：", None),
            ("现将有关情况报告如下：", None),
            ("一、主要工作", None),
            ("（一）强化领导。正文。", None),
            ("工作开展情况", "Heading 1"),
            ("正文二。", None),
        ],
    )
    d = draftjson.loads(run(child_env, "outline", str(path), "--json").stdout)
    assert d.title == "关于上半年工作情况的报告" and d.addressee == "县委："
    assert [s.heading for s in d.sections if s.headed][:2] == ["主要工作", "工作开展情况"]


def test_import_as_draft_stores_every_document(child_env, corpus, tmp_path):
    files = [str(p) for p in sorted(corpus.glob("*.txt"))]
    out = json.loads(run(child_env, "import", "--as-draft", "--json", *files).stdout)
    assert len(out) >= 13
    listed = json.loads(run(child_env, "drafts", "list", "--json").stdout)
    assert len(listed) == len(out)
    shown = draftjson.loads(run(child_env, "drafts", "show", str(out[0]["id"]), "--json").stdout)
    assert shown.title == "在2024年意识形态领域分析研讨会上的发言"
    found = json.loads(run(child_env, "drafts", "list", "--search", "防汛", "--json").stdout)
    assert found == []
    assert json.loads(run(child_env, "drafts", "list", "--search", "党建", "--json").stdout)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.with_suffix(".txt").write_bytes(b""), "空的"),
        (lambda p: p.with_suffix(".txt").write_bytes(bytes(range(256)) * 10), "不是文本文件"),
        (
            lambda p: p.with_suffix(".doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512),
            "另存为",
        ),
        (lambda p: p.with_suffix(".docx").write_bytes(b"PK\x03\x04" + b"\0" * 40), "已损坏"),
        (lambda p: p.with_suffix(".txt").write_text("标题\n" + "字" * 1_000_000, encoding="utf-8"), "行过长"),
    ],
    ids=["empty", "binary", "doc", "truncated-zip", "long-line"],
)
def test_bad_file_exit_2_one_line_nothing_stored(child_env, data_dir, corpus, tmp_path, make, words):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "已有的稿子")
    db_before = (data_dir / "drafts.sqlite3").read_bytes()
    make(tmp_path / "坏文件")
    bad = next(tmp_path.glob("坏文件.*"))
    good = tmp_path / "好.txt"
    shutil.copy(corpus / "000_54ef8e62418e0016.txt", good)
    for args in (["import", "--as-draft", str(good), str(bad)], ["outline", str(bad)]):
        proc = run(child_env, *args, check=False)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2 and len(lines) == 1, proc.stderr
        assert str(bad) in lines[0] and words in lines[0]
    assert (data_dir / "drafts.sqlite3").read_bytes() == db_before  # the good file was not stored either
    titles = [d["title"] for d in json.loads(run(child_env, "drafts", "list", "--json").stdout)]
    assert titles == ["已有的稿子"]


def test_import_without_as_draft_fills_the_review_queue(child_env, corpus, data_dir):
    out = json.loads(run(child_env, "import", str(corpus / "000_54ef8e62418e0016.txt"), "--json").stdout)
    assert out["documents"] == 1 and out["added"] + out["merged"] > 0
    assert not (data_dir / "drafts.sqlite3").exists(), "candidates do not create drafts"
    listed = run(child_env, "phrases", "review", "list").stdout
    if out["added"]:
        assert listed.strip()
    again = json.loads(run(child_env, "import", str(corpus / "000_54ef8e62418e0016.txt"), "--json").stdout)
    assert again["added"] == 0, "the same document offers nothing new"


def test_import_candidates_refuses_bad_files_and_queues_nothing(child_env, corpus, tmp_path, data_dir):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    proc = run(child_env, "import", str(corpus / "000_54ef8e62418e0016.txt"), str(bad), check=False)
    assert proc.returncode == 2 and str(bad) in proc.stderr
    assert not (data_dir / "phrases.sqlite3").exists()
