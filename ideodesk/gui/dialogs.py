"""Dialogs as functions: each builds, runs and returns plain data (tests patch ``exec``)."""

from __future__ import annotations

from dataclasses import dataclass

from ideodesk.core.genres import GENRES
from ideodesk.gui import qt, texts
from ideodesk.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ideodesk.store.drafts import VersionInfo
from ideodesk.store.errors import CorruptDatabaseError


def _buttons(dialog: QDialog, ok_text: str = texts.OK) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(texts.CANCEL)
    box.rejected.connect(dialog.reject)
    return box


@dataclass
class NewDraftChoice:
    genre: str
    title: str
    values: dict[str, str]


class NewDraftDialog(QDialog):
    """The new-draft wizard: genre, title, the genre's variables (单位, 日期, 会议名称…)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.NEW_TITLE)
        self.setMinimumWidth(520)
        self.genre = QComboBox()
        for g in GENRES.values():
            self.genre.addItem(g.label, g.id)
        self.title = QLineEdit(placeholderText=texts.NEW_TITLE_PLACEHOLDER)
        self.vars_box = QWidget()
        self.vars_form = QFormLayout(self.vars_box)
        self.fields: dict[str, QLineEdit] = {}
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color: #555")
        form = QFormLayout()
        form.addRow(texts.GENRE, self.genre)
        form.addRow(texts.TITLE, self.title)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(QLabel(texts.NEW_VARIABLES_LABEL))
        col.addWidget(self.vars_box)
        col.addWidget(self.preview)
        buttons = _buttons(self, texts.NEW_BUTTON)
        buttons.accepted.connect(self._accept)
        col.addWidget(buttons)
        self.genre.currentIndexChanged.connect(self._genre_changed)
        self._genre_changed()

    def _genre_changed(self, *_):
        g = GENRES[self.genre.currentData()]
        while self.vars_form.rowCount():
            self.vars_form.removeRow(0)
        self.fields = {}
        for v in g.variables:
            edit = QLineEdit(v.default() if v.default else "", placeholderText=v.hint)
            edit.textChanged.connect(self._update_preview)
            self.fields[v.name] = edit
            self.vars_form.addRow(v.name, edit)
        self._update_preview()

    def _update_preview(self, *_):
        choice = self.choice()
        draft = GENRES[choice.genre].create(title=choice.title or None, values=choice.values)
        heads = [draft.numbered_heading(p) for p, s in draft.walk() if s.headed and len(p) == 1]
        self.preview.setText(texts.NEW_PREVIEW.format(title=draft.title) + "  ".join(heads))

    def choice(self) -> NewDraftChoice:
        return NewDraftChoice(
            self.genre.currentData(),
            self.title.text().strip(),
            {name: edit.text().strip() for name, edit in self.fields.items()},
        )

    def _accept(self) -> None:
        self.accept()

    @classmethod
    def ask(cls, parent=None) -> tuple[NewDraftChoice, bool]:
        dialog = cls(parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice(), accepted


class VersionsDialog(QDialog):
    """Version history: list, preview, restore."""

    def __init__(self, versions: list[VersionInfo], preview, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.VERSIONS_TITLE)
        self.resize(820, 520)
        self._preview = preview  # version id -> plain text
        self.list = QListWidget()
        for v in versions:
            item = QListWidgetItem(
                texts.VERSION_ITEM.format(
                    when=local_time(v.created), label=v.label, title=v.title[:24], chars=v.chars
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            self.list.addItem(item)
        self.text = QPlainTextEdit(readOnly=True)
        row = QHBoxLayout()
        row.addWidget(self.list, 2)
        row.addWidget(self.text, 5)
        col = QVBoxLayout(self)
        col.addLayout(row)
        buttons = _buttons(self, texts.RESTORE_VERSION)
        buttons.accepted.connect(self.accept)
        col.addWidget(buttons)
        self.list.currentItemChanged.connect(self._show)
        if versions:
            self.list.setCurrentRow(0)
        else:
            self.text.setPlainText(texts.NO_VERSIONS)

    def _show(self, item, _prev=None):
        if item is not None:
            self.text.setPlainText(self._preview(item.data(Qt.ItemDataRole.UserRole)))

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @classmethod
    def ask(cls, versions, preview, parent=None) -> tuple[int | None, bool]:
        dialog = cls(versions, preview, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.chosen(), accepted


@dataclass
class ExportChoice:
    format: str
    fonts: str
    traditional: str | None


class ExportOptionsDialog(QDialog):
    def __init__(self, parent=None, warning: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.EXPORT_TITLE)
        self.format = QComboBox()
        self.format.addItem(texts.FORMAT_DOCX, "docx")
        self.format.addItem(texts.FORMAT_TXT, "txt")
        self.fonts = QComboBox()
        from ideodesk.export.layout import FONT_PROFILES

        for profile in FONT_PROFILES.values():
            self.fonts.addItem(profile.label, profile.id)
        self.traditional = QComboBox()
        for label, value in (
            (texts.SCRIPT_SIMPLIFIED, None),
            (texts.SCRIPT_TRADITIONAL, "s2t"),
            (texts.SCRIPT_TAIWAN, "s2tw"),
            (texts.SCRIPT_HONG_KONG, "s2hk"),
        ):
            self.traditional.addItem(label, value)
        form = QFormLayout(self)
        if warning:
            note = QLabel(warning)
            note.setWordWrap(True)
            note.setStyleSheet("color: #a94400")
            form.addRow(note)
        form.addRow(texts.EXPORT_FORMAT, self.format)
        form.addRow(texts.EXPORT_FONTS, self.fonts)
        form.addRow(texts.EXPORT_SCRIPT, self.traditional)
        buttons = _buttons(self, texts.CHOOSE_SAVE_PLACE)
        buttons.accepted.connect(self.accept)
        form.addRow(buttons)

    def choice(self) -> ExportChoice:
        return ExportChoice(
            self.format.currentData(), self.fonts.currentData(), self.traditional.currentData()
        )

    @classmethod
    def ask(cls, parent=None, warning: str = "") -> tuple[ExportChoice, bool]:
        dialog = cls(parent, warning)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice(), accepted


def confirm(parent, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def local_time(stamp: str) -> str:
    import datetime as dt

    return dt.datetime.fromisoformat(stamp).astimezone().strftime("%m-%d %H:%M")


def ask_damaged(
    parent, e: CorruptDatabaseError, title: str = texts.CORRUPT_TITLE, quit_label: str = texts.CORRUPT_QUIT
) -> str:
    """``restore`` (the newest backup), ``empty`` (start again) or ``quit`` (``quit_label``:
    quitting the app, or going on without the damaged file)."""
    box = qt.QMessageBox(parent)
    box.setIcon(qt.QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(texts.CORRUPT_ASK.format(message=e.summary, backup=_newest_backup(e.backups)))
    role = qt.QMessageBox.ButtonRole
    restore = box.addButton(texts.CORRUPT_RESTORE, role.AcceptRole) if e.backups else None
    empty = box.addButton(texts.CORRUPT_START_EMPTY, role.DestructiveRole)
    box.addButton(quit_label, role.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore and restore else "empty" if clicked is empty else "quit"


def _newest_backup(backups) -> str:
    """The line naming the newest backup and when it was made (the box offers to restore it)."""
    import datetime as dt

    if not backups:
        return texts.CORRUPT_NO_BACKUP
    try:
        when = dt.datetime.fromtimestamp(backups[0].stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        when = texts.TIME_UNKNOWN
    return texts.CORRUPT_BACKUP.format(name=backups[0].name, when=when)
