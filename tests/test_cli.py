"""The command line as a user runs it: a real child process on a real data folder."""

from __future__ import annotations

import json
import subprocess

import pytest

from ideodesk.core import draftjson
from tests.conftest import PYTHON, run_cli


def run(env, *args, check=True):
    return run_cli(env, *args, check=check)


def test_new_list_show_round_trip(child_env, data_dir):
    out = run(child_env, "drafts", "new", "--genre", "speech", "--title", "在全县意识形态工作会议上的讲话",
              "--var", "会议名称=全县意识形态工作会议", "--json")  # fmt: skip
    created = json.loads(out.stdout)
    assert created["id"] == 1 and created["rev"] == 1 and created["genre"] == "speech"
    assert created["variables"]["会议名称"] == "全县意识形态工作会议"
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "关于召开会议的通知")

    listed = json.loads(run(child_env, "drafts", "list", "--json").stdout)
    assert [d["title"] for d in listed] == ["关于召开会议的通知", "在全县意识形态工作会议上的讲话"]
    human = run(child_env, "drafts", "list").stdout
    assert "通知" in human and "讲话" in human

    shown = run(child_env, "drafts", "show", "1", "--json").stdout
    draft = draftjson.loads(shown)  # the output is valid draft JSON (extra keys allowed)
    assert draft.title == "在全县意识形态工作会议上的讲话"
    text = run(child_env, "drafts", "show", "1").stdout
    assert "一、" in text and "（一）" in text and "一要" in text

    found = json.loads(run(child_env, "drafts", "list", "--search", "通知", "--json").stdout)
    assert [d["id"] for d in found] == [2]
    assert (data_dir / "drafts.sqlite3").exists()


def test_trash_restore_duplicate(child_env):
    run(child_env, "drafts", "new", "--genre", "summary", "--title", "上半年工作总结")
    dup = json.loads(run(child_env, "drafts", "duplicate", "1", "--json").stdout)
    assert dup["id"] == 2 and dup["title"] == "上半年工作总结（副本）"
    run(child_env, "drafts", "trash", "1")
    assert [d["id"] for d in json.loads(run(child_env, "drafts", "list", "--json").stdout)] == [2]
    assert [d["id"] for d in json.loads(run(child_env, "drafts", "list", "--trash", "--json").stdout)] == [1]
    run(child_env, "drafts", "restore", "1")
    assert len(json.loads(run(child_env, "drafts", "list", "--json").stdout)) == 2


def test_list_on_a_fresh_folder_writes_nothing(child_env, data_dir):
    assert json.loads(run(child_env, "drafts", "list", "--json").stdout) == []
    assert not data_dir.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["drafts", "new", "--genre", "poem", "--title", "x"], "未知的文种"),
        (["drafts", "new", "--genre", "speech"], "缺少参数"),
        (["drafts", "new", "--genre", "speech", "--title", "  "], "标题不能为空"),
        (["drafts", "new", "--genre", "speech", "--title", "x", "--var", "oops"], "变量"),
        (["drafts", "show", "42"], "不存在"),
        (["drafts", "show", "abc"], "应为整数"),
        (["drafts", "frobnicate"], "无效的选项"),
    ],
)
def test_errors_are_one_chinese_line_exit_2_nothing_written(child_env, data_dir, args, words):
    proc = run(child_env, *args, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not (data_dir / "drafts.sqlite3").exists()


def test_missing_draft_in_an_existing_library_changes_nothing(child_env, data_dir):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "通知")
    db = data_dir / "drafts.sqlite3"
    before = db.read_bytes()
    for args in (["drafts", "show", "9"], ["drafts", "trash", "9"], ["drafts", "duplicate", "9"]):
        proc = run(child_env, *args, check=False)
        assert proc.returncode == 2 and "草稿 9 不存在" in proc.stderr
    assert db.read_bytes() == before


