"""Failed exports: a clear Chinese message, the earlier file intact, no temporary file.

The folder without write permission is real (as root the test drops to ``nobody`` for
the call); the Windows sharing violation and a disk that fills up at fsync are injected
at the ``os`` boundary, which is where they surface.  A real size limit imposed by the
kernel is exercised through the CLI in ``test_cli_export.py``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from ideodesk import atomic
from ideodesk.errors import IdeoError
from ideodesk.export import Export, ExportWriteError, export_docx, export_txt
from tests.export import drafts

EARLIER = b"earlier export, must survive"


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.fixture
def earlier(tmp_path) -> Path:
    path = tmp_path / "讲话.docx"
    path.write_bytes(EARLIER)
    return path


# ------------------------------------------------------------ no permission
@contextlib.contextmanager
def unprivileged():
    """Run the block without the power to ignore file permissions (root → nobody)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def locked_folder(tmp_path):
    """A folder holding an earlier export, that the test (made unprivileged) cannot write."""
    root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
    # pytest's own temporary folders are private to root; nobody must be able to reach this one.
    base = Path(tempfile.mkdtemp(prefix="ideodesk-export-")) if root else tmp_path
    base.chmod(0o755)
    folder = base / "只读文件夹"
    folder.mkdir()
    (folder / "讲话.docx").write_bytes(EARLIER)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    yield folder
    folder.chmod(0o755)
    if root:
        shutil.rmtree(base)


def test_unwritable_folder_is_reported_and_the_earlier_file_kept(locked_folder):
    target = locked_folder / "讲话.docx"
    job = Export(drafts.small_draft(), target)
    steps = job.run()
    next(steps), next(steps)  # the document is being built: everything it reads is read
    # Only writing runs unprivileged (as nobody, the interpreter's own files may be out
    # of reach: nothing may be imported or loaded from here on).
    with unprivileged(), pytest.raises(ExportWriteError) as info:
        for _ in steps:
            pass
    message = str(info.value)
    assert "没有写入权限" in message and str(locked_folder) in message
    assert "\n" not in message
    assert target.read_bytes() == EARLIER
    assert leftovers(locked_folder, "讲话.docx") == []


def test_missing_folder_and_file_in_the_way(tmp_path):
    with pytest.raises(IdeoError, match=r"文件夹 .* 不存在"):
        export_docx(drafts.small_draft(), tmp_path / "没有这个文件夹" / "a.docx")
    (tmp_path / "file").write_text("x")
    with pytest.raises(IdeoError, match="不是文件夹"):
        export_docx(drafts.small_draft(), tmp_path / "file" / "a.docx")
    (tmp_path / "dir.docx").mkdir()
    with pytest.raises(IdeoError, match="这是一个文件夹"):
        export_docx(drafts.small_draft(), tmp_path / "dir.docx")
    assert leftovers(tmp_path) == ["dir.docx", "file"]


# ------------------------------------------------------------ open in Word
@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("讲话.docx", "~$讲话.docx"),  # Word, short name: ~$ + the name
        (
            "在全县意识形态工作会议上的讲话.docx",
            "~$县意识形态工作会议上的讲话.docx",
        ),  # long: two characters give way
        ("summary.docx", "~$ummary.docx"),  # seven characters: one gives way
        ("讲话.docx", ".~lock.讲话.docx#"),  # LibreOffice and WPS for Linux
    ],
)
def test_target_open_in_word_is_refused_with_a_clear_message(tmp_path, name, owner):
    target = tmp_path / name
    target.write_bytes(EARLIER)
    (tmp_path / owner).write_bytes(b"owner")
    with pytest.raises(ExportWriteError) as info:
        export_docx(drafts.small_draft(), target)
    message = str(info.value)
    assert "正在 Word 或 WPS 中打开" in message and owner in message and "原文件未改动" in message
    assert target.read_bytes() == EARLIER
    assert leftovers(tmp_path, name, owner) == []


def test_an_owner_file_without_its_document_does_not_block(tmp_path):
    (tmp_path / "~$讲话.docx").write_bytes(b"stale")
    export_docx(drafts.small_draft(), tmp_path / "讲话.docx")  # nothing to protect yet
    assert (tmp_path / "讲话.docx").read_bytes().startswith(b"PK\x03\x04")


# ------------------------------------------------------------ sharing violations
def test_a_brief_sharing_violation_is_retried(earlier, monkeypatch):
    real_replace, calls = os.replace, []

    def flaky(src, dst):  # Windows: an indexer or antivirus holds the file for a moment
        calls.append(dst)
        if len(calls) < 3:
            raise PermissionError(errno.EACCES, "sharing violation", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    export_docx(drafts.small_draft(), earlier)
    assert len(calls) == 3
    assert earlier.read_bytes().startswith(b"PK\x03\x04")
    assert leftovers(earlier.parent, earlier.name) == []


def test_a_lasting_sharing_violation_is_reported(earlier, monkeypatch):
    calls = []

    def locked(src, dst):
        calls.append(dst)
        raise PermissionError(errno.EACCES, "sharing violation", str(dst))

    monkeypatch.setattr(atomic.os, "replace", locked)
    monkeypatch.setattr(atomic, "REPLACE_MAX_DELAY", 0.01)
    with pytest.raises(ExportWriteError) as info:
        export_docx(drafts.small_draft(), earlier)
    assert len(calls) == atomic.REPLACE_RETRIES
    assert "被其他程序占用" in str(info.value) and "原文件未改动" in str(info.value)
    assert earlier.read_bytes() == EARLIER
    assert leftovers(earlier.parent, earlier.name) == []


def test_sharing_violation_with_word_owner_file_names_word(earlier, monkeypatch):
    def locked(src, dst):
        (earlier.parent / "~$讲话.docx").write_bytes(b"owner")  # Word opened it meanwhile
        raise PermissionError(errno.EACCES, "sharing violation", str(dst))

    monkeypatch.setattr(atomic.os, "replace", locked)
    monkeypatch.setattr(atomic, "REPLACE_RETRIES", 2)
    with pytest.raises(ExportWriteError, match="正在 Word 或 WPS 中打开"):
        export_docx(drafts.small_draft(), earlier)
    assert earlier.read_bytes() == EARLIER


# ------------------------------------------------------------ disk full, other failures
@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "磁盘空间不足"), (errno.EDQUOT, "磁盘空间不足"), (errno.EIO, "磁盘读写出错")],
)
def test_disk_full_at_fsync_is_reported_and_nothing_changes(earlier, monkeypatch, code, words):
    def full(fd):  # delayed allocation: the space runs out when the data is forced out
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "fsync", full)
    for export in (export_docx, export_txt):
        with pytest.raises(ExportWriteError) as info:
            export(drafts.small_draft(), earlier)
        assert words in str(info.value) and "原文件未改动" in str(info.value)
        assert earlier.read_bytes() == EARLIER
        assert leftovers(earlier.parent, earlier.name) == []


def test_an_error_inside_the_writer_leaves_no_temporary_file(tmp_path):
    def broken(f):
        f.write(b"half a file")
        raise RuntimeError("writer bug")

    with pytest.raises(RuntimeError):
        atomic.write_atomic(tmp_path / "a.docx", broken)
    assert leftovers(tmp_path) == []


def test_the_new_file_gets_the_users_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        export_docx(drafts.small_draft(), tmp_path / "a.docx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == 0o644


def test_owner_file_names():
    names = [p.name for p in atomic.owner_files(Path("/nonexistent/讲话.docx"))]
    assert names == []  # only files that exist count
