"""Main window: the drafts library (list, search, new, duplicate, trash) and a reading view.

The outline editor, phrase panel and checks arrive on top of this (issue 7); this window
already works on the real library.
"""

from __future__ import annotations

from ideodesk.core.genres import GENRES, genre
from ideodesk.errors import IdeoError
from ideodesk.gui import texts
from ideodesk.gui.dialogs import NewDraftDialog
from ideodesk.gui.qt import (
    QAction,
    QKeySequence,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ideodesk.store.drafts import DraftStore

_ID_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    def __init__(self, store: DraftStore) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(texts.APP_TITLE)
        self.resize(1100, 720)

        self.search = QLineEdit(placeholderText=texts.SEARCH_PLACEHOLDER, clearButtonEnabled=True)
        self.drafts = QListWidget()
        self.view = QPlainTextEdit(readOnly=True)
        self.view.setPlaceholderText(texts.EMPTY_STATE)
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.search)
        col.addWidget(self.drafts)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.view)
        split.setStretchFactor(1, 3)
        self.setCentralWidget(split)

        self.act_new = self._action(texts.NEW, QKeySequence.StandardKey.New, self.new_draft)
        self.act_dup = self._action(texts.DUPLICATE, None, self.duplicate_draft)
        self.act_trash = self._action(texts.TRASH, QKeySequence.StandardKey.Delete, self.trash_draft)
        self.act_show_trash = self._action(texts.SHOW_TRASH, None, self.refresh)
        self.act_show_trash.setCheckable(True)
        self.act_restore = self._action(texts.RESTORE, None, self.restore_draft)
        self.act_quit = self._action(texts.QUIT, QKeySequence.StandardKey.Quit, self.close)
        self.act_find = self._action("查找(&F)", QKeySequence.StandardKey.Find, self.search.setFocus)
        menu = self.menuBar().addMenu(texts.FILE_MENU)
        for act in (self.act_new, self.act_dup, self.act_trash, self.act_restore, None, self.act_quit):
            menu.addAction(act) if act else menu.addSeparator()
        bar = self.addToolBar("library")
        for act in (self.act_new, self.act_dup, self.act_trash, self.act_show_trash, self.act_restore):
            bar.addAction(act)

        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.drafts.currentItemChanged.connect(self._show_current)
        self.refresh()

    def _action(self, text: str, key, slot) -> QAction:
        act = QAction(text, self)
        if key is not None:
            act.setShortcut(key)
        act.triggered.connect(lambda *_: slot())
        self.addAction(act)
        return act

    # ---------------------------------------------------------------- library
    def refresh(self, select: int | None = None) -> None:
        trashed = self.act_show_trash.isChecked()
        query = self.search.text().strip()
        items = self.store.search(query, trashed=trashed) if query else self.store.list(trashed=trashed)
        self.drafts.clear()
        for s in items:
            label = GENRES[s.genre].label if s.genre in GENRES else s.genre
            item = QListWidgetItem(f"{s.title or '（无标题）'}\n{label} · {s.chars} 字")
            item.setData(_ID_ROLE, s.id)
            self.drafts.addItem(item)
            if s.id == select:
                self.drafts.setCurrentItem(item)
        if self.drafts.currentRow() < 0 and self.drafts.count():
            self.drafts.setCurrentRow(0)
        if not self.drafts.count():
            self.view.clear()
        count = self.store.count(trashed=trashed)
        self.statusBar().showMessage((texts.TRASH_COUNT if trashed else texts.COUNT).format(n=count))
        self.act_restore.setEnabled(trashed)
        self.act_trash.setEnabled(not trashed)

    def current_id(self) -> int | None:
        item = self.drafts.currentItem()
        return item.data(_ID_ROLE) if item else None

    def _show_current(self, *_):
        draft_id = self.current_id()
        if draft_id is None:
            self.view.clear()
            return
        self.view.setPlainText(self.store.load(draft_id).draft.plain_text())

    def _guard(self, fn) -> None:
        try:
            fn()
        except IdeoError as e:
            QMessageBox.warning(self, texts.ERROR_TITLE, str(e))

    def new_draft(self) -> None:
        (genre_id, title), ok = NewDraftDialog.ask(self)
        if ok:
            self._guard(
                lambda: self.refresh(select=self.store.create(genre(genre_id).create(title=title)).id)
            )

    def duplicate_draft(self) -> None:
        if (draft_id := self.current_id()) is not None:
            self._guard(lambda: self.refresh(select=self.store.duplicate(draft_id).id))

    def trash_draft(self) -> None:
        if (draft_id := self.current_id()) is not None:
            self._guard(lambda: (self.store.trash(draft_id), self.refresh()))

    def restore_draft(self) -> None:
        if (draft_id := self.current_id()) is not None:
            self._guard(lambda: (self.store.restore(draft_id), self.refresh()))
