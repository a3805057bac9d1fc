"""Facts about SQLite files shared by the draft library and the phrase bank: how damage
looks, opening a file without disturbing other processes that use it, and moving a
damaged file aside (renamed, never overwritten).

One rule holds for every database file (see :func:`open_checked`): nothing here opens a
live database with plain file I/O.  Under POSIX, closing *any* descriptor of a file drops
every fcntl lock the process holds on it, including the SHARED lock of an open SQLite
connection; another process may then believe it is the last user and delete the WAL
that this process is still writing into.  So a file is judged by ``os.stat`` and by
SQLite itself, never by reading its bytes.  Readers never move, rename or delete
anything; only the holder of the instance lock moves a damaged file aside, and only
after the damage was seen twice.  I/O errors are retried and reported as read failures:
a disk that hiccups does not make a library "corrupt".
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ideodesk.store.errors import (
    CorruptDatabaseError,
    MissingDatabaseError,
    StoreError,
    StoreReadError,
    translate,
)

HEADER = b"SQLite format 3\x00"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_IOERR = 10
_CODE_IN_TEXT = re.compile(r"error code=(\d+)")
# Pauses between attempts to open a file that gave an I/O error or looked damaged.
_RETRY_PAUSES = (0.05, 0.2, 0.5)


def marker(path: Path) -> Path:
    """Sidecar written once a database holds a schema: a zero-length or vanished
    database beside it is then damage, never a first start."""
    return path.with_name(path.name + ".initialized")


def write_marker(path: Path, what: str) -> None:
    with contextlib.suppress(OSError), open(marker(path), "w", encoding="utf-8") as f:
        f.write(f"IdeoDesk {what}; a missing or zero-length {path.name} beside this file is damage.\n")
        f.flush()
        os.fsync(f.fileno())


def forget(path: Path) -> None:
    """The user chose to start again: the next open creates an empty database."""
    try:
        marker(path).unlink(missing_ok=True)
    except OSError as e:
        raise StoreError(f"无法删除 {marker(path)}（{e.strerror}），未做任何改动") from None


def _primary(e: sqlite3.Error) -> int | None:
    code = getattr(e, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(e: sqlite3.DatabaseError) -> bool:
    """Damage to the file itself, as opposed to an unreadable folder or a busy file."""
    code = _primary(e)
    if code is not None:
        return code in _CORRUPT_CODES
    msg = str(e)
    return "not a database" in msg or "malformed" in msg


def is_io_error(e: sqlite3.Error) -> bool:
    code = _primary(e)
    return code == _IOERR if code is not None else "disk i/o error" in str(e).lower()


def damage_reason(e: sqlite3.DatabaseError) -> str:
    msg = str(e)
    if "not a database" in msg:
        return "文件不是 SQLite 数据库"
    if "malformed" in msg:
        return "数据库文件结构损坏"
    return msg


def _check_result(result: str) -> str | None:
    """``io`` when quick_check's complaint is an I/O error code, else ``damage`` (None: ok)."""
    if result == "ok":
        return None
    codes = [int(c) & 0xFF for c in _CODE_IN_TEXT.findall(result)]
    return "io" if codes and all(c == _IOERR for c in codes) else "damage"


