"""The 公文要素 dialog: the draft's document furniture (版头, 附件, 附注, 版记, 加盖印章),
only the fields its genre offers, checked before it is accepted.

A dialog as a function (``FurnitureDialog.ask``) returning plain data; the window then
hands the result to the editor as one change (:func:`apply_furniture`).
"""

from __future__ import annotations

from dataclasses import replace

from ideodesk.core.furniture import BOOL_FIELDS, LABELS, LIST_FIELDS, Furniture, check
from ideodesk.core.genres import GENRES
from ideodesk.gui import texts
from ideodesk.gui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)


def offered(genre_id: str) -> tuple[str, ...]:
    genre = GENRES.get(genre_id)
    return genre.furniture if genre else tuple(LABELS)


class FurnitureDialog(QDialog):
    def __init__(self, furniture: Furniture, genre_id: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.FURNITURE_TITLE)
        self.fields = offered(genre_id)
        self.widgets: dict[str, QLineEdit | QPlainTextEdit | QCheckBox] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        if not self.fields:
            label = GENRES[genre_id].label if genre_id in GENRES else genre_id
            layout.addWidget(QLabel(texts.FURNITURE_NONE_OFFERED.format(label=label)))
        for name in self.fields:
            value = getattr(furniture, name)
            if name in BOOL_FIELDS:
                widget = QCheckBox(texts.FURNITURE_SEAL)
                widget.setChecked(bool(value))
            elif name in LIST_FIELDS:
                widget = QPlainTextEdit("\n".join(value))
                widget.setPlaceholderText(texts.FURNITURE_HINTS.get(name, ""))
                widget.setFixedHeight(70)
            else:
                widget = QLineEdit(value)
                widget.setPlaceholderText(texts.FURNITURE_HINTS.get(name, ""))
            self.widgets[name] = widget
            form.addRow(LABELS[name] + "：", widget)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._base = furniture

    def value(self) -> Furniture:
        values = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = [x.strip() for x in widget.toPlainText().splitlines() if x.strip()]
            else:
                values[name] = widget.text().strip()
        return replace(self._base, **values)

    def _accept(self) -> None:
        problems = check(self.value())
        if problems:
            self.error.setText("；".join(f"{LABELS[f]}：{reason}" for f, reason in problems))
            self.widgets[problems[0][0]].setFocus() if problems[0][0] in self.widgets else None
            return
        self.accept()

    @classmethod
    def ask(cls, furniture: Furniture, genre_id: str, parent=None) -> tuple[Furniture, bool]:
        dialog = cls(furniture, genre_id, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), accepted


def apply_furniture(workspace, furniture: Furniture) -> None:
    """The furniture into the open draft, saved like any edit."""
    editor = workspace.editor
    editor.meta = replace(editor.meta, furniture=furniture)
    editor._rows = None  # the derived draft is cached until the next change
    editor.edited.emit()


def edit_furniture(window) -> None:
    """The menu action: ask, then apply (nothing to do without an open draft)."""
    ws = window.workspace
    if ws.draft_id is None:
        return
    furniture, accepted = FurnitureDialog.ask(ws.draft.furniture, ws.genre, window)
    if accepted and furniture != ws.draft.furniture:
        apply_furniture(ws, furniture)
