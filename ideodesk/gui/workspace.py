"""Editing one draft: the document editor with the outline as its navigation pane, and
autosave.

The document editor holds the text and its structure; the Draft is derived from it, and
outline operations (from the pane, the menus or the keyboard) run on that Draft through
the core and come back as one undo step.  Saving happens on the library's worker shortly
after typing stops, on focus loss, and before export and quit; what must see the saved
state (a version snapshot, export) is queued behind the save with :meth:`after_save`.
A failed save keeps the text in memory, tells the user, and is retried.
"""

from __future__ import annotations

import datetime as _dt

from ideodesk.core.draft import Draft, Path, Section, TreeChange
from ideodesk.gui import texts
from ideodesk.gui.doceditor import DocEditor
from ideodesk.gui.ops import GuiWorker
from ideodesk.gui.outline_model import OutlineModel
from ideodesk.gui.qt import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ideodesk.store.saver import BackgroundSaver

AUTOSAVE_MS = 800  # after the last keystroke (DESIGN §8: ≤ 1 s)
AUTOSAVE_MAX_MS = 3000  # and at least this often while typing goes on without a pause
SNAPSHOT_EVERY = _dt.timedelta(minutes=10)
RETRY_MS = (2000, 5000, 15000, 60000)  # a failed save is tried again after these pauses


