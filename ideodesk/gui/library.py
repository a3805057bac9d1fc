"""The drafts library panel: search, newest-first list, trash view."""

from __future__ import annotations

from ideodesk.core.genres import GENRES
from ideodesk.gui import texts
from ideodesk.gui.qt import (
    QCheckBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ideodesk.store.drafts import DraftStore

ID_ROLE = Qt.ItemDataRole.UserRole
PAGE = 500  # drafts shown at once; search narrows the rest


class LibraryPanel(QWidget):
    open_requested = Signal(int)

    def __init__(self, store: DraftStore, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit(placeholderText=texts.SEARCH_PLACEHOLDER, clearButtonEnabled=True)
        self.trash_box = QCheckBox(texts.SHOW_TRASH)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.search)
        col.addWidget(self.list, 1)
        col.addWidget(self.trash_box)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.trash_box.toggled.connect(lambda _: self.refresh())
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)

    @property
    def showing_trash(self) -> bool:
        return self.trash_box.isChecked()

    def refresh(self, select: int | None = None) -> None:
        query = self.search.text().strip()
        trashed = self.showing_trash
        items = (
            self.store.search(query, trashed=trashed, limit=PAGE)
            if query
            else self.store.list(trashed=trashed, limit=PAGE)
        )
        self.list.blockSignals(True)
        self.list.clear()
        for s in items:
            label = GENRES[s.genre].label if s.genre in GENRES else s.genre
            item = QListWidgetItem(
                texts.LIBRARY_ITEM.format(title=s.title or texts.UNTITLED, genre=label, chars=s.chars)
            )
            item.setData(ID_ROLE, s.id)
            self.list.addItem(item)
            if s.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    def select(self, draft_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == draft_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(i)
                self.list.blockSignals(False)
                return

    def update_item(self, draft_id: int, title: str, genre: str, chars: int) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == draft_id:
                label = GENRES[genre].label if genre in GENRES else genre
                item.setText(
                    texts.LIBRARY_ITEM.format(title=title or texts.UNTITLED, genre=label, chars=chars)
                )
                return

    def _activated(self, item: QListWidgetItem) -> None:
        if not self.showing_trash:
            self.open_requested.emit(item.data(ID_ROLE))
