"""Data folders that are unusual but real (review F13, F14, F19, F26, F27): each gets one clear
Chinese line and exit code 2, never a traceback, and never the wrong folder."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ideodesk.core.draft import Draft, Section
from ideodesk.store import lock as lock_mod
from ideodesk.store.drafts import DraftStore
from ideodesk.store.errors import InstanceLockedError, StoreError, StoreReadOnlyError
from ideodesk.store.folder import DataFolder
from tests.conftest import run_cli


def test_an_empty_data_dir_is_refused_and_an_empty_variable_means_unset(monkeypatch, tmp_path):
    with pytest.raises(StoreError, match="--data-dir 不能为空"):
        DataFolder.resolve("")
    with pytest.raises(StoreError, match="不能为空"):
        DataFolder.resolve("   ")
    monkeypatch.setenv("IDEODESK_DATA_DIR", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert DataFolder.resolve().root != Path.cwd()  # the default, not the current folder


def test_cli_refuses_an_empty_data_dir_and_writes_nowhere(child_env, tmp_path):
    child_env["XDG_DATA_HOME"] = str(tmp_path / "xdg")  # where the per-user default would be
    for args in (("--data-dir", ""), ("--data-dir=",)):
        proc = run_cli(child_env, *args, "drafts", "new", "--genre", "notice", "--title", "x", check=False)
        assert proc.returncode == 2 and "--data-dir 不能为空" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "xdg").exists()


def test_an_over_long_folder_name_is_a_clear_message_for_readers_and_writers(child_env, tmp_path):
    long_dir = tmp_path / ("数" * 90)  # 270 bytes in UTF-8
    for args in (("drafts", "list"), ("drafts", "new", "--genre", "notice", "--title", "x")):
        proc = run_cli(child_env, "--data-dir", str(long_dir), *args, check=False)
        assert proc.returncode == 2 and "名称过长" in proc.stderr and "270 字节" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_an_io_error_on_the_lock_is_not_called_another_instance(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path).ensure()

    def failing_flock(fd, op):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(lock_mod.fcntl, "flock", failing_flock)
    with pytest.raises(StoreError) as err:
        folder.lock()
    assert not isinstance(err.value, InstanceLockedError)
    assert "无法锁定数据文件夹" in str(err.value) and "另一个" not in str(err.value)


def test_an_io_error_writing_the_lock_file_is_a_clear_error(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path).ensure()

    def failing_truncate(fd, size):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(lock_mod.os, "ftruncate", failing_truncate)
    with pytest.raises(StoreError, match="无法锁定数据文件夹"):
        folder.lock()
    monkeypatch.undo()
    folder.lock().release()  # the failed attempt left no lock behind


needs_linux_root = pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None,
    reason="mounting a read-only file system needs Linux and root",
)


def _mount_tmpfs(mnt: Path, size: str) -> None:
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)]).returncode != 0:
        pytest.skip("cannot mount tmpfs here")


@pytest.fixture
def read_only_mount(tmp_path):
    """A real read-only file system (tmpfs remounted ro): root ignores file modes, so this is
    how a write-protected stick or a locked-down share behaves."""
    mnt = tmp_path / "mnt"
    _mount_tmpfs(mnt, "16m")

    def make_read_only() -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)

    yield mnt, make_read_only
    subprocess.run(["umount", "-l", str(mnt)])


def _draft(title: str) -> Draft:
    section = Section(heading="一、总体要求", paragraphs=["正文。"])
    return Draft(genre="notice", title=title, sections=[section])


def _library_in(folder: Path, *, keep_wal: bool) -> list[str]:
    """A library with three drafts; with ``keep_wal`` the newest one is only in the -wal, as
    after a crash."""
    titles = ["第一份通知", "第二份通知", "只在日志里的通知"]
    work = folder.parent / "work"
    work.mkdir()
    with DraftStore.open(work / "drafts.sqlite3", work / "backups") as store:
        for title in titles[:2]:
            store.create(_draft(title))
    store = DraftStore.open(work / "drafts.sqlite3", work / "backups")
    store.conn.execute("PRAGMA wal_autocheckpoint=0")
    store.create(_draft(titles[2]))
    names = ("drafts.sqlite3", "drafts.sqlite3-wal", "drafts.sqlite3-shm") if keep_wal else ()
    for name in names:  # copied while the connection is open: the crash state
        shutil.copy2(work / name, folder / name)
    store.close()
    if not keep_wal:
        shutil.copy2(work / "drafts.sqlite3", folder / "drafts.sqlite3")
    return titles


@needs_linux_root
@pytest.mark.parametrize("keep_wal", [False, True], ids=["clean", "with-wal"])
def test_a_read_only_folder_can_be_read_and_exported_but_not_written(
    child_env, tmp_path, read_only_mount, keep_wal
):
    mnt, make_read_only = read_only_mount
    titles = _library_in(mnt, keep_wal=keep_wal)
    before = {p.name: p.read_bytes() for p in mnt.iterdir() if p.is_file()}
    make_read_only()
    data = ("--data-dir", str(mnt))
    listed = run_cli(child_env, *data, "drafts", "list", "--json", check=False)
    assert listed.returncode == 0, listed.stderr
    assert sorted(d["title"] for d in json.loads(listed.stdout)) == sorted(titles)
    shown = run_cli(child_env, *data, "drafts", "show", "1", check=False)
    assert shown.returncode == 0 and "第一份通知" in shown.stdout, shown.stderr
    out = tmp_path / "out.docx"
    exported = run_cli(child_env, *data, "export", "1", "-o", str(out), check=False)
    assert exported.returncode == 0 and out.stat().st_size > 0, exported.stderr
    checked = run_cli(child_env, *data, "check", "1", check=False)
    assert checked.returncode in (0, 1) and "Traceback" not in checked.stderr, checked.stderr

    written = run_cli(child_env, *data, "drafts", "new", "--genre", "notice", "--title", "新稿", check=False)
    assert written.returncode == 2 and "只读" in written.stderr, written.stderr
    assert "Traceback" not in written.stderr and len(written.stderr.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in mnt.iterdir() if p.is_file()} == before


@needs_linux_root
def test_opening_a_read_only_folder_as_writer_names_the_folder(read_only_mount):
    mnt, make_read_only = read_only_mount
    make_read_only()
    with pytest.raises(StoreReadOnlyError, match="只读"):
        DataFolder(mnt).ensure().lock()


@needs_linux_root
def test_a_restore_on_a_full_disk_says_so_and_keeps_the_library(child_env, tmp_path):
    """A small disk (a real 1 MB tmpfs) and a backup larger than the room left: the message
    says 磁盘空间不足 (not "backup unreadable"), the library and its marker stay, nothing is
    left half-written."""
    mnt = tmp_path / "small"
    _mount_tmpfs(mnt, "1m")
    try:
        data = ("--data-dir", str(mnt))
        run_cli(child_env, *data, "drafts", "new", "--genre", "notice", "--title", "留在原处的稿子")
        big = tmp_path / "big" / "drafts.sqlite3"
        big.parent.mkdir()
        with DraftStore.open(big, big.parent / "backups") as store:
            long_text = "".join(f"第{i}段，内容各不相同。" for i in range(60000))
            store.create(Draft(genre="notice", title="大稿", sections=[Section(paragraphs=[long_text])]))
        assert big.stat().st_size > 1024 * 1024
        before = {p.name for p in mnt.rglob("*")}
        proc = run_cli(child_env, *data, "backups", "restore", str(big), check=False)
        assert proc.returncode == 2 and "磁盘空间不足" in proc.stderr, proc.stderr
        assert "无法读取" not in proc.stderr and "Traceback" not in proc.stderr
        listed = run_cli(child_env, *data, "drafts", "list", "--json")
        assert [d["title"] for d in json.loads(listed.stdout)] == ["留在原处的稿子"]
        assert not list(mnt.glob("*.restoring")) and not list(mnt.rglob("*.part"))
        index = {"drafts.sqlite3-wal", "drafts.sqlite3-shm"}  # the WAL reader's own, holding nothing
        assert {p.name for p in mnt.rglob("*")} - index == set(before) - index
    finally:
        subprocess.run(["umount", "-l", str(mnt)])
