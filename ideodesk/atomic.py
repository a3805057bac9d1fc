"""Writing an exported file so that a failure never leaves a broken or half-written one.

The bytes go to a temporary file in the target folder (same volume, so the rename is
atomic), are fsynced, and only then replace the target.  Any failure removes the
temporary file and leaves an earlier file of the same name untouched; the user gets
one Chinese sentence naming the file and the reason (DESIGN §8).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ideodesk.errors import IdeoError

# Word holds a file it has open with a sharing lock; antivirus and indexers take one
# for a moment after a file appears.  A short retry rides out the second kind.
REPLACE_RETRIES = 10
REPLACE_FIRST_DELAY = 0.02  # seconds, doubling up to REPLACE_MAX_DELAY
REPLACE_MAX_DELAY = 0.25

TEMP_PREFIX = ".~ideodesk-"
# Exactly the names _create_temp makes; a file left by a killed export is removed once it
# is this old (a live export finishes in seconds).
_TEMP_NAME_RE = re.compile(rf"{re.escape(TEMP_PREFIX)}[0-9a-f]{{12}}\.tmp")
STALE_TEMP_AGE = 3600.0  # seconds


class ExportWriteError(IdeoError):
    """The exported file could not be written; nothing on disk was changed."""


def owner_files(target: Path) -> list[Path]:
    """Lock files that Word, WPS or LibreOffice keep beside a document they have open.

    Word names its owner file ``~$`` plus the name, dropping one leading character for
    a 7-character stem and two for longer stems; WPS uses ``~$`` plus the whole name;
    LibreOffice ``.~lock.NAME#``.
    """
    name, stem = target.name, target.stem
    drop = 0 if len(stem) <= 6 else 1 if len(stem) == 7 else 2
    names = dict.fromkeys([f"~${name[drop:]}", f"~${name}", f".~lock.{name}#"])
    return [target.with_name(n) for n in names if target.with_name(n).is_file()]


def _open_in_editor_message(target: Path, owner: Path) -> str:
    return (
        f"{target} 正在 Word 或 WPS 中打开，请先关闭该文件再导出"
        f"（如已关闭，请删除旁边的锁定文件 {owner.name} 后重试）；原文件未改动"
    )


def _reason(e: OSError) -> str:
    code = e.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘空间不足"
    if code == errno.EFBIG:
        return "文件超出系统允许的大小（磁盘空间或配额不足）"
    if code == errno.EROFS:
        return "磁盘或文件夹是只读的"
    if isinstance(e, PermissionError):
        return "没有写入权限"
    if code == errno.ENAMETOOLONG:
        return "文件名或路径太长"
    if code == errno.EIO:
        return "磁盘读写出错"
    return e.strerror or e.__class__.__name__


def _check_target(target: Path) -> None:
    folder = target.parent
    if not folder.exists():
        raise ExportWriteError(f"无法导出到 {target}：文件夹 {folder} 不存在")
    if not folder.is_dir():
        raise ExportWriteError(f"无法导出到 {target}：{folder} 不是文件夹")
    if target.is_dir():
        raise ExportWriteError(f"无法导出到 {target}：这是一个文件夹")
    if target.exists():
        owners = owner_files(target)
        if owners:
            raise ExportWriteError(_open_in_editor_message(target, owners[0]))


def _create_temp(folder: Path) -> tuple[Path, int]:
    # os.open with O_EXCL rather than mkstemp: mkstemp forces mode 0600, and the
    # exported file should get the user's normal permissions (umask applies here).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}.tmp"
        try:
            return path, os.open(path, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def remove_stale_temps(folder: Path, now: float | None = None) -> int:
    """Remove our own temporary files in ``folder`` older than STALE_TEMP_AGE (left by an
    export that was killed); nothing else is ever touched.  Returns how many went."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _TEMP_NAME_RE.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_TEMP_AGE:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # in use elsewhere or already gone: leave it
    return removed


def _replace(temp: Path, target: Path) -> None:
    delay = REPLACE_FIRST_DELAY
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(temp, target)
            return
        except PermissionError:
            if attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(delay)
            delay = min(delay * 2, REPLACE_MAX_DELAY)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network, FUSE) refuse; the data itself is synced
    finally:
        os.close(fd)


def write_atomic(target: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> int:
    """Call ``write(file)`` on a temporary file and put it in place of ``target``.

    Returns the number of bytes written.  Raises :class:`ExportWriteError` (a Chinese
    one-line message) on any file-system failure; other exceptions from ``write`` pass
    through.  Either way no temporary file is left and an existing ``target`` is intact.
    """
    target = Path(os.path.abspath(target))
    try:
        _check_target(target)
    except OSError as e:  # e.g. a folder on the way that may not be entered
        raise ExportWriteError(f"无法导出到 {target}：{_reason(e)}") from e
    existed = target.exists()
    kept = "；原文件未改动" if existed else ""
    temp: Path | None = None
    try:
        try:
            temp, fd = _create_temp(target.parent)
        except OSError as e:
            raise ExportWriteError(
                f"无法导出到 {target}：{_reason(e)}（无法在 {target.parent} 中建立文件）"
            ) from e
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
                size = f.tell()
        except OSError as e:
            raise ExportWriteError(f"无法导出到 {target}：{_reason(e)}{kept}") from e
        try:
            _replace(temp, target)
        except PermissionError as e:
            owners = owner_files(target)
            if owners:
                raise ExportWriteError(_open_in_editor_message(target, owners[0])) from e
            raise ExportWriteError(
                f"无法覆盖 {target}：文件正被其他程序占用或是只读文件，请关闭该文件后重试{kept}"
            ) from e
        except OSError as e:
            raise ExportWriteError(f"无法导出到 {target}：{_reason(e)}{kept}") from e
        temp = None  # it is the target now
        _fsync_folder(target.parent)
        remove_stale_temps(target.parent)
        return size
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):  # nothing more can be done; the name marks it as ours
                temp.unlink()
