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

from ideodesk.store.errors import StoreError, disk_full, is_disk_full, translate

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
        if is_disk_full(e):
            raise disk_full("备份", target) from None
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
        if is_disk_full(e):  # the check's scratch space, not the backup
            raise disk_full(f"检查备份 {backup.name}", backup, "未恢复") from None
        raise StoreError(f"备份 {backup.name} 无法读取（{e}），未恢复") from None
    if result != "ok":
        raise StoreError(f"备份 {backup.name} 已损坏（{result}），未恢复")


def _restoring(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restoring")


def restore_backup(backup: Path, db_path: Path, what: str = "草稿库") -> Path | None:
    """Put ``backup`` in place of ``db_path``; returns where the replaced database was kept.

    The caller holds the instance lock.  At every moment ``db_path`` is either the old
    database or the restored one: the backup is copied beside it first, the old one is
    copied into ``replaced/``, and one atomic rename swaps them.
    """
    from ideodesk.store.sqlitefile import write_marker

    check_backup(backup)
    tmp = _restoring(db_path)
    kept = None
    src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        _fsync(tmp)
        if db_path.exists():
            kept = _keep_replaced(db_path)
        for suffix in ("-wal", "-shm"):  # they belong to the old file: never replay them on the new
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
    except sqlite3.Error as e:
        raise translate(e, db_path, f"从备份 {backup.name} 恢复") from None
    except OSError as e:
        if is_disk_full(e):
            raise disk_full(f"从备份 {backup.name} 恢复", db_path, "未恢复") from None
        raise StoreError(f"无法从备份 {backup.name} 恢复到 {db_path}（{e.strerror}），未恢复") from None
    finally:
        src.close()
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    write_marker(db_path, what)
    return kept


def _keep_replaced(db_path: Path) -> Path:
    """Copy the database about to be replaced (with its WAL, if it could not be merged)
    into ``replaced/``; the original stays where it is until the swap."""
    with contextlib.suppress(sqlite3.Error):  # one file holds everything, if SQLite can
        conn = sqlite3.connect(db_path, timeout=5.0)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    folder = db_path.parent / "replaced"
    folder.mkdir(exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 0
    while (target := folder / f"{db_path.stem}-{stamp}{f'-{n}' if n else ''}{db_path.suffix}").exists():
        n += 1
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        _copy_file(wal, target.with_name(target.name + "-wal"))
    _copy_file(db_path, target)
    return target


def _copy_file(src: Path, dst: Path) -> None:
    import shutil

    part = dst.with_name(dst.name + ".part")
    shutil.copyfile(src, part)
    _fsync(part)
    os.replace(part, dst)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover_interrupted_restore(db_path: Path, what: str = "草稿库") -> str | None:
    """Finish or roll back a restore that was killed; returns what to tell the user."""
    tmp = _restoring(db_path)
    if not tmp.exists():
        return None
    if db_path.exists():  # the swap never happened: the old database is in place
        tmp.unlink(missing_ok=True)
        return f"上次从备份恢复{what}时程序中断，恢复未完成，已撤销；{what}保持恢复前的状态"
    # Versions before 0.2 moved the old database into replaced/ first: put it back.
    folder = db_path.parent / "replaced"
    found = sorted(folder.glob(f"{db_path.stem}-*{db_path.suffix}")) if folder.is_dir() else []
    tmp.unlink(missing_ok=True)
    if not found:
        return None
    for suffix in ("", "-wal", "-shm"):
        side = found[-1].with_name(found[-1].name + suffix)
        if side.exists():
            os.rename(side, db_path.with_name(db_path.name + suffix))
    return f"上次从备份恢复{what}时程序中断，已将原{what}从 {found[-1]} 放回原处"


def clean_leftovers(*folders: Path) -> int:
    """Remove half-written copies (``*.part``, their journals) that a killed backup or
    restore left; only the lock owner calls this, so none of them is being written."""
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            if p.name.endswith((".part", ".part-journal", ".part-wal", ".part-shm")) and p.is_file():
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed += 1
    return removed
