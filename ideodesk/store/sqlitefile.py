"""Facts about SQLite files shared by the draft library and the phrase bank: how damage
looks, reading a header without trusting the file, and moving a damaged file aside
(renamed, never overwritten)."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
from collections.abc import Iterator
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


def use_wal(conn: sqlite3.Connection, path: Path | str) -> None:
    """WAL with ``synchronous=FULL``: a returned commit is on disk, readers never block."""
    import time

    # Switching to WAL does not wait on SQLite's busy handler: when another process is
    # creating the same file at this moment, retry for a few seconds.
    deadline = time.monotonic() + 5.0
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            break
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    if mode.lower() != "wal":
        raise StoreError(f"无法以 WAL 模式打开 {path}（{mode}）")
    conn.execute("PRAGMA synchronous=FULL")


@contextlib.contextmanager
def write_transaction(
    conn: sqlite3.Connection, path: Path | str, action: str
) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction; an SQLite failure becomes a Chinese StoreError
    and nothing is written."""
    from ideodesk.store.errors import translate

    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:
        raise translate(e, path, action) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        _rollback(conn)
        raise translate(e, path, action) from None
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