class Workspace(QWidget):
    """The editing area for the open draft: the document and its navigation pane."""

    save_state_changed = Signal(str)  # Chinese status text
    save_failed = Signal(str)
    saved = Signal(int, int)  # draft id, new revision (any draft the saver wrote)
    draft_changed = Signal()  # any edit (title/headings may have changed)
    draft_opened = Signal()  # another draft (or none) is now in the workspace
    context_changed = Signal()  # the phrase panel follows this

    def __init__(self, saver: BackgroundSaver, parent=None) -> None:
        super().__init__(parent)
        self.saver = saver
        self.draft_id: int | None = None
        self.dirty = False
        self.last_saved: _dt.datetime | None = None
        self.last_snapshot = _dt.datetime.now()
        self.editor = DocEditor()
        self.undo_stack = self.editor.undo_stack

        self.model = OutlineModel(Draft(), self)
        self.model.move_handler = self.move_section
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(1, 64)
        self.tree.setIndentation(14)
        self.tree.header().setStretchLastSection(False)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        from ideodesk.gui.findbar import FindBar

        self.findbar = FindBar(self.editor)
        column = QWidget()
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(0)
        inner.addWidget(self.findbar)
        inner.addWidget(self.editor, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(column)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 7)
        split.setSizes([230, 640])
        split.setCollapsible(1, False)
        self.empty = QLabel(texts.EMPTY_STATE)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; font-size: 12pt")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(split)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.pages)

        # No parent: a worker's late delivery must find it alive.  The saver's callbacks
        # arrive through it too, in the order the worker ran them.
        self.store_ops = GuiWorker("saver", worker=saver.worker)
        saver.on_saved = self.store_ops.on_gui(self._on_saved)
        saver.on_failed = self.store_ops.on_gui(self._on_failed)
        self.failures = 0  # failed saves in a row
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self._try_again)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_soon)
        self._autosave_max = QTimer(self, singleShot=True, interval=AUTOSAVE_MAX_MS)
        self._autosave_max.timeout.connect(self.save_soon)
        self._outline_timer = QTimer(self, singleShot=True, interval=150)
        self._outline_timer.timeout.connect(self.refresh_outline)
        self._follow_timer = QTimer(self, singleShot=True, interval=120)
        self._follow_timer.timeout.connect(self._follow_cursor)
        self._loading = False

        self.editor.edited.connect(self._edited)
        self.editor.structure_changed.connect(self.refresh_outline)
        self.editor.context_changed.connect(self.context_changed)
        self.editor.context_changed.connect(self._follow_timer.start)
        self.editor.committed.connect(self.context_changed)
        self.editor.message.connect(lambda text: text and self.save_state_changed.emit(text))
        self.tree.clicked.connect(self._tree_clicked)
        self.tree.activated.connect(self._tree_clicked)
        self.pages.setCurrentIndex(0)

    # ------------------------------------------------------------ the draft
    @property
    def genre(self) -> str:
        return self.editor.meta.genre

    @property
    def draft(self) -> Draft:
        """The draft the document stands for (derived; cached until the next edit)."""
        return self.editor.draft()

    # ------------------------------------------------------------ open/close
    def open(self, draft_id: int, draft: Draft, rev: int) -> None:
        self.save_soon()  # the draft being left: its last edits go to the saver first
        self._loading = True
        try:
            self.draft_id = draft_id
            self.saver.track(draft_id, rev)
            self.editor.load(draft)
            self.dirty = False
        finally:
            self._loading = False
        self.refresh_outline()
        self.setEnabled(True)
        self.pages.setCurrentIndex(1)
        self.editor.setFocus()
        self.save_state_changed.emit(texts.OPENED)
        self.draft_opened.emit()

    def close_draft(self) -> None:
        self.save_soon()
        self.draft_id = None
        self._loading = True
        try:
            self.editor.load(Draft())
        finally:
            self._loading = False
        self.refresh_outline()
        self.pages.setCurrentIndex(0)
        self.draft_opened.emit()

    # ------------------------------------------------------------ navigation pane
    def refresh_outline(self) -> None:
        """Headings or structure changed: the pane re-reads the draft, keeping its place."""
        self._outline_timer.stop()
        self.model.set_draft(self.draft)
        self.tree.expandAll()
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        path = self.editor.current_path(stale_ok=True)
        index = self.model.index_of_path(path) if path else None
        if index is not None and index.isValid() and index != self.tree.currentIndex():
            blocker = self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.selectionModel().blockSignals(blocker)
            self.tree.scrollTo(index)

    def _tree_clicked(self, index) -> None:
        path = self.model.path(index)
        if path:
            self.select_path(path)

    def select_path(self, path: Path) -> None:
        """Scroll the document to a section (click in the pane) and put the cursor there."""
        number = self.editor.block_of_path(path)
        if number is not None:
            self.editor.go_to_block(number)
            self.editor.setFocus()

    def cursor_to_end_of(self, path: Path) -> None:
        """The cursor at the end of a section's own text (before its subsections)."""
        rows = self.editor.rows()
        number = max((n for n, r in enumerate(rows) if r.path == path), default=None)
        if number is not None:
            self.editor.go_to_block(number, len(rows[number].text))
            self.editor.setFocus()

    def _tree_menu(self, pos) -> None:
        from ideodesk.core.sections import SECTION_TYPES
        from ideodesk.gui.qt import QMenu

        index = self.tree.indexAt(pos)
        if not index.isValid():
            return
        self.select_path(self.model.path(index))
        menu = QMenu(self)
        types = menu.addMenu(texts.SECTION_TYPE_CONTEXT_MENU)
        for type_id, label in SECTION_TYPES.items():
            act = types.addAction(label)
            act.triggered.connect(lambda *_, t=type_id: self.editor.set_type(t))
        for label, slot in (
            (texts.MOVE_UP, self.move_up),
            (texts.MOVE_DOWN, self.move_down),
            (texts.PROMOTE, self.promote),
            (texts.DEMOTE, self.demote),
            (texts.DELETE_THIS_SECTION, self.delete_current),
        ):
            menu.addAction(label).triggered.connect(lambda *_, s=slot: s())
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ selection
    def current_path(self) -> Path | None:
        return self.editor.current_path()

    def current_section(self) -> Section | None:
        path = self.current_path()
        return self.draft.section(path) if path else None

    # ------------------------------------------------------------ edits
    def _edited(self) -> None:
        if self._loading or self.draft_id is None:
            return
        self.dirty = True
        self.save_state_changed.emit(texts.UNSAVED_CHANGES)
        self._autosave.start()
        if not self._autosave_max.isActive():
            self._autosave_max.start()
        self.draft_changed.emit()

    def apply(self, text: str, op) -> bool:
        """A tree operation ``op(draft) -> TreeChange`` on the document, as one undo step."""
        return self.editor.restructure(lambda d, _path: op(d), text)

    # tree operations at the cursor ---------------------------------------
    def _at(self, text: str, op) -> bool:
        path = self.current_path()
        if path is None:
            self.save_state_changed.emit(texts.CURSOR_IN_SECTION_FIRST)
            return False
        return self.apply(text, lambda d: op(d, path))

    def add_sibling(self) -> None:
        path = self.current_path()
        target = (*path[:-1], path[-1] + 1) if path else (len(self.draft.sections),)
        sec_type = self.current_section().type if path else "general"
        if self.apply(
            texts.ADD_SIBLING, lambda d: d.insert(target, Section(type=sec_type, heading="新标题"))
        ):
            self._select_heading_text()

    def add_child(self) -> None:
        path = self.current_path()
        if not path:
            return self.add_sibling()
        sec = self.draft.section(path)
        target = (*path, len(sec.children))
        if self.apply(texts.ADD_CHILD, lambda d: d.insert(target, Section(type=sec.type, heading="新标题"))):
            self._select_heading_text()

    def _select_heading_text(self) -> None:
        cursor = self.editor.textCursor()
        block = cursor.block()
        self.editor.go_to_block(block.blockNumber(), 0, len(block.text()))

    def delete_current(self) -> None:
        self._at(texts.DELETE_ONE_SECTION, lambda d, p: d.delete(p))

    def move_up(self) -> None:
        self._at(texts.MOVE_UP, lambda d, p: d.move_up(p))

    def move_down(self) -> None:
        self._at(texts.MOVE_DOWN, lambda d, p: d.move_down(p))

    def promote(self) -> None:
        self._at(texts.PROMOTE, lambda d, p: d.promote(p))

    def demote(self) -> None:
        self._at(texts.DEMOTE, lambda d, p: d.demote(p))

    def merge_next(self) -> None:
        self._at(texts.MERGE_WITH_NEXT_SECTION, lambda d, p: d.merge(p))

    def split_here(self) -> None:
        rows = self.editor.rows()
        n = self.editor.textCursor().blockNumber()
        row = rows[n] if n < len(rows) else None
        if row is None or row.path is None:
            self.save_state_changed.emit(texts.CURSOR_IN_SECTION_FIRST)
            return
        at = self.editor.textCursor().positionInBlock()
        if row.para < 0 or at < row.offset:
            paragraph, offset = 0, None
        else:
            paragraph, offset = row.para, (at - row.offset) or None
        self.apply(texts.SPLIT_HERE, lambda d: d.split(row.path, paragraph, offset))

    def move_section(self, path: Path, new_parent: Path, index: int) -> None:
        self.apply(texts.DRAG_MOVE, lambda d: d.move(path, new_parent, index))

    def set_numbering(self, style: str | None) -> None:
        """The numbering style the section at the cursor gives its children (the draft's
        level-1 numbers when the cursor is outside every section)."""
        path = self.current_path()

        def op(d: Draft):
            if not path:
                d.child_numbering = style
            else:
                d.section(path).child_numbering = style
            return TreeChange("numbering", path, path, (path or (),))

        self.apply(texts.CHANGE_NUMBERING, op)

    # ------------------------------------------------------------ saving
    def save_soon(self) -> None:
        """Hand the current state to the saver thread (typing never waits)."""
        self._autosave.stop()
        self._autosave_max.stop()
        if self.draft_id is None or not self.dirty:
            return
        self.dirty = False
        self.saver.request(self.draft_id, self.draft.snapshot())
        self.save_state_changed.emit(texts.SAVING)

    def after_save(self, then, label: str = "") -> None:
        """Save now, and call ``then()`` on the GUI thread once every save requested so far
        has been attempted (``self.dirty`` tells whether it failed).  Nothing waits."""
        self.save_soon()
        self.store_ops.submit(lambda: None, done=lambda _: then(), label=label or texts.AFTER_SAVE_JOB)

    def store_call(self, fn, done=None, failed=None, label: str = "") -> None:
        """Run ``fn(store)`` on the library's worker after the pending saves; ``done(result)``
        or ``failed(error)`` follow on the GUI thread (a failure not handled is shown)."""
        self.save_soon()
        self.saver.call(
            fn, done=self.store_ops.on_gui(done) if done else None,
            failed=self.store_ops.on_gui(failed) if failed else None, label=label,
        )  # fmt: skip

    @property
    def settled(self) -> bool:
        """Nothing waiting to be saved and nothing being saved."""
        return not self.dirty and self.saver.idle

    def _on_saved(self, draft_id: int, rev: int) -> None:
        self.saved.emit(draft_id, rev)
        if draft_id != self.draft_id:
            return
        self.last_saved = _dt.datetime.now()
        self.failures = 0
        if not self.dirty:
            self.save_state_changed.emit(texts.SAVED_AT.format(time=self.last_saved))

    def _try_again(self) -> None:
        self.save_soon()
        self.saver.retry()  # drafts left since their save failed, too

    def _on_failed(self, draft_id: int, message: str) -> None:
        if draft_id != self.draft_id:  # a draft already left: its text is kept by the saver
            self.failures += 1
            self._retry.start(RETRY_MS[min(self.failures, len(RETRY_MS)) - 1])
            self.save_failed.emit(texts.SAVE_FAILED_RETRY.format(draft_id=draft_id, message=message))
            return
        self.dirty = True  # the text stays in memory; saving is tried again by itself
        self.failures += 1
        pause = RETRY_MS[min(self.failures, len(RETRY_MS)) - 1]
        self._retry.start(pause)
        self.save_state_changed.emit(texts.UNSAVED_RETRY.format(message=message, seconds=pause // 1000))
        if self.failures == 1:  # told once per run of failures, not at every retry
            self.save_failed.emit(message)