def test_corrupt_library_is_reported_with_its_backup(child_env, data_dir):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "通知")
    (data_dir / "drafts.sqlite3").write_bytes(b"garbage" * 1000)
    proc = run(child_env, "drafts", "list", check=False)  # a reader reports, moves nothing
    assert proc.returncode == 2
    assert "已损坏" in proc.stderr and "备份" in proc.stderr and "未做任何改动" in proc.stderr
    assert not (data_dir / "corrupt").exists()
    proc = run(child_env, "drafts", "new", "--genre", "notice", "--title", "新", check=False)
    assert proc.returncode == 2 and "已将其移至" in proc.stderr  # the lock owner moves it aside
    assert len(list((data_dir / "corrupt").iterdir())) == 1
    proc = run(child_env, "drafts", "new", "--genre", "notice", "--title", "新", check=False)
    assert proc.returncode == 2 and "不见了" in proc.stderr, "never silently recreated"
    run(child_env, "backups", "restore")
    proc = run(child_env, "drafts", "list", "--json")
    assert [d["title"] for d in json.loads(proc.stdout)] == [], "the first backup holds the empty library"


def test_start_empty_after_a_vanished_library(child_env, data_dir):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "通知")
    (data_dir / "drafts.sqlite3").unlink()
    proc = run(child_env, "drafts", "list", check=False)
    assert proc.returncode == 2 and "不见了" in proc.stderr and proc.stderr.count("\n") == 1
    run(child_env, "backups", "start-empty")
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "重新开始")
    proc = run(child_env, "drafts", "list", "--json")
    assert [d["title"] for d in json.loads(proc.stdout)] == ["重新开始"]


def test_write_refused_while_another_instance_holds_the_folder(child_env, data_dir):
    from ideodesk.store.folder import DataFolder

    lock = DataFolder(data_dir).ensure().lock()
    try:
        proc = run(child_env, "drafts", "new", "--genre", "notice", "--title", "通知", check=False)
        assert proc.returncode == 2 and "正被另一个 IdeoDesk 使用" in proc.stderr
    finally:
        lock.release()


def test_data_dir_option_beats_environment(child_env, tmp_path):
    other = tmp_path / "other"
    run(child_env, "--data-dir", str(other), "drafts", "new", "--genre", "report", "--title", "研判报告")
    assert (other / "drafts.sqlite3").exists()
    assert json.loads(run(child_env, "drafts", "list", "--json").stdout) == []


def test_version_and_help(child_env):
    assert "IdeoDesk" in run(child_env, "--version").stdout
    assert "drafts" in run(child_env, "--help").stdout


def test_backups_list_and_restore_after_corruption(child_env, data_dir):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "第一篇")
    run(
        child_env, "drafts", "new", "--genre", "notice", "--title", "第二篇"
    )  # backup is daily: holds 0 drafts
    listed = json.loads(run(child_env, "backups", "list", "--json").stdout)
    assert len(listed) == 1
    (data_dir / "drafts.sqlite3").write_bytes(b"\x00" * 4096)
    proc = run(child_env, "drafts", "list", check=False)
    assert proc.returncode == 2 and "已损坏" in proc.stderr and "未做任何改动" in proc.stderr
    out = run(child_env, "backups", "restore").stdout
    assert "已从备份" in out
    assert json.loads(run(child_env, "drafts", "list", "--json").stdout) == []  # the backup's state
    kept = list((data_dir / "replaced").glob("*.sqlite3"))  # the damaged file is kept, not deleted
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00" * 4096


def test_backups_restore_keeps_the_current_library(child_env, data_dir):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "保留的稿子")
    out = run(child_env, "backups", "restore").stdout
    assert "replaced" in out
    replaced = list((data_dir / "replaced").glob("*.sqlite3"))
    assert len(replaced) == 1
    proc = run(child_env, "backups", "restore", "nonexistent.sqlite3", check=False)
    assert proc.returncode == 2 and "备份文件不存在" in proc.stderr


def test_unopenable_folder_is_not_mistaken_for_corruption(child_env, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    proc = run(
        child_env,
        "--data-dir",
        str(blocker),
        "drafts",
        "new",
        "--genre",
        "notice",
        "--title",
        "x",
        check=False,
    )
    assert proc.returncode == 2 and ("不是文件夹" in proc.stderr or "无法创建" in proc.stderr)
    assert blocker.read_text() == "x"


def test_a_broken_backup_is_refused_and_the_library_untouched(child_env, data_dir):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "不能丢的稿子")
    (data_dir / "backups" / "drafts-99999999-000000-000000-auto.sqlite3").write_bytes(b"not a db" * 100)
    proc = run(child_env, "backups", "restore", check=False)
    assert proc.returncode == 2 and "未恢复" in proc.stderr
    titles = [d["title"] for d in json.loads(run(child_env, "drafts", "list", "--json").stdout)]
    assert titles == ["不能丢的稿子"]


