"""Saving off the typing path: a background thread that writes the latest state of a draft.

Requests coalesce (only the newest snapshot of a draft is written), revisions are
tracked here so saves never race each other, and :meth:`flush` waits until everything
requested has been written — before export and quit.  The thread owns its own SQLite
connection; results are reported through callbacks (the GUI turns them into signals).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ideodesk.core.draft import Draft
from ideodesk.errors import IdeoError
from ideodesk.store.drafts import DraftStore

Saved = Callable[[int, int], None]  # draft id, new revision
Failed = Callable[[int, str], None]  # draft id, Chinese message


class BackgroundSaver:
    def __init__(
        self, db_path: Path, backups_dir: Path | None = None, on_saved: Saved | None = None,
        on_failed: Failed | None = None,
    ) -> None:  # fmt: skip
        self._db_path, self._backups = Path(db_path), backups_dir
        self.on_saved, self.on_failed = on_saved, on_failed
        self._cond = threading.Condition()
        self._pending: dict[int, Draft] = {}
        self._revs: dict[int, int] = {}
        self._busy = False
        self._stop = False
        self.store: DraftStore | None = None  # the thread's own connection, opened on first save
        self._thread = threading.Thread(target=self._run, name="ideodesk-saver", daemon=True)
        self._thread.start()

    def track(self, draft_id: int, rev: int) -> None:
        """The revision the editor loaded; the next save must be based on it."""
        with self._cond:
            self._revs[draft_id] = rev

    def revision(self, draft_id: int) -> int | None:
        with self._cond:
            return self._revs.get(draft_id)

    def request(self, draft_id: int, draft: Draft) -> None:
        """Save ``draft`` (a snapshot the caller will not change) as soon as possible."""
        with self._cond:
            self._pending[draft_id] = draft
            self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every requested save has been attempted; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._pending and not self._busy

    def close(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout)

    # ------------------------------------------------------------ the thread
    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._pending or self._stop)
                    if self._stop and not self._pending:
                        return
                    draft_id, draft = next(iter(self._pending.items()))
                    del self._pending[draft_id]
                    rev = self._revs.get(draft_id)
                    self._busy = True
                try:
                    if self.store is None:
                        self.store = DraftStore.attach(self._db_path, self._backups)
                    if rev is None:
                        raise IdeoError(f"草稿 {draft_id} 未打开，无法保存")
                    new_rev = self.store.save(draft_id, draft, rev)
                except IdeoError as e:
                    with self._cond:
                        self._busy = False
                        self._cond.notify_all()
                    if self.on_failed:
                        self.on_failed(draft_id, str(e))
                    continue
                with self._cond:
                    self._revs[draft_id] = new_rev
                    self._busy = False
                    self._cond.notify_all()
                if self.on_saved:
                    self.on_saved(draft_id, new_rev)
        finally:
            if self.store is not None:
                self.store.close()
            with self._cond:
                self._busy = False
                self._cond.notify_all()
