"""``ideodesk phrases …`` as a user runs it: a child process on a real data folder."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import PYTHON, run_cli


@pytest.fixture
def compiled(data_dir, shipped_db):
    """The data folder with the shipped bank already compiled (saves each child a second)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(shipped_db, data_dir / "phrases.sqlite3")
    return data_dir


def run(env, *args, check=True, **options):
    return run_cli(env, *args, check=check, **options)


def test_search_on_a_fresh_folder_creates_nothing(child_env, data_dir):
    hits = json.loads(run(child_env, "phrases", "search", "llzw", "--section", "measures", "--json").stdout)
    assert hits and {"id", "text", "kind", "section_types", "score"} <= set(hits[0])
    assert hits[0]["text"].startswith("牢牢掌握") and "measures" in hits[0]["section_types"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    human = run(child_env, "phrases", "search", "意识形态", "--section", "problems", "--limit", "3").stdout
    assert len(human.strip().splitlines()) == 3
    assert not data_dir.exists()


def test_add_then_search_and_stats(child_env, data_dir):
    out = run(
        child_env, "phrases", "add", "压紧压实意识形态工作责任链条", "--section", "measures", "--kind", "提法"
    )
    assert "已添加词条" in out.stdout and (data_dir / "phrases.sqlite3").exists()
    dup = run(child_env, "phrases", "add", "压紧压实意识形态工作责任链条。", "--section", "measures")
    assert "词库中已有" in dup.stdout
    hits = json.loads(run(child_env, "phrases", "search", "责任链条", "--json").stdout)
    assert hits[0]["text"] == "压紧压实意识形态工作责任链条" and hits[0]["kind"] == "formulation"
    st = json.loads(run(child_env, "phrases", "stats", "--json").stdout)
    assert set(st) >= {"total", "by_section", "by_kind", "by_origin"}
    assert st["by_origin"]["user"] == 1 and st["total"] >= 1500
    assert st["total"] == st["by_origin"]["shipped"] + 1
    assert sum(st["by_kind"].values()) == st["total"]
    assert "共" in run(child_env, "phrases", "stats").stdout


def test_complete(compiled, child_env):
    hits = json.loads(run(child_env, "phrases", "complete", "我们要牢牢掌握意识形态", "--json").stdout)
    assert hits[0]["match"] == "completion" and hits[0]["text"].startswith("牢牢掌握意识形态")
    assert hits[0]["completion"] == hits[0]["text"][hits[0]["overlap"] :]


def test_outdated_formulations_are_flagged(compiled, child_env):
    assert "没有找到" in run(child_env, "phrases", "search", "十九大").stdout
    out = run(child_env, "phrases", "search", "十九大", "--outdated").stdout
    assert "旧提法" in out


def test_export_and_import_between_colleagues(compiled, child_env, tmp_path):
    run(child_env, "phrases", "add", "压紧压实意识形态工作责任链条", "--section", "measures")
    run(
        child_env,
        "phrases",
        "add",
        "把意识形态工作纳入年度考核",
        "--section",
        "measures",
        "--section",
        "requirements",
    )
    pack = tmp_path / "我的词库.json"
    assert "已导出 2 条" in run(child_env, "phrases", "export", str(pack)).stdout

    other = dict(child_env, IDEODESK_DATA_DIR=str(tmp_path / "colleague"))
    run(other, "phrases", "add", "把意识形态工作纳入年度考核。", "--section", "causes")
    result = json.loads(run(other, "phrases", "import", str(pack), "--json").stdout)
    assert result == {"total": 2, "added": 1, "present": 1, "added_texts": ["压紧压实意识形态工作责任链条"]}
    st = json.loads(run(other, "phrases", "stats", "--json").stdout)
    assert st["by_origin"] == {"shipped": st["by_origin"]["shipped"], "user": 1, "imported": 1}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "ideodesk-phrasepack", "version": 1, "phr', "已损坏"),
        (b'{"title": "not a pack"}', "不是 IdeoDesk 词库包"),
        (b"PK\x03\x04rest", "zip"),
    ],
)
def test_a_bad_pack_is_refused_with_one_chinese_line(
    compiled, child_env, data_dir, tmp_path, content, message
):
    run(child_env, "phrases", "add", "压紧压实意识形态工作责任链条", "--section", "measures")
    before = json.loads(run(child_env, "phrases", "stats", "--json").stdout)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    proc = run(child_env, "phrases", "import", str(bad), check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert message in proc.stderr and "bad.json" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert json.loads(run(child_env, "phrases", "stats", "--json").stdout) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("phrases", "search", "阵地", "--section", "nowhere"), "未知的段落类型"),
        (("phrases", "add", "加强学习", "--section", "measures", "--kind", "poem"), "未知的词条类型"),
        (("phrases", "search", "阵地", "--limit", "0"), "--limit"),
        (("phrases", "show", "999999"), "不存在"),
        (("phrases", "export", "/no/such/folder/pack.json"), "不存在"),
    ],
)
def test_errors_are_one_line_exit_2(compiled, child_env, args, message):
    proc = run(child_env, *args, check=False)
    assert proc.returncode == 2 and message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_review_queue(compiled, child_env, data_dir):
    code = """
from ideodesk.core.draft import Draft, Section
from ideodesk.phrases.bank import PhraseBank
from ideodesk.store.folder import DataFolder
folder = DataFolder.resolve().ensure()
with folder.lock(), PhraseBank.open(folder.phrases_db, cache_dir=folder.cache) as bank:
    d = Draft(sections=[Section("measures", "压紧压实责任链条，推动工作落地见效",
                                paragraphs=["切实加强网络意识形态阵地建设和管理。"])])
    print(bank.queue_candidates(d, source="材料.txt").to_dict())
"""
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, env=child_env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    items = json.loads(run(child_env, "phrases", "review", "list", "--json").stdout)
    assert {c["text"] for c in items} == {
        "压紧压实责任链条，推动工作落地见效",
        "切实加强网络意识形态阵地建设和管理",
    }
    heading = next(c for c in items if c["kind"] == "heading")
    other = next(c for c in items if c["kind"] != "heading")
    out = run(
        child_env, "phrases", "review", "accept", str(heading["id"]), "--section", "requirements"
    ).stdout
    assert "已收入词库" in out
    assert "以后不再提示" in run(child_env, "phrases", "review", "reject", str(other["id"])).stdout
    assert run(child_env, "phrases", "review", "list").stdout.strip() == "（没有待审词条）"
    hits = json.loads(
        run(child_env, "phrases", "search", "责任链条", "--section", "requirements", "--json").stdout
    )
    assert hits[0]["origin"] == "imported" and hits[0]["section_types"] == ["requirements"]


def test_writers_respect_the_instance_lock(child_env, data_dir):
    from ideodesk.store.folder import DataFolder

    folder = DataFolder(data_dir).ensure()
    with folder.lock():
        proc = run(child_env, "phrases", "add", "加强学习", "--section", "measures", check=False)
    assert proc.returncode == 2 and "正被另一个 IdeoDesk 使用" in proc.stderr
    assert not (data_dir / "phrases.sqlite3").exists()