def test_a_broken_backup_folder_does_not_stop_saving(child_env, data_dir):
    data_dir.mkdir()
    (data_dir / "backups").write_text("a file where the backups folder should be")
    proc = run(child_env, "drafts", "new", "--genre", "notice", "--title", "照样保存")
    assert "警告" in proc.stderr
    assert [d["title"] for d in json.loads(run(child_env, "drafts", "list", "--json").stdout)] == ["照样保存"]


def test_undecodable_argument_is_refused(child_env, data_dir):
    proc = run(child_env, "drafts", "new", "--genre", "notice", "--title", "坏\udcff标题", check=False)
    assert proc.returncode == 2 and "无法识别的字符" in proc.stderr
    assert not (data_dir / "drafts.sqlite3").exists()


def test_output_survives_a_console_that_cannot_show_the_text(child_env):
    run(child_env, "drafts", "new", "--genre", "notice", "--title", "关于𠮷字的通知")
    env = dict(child_env, PYTHONIOENCODING="gbk")
    proc = subprocess.run(
        [PYTHON, "-m", "ideodesk", "drafts", "list", "--json"], capture_output=True, env=env, timeout=60
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout.decode("gbk"))[0]["title"] == "关于𠮷字的通知"  # escaped, lossless
    human = subprocess.run(
        [PYTHON, "-m", "ideodesk", "drafts", "list"], capture_output=True, env=env, timeout=60
    )
    assert human.returncode == 0 and "字的通知" in human.stdout.decode("gbk")


def test_restore_failing_at_the_swap_leaves_the_library_in_place(data_dir, monkeypatch, capsys):
    from ideodesk import cli
    from ideodesk.store import backup as backup_mod

    assert cli.main(["drafts", "new", "--genre", "notice", "--title", "原来的稿子"]) == 0

    def sharing_violation(src, dst):  # Windows: another program holds the file
        raise PermissionError(32, "The process cannot access the file")

    monkeypatch.setattr(backup_mod.os, "replace", sharing_violation)
    assert cli.main(["backups", "restore"]) == 2
    assert "未恢复" in capsys.readouterr().err
    monkeypatch.undo()
    monkeypatch.setenv("IDEODESK_DATA_DIR", str(data_dir))
    assert cli.main(["drafts", "list", "--json"]) == 0
    assert [d["title"] for d in json.loads(capsys.readouterr().out)] == ["原来的稿子"]
    assert not list(data_dir.glob("*.restoring"))


def _damage_body(db, draft_id: int) -> None:
    """What a flipped bit in a data page does to a stored draft body."""
    import sqlite3

    conn = sqlite3.connect(db)
    body = conn.execute("SELECT body FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
    conn.execute("UPDATE drafts SET body = ? WHERE id = ?", (body.replace("通知", "通矢", 1), draft_id))
    conn.commit()
    conn.close()


def test_a_damaged_draft_is_reported_and_reverted_to_its_newest_good_version(child_env, data_dir):
    from ideodesk.store.drafts import DraftStore

    run(child_env, "drafts", "new", "--genre", "notice", "--title", "关于防汛工作的通知")
    with DraftStore.open(data_dir / "drafts.sqlite3") as store:
        good = store.snapshot(1, "手动")
    _damage_body(data_dir / "drafts.sqlite3", 1)
    proc = run(child_env, "drafts", "show", "1", check=False)
    assert proc.returncode == 2 and "正文已损坏" in proc.stderr and f"drafts revert 1 {good}" in proc.stderr
    listed = json.loads(run(child_env, "drafts", "versions", "1", "--json").stdout)
    assert [v["id"] for v in listed] == [good]
    assert "已恢复到版本" in run(child_env, "drafts", "revert", "1", str(good)).stdout
    assert "关于防汛工作的通知" in run(child_env, "drafts", "show", "1").stdout
    labels = [v["label"] for v in json.loads(run(child_env, "drafts", "versions", "1", "--json").stdout)]
    assert labels[0] == "恢复前"  # the damaged text is kept as a version, not thrown away
    proc = run(child_env, "drafts", "revert", "1", "999", check=False)
    assert proc.returncode == 2 and "没有版本 999" in proc.stderr