def precheck(path: Path, what: str) -> str | None:
    """What ``os.stat`` says about ``path``: ``"missing"`` (it existed: the marker is
    there), a damage reason, or None (go ahead; a new file is created)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "missing" if marker(path).exists() else None
    except OSError as e:  # unreadable is not damaged: leave the file alone
        raise StoreError(f"无法读取{what} {path}（{e.strerror}），未做任何改动；请检查文件权限") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{what} {path} 是一个文件夹，不是数据库文件，未做任何改动")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{what} {path} 不是普通文件，未做任何改动")
    if st.st_size == 0:
        return "文件长度为零" if marker(path).exists() else None
    return None


def _probe(connect: Callable[[], sqlite3.Connection], check: bool):
    """(connection, None, None) when the file reads as a sound database, else
    (None, "io" | "damage", detail)."""
    conn = None
    try:
        conn = connect()
        conn.execute("PRAGMA schema_version").fetchone()  # SQLite reads the header: NOTADB
        if check:
            result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            kind = _check_result(result)
            if kind is not None:
                conn.close()
                return None, kind, " ".join(result.split())
        return conn, None, None
    except sqlite3.DatabaseError as e:
        if conn is not None:
            conn.close()
        if is_damage(e):
            return None, "damage", damage_reason(e)
        if is_io_error(e):
            return None, "io", str(e)
        raise


def open_checked(
    path: Path,
    what: str,
    connect: Callable[[], sqlite3.Connection],
    *,
    owner: bool,
    check: bool,
    backups: Callable[[], list[Path]],
    hint: str = "",
) -> sqlite3.Connection:
    """A connection to ``path`` that reads as a sound database.

    ``owner``: the caller holds the data folder's instance lock, so it may move a damaged
    file aside (into ``corrupt/``, after seeing the damage twice).  Readers only report.
    An I/O error is retried and then reported as :class:`StoreReadError`, the file left
    in place.  A database that the marker says existed but is gone raises
    :class:`MissingDatabaseError` on every open until the user restores a backup or
    chooses to start again (:func:`forget`).
    """
    reason = precheck(path, what)
    if reason == "missing":
        raise MissingDatabaseError(path, backups(), hint)
    if reason is None:
        damage_seen, detail, kind = 0, "", None
        for pause in (0.0, *_RETRY_PAUSES):
            time.sleep(pause)
            try:
                conn, kind, detail = _probe(connect, check)
            except sqlite3.Error as e:
                raise translate(e, path, f"打开{what}") from None
            if kind is None:
                return conn
            if kind == "damage":
                damage_seen += 1
                if damage_seen == 2:
                    break
        if kind == "io":
            raise StoreReadError(
                f"读取{what} {path} 时出现读写错误（{detail}），文件未做任何改动；请检查磁盘后重试"
            )
        reason = detail if detail.startswith(("文件", "数据库")) else f"完整性检查未通过：{detail}"
    moved = move_aside(path, "corrupt") if owner else None
    raise CorruptDatabaseError(path, reason, moved, backups(), hint, reader=not owner)


def connect_reader(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A read-only connection that never writes, checkpoints or deletes anything.

    On a read-only medium (a CD, a write-protected stick, a folder mounted read-only),
    where SQLite cannot create the WAL index, the file is opened as immutable.
    """
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=timeout,
                               check_same_thread=False)  # fmt: skip
        conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except sqlite3.OperationalError as e:
        if is_io_error(e) or os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                           timeout=timeout, check_same_thread=False)  # fmt: skip


def read_retrying(run: Callable[[], object], path: Path | str, action: str):
    """Run a read; an I/O error is retried a few times before it is reported."""
    for pause in (*_RETRY_PAUSES, None):
        try:
            return run()
        except sqlite3.Error as e:
            if pause is None or not is_io_error(e):
                raise translate(e, path, action) from None
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


def move_aside(path: Path, folder: str) -> Path | None:
    """Rename a database (and its -wal/-shm) into ``folder`` beside it; never overwrite.

    The marker stays: the next open reports the database as missing instead of silently
    starting an empty one."""
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
    return target


def keep_damaged_wal(path: Path, what: str) -> list[str]:
    """Before SQLite recovers a WAL (and drops what it cannot read), keep a damaged one
    aside in ``corrupt/`` and say so.  Runs before this process has any connection to
    the database; the caller holds the instance lock."""
    from ideodesk.store.walcheck import inspect

    reason = inspect(path)
    if reason is None:
        return []
    import shutil

    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = path.parent / "corrupt"
    try:
        folder.mkdir(exist_ok=True)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                shutil.copyfile(side, folder / f"{path.stem}-{stamp}{path.suffix}{suffix}")
    except OSError as e:
        return [f"{what}的{reason}，且无法保存一份副本（{e.strerror}）；最近的部分修改可能已丢失"]
    return [f"{what}的{reason}，最近的部分修改可能无法恢复；损坏的日志已保存在 {folder}"]


def use_wal(conn: sqlite3.Connection, path: Path | str) -> None:
    """WAL with ``synchronous=FULL``: a returned commit is on disk, readers never block."""
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
