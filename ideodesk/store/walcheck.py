"""What SQLite cannot tell: whether a write-ahead log it is about to recover holds
committed saves it will drop.

SQLite replays a WAL up to the first frame whose checksum fails and silently discards
the rest, and ignores a WAL whose header is damaged.  Before the lock owner's first
connection, :func:`inspect` reads the ``-wal`` (and the WAL index in ``-shm``) — files
SQLite takes no fcntl locks on through this process, and only before any connection of
ours exists — and says whether committed frames would be lost, so that the log can be
kept aside and the user told.  Formats: https://www.sqlite.org/fileformat2.html#walformat
"""

from __future__ import annotations

import struct
import sys
from array import array
from pathlib import Path

_MAGIC_LE, _MAGIC_BE = 0x377F0682, 0x377F0683
_VERSION = 3007000
_HDR, _FRAME_HDR = 32, 24
_MAX_CHECKED = 256 * 1024 * 1024  # a log larger than this is not inspected (never seen in use)


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    words = array("I", data)
    if big_endian != (sys.byteorder == "big"):
        words.byteswap()
    m = 0xFFFFFFFF
    it = iter(words)
    for a, b in zip(it, it, strict=True):
        s0 = (s0 + a + s1) & m
        s1 = (s1 + b + s0) & m
    return s0, s1


def inspect(db_path: Path) -> str | None:
    """A reason when the WAL beside ``db_path`` holds committed frames SQLite would drop."""
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        size = wal.stat().st_size
        if size <= _HDR or size > _MAX_CHECKED:
            return None
        data = wal.read_bytes()
    except OSError:
        return None  # nothing to keep; SQLite reports what it cannot read
    magic, version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:_HDR])
    big = magic == _MAGIC_BE
    header_ok = (
        magic in (_MAGIC_LE, _MAGIC_BE)
        and version == _VERSION
        and page_size >= 512
        and page_size & (page_size - 1) == 0
        and _checksum(data[:24], big) == (c1, c2)
    )
    if not header_ok:
        return None if not any(data[_HDR:]) else "预写日志的文件头已损坏"
    frame = _FRAME_HDR + page_size
    s = (c1, c2)
    last_commit, n, broken = 0, 0, False
    for off in range(_HDR, size - frame + 1, frame):
        pgno, commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", data[off : off + _FRAME_HDR])
        if (fs1, fs2) != (salt1, salt2):
            break  # frames of an earlier generation of the log: not ours to judge
        n += 1
        if broken:
            if commit:
                return "预写日志中有已提交的保存无法读取（校验和不符）"
            continue
        s = _checksum(data[off : off + 8], big, *s)
        s = _checksum(data[off + _FRAME_HDR : off + frame], big, *s)
        if s != (fc1, fc2) or pgno == 0:
            broken = True
        elif commit:
            last_commit = n
    recorded = _indexed_frames(db_path, data[16:24])
    if recorded is not None and recorded > last_commit:
        return f"预写日志被截断或损坏（记录有 {recorded} 帧已提交，只能读出 {last_commit} 帧）"
    return None


def _indexed_frames(db_path: Path, salt: bytes) -> int | None:
    """How many frames the WAL index (``-shm``) says were committed, if it is readable and
    belongs to this log."""
    shm = db_path.with_name(db_path.name + "-shm")
    try:
        with shm.open("rb") as f:
            head = f.read(96)
    except OSError:
        return None
    if len(head) < 96 or head[:48] != head[48:96]:
        return None  # being written, or never initialised: no verdict
    order = "<" if sys.byteorder == "little" else ">"
    # The index holds the salt as the log's raw bytes, the counters in native order.
    _ver, _unused, _change, is_init, _big, _pg, mx_frame = struct.unpack(order + "3I2BHI", head[:20])
    if not is_init or head[32:40] != salt:
        return None
    return mx_frame
