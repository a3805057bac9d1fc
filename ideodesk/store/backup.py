"""Rotated backups of a live database through the SQLite backup API (never a file copy).

A backup is written to a temporary name in the backups folder, fsynced and renamed,
so a crash mid-backup never leaves a half file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
from pathlib import Path

from ideodesk.store.errors import StoreError, translate

KEEP = 10
_SUFFIX = ".sqlite3"


def _prefix(db_path: Path) -> str:
    return f"{db_path.stem}-"


def list_backups(backups_dir: Path, db_path: Path) -> list[Path]:
    """Backups of ``db_path``, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [
        p
        for p in backups_dir.iterdir()
        if p.name.startswith(_prefix(db_path)) and p.name.endswith(_SUFFIX) and p.is_file()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def age(backup: Path) -> _dt.timedelta:
    return _dt.datetime.now() - _dt.datetime.fromtimestamp(backup.stat().st_mtime)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows cannot flush a read-only handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_backup(conn: sqlite3.Connection, db_path: Path, backups_dir: Path, label: str, keep: int) -> Path:
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"无法创建备份文件夹 {backups_dir}（{e.strerror}）") from None
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{_prefix(db_path)}{stamp}-{label}{_SUFFIX}"
    tmp = target.with_name(target.name + ".part")
    try:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        _fsync(tmp)
        os.replace(tmp, target)
    except sqlite3.Error as e:
        tmp.unlink(missing_ok=True)
        raise translate(e, target, "备份") from None
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"备份失败：无法写入 {target}（{e.strerror}）") from None
    for old in list_backups(backups_dir, db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def check_backup(backup: Path) -> None:
    """Raise a StoreError unless ``backup`` is a sound SQLite database."""
    try:
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            result = src.execute("PRAGMA quick_check(1)").fetchone()[0]
        finally:
            src.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"备份 {backup.name} 无法读取（{e}），未恢复") from None
    if result != "ok":
        raise StoreError(f"备份 {backup.name} 已损坏（{result}），未恢复")


def restore_backup(backup: Path, db_path: Path) -> None:
    """Put ``backup`` in place of ``db_path`` (which must have been moved aside)."""
    if db_path.exists() and db_path.stat().st_size > 0:
        raise StoreError(f"{db_path} 仍然存在，为免覆盖未恢复；请先将其移走")
    check_backup(backup)
    tmp = db_path.with_name(db_path.name + ".restoring")
    src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
        finally:
            dest.close()
        _fsync(tmp)
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"备份 {backup.name} 无法读取（{e}），未恢复") from None
    except OSError as e:
        raise StoreError(f"无法从备份 {backup.name} 恢复到 {db_path}（{e.strerror}），未恢复") from None
    finally:
        src.close()
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
