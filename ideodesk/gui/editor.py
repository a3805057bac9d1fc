"""The section editor: heading, run-in switch, section type and the body text.

Typing goes straight into the core Section (the editor keeps no text of its own).  The
body edit knows when an input method is composing and never acts on keys then; it
reports committed text and the cursor's context so the phrase panel can follow.
"""

from __future__ import annotations

from ideodesk.core.draft import Section
from ideodesk.core.sections import SECTION_TYPES
from ideodesk.gui.qt import (
    QCheckBox,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QInputMethodEvent,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QTextCursor,
    QVBoxLayout,
    QWidget,
    Signal,
)


class BodyEdit(QPlainTextEdit):
    """Plain-text body, one paragraph per line, IME-aware."""

    insert_requested = Signal(int)  # Alt+1…9: insert the n-th phrase candidate (0-based)
    committed = Signal()  # text was committed (typed or by an input method)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.composing = False
        self.setTabChangesFocus(True)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        super().inputMethodEvent(event)
        self.composing = bool(event.preeditString())
        if event.commitString():
            self.committed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.composing:
            super().keyPressEvent(event)  # the input method owns the keys while composing
            return
        mods = event.modifiers()
        if mods == Qt.KeyboardModifier.AltModifier and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9:
            self.insert_requested.emit(event.key() - Qt.Key.Key_1)
            return
        super().keyPressEvent(event)
        if event.text():
            self.committed.emit()

    def text_before_cursor(self, limit: int = 40) -> str:
        """Committed text of the current paragraph before the cursor (what a lookup uses)."""
        cursor = self.textCursor()
        block = cursor.block().text()
        return block[: cursor.positionInBlock()][-limit:]

    def insert_phrase(self, text: str, replace_chars: int = 0) -> None:
        """Insert as one undo step, replacing the last ``replace_chars`` typed characters."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if replace_chars:
            cursor.movePosition(
                QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, replace_chars
            )
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)


class SectionEditor(QWidget):
    """Edits one Section in place; ``changed`` fires after every edit."""

    changed = Signal()
    structure_changed = Signal()  # heading/type/run-in: the outline must re-read
    context_changed = Signal()  # cursor moved or text committed: lookups follow

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.section: Section | None = None
        self.number = QLabel()
        self.heading = QLineEdit(placeholderText="标题（不含编号，编号自动生成）；留空为不编号的正文段")
        self.run_in = QCheckBox("标题与正文同段（如：一是……。正文）")
        self.type_box = QComboBox()
        for type_id, label in SECTION_TYPES.items():
            self.type_box.addItem(label, type_id)
        self.body = BodyEdit()
        self.body.setPlaceholderText("正文：每行一段")
        top = QHBoxLayout()
        top.addWidget(self.number)
        top.addWidget(self.heading, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("类型"))
        row.addWidget(self.type_box)
        row.addWidget(self.run_in)
        row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(top)
        col.addLayout(row)
        col.addWidget(self.body, 1)
        self.heading.textEdited.connect(self._heading_edited)
        self.run_in.toggled.connect(self._run_in_toggled)
        self.type_box.activated.connect(self._type_chosen)
        self.body.textChanged.connect(self._body_changed)
        self.body.cursorPositionChanged.connect(self.context_changed)
        self.body.committed.connect(self.context_changed)
        self.heading.installEventFilter(self)
        self.set_section(None, "")

    def set_section(self, section: Section | None, number: str) -> None:
        self.section = None  # no change signals while loading
        self.number.setText(number)
        enabled = section is not None
        for w in (self.heading, self.run_in, self.type_box, self.body):
            w.setEnabled(enabled)
        self.heading.setText(section.heading if section else "")
        self.run_in.setChecked(bool(section and section.run_in))
        if section is not None:
            self.type_box.setCurrentIndex(max(0, self.type_box.findData(section.type)))
        self.body.setPlainText("\n".join(section.paragraphs) if section else "")
        self.body.document().clearUndoRedoStacks()
        self.section = section

    def set_number(self, number: str) -> None:
        self.number.setText(number)

    def current_type(self) -> str:
        return self.section.type if self.section else "general"

    # --------------------------------------------------------------- edits
    def _heading_edited(self, text: str) -> None:
        if self.section is not None:
            self.section.heading = text.strip()
            self.changed.emit()
            self.structure_changed.emit()

    def _run_in_toggled(self, on: bool) -> None:
        if self.section is not None:
            self.section.run_in = on
            self.changed.emit()

    def _type_chosen(self, _index: int) -> None:
        if self.section is not None:
            self.section.type = self.type_box.currentData()
            self.changed.emit()
            self.structure_changed.emit()
            self.context_changed.emit()

    def _body_changed(self) -> None:
        if self.section is not None:
            text = self.body.toPlainText()
            self.section.paragraphs = text.split("\n") if text else []
            self.changed.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.heading and event.type() == QEvent.Type.FocusIn:
            self.context_changed.emit()
        return False
