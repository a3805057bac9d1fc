"""Storage errors, each with a one-line Chinese message for the user."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ideodesk.errors import IdeoError


class StoreError(IdeoError):
    """A storage operation failed; nothing was written."""


class NotFoundError(StoreError):
    pass


class ConflictError(StoreError):
    """A save based on an old revision: someone else saved in between."""

    def __init__(self, draft_id: int, expected: int, actual: int) -> None:
        super().__init__(
            f"草稿 {draft_id} 已在别处被修改（当前版本 {actual}，本次基于版本 {expected}），"
            "为免覆盖他人的修改，本次未保存；请重新打开后再改"
        )
        self.draft_id, self.expected, self.actual = draft_id, expected, actual


class StoreFullError(StoreError):
    pass


class StoreReadOnlyError(StoreError):
    pass


class InstanceLockedError(StoreError):
    def __init__(self, folder: Path, pid: str) -> None:
        who = f"（进程 {pid}）" if pid else ""
        super().__init__(
            f"数据文件夹 {folder} 正被另一个 IdeoDesk 使用{who}；请先关闭它，或用 --data-dir 指定其他文件夹"
        )
        self.folder, self.pid = folder, pid


class NewerSchemaError(StoreError):
    pass


class CorruptDatabaseError(StoreError):
    """The database could not be opened; it was moved aside, never overwritten."""

    def __init__(self, path: Path, reason: str, moved_to: Path | None, backups: list[Path]) -> None:
        moved = f"已将其移至 {moved_to}" if moved_to else "未做任何改动"
        offer = (
            f"；最新备份为 {backups[0].name}，可在程序中或用 ideodesk backups restore 恢复"
            if backups
            else "；没有可用的备份"
        )
        super().__init__(f"数据库 {path} 已损坏（{reason}），{moved}{offer}")
        self.path, self.reason, self.moved_to, self.backups = path, reason, moved_to, backups


def translate(e: sqlite3.Error, path: Path | str, action: str) -> StoreError:
    """A Chinese message for an SQLite failure during ``action`` (nothing was written)."""
    msg = str(e).lower()
    if "full" in msg:
        return StoreFullError(
            f"{action}失败：磁盘空间不足（{path}），本次未保存，已保存的内容未受影响；请清理磁盘后重试"
        )
    if "readonly" in msg or "read-only" in msg:
        return StoreReadOnlyError(f"{action}失败：数据库 {path} 是只读的，本次未保存；请检查文件夹权限")
    if "locked" in msg or "busy" in msg:
        return StoreError(f"{action}失败：数据库 {path} 正被占用，本次未保存；请稍后重试")
    if "i/o" in msg or "disk" in msg:
        return StoreError(f"{action}失败：读写数据库 {path} 时出错（{e}），本次未保存；请检查磁盘后重试")
    return StoreError(f"{action}失败：数据库 {path} 出错（{e}），本次未保存")
