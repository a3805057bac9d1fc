"""Facts about SQLite files shared by the draft library and the phrase bank: how damage
looks, reading a header without trusting the file, and moving a damaged file aside
(renamed, never overwritten)."""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path

from ideodesk.store.errors import StoreError

HEADER = b"SQLite format 3\x00"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def marker(path: Path) -> Path:
    """Sidecar written once a database holds a schema: a zero-length file is then damage."""
    return path.with_name(path.name + ".initialized")


def is_damage(e: sqlite3.DatabaseError) -> bool:
    """Damage to the file itself, as opposed to an unreadable folder or a busy file."""
    code = getattr(e, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    msg = str(e)
    return "not a database" in msg or "malformed" in msg


def damage_reason(e: sqlite3.DatabaseError) -> str:
    msg = str(e)
    if "not a database" in msg:
        return "文件不是 SQLite 数据库"
    if "malformed" in msg:
        return "数据库文件结构损坏"
    return msg


def read_head(path: Path, what: str) -> tuple[int, bytes]:
    """(size, first 16 bytes); an unreadable file is an error, not damage."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            return size, f.read(16)
    except OSError as e:  # unreadable is not damaged: leave the file alone
        raise StoreError(f"无法读取{what} {path}（{e.strerror}），未做任何改动；请检查文件权限") from None


def move_aside(path: Path, folder: str) -> Path | None:
    """Rename a database (and its -wal/-shm) into ``folder`` beside it; never overwrite."""
    target_dir = path.parent / folder
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        target_dir.mkdir(exist_ok=True)
        n = 0
        while True:
            target = target_dir / f"{path.stem}-{stamp}{f'-{n}' if n else ''}{path.suffix}"
            if not target.exists():
                break
            n += 1
        os.rename(path, target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.rename(side, target.with_name(target.name + suffix))
    except OSError:
        return None
    marker(path).unlink(missing_ok=True)  # the next open starts a new library here
    return target
