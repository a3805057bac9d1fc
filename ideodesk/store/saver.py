"""Saving off the typing path: the drafts library's worker writes the latest state of a draft.

Requests coalesce (only the newest snapshot of a draft waiting is written), revisions are
tracked here so saves never race each other, and other operations on the library that
must see every save done (a version snapshot, a duplicate, reopening a draft) are queued
behind them with :meth:`call` — nobody has to wait.  The worker owns its own SQLite
connection; results are reported through callbacks (the GUI turns them into signals).
Any failure, expected or not, is reported; the worker survives it and the next request
tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ideodesk.core.draft import Draft
from ideodesk.errors import IdeoError, user_message
from ideodesk.store.drafts import DraftStore
from ideodesk.worker import Done, Failed, Worker

Saved = Callable[[int, int], None]  # draft id, new revision
SaveFailed = Callable[[int, str], None]  # draft id, Chinese message


class BackgroundSaver:
    def __init__(
        self, db_path: Path, backups_dir: Path | None = None, on_saved: Saved | None = None,
        on_failed: SaveFailed | None = None,
    ) -> None:  # fmt: skip
        self._db_path, self._backups = Path(db_path), backups_dir
        self.on_saved, self.on_failed = on_saved, on_failed
        self._revs: dict[int, int] = {}  # written by the worker, read under the GIL
        self.store: DraftStore | None = None  # the worker's own connection, opened on first use
        self.unsaved: dict[int, Draft] = {}  # the newest snapshot whose save failed, per draft
        self.worker = Worker("saver")

    def track(self, draft_id: int, rev: int) -> None:
        """The revision the editor loaded; the next save must be based on it."""
        self._revs[draft_id] = rev

    def revision(self, draft_id: int) -> int | None:
        return self._revs.get(draft_id)

    def request(self, draft_id: int, draft: Draft) -> None:
        """Save ``draft`` (a snapshot the caller will not change) as soon as possible."""
        self.worker.submit(
            lambda: self._save(draft_id, draft), label=f"保存草稿 {draft_id}", key=("save", draft_id),
            failed=lambda e: self._failed(draft_id, draft, e),
        )  # fmt: skip

    def retry(self) -> None:
        """Try again every draft whose last save failed (unless a newer save is queued)."""
        for draft_id, draft in list(self.unsaved.items()):
            if not self.worker.pending(("save", draft_id)):
                self.request(draft_id, draft)

    def call(
        self, fn: Callable[[DraftStore], Any], done: Done | None = None, failed: Failed | None = None,
        label: str = "",
    ) -> None:  # fmt: skip
        """Run ``fn(store)`` on the worker's connection after every save requested so far."""
        self.worker.submit(lambda: fn(self._store()), label=label, done=done, failed=failed)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every requested save has been attempted; False on timeout (the
        command line and shutdown; the GUI queues a continuation with :meth:`call`)."""
        return self.worker.wait_idle(timeout)

    @property
    def idle(self) -> bool:
        return self.worker.idle

    def close(self, timeout: float = 10.0) -> None:
        if self.worker.closed:
            return
        self.worker.submit(self._close_store, label="关闭草稿库")
        self.worker.close(timeout)

    # ------------------------------------------------------------ on the worker
    def _store(self) -> DraftStore:
        if self.store is None:
            self.store = DraftStore.attach(self._db_path, self._backups)
        return self.store

    def _save(self, draft_id: int, draft: Draft) -> None:
        rev = self._revs.get(draft_id)
        if rev is None:
            raise IdeoError(f"草稿 {draft_id} 未打开，无法保存")
        new_rev = self._store().save(draft_id, draft, rev)
        self._revs[draft_id] = new_rev
        self.unsaved.pop(draft_id, None)  # this snapshot is newer than any that failed
        if self.on_saved:
            self.on_saved(draft_id, new_rev)

    def _failed(self, draft_id: int, draft: Draft, error: BaseException) -> None:
        self.unsaved[draft_id] = draft  # kept in memory until a save of this draft works
        if self.on_failed:
            self.on_failed(draft_id, user_message(error))

    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
