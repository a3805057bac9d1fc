"""The main window's drafts: new, open, duplicate, trash and restore; saving, versions
and their history."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ideodesk.errors import IdeoError, user_message
from ideodesk.gui import qt, texts
from ideodesk.gui.ops import trim_heap

if TYPE_CHECKING:
    pass


class DraftsMixin:
    """Drafts, saving and versions of :class:`MainWindow`."""

    # ------------------------------------------------------------ drafts
    def open_draft(self, draft_id: int) -> None:
        if draft_id == self.workspace.draft_id:
            return
        self.workspace.save_soon()
        if self.saver.worker.has(("save", draft_id)):  # left a moment ago, still being saved:
            self.workspace.after_save(lambda: self.open_draft(draft_id), texts.OPEN_DRAFT_JOB)  # load it then
            return
        from ideodesk.store.errors import DamagedDraftError

        try:
            stored = self.store.load(draft_id)
        except DamagedDraftError as e:
            stored = self._offer_good_version(e)
            if stored is None:
                return
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(e))
            return
        self.workspace.open(stored.id, stored.draft, stored.rev)
        qt.QTimer.singleShot(0, trim_heap)  # the old draft's layout is freed now
        self.library.select(stored.id)
        self.settings.setValue("last_draft", stored.id)
        self._draft_changed()

    def _offer_good_version(self, e):
        """A draft whose stored text the disk altered: offer its newest intact version (the
        damaged text is kept as a version too).  The restored draft, or None."""
        from ideodesk.gui.dialogs import confirm

        if not e.good_versions:
            qt.QMessageBox.warning(self, texts.DAMAGED_DRAFT_TITLE, str(e))
            return None
        v = e.good_versions[0]
        from ideodesk.gui.dialogs import local_time

        ask = texts.DAMAGED_DRAFT_ASK.format(
            message=e.summary, version=v.id, when=local_time(v.created), label=v.label
        )
        if not confirm(self, texts.DAMAGED_DRAFT_TITLE, ask):
            return None
        try:
            self.store.restore_version(e.draft_id, v.id, self.store.current_rev(e.draft_id))
            return self.store.load(e.draft_id)
        except IdeoError as err:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(err))
            return None

    def _reopen_last(self) -> None:
        last = self.settings.value("last_draft")
        ids = [s.id for s in self.store.list(limit=1)]
        try:
            target = int(last) if last is not None else (ids[0] if ids else None)
        except (TypeError, ValueError):
            target = ids[0] if ids else None
        if target is not None:
            try:
                stored = self.store.load(target)
            except IdeoError:
                return
            if stored.trashed is None:
                self.open_draft(target)

    def new_draft(self) -> None:
        from ideodesk.core.genres import genre
        from ideodesk.gui.dialogs import NewDraftDialog

        choice, ok = NewDraftDialog.ask(self)
        if not ok:
            return

        def make():
            draft = genre(choice.genre).create(title=choice.title or None, values=choice.values)
            return self.store.create(draft)

        self._store_and_open(make)

    def _store_and_open(self, make) -> None:
        """A new stored draft (``make()``), listed and opened; a refusal said in a box."""
        try:
            stored = make()
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(e))
            return
        self.library.refresh(select=stored.id)
        self.open_draft(stored.id)

    def duplicate_draft(self) -> None:
        draft_id = self.library.current_id()
        if draft_id is None:
            return
        if draft_id == self.workspace.draft_id and not self.workspace.settled:
            self.workspace.after_save(self.duplicate_draft, texts.DUPLICATE_DRAFT_JOB)  # copy what was typed
            return
        self._store_and_open(lambda: self.store.duplicate(draft_id))

    def trash_draft(self) -> None:
        draft_id = self.library.current_id()
        if draft_id is None:
            return
        if draft_id == self.workspace.draft_id:
            self.workspace.close_draft()
        self.store.trash(draft_id)
        self.library.refresh()

    def restore_draft(self) -> None:
        draft_id = self.library.current_id()
        if draft_id is not None and self.library.showing_trash:
            self.store.restore(draft_id)
            self.library.refresh()

    def _delete_section(self) -> None:
        sec = self.workspace.current_section()
        if sec is None:
            return
        text = sec.heading or "".join(sec.paragraphs)[:20]
        from ideodesk.gui.dialogs import confirm

        if confirm(self, texts.DELETE_SECTION, texts.DELETE_SECTION_ASK.format(text=text)):
            self.workspace.delete_current()

    # ------------------------------------------------------------ saving and versions
    def save_now(self) -> None:
        ws = self.workspace
        if ws.draft_id is None:
            return
        ws.dirty = True
        ws.saver.retry()  # drafts left while saving failed: Ctrl+S tries them too

        def saved() -> None:
            if not ws.dirty:
                self.statusBar().showMessage(texts.SAVED, 2000)

        ws.after_save(saved, texts.SAVE_JOB)

    def save_version(self, label: str = texts.VERSION_MANUAL) -> None:
        draft_id = self.workspace.draft_id
        if draft_id is None:
            return

        def done(_) -> None:
            self.workspace.last_snapshot = _dt.datetime.now()
            self.statusBar().showMessage(texts.VERSION_SAVED.format(label=label), 3000)

        self.workspace.store_call(
            lambda store: store.snapshot(draft_id, label), done,
            lambda e: qt.QMessageBox.warning(self, texts.ERROR_TITLE, user_message(e)),
            label=texts.SAVE_VERSION_JOB,
        )  # fmt: skip

    def show_versions(self) -> None:
        draft_id = self.workspace.draft_id
        if draft_id is None:
            return
        if not self.workspace.settled:
            self.workspace.after_save(self.show_versions, texts.VERSIONS_JOB)  # list what was typed, too
            return
        versions = self.store.versions(draft_id)
        from ideodesk.gui.dialogs import VersionsDialog

        chosen, ok = VersionsDialog.ask(versions, lambda vid: self.store.load_version(vid).plain_text(), self)
        if not ok or chosen is None:
            return
        rev = self.saver.revision(draft_id) or self.store.load(draft_id).rev
        try:
            self.store.restore_version(draft_id, chosen, rev)
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(e))
            return
        stored = self.store.load(draft_id)
        self.workspace.draft_id = None  # force a reload
        self.workspace.open(stored.id, stored.draft, stored.rev)
        self.statusBar().showMessage(texts.VERSION_RESTORED, 4000)

    def _save_failed(self, message: str) -> None:
        box = qt.QMessageBox(qt.QMessageBox.Icon.Warning, texts.SAVE_FAILED_TITLE,
                             message + texts.SAVE_FAILED_HINT,
                             qt.QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setModal(False)  # typing goes on; the status bar keeps the state
        box.show()
        self.save_box = box

    def show_uncaught(self, message: str) -> None:
        """An error nobody expected: said once in a box that does not block typing."""
        box = getattr(self, "uncaught_box", None)
        if box is not None and box.isVisible():
            return  # a burst of the same failure: one box is enough
        box = qt.QMessageBox(qt.QMessageBox.Icon.Critical, texts.UNEXPECTED_ERROR_TITLE, message,
                             qt.QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setModal(False)
        box.show()
        self.uncaught_box = box

    def _background_failed(self, what: str, message: str) -> None:
        """A background job failed with nobody to handle it: the user is told (and the
        log file has the details)."""
        self.statusBar().showMessage(texts.JOB_FAILED.format(what=what, message=message), 10000)

    def _draft_changed(self) -> None:
        ws = self.workspace
        if ws.draft_id is None:
            self.count_label.setText("")
            return
        chars = ws.editor.char_count()
        self.count_label.setText(texts.CHAR_COUNT.format(n=chars))
        from ideodesk.gui.workspace import SNAPSHOT_EVERY

        if ws.last_saved and _dt.datetime.now() - ws.last_snapshot > SNAPSHOT_EVERY:
            ws.last_snapshot = _dt.datetime.now()
            self.save_version(texts.VERSION_AUTO)
        self.library.update_item(ws.draft_id, ws.editor.paragraphs()[0][1], ws.genre, chars)
