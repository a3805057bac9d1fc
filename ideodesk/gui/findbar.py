"""Find (Ctrl+F) and replace (Ctrl+H) inside the open draft, as Word's bar does: a match
count, next/previous, the whole draft or only the selection; a replacement (one or all)
is one undo step of the document editor."""

from __future__ import annotations

from ideodesk.gui import texts
from ideodesk.gui.qt import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QWidget,
    Signal,
)


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.scope: tuple[int, int] | None = None  # absolute positions, when limited to a selection
        self.find = QLineEdit(placeholderText=texts.FIND_PLACEHOLDER)
        self.find.setClearButtonEnabled(True)
        self.replace = QLineEdit(placeholderText=texts.REPLACE_PLACEHOLDER)
        self.count = QLabel("")
        self.count.setMinimumWidth(90)
        self.prev_button = QPushButton(texts.FIND_PREVIOUS)
        self.next_button = QPushButton(texts.FIND_NEXT)
        self.replace_button = QPushButton(texts.REPLACE_ONE)
        self.all_button = QPushButton(texts.REPLACE_ALL)
        self.in_selection = QCheckBox(texts.IN_SELECTION)
        self.close_button = QPushButton("×")
        self.close_button.setFixedWidth(28)
        self.close_button.setToolTip(texts.CLOSE_FINDBAR_TIP)
        from ideodesk.gui.qt import QVBoxLayout

        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        col.setSpacing(3)
        first, self.second = QHBoxLayout(), QWidget()
        for w in (self.find, self.count, self.prev_button, self.next_button, self.close_button):
            first.addWidget(w)
        first.setStretch(0, 1)
        second = QHBoxLayout(self.second)
        second.setContentsMargins(0, 0, 0, 0)
        for w in (self.replace, self.replace_button, self.all_button, self.in_selection):
            second.addWidget(w)
        second.setStretch(0, 1)
        col.addLayout(first)
        col.addWidget(self.second)
        for w in (self.find, self.replace):
            w.setMinimumWidth(120)
        self.find.textChanged.connect(self.update_count)
        self.find.returnPressed.connect(self.find_next)
        self.replace.returnPressed.connect(self.replace_one)
        self.next_button.clicked.connect(self.find_next)
        self.prev_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_one)
        self.all_button.clicked.connect(self.replace_all)
        self.in_selection.toggled.connect(self._scope_toggled)
        self.close_button.clicked.connect(self.close_bar)
        editor.edited.connect(lambda: self.isVisible() and self.update_count())
        self.hide()

    # ------------------------------------------------------------ showing
    def open_bar(self, replace: bool) -> None:
        cursor = self.editor.textCursor()
        selected = cursor.selectedText()
        multi = "\u2029" in selected or len(selected) > 40
        if selected and not multi:
            self.find.setText(selected)
        self.in_selection.blockSignals(True)
        self.in_selection.setChecked(multi)
        self.in_selection.blockSignals(False)
        self.scope = (cursor.selectionStart(), cursor.selectionEnd()) if multi else None
        self.second.setVisible(replace)
        self.show()
        self.find.setFocus()
        self.find.selectAll()
        self.update_count()

    def close_bar(self) -> None:
        self.hide()
        self.scope = None
        self.editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def _scope_toggled(self, on: bool) -> None:
        cursor = self.editor.textCursor()
        self.scope = (
            (cursor.selectionStart(), cursor.selectionEnd()) if on and cursor.hasSelection() else None
        )
        if on and self.scope is None:
            self.in_selection.setChecked(False)
        self.update_count()

    # ------------------------------------------------------------ matching
    def matches(self) -> list[tuple[int, int, int]]:
        """(block number, start, absolute position) of every match in scope."""
        needle = self.find.text()
        if not needle:
            return []
        out = []
        block = self.editor.document().begin()
        while block.isValid():
            text, base = block.text(), block.position()
            at = text.find(needle)
            while at >= 0:
                pos = base + at
                if self.scope is None or (self.scope[0] <= pos and pos + len(needle) <= self.scope[1]):
                    out.append((block.blockNumber(), at, pos))
                at = text.find(needle, at + len(needle))
            block = block.next()
        return out

    def update_count(self) -> None:
        found = self.matches()
        if not self.find.text():
            self.count.setText("")
        elif not found:
            self.count.setText(texts.NO_MATCH)
        else:
            pos = self.editor.textCursor().selectionStart()
            current = next((i for i, m in enumerate(found) if m[2] == pos), None)
            where = texts.MATCH_CURRENT.format(n=current + 1) if current is not None else ""
            self.count.setText(texts.MATCH_COUNT.format(where=where, n=len(found)))

    def _select(self, match) -> None:
        number, start, _ = match
        self.editor.go_to_block(number, start, start + len(self.find.text()))
        self.update_count()

    def find_next(self) -> bool:
        found = self.matches()
        if not found:
            self.update_count()
            return False
        pos = self.editor.textCursor().selectionEnd()
        self._select(next((m for m in found if m[2] >= pos), found[0]))  # wraps to the start
        return True

    def find_previous(self) -> bool:
        found = self.matches()
        if not found:
            return False
        pos = self.editor.textCursor().selectionStart()
        self._select(next((m for m in reversed(found) if m[2] < pos), found[-1]))
        return True

    # ------------------------------------------------------------ replacing
    def replace_one(self) -> None:
        """Replace the selected match (if the selection is one), then go to the next."""
        cursor = self.editor.textCursor()
        needle = self.find.text()
        if needle and cursor.selectedText() == needle:
            block = cursor.block()
            start = cursor.selectionStart() - block.position()
            self.editor.replace_range(
                block.blockNumber(), start, start + len(needle), self.replace.text(), texts.REPLACE_ONE
            )
            if self.scope is not None:
                self.scope = (self.scope[0], self.scope[1] + len(self.replace.text()) - len(needle))
        self.find_next()

    def replace_all(self) -> int:
        """Every match in scope replaced as one undo step; returns how many."""
        found = self.matches()
        needle, text = self.find.text(), self.replace.text()
        if not found:
            self.update_count()
            return 0
        first, last = found[0][0], found[-1][0]
        state = self.editor.paragraphs()
        by_block: dict[int, list[int]] = {}
        for number, start, _ in found:
            by_block.setdefault(number, []).append(start)
        blocks = []
        for n in range(first, last + 1):
            props, old = state[n]
            new, prev = [], 0
            for start in by_block.get(n, []):
                new.append(old[prev:start] + text)
                prev = start + len(needle)
            new.append(old[prev:])
            blocks.append((props.key(), "".join(new)))
        self.editor.change_blocks(
            first, last - first + 1, blocks, texts.UNDO_REPLACE_ALL.format(n=len(found))
        )
        self.count.setText(texts.REPLACED_COUNT.format(n=len(found)))
        return len(found)
