"""The phrase bank manager: browse by section type and kind, edit, hide, favourite,
review imported candidates, and share packs."""

from __future__ import annotations

from ideodesk.core.sections import SECTION_TYPES, section_label
from ideodesk.errors import IdeoError
from ideodesk.gui import texts
from ideodesk.gui.qt import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from ideodesk.phrases.model import KINDS

# the phrases package's kind labels (its ids are English: "formulation", not "提法")
KIND_LABELS = KINDS
_ID = Qt.ItemDataRole.UserRole


class PhraseManager(QDialog):
    def __init__(self, bank, parent=None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.setWindowTitle(texts.BANK_TITLE)
        self.resize(900, 620)
        tabs = QTabWidget()
        tabs.addTab(self._browse_tab(), texts.BROWSE_TAB)
        tabs.addTab(self._review_tab(), texts.REVIEW_TAB)
        col = QVBoxLayout(self)
        col.addWidget(tabs)
        self.status = QLabel()
        col.addWidget(self.status)
        self.refresh()
        self.refresh_review()

    # ------------------------------------------------------------ browse
    def _browse_tab(self) -> QWidget:
        page = QWidget()
        self.section = QComboBox()
        self.section.addItem(texts.ALL_SECTION_TYPES, None)
        for type_id in SECTION_TYPES:
            self.section.addItem(section_label(type_id), type_id)
        self.kind = QComboBox()
        self.kind.addItem(texts.ALL_KINDS, None)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.filter = QLineEdit(placeholderText=texts.FILTER_PLACEHOLDER)
        self.show_hidden = QComboBox()
        self.show_hidden.addItems([texts.WITHOUT_HIDDEN, texts.WITH_HIDDEN])
        self.list = QListWidget()
        self.list.setWordWrap(True)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(texts.EDIT_PHRASE_BUTTON)
        self.hide_button = QPushButton(texts.TOGGLE_HIDDEN)
        self.fav_button = QPushButton(texts.TOGGLE_FAVOURITE)
        self.export_button = QPushButton(texts.EXPORT_PACK_BUTTON)
        self.import_button = QPushButton(texts.IMPORT_PACK_BUTTON)
        for b in (
            self.edit_button,
            self.hide_button,
            self.fav_button,
            self.export_button,
            self.import_button,
        ):
            buttons.addWidget(b)
        top = QHBoxLayout()
        for w in (self.section, self.kind, self.show_hidden, self.filter):
            top.addWidget(w)
        col = QVBoxLayout(page)
        col.addLayout(top)
        col.addWidget(self.list, 1)
        col.addLayout(buttons)
        for box in (self.section, self.kind, self.show_hidden):
            box.currentIndexChanged.connect(lambda _: self.refresh())
        self.filter.textChanged.connect(lambda _: self.refresh())
        self.edit_button.clicked.connect(self.edit_current)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.fav_button.clicked.connect(self.toggle_favourite)
        self.export_button.clicked.connect(lambda: self.export_pack())
        self.import_button.clicked.connect(lambda: self.import_pack())
        return page

    def refresh(self) -> None:
        section, kind, text = self.section.currentData(), self.kind.currentData(), self.filter.text().strip()
        phrases = self.bank.phrases(include_hidden=self.show_hidden.currentIndex() == 1)
        shown = [
            p
            for p in phrases
            if (section is None or section in p.section_types)
            and (kind is None or p.kind == kind)
            and (not text or text in p.text)
        ]
        self.list.clear()
        for p in shown[:2000]:
            marks = "".join(m for m, on in (("★", p.favourite), (texts.HIDDEN_MARK, p.hidden)) if on)
            types = "、".join(section_label(t) for t in p.section_types)
            item = QListWidgetItem(
                texts.PHRASE_ITEM.format(
                    marks=marks, text=p.text, kind=KIND_LABELS.get(p.kind, p.kind), types=types, uses=p.uses
                )
            )
            item.setData(_ID, p.id)
            self.list.addItem(item)
        self.status.setText(texts.PHRASE_COUNT.format(n=len(shown)))

    def _current(self) -> int | None:
        item = self.list.currentItem()
        return item.data(_ID) if item else None

    def _guard(self, fn) -> None:
        """Run a bank change; show its message (or its error) after the list is re-read."""
        message = None
        try:
            message = fn()
        except IdeoError as e:
            QMessageBox.warning(self, texts.BANK_TITLE, str(e))
        self.refresh()
        if isinstance(message, str):
            self.status.setText(message)

    def edit_current(self, new_text: str | None = None) -> None:
        pid = self._current()
        if pid is None:
            return
        phrase = self.bank.get(pid)
        if new_text is None:
            new_text, ok = QInputDialog.getText(
                self, texts.EDIT_PHRASE_TITLE, texts.PHRASE_TEXT_LABEL, text=phrase.text
            )
            if not ok:
                return
        self._guard(lambda: self.bank.edit(pid, text=new_text))

    def toggle_hidden(self) -> None:
        pid = self._current()
        if pid is not None:
            self._guard(lambda: self.bank.hide(pid, not self.bank.get(pid).hidden))

    def toggle_favourite(self) -> None:
        pid = self._current()
        if pid is not None:
            self._guard(lambda: self.bank.set_favourite(pid, not self.bank.get(pid).favourite))

    def export_pack(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, texts.EXPORT_PACK_TITLE, texts.PACK_FILE_NAME, texts.PACK_FILTER
            )
            if not path:
                return

        def run():
            return texts.PACK_EXPORTED.format(n=self.bank.export_pack(path), path=path)

        self._guard(run)

    def import_pack(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, texts.IMPORT_PACK_TITLE, "", texts.PACK_OPEN_FILTER)
            if not path:
                return

        def run():
            result = self.bank.import_pack(path)
            return texts.PACK_IMPORTED.format(
                total=result.total, added=len(result.added), present=result.present
            )

        self._guard(run)

    # ------------------------------------------------------------ review queue
    def _review_tab(self) -> QWidget:
        page = QWidget()
        self.review = QListWidget()
        self.review.setWordWrap(True)
        accept, reject = QPushButton(texts.ACCEPT_CANDIDATE), QPushButton(texts.REJECT_CANDIDATE)
        row = QHBoxLayout()
        row.addWidget(accept)
        row.addWidget(reject)
        col = QVBoxLayout(page)
        col.addWidget(QLabel(texts.REVIEW_HINT))
        col.addWidget(self.review, 1)
        col.addLayout(row)
        accept.clicked.connect(lambda: self.decide(True))
        reject.clicked.connect(lambda: self.decide(False))
        return page

    def refresh_review(self) -> None:
        self.review.clear()
        for c in self.bank.review_list("pending"):
            types = "、".join(section_label(t) for t in c.section_types)
            item = QListWidgetItem(
                texts.CANDIDATE_ITEM.format(
                    text=c.text, kind=KIND_LABELS.get(c.kind, c.kind), types=types, source=c.source
                )
            )
            item.setData(_ID, c.id)
            self.review.addItem(item)

    def decide(self, accept: bool) -> None:
        item = self.review.currentItem()
        if item is None:
            return
        cid = item.data(_ID)
        self._guard(lambda: self.bank.accept(cid) if accept else self.bank.reject(cid))
        self.refresh_review()
