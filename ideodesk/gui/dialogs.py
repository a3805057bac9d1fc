"""Dialogs as functions: each builds, runs and returns plain data."""

from __future__ import annotations

from ideodesk.core.genres import GENRES
from ideodesk.gui import texts
from ideodesk.gui.qt import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox


class NewDraftDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.NEW_TITLE)
        self.genre = QComboBox()
        for g in GENRES.values():
            self.genre.addItem(g.label, g.id)
        self.title = QLineEdit()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(texts.GENRE, self.genre)
        form.addRow(texts.TITLE, self.title)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.title.text().strip():
            QMessageBox.warning(self, texts.NEW_TITLE, texts.TITLE_REQUIRED)
            return
        self.accept()

    def values(self) -> tuple[str, str]:
        return self.genre.currentData(), self.title.text().strip()

    @classmethod
    def ask(cls, parent=None) -> tuple[tuple[str, str], bool]:
        dialog = cls(parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.values(), accepted
