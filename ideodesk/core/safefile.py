"""Opening and reading a file the user named, safely: only regular files, bounded reads.

A FIFO would block ``open()`` for ever and a link to ``/dev/zero`` reports size 0 and
never ends, so the file is stat'ed first (following links) and anything but a regular
file is refused before it is opened; the open is non-blocking and re-checked on the
descriptor, and a read never takes more than ``limit + 1`` bytes whatever ``st_size``
says.  Paths are shown through :func:`display_name` so a file name that is not valid
UTF-8 (a GBK name from a USB stick) prints as readable Chinese, never as surrogates.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ideodesk.errors import IdeoError

_CHUNK = 1024 * 1024


class ReadError(IdeoError):
    """A file that cannot be read or imported; nothing was stored."""

    def __init__(self, path: Path | str, reason: str) -> None:
        name = display_name(path)
        super().__init__(f"{name}：{reason}")
        self.path, self.reason = name, reason


def clean_surrogates(text: str) -> str:
    """A string made by ``os.fsdecode`` (surrogate escapes for undecodable bytes) as real text.

    Undecodable name bytes are usually GBK/GB18030 (a Windows-made name on a Linux disk), so
    the raw bytes are decoded as GB18030 when that works, else with replacement characters.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # lone surrogates that are not escapes (e.g. from JSON "\ud800")
        return text.encode("utf-8", "replace").decode("utf-8")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def display_name(path: Path | str | bytes) -> str:
    """``path`` as it should appear in a message or a title: always encodable text."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return clean_surrogates(str(path))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "是文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "是管道（FIFO），不是普通文件，拒绝读取"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "是设备文件，不是普通文件，拒绝读取"
    if stat.S_ISSOCK(mode):
        return "是套接字，不是普通文件，拒绝读取"
    return "不是普通文件，拒绝读取"


def check_regular(path: Path | str) -> os.stat_result:
    """The stat of ``path`` (links followed) when it is a regular file; else ReadError."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise ReadError(path, "是失效的链接（指向的文件不存在）") from None
        raise ReadError(path, "文件不存在，无法读取") from None
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror or e}）") from None
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(path, _kind(st.st_mode))
    return st


def open_regular(path: Path | str) -> BinaryIO:
    """A binary file object for a regular file; refused before any blocking open."""
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror or e}）") from None
    try:
        st = os.fstat(fd)  # the file may have been swapped between stat and open
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(path, _kind(st.st_mode))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path | str, limit: int, too_big: Callable[[int], str] | None = None) -> bytes:
    """All bytes of a regular file of at most ``limit`` bytes; ReadError otherwise.

    ``too_big(size)`` gives the reason shown when the file is larger (size in bytes, or
    ``limit + 1`` when the file grew while it was read).
    """
    st = check_regular(path)

    def refuse(size: int) -> ReadError:
        reason = too_big(size) if too_big else f"文件过大（超过 {limit / 1024 / 1024:.0f} MB），拒绝读取"
        return ReadError(path, reason)

    if st.st_size > limit:
        raise refuse(st.st_size)
    buf = io.BytesIO()
    try:
        with open_regular(path) as f:
            while buf.tell() <= limit:
                chunk = f.read(min(_CHUNK, limit + 1 - buf.tell()))
                if not chunk:
                    break
                buf.write(chunk)
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror or e}）") from None
    if buf.tell() > limit:
        raise refuse(buf.tell())
    return buf.getvalue()
