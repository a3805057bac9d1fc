"""One IdeoDesk per data folder: an OS file lock that dies with its owner.

The operating system drops the lock when the owning process ends, however it ends
(even ``kill -9``), so a stale lock never needs cleaning up.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from ideodesk.store.errors import InstanceLockedError, StoreError, StoreReadOnlyError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        """False when another process holds the lock; other failures (an I/O error, a
        file system without locks) raise: they are not "in use by another IdeoDesk"."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as e:
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """``with InstanceLock(folder / "ideodesk.lock"):`` — or ``acquire()``/``release()``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        folder = self.path.parent
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StoreReadOnlyError(
                    f"数据文件夹 {folder} 是只读的（{e.strerror}），无法写入；查看和导出仍可进行，"
                    "要保存请检查文件夹权限或换一个文件夹"
                ) from None
            raise StoreError(f"无法创建锁文件 {self.path}（{e.strerror}）") from None
        try:
            if not _try_lock(fd):
                pid = self._read_pid(fd)
                os.close(fd)
                raise InstanceLockedError(folder, pid)
            # The pid sits after the locked first byte so Windows readers can see it.
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f" {os.getpid()}\n".encode())
        except OSError as e:
            os.close(fd)  # closing also drops a lock taken above
            why = e.strerror or e
            raise StoreError(f"无法锁定数据文件夹 {folder}：锁文件 {self.path} 读写出错（{why}）") from None
        self._fd = fd
        return self

    @staticmethod
    def _read_pid(fd: int) -> str:
        try:
            os.lseek(fd, 1, os.SEEK_SET)
            return os.read(fd, 32).decode("ascii", "replace").strip()
        except OSError:
            return ""

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        return self if self.held else self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
