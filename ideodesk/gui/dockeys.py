"""The document editor's keys as Word has them: Enter, Backspace, Tab, level shortcuts,
autoformat of typed markers; the context menu and mouse."""

from __future__ import annotations

from dataclasses import replace

from ideodesk.core import autoformat
from ideodesk.core.flatdoc import (
    ADDRESSEE,
    BODY,
    DATE,
    HEADING,
    ISSUER,
    TITLE,
    Props,
)
from ideodesk.gui import texts
from ideodesk.gui.docprops import (
    NAV_KEYS,
    props_of,
)
from ideodesk.gui.qt import (
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMenu,
    Qt,
)


class KeysMixin:
    """Keyboard, input method, context menu and mouse of :class:`DocEditor`."""

    # ------------------------------------------------------------ keys
    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        before = self.textCursor().positionInBlock() if not self.textCursor().hasSelection() else 0
        super().inputMethodEvent(event)
        self.composing = bool(event.preeditString())
        if event.commitString():
            self._after_typing(before)

    def _after_typing(self, before: int | None = None) -> None:
        self.committed.emit()
        self._autoformat(before)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.composing:
            super().keyPressEvent(event)  # the input method owns the keys while composing
            return
        key, mods = event.key(), event.modifiers()
        ctrl = Qt.KeyboardModifier.ControlModifier
        alt = Qt.KeyboardModifier.AltModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or (mods == ctrl and key == Qt.Key.Key_Y):
            self.redo()
            return
        if mods == alt and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.insert_requested.emit(key - Qt.Key.Key_1)
            return
        if mods == ctrl and Qt.Key.Key_0 <= key <= Qt.Key.Key_4:
            self.set_level(key - Qt.Key.Key_0)
            return
        tab = key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (mods & ctrl)
        if tab and self._tab(key == Qt.Key.Key_Backtab or bool(mods & shift)):
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (mods & (ctrl | alt)):
            self._enter()
            return
        if key == Qt.Key.Key_Backspace and not mods and self._backspace():
            return
        if key == Qt.Key.Key_Delete and self.textCursor().atBlockEnd():
            self.commit()  # a join is its own step
        if key in NAV_KEYS or event.matches(QKeySequence.StandardKey.SelectAll):
            self.commit()
            super().keyPressEvent(event)
            self._cursor_before = self.textCursor().position()
            return
        super().keyPressEvent(event)
        if event.text() and event.text().isprintable():
            self._after_typing()

    def _tab(self, back: bool) -> bool:
        cursor = self.textCursor()
        if props_of(cursor.block()).role != HEADING or (
            cursor.positionInBlock() and not cursor.hasSelection()
        ):
            return False
        return self.shift_level(-1 if back else 1)

    def _enter(self) -> None:
        cursor = self.textCursor()
        p = props_of(cursor.block())
        if p.role in (TITLE, ISSUER) and not cursor.hasSelection():
            self.commit()  # one title line, one issuer line: Enter goes on to the next
            self._move_to_block(cursor.blockNumber() + 1)
            return
        if p.role == DATE:
            return
        self.commit()
        if cursor.hasSelection():
            cursor.removeSelectedText()
            self.setTextCursor(cursor)
            self.commit(texts.UNDO_DELETE)
        block = cursor.block()
        n, text, at = block.blockNumber(), block.text(), cursor.positionInBlock()
        key = self._state[n][0]
        if p.role == ADDRESSEE:
            nxt = block.next()
            if at == len(text) and props_of(nxt).role == BODY and not nxt.text():
                self._move_to_block(nxt.blockNumber())
                return
            blocks = [(key, text[:at]), (Props(BODY, 1).key(), text[at:])]
        elif p.role == HEADING and at == len(text):
            blocks = [(key, text), (p.as_body().key(), "")]  # Enter after a heading: its body
        elif p.role == HEADING and at == 0 and text:
            blocks = [(p.as_body().key(), ""), (key, text)]
        elif p.role == HEADING:
            blocks = [(key, text[:at]), (replace(p, auto=True).key(), text[at:])]
        else:
            blocks = [(key, text[:at]), (replace(p, start=False).key(), text[at:])]
        self.change_blocks(n, 1, blocks, texts.UNDO_NEW_LINE, block.position() + at + 1)

    def _move_to_block(self, number: int) -> None:
        block = self.document().findBlockByNumber(number)
        if block.isValid():
            cursor = self.textCursor()
            cursor.setPosition(block.position() + len(block.text()) if block.text() else block.position())
            self.setTextCursor(cursor)
            self._cursor_before = cursor.position()

    def _backspace(self) -> bool:
        """At the start of a heading: remove its number first (it becomes body text)."""
        cursor = self.textCursor()
        if cursor.hasSelection() or cursor.positionInBlock():
            return False
        block = cursor.block()
        p = props_of(block)
        if p.role == HEADING:
            self.set_block_props([block.blockNumber()], lambda q: q.as_body(), texts.UNDO_UNNUMBER)
            return True
        if p.role in (ADDRESSEE, TITLE) and block.blockNumber() <= 1:
            self.commit()
            if block.blockNumber() == 1:
                self._move_to_block(0)
            return True
        if p.role == DATE:  # the date keeps its own line; go to the issuer
            self.commit()
            self._move_to_block(block.blockNumber() - 1)
            return True
        self.commit()  # a join is its own step, as in Word
        return False

    def _autoformat(self, before: int | None = None) -> None:
        cursor = self.textCursor()
        block = cursor.block()
        p = props_of(block)
        if p.role != BODY or cursor.hasSelection():
            return
        marker = autoformat.typed_marker(block.text(), cursor.positionInBlock(), before)
        if marker is None:
            return
        self.commit()
        n = block.blockNumber()
        paras = self.paragraphs()
        place = autoformat.place(paras, n, marker.style)
        first = n if place.parent is None or not place.set_parent else place.parent
        new = list(self._state[first : n + 1])
        if place.set_parent and place.parent is not None:
            pk, pt = new[0]
            new[0] = (replace(Props.from_key(pk), numbering=place.parent_numbering).key(), pt)
        heading = Props(HEADING, place.level, place.run_in, self._type_before(n), auto=True)
        text = block.text()[marker.length :]
        new[-1] = (heading.key(), text)
        after = block.position() + cursor.positionInBlock() - marker.length
        self.change_blocks(first, n - first + 1, new, texts.UNDO_AUTO_NUMBER, after)

    def _type_before(self, n: int) -> str:
        block = self.document().findBlockByNumber(n).previous()
        while block.isValid():
            p = props_of(block)
            if p.opens_section:
                return p.type
            block = block.previous()
        return "general"

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = QMenu(self)
        for label, slot, enabled in (
            (texts.EDIT_UNDO, self.undo, self.undo_stack.canUndo() or self._lo is not None),
            (texts.EDIT_REDO, self.redo, self.undo_stack.canRedo()),
            (None, None, None),
            (texts.EDIT_CUT, self.cut, self.textCursor().hasSelection()),
            (texts.EDIT_COPY, self.copy, self.textCursor().hasSelection()),
            (texts.EDIT_PASTE, self.paste, True),
            (texts.EDIT_SELECT_ALL, self.selectAll, True),
            (None, None, None),
            *(
                (
                    texts.SET_LEVEL_MENU.format(numeral=texts.LEVEL_NUMERALS[n - 1], level=n),
                    lambda n=n: self.set_level(n),
                    True,
                )
                for n in (1, 2, 3, 4)
            ),
            (texts.SET_BODY_MENU, lambda: self.set_level(0), True),
        ):
            if label is None:
                menu.addSeparator()
                continue
            act = menu.addAction(label)
            act.setEnabled(bool(enabled))
            act.triggered.connect(lambda *_, s=slot: s())
        menu.exec(event.globalPos())

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.commit()
        super().focusOutEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.commit()
        super().mousePressEvent(event)
        self._cursor_before = self.textCursor().position()
