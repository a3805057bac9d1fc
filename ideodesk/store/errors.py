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


class StoreReadError(StoreError):
    """Reading failed (an I/O error that persisted): the file was left as it is."""


class NewerSchemaError(StoreError):
    pass


def _offer(backups: list[Path], hint: str) -> str:
    if backups:
        return f"；最新备份为 {backups[0].name}，可在程序中或用 ideodesk backups restore{hint} 恢复"
    return "；没有可用的备份"


class CorruptDatabaseError(StoreError):
    """The database could not be opened; it was moved aside (by the lock owner only),
    never overwritten."""

    def __init__(
        self, path: Path, reason: str, moved_to: Path | None, backups: list[Path], hint: str = "",
        *, reader: bool = False,
    ) -> None:  # fmt: skip
        if moved_to:
            moved = f"已将其移至 {moved_to}"
        elif reader:
            moved = "未做任何改动；请启动 IdeoDesk 处理"
        else:
            moved = "未做任何改动"
        self.summary = f"数据库 {path} 已损坏（{reason}），{moved}"  # without the command-line advice
        super().__init__(self.summary + _offer(backups, hint))
        self.path, self.reason, self.moved_to, self.backups = path, reason, moved_to, backups


class DamagedDraftError(StoreError):
    """A stored draft body no longer matches its checksum (the disk altered it)."""

    def __init__(self, draft_id: int, path: Path, good_versions: list) -> None:
        if good_versions:
            v = good_versions[0]
            when = v.created[:16].replace("T", " ")
            offer = (
                f"；最新的完好版本是版本 {v.id}（{when}，{v.label}），打开草稿时可选择恢复到该版本，"
                f"或运行 ideodesk drafts revert {draft_id} {v.id}"
            )
        else:
            offer = "；没有完好的历史版本，可用 ideodesk backups restore 从备份恢复整个草稿库"
        self.summary = f"草稿 {draft_id} 的正文已损坏（与保存时的校验和不符，可能是磁盘错误），未做任何改动"
        super().__init__(self.summary + offer)
        self.draft_id, self.path, self.good_versions = draft_id, path, good_versions


class MissingDatabaseError(CorruptDatabaseError):
    """A database that existed (its marker says so) is gone: never silently recreated."""

    def __init__(self, path: Path, backups: list[Path], hint: str = "") -> None:
        self.summary = (
            f"数据库 {path} 不见了（它曾经存在，可能已被移走、删除或移至 corrupt/），为免丢失数据未新建"
        )
        again = f"；如确要从空库重新开始，运行 ideodesk backups start-empty{hint}"
        StoreError.__init__(self, self.summary + _offer(backups, hint) + again)
        self.path, self.reason, self.moved_to, self.backups = path, "数据库文件不见了", None, backups


def translate(e: sqlite3.Error, path: Path | str, action: str) -> StoreError:
    """A Chinese message for an SQLite failure during ``action`` (nothing was written)."""
    msg = str(e).lower()
    if "full" in msg or (("i/o" in msg or "disk" in msg) and _disk_nearly_full(path)):
        return disk_full(action, path)
    if "readonly" in msg or "read-only" in msg:
        return StoreReadOnlyError(f"{action}失败：数据库 {path} 是只读的，本次未保存；请检查文件夹权限")
    if "locked" in msg or "busy" in msg:
        return StoreError(f"{action}失败：数据库 {path} 正被占用，本次未保存；请稍后重试")
    if "unable to open" in msg and _folder_read_only(path):
        return StoreReadOnlyError(f"{action}失败：数据文件夹 {Path(path).parent} 是只读的，本次未保存")
    if "i/o" in msg or "disk" in msg:
        return StoreError(f"{action}失败：读写数据库 {path} 时出错（{e}），本次未保存；请检查磁盘后重试")
    return StoreError(f"{action}失败：数据库 {path} 出错（{e}），本次未保存")


def disk_full(action: str, path: Path | str, result: str = "本次未保存") -> StoreFullError:
    return StoreFullError(
        f"{action}失败：磁盘空间不足（{path}），{result}，已保存的内容未受影响；请清理磁盘后重试"
    )


def is_disk_full(e: BaseException) -> bool:
    import errno

    if isinstance(e, OSError):
        return e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return "full" in str(e).lower()


def _disk_nearly_full(path: Path | str) -> bool:
    """An I/O error while writing on a disk with almost no room left is a full disk
    (SQLite reports a failed WAL-index allocation as a plain I/O error)."""
    import shutil

    try:
        return shutil.disk_usage(Path(path).parent).free < 4 * 1024 * 1024
    except OSError:
        return False


def _folder_read_only(path: Path | str) -> bool:
    import os

    parent = Path(path).parent
    return parent.is_dir() and not os.access(parent, os.W_OK)
