"""Where the user's data lives: injected (``--data-dir``, ``IDEODESK_DATA_DIR``) or per user."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ideodesk.store.errors import StoreError
from ideodesk.store.lock import InstanceLock

ENV_VAR = "IDEODESK_DATA_DIR"


def default_data_dir() -> Path:
    import platformdirs  # resolves %LOCALAPPDATA%, ~/.local/share, … per platform

    return Path(platformdirs.user_data_dir("IdeoDesk", appauthor=False, roaming=False))


NAME_MAX = 255  # bytes per path component on the file systems clerks use (ext4, NTFS, FAT)


def _check_name_lengths(root: Path) -> None:
    for part in root.parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            raise StoreError(
                f"数据文件夹路径 {root} 中有一段名称过长（{size} 字节，最多 {NAME_MAX}）；请换一个文件夹"
            )


@dataclass(frozen=True)
class DataFolder:
    root: Path

    @classmethod
    def resolve(cls, given: str | os.PathLike | None = None) -> DataFolder:
        """The folder from the argument, else the environment (empty there = unset), else
        the per-user default.  An empty ``--data-dir`` is refused: silently using the real
        per-user library instead is the one thing it must not do."""
        if given is not None and not str(given).strip():
            raise StoreError("--data-dir 不能为空；要用默认的数据文件夹，请不写 --data-dir")
        raw = given or os.environ.get(ENV_VAR, "").strip() or default_data_dir()
        root = Path(raw).expanduser().absolute()
        _check_name_lengths(root)
        return cls(root)

    def ensure(self) -> DataFolder:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"无法创建数据文件夹 {self.root}（{e.strerror}）") from None
        if not self.root.is_dir():
            raise StoreError(f"数据文件夹 {self.root} 不是文件夹")
        return self

    @property
    def drafts_db(self) -> Path:
        return self.root / "drafts.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def phrases_db(self) -> Path:
        return self.root / "phrases.sqlite3"

    @property
    def log_file(self) -> Path:
        """Failures of background work and unexpected errors, with their tracebacks."""
        return self.root / "logs" / "ideodesk.log"

    @property
    def cache(self) -> Path:
        """A fixed folder for caches (jieba's model cache): stable across runs and bundles."""
        return self.root / "cache"

    def lock(self) -> InstanceLock:
        """Take the one-instance lock for this folder (raises InstanceLockedError)."""
        return InstanceLock(self.root / "ideodesk.lock").acquire()
