"""The document editor: the whole draft on one page-like column, as the export sets it.

Each block is one paragraph; its structure (role, level, run-in flag, section type) is a
string property of the block format (``flatdoc.Props``), never part of the text, and the
numbers are derived and drawn beside the text.  The QTextDocument's own undo is off: the
editor keeps one QUndoStack of *block diffs* between committed states, so typing, paste,
autoformat, structure operations, phrase insertions and check fixes share one history
and every undo leaves the editor equal to what the model says.

Committed state: ``_state`` is the list of ``(props key, text)`` per block as of the last
commit; ``contentsChange`` records which character range changed since, and ``commit``
turns that range into an undo command.

Here: the committed state, change tracking, undo and loading.  The rest of the editor is in
mixins beside it — ``docpage`` (fonts, column, zoom, drawn numbers), ``docstructure`` (the
outline at the cursor and operations on it), ``dockeys`` (keys, autoformat, menu, mouse)
and ``docclipboard`` (copy, paste with outline recovery, dropped files) — sharing
``docprops``.
"""

from __future__ import annotations

from dataclasses import replace

from ideodesk.core.draft import Draft
from ideodesk.core.flatdoc import (
    ADDRESSEE,
    BODY,
    DATE,
    HEADING,
    ISSUER,
    META_ROLES,
    TITLE,
    Meta,
    Props,
    Row,
    layout,
    meta_of,
    normalized,
    unflatten,
)
from ideodesk.gui import texts
from ideodesk.gui.docclipboard import ClipboardMixin
from ideodesk.gui.dockeys import KeysMixin
from ideodesk.gui.docpage import PageMixin, Styler
from ideodesk.gui.docprops import (
    DEFAULT_CHAR_PX,
    PROPS,
    TYPING_PAUSE_MS,
    Block,
    props_of,
)
from ideodesk.gui.docstructure import StructureMixin
from ideodesk.gui.qt import (
    QApplication,
    QColor,
    QFont,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QTimer,
    QUndoCommand,
    QUndoStack,
    Signal,
)

__all__ = ["PROPS", "DocEditor"]


class _Edit(QUndoCommand):
    """Blocks ``first…`` went from ``old`` to ``new`` (both non-empty lists)."""

    def __init__(
        self, editor: DocEditor, first: int, old: list[Block], new: list[Block], before, after, text
    ):
        super().__init__(text)
        self.editor, self.first, self.old, self.new = editor, first, old, new
        self.before, self.after = before, after
        self.done = True  # pushed after the change happened

    def redo(self) -> None:
        if self.done:
            self.done = False
            return
        self.editor._replace(self.first, len(self.old), self.new)
        self.editor._set_cursor(self.after)

    def undo(self) -> None:
        self.editor._replace(self.first, len(self.new), self.old)
        self.editor._set_cursor(self.before)


class DocEditor(PageMixin, StructureMixin, KeysMixin, ClipboardMixin, QTextEdit):
    """The draft as one document.  ``load`` puts a Draft in; ``draft()`` gives it back."""

    edited = Signal()  # the text or structure changed (after the change)
    structure_changed = Signal()  # headings, levels or types may have changed
    context_changed = Signal()  # the cursor moved or text was committed
    committed = Signal()  # text committed by typing or an input method
    insert_requested = Signal(int)  # Alt+1…9: the n-th phrase (0-based)
    message = Signal(str)  # a short note for the status bar (an operation refused)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        self.setDocument(doc)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(False)
        self.undo_stack = QUndoStack(self)
        self.meta = Meta()
        self.composing = False
        self.char_px = DEFAULT_CHAR_PX
        self.fit_width = True
        # Always there, as in Word: a scroll bar that comes and goes with the draft's length
        # would change the width, and with it the fitted type size (a relayout each time).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._fit_timer = QTimer(self, singleShot=True, interval=200)
        self._fit_timer.timeout.connect(self._fit)
        self.fonts: dict[str, QTextCharFormat] = {}  # the highlighter's, by role
        self.role_fonts: dict[str, QFont] = {}
        self.labels: list[str] = []
        self._state: list[Block] = []
        self._lo: int | None = None  # earliest changed position since the last commit
        self._tail = 0  # characters at the end unchanged since the last commit
        self._tracking = True
        self._cursor_before = 0
        self._version = 0  # bumps on every change: caches of the derived draft check it
        self._rows: tuple[int, list[Row], Draft] | None = None
        self._block_count = 0
        self._make_fonts()
        self.styler = Styler(self)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.commit)
        self._relabel_timer = QTimer(self, singleShot=True, interval=0)
        self._relabel_timer.timeout.connect(self.relabel)
        doc.contentsChange.connect(self._contents_change)
        self.cursorPositionChanged.connect(self.context_changed)
        self.setViewportMargins(0, 0, 0, 0)
        self.viewport().setAutoFillBackground(True)
        pal = self.viewport().palette()
        pal.setColor(self.viewport().backgroundRole(), QColor("#ffffff"))
        self.viewport().setPalette(pal)
        self.load(Draft())

    # ------------------------------------------------------------ load and read
    def load(self, draft: Draft) -> None:
        """Show another draft; the undo history starts afresh."""
        self._typing.stop()
        self.meta = meta_of(draft)
        rows = layout(draft)
        empty = len(rows) == 4
        if empty:  # nothing written yet: an empty paragraph to write in
            rows.insert(2, Row(Props(BODY, 1), ""))
        self.labels = [r.label for r in rows]
        blocks = [(r.props.key(), r.text) for r in rows]
        doc = self.document()
        self._tracking = False
        try:
            doc.clear()
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            for i, ((key, text), label) in enumerate(zip(blocks, self.labels, strict=True)):
                if i:
                    cursor.insertBlock(self._block_format(key, label))
                else:
                    cursor.setBlockFormat(self._block_format(key, label))
                cursor.insertText(text)
            cursor.endEditBlock()
        finally:
            self._tracking = True
        self._refresh_layout(0, doc.characterCount())
        self._block_count = doc.blockCount()
        self._state = blocks
        self._lo = None
        self._version += 1
        self._rows = None if empty else (self._version, rows, draft)
        self.undo_stack.clear()
        start = QTextCursor(doc.findBlockByNumber(2 if draft.title else 0))
        self.setTextCursor(start)
        self.structure_changed.emit()

    def paragraphs(self) -> list[tuple[Props, str]]:
        """The paragraphs as they are now (typing since the last commit included)."""
        self._sync_state()
        return [(Props.from_key(k), t) for k, t in self._state]

    def char_count(self) -> int:
        """Characters a clerk would count (numbers included, whitespace not), without
        rebuilding the draft: the status bar asks often."""
        self._sync_state()
        text = sum(len("".join(t.split())) for _, t in self._state)
        return text + sum(len(label) for label in self.labels)

    def rows(self) -> list[Row]:
        return self._derived()[0]

    def draft(self) -> Draft:
        """The draft this document stands for (typing so far included)."""
        return self._derived()[1]

    def _derived(self) -> tuple[list[Row], Draft]:
        self._sync_state()
        if self._rows is None or self._rows[0] != self._version:
            d = unflatten(self.paragraphs(), self.meta)
            self._rows = (self._version, layout(d), d)
        return self._rows[1], self._rows[2]

    def _sync_state(self) -> None:
        """Bring ``_state`` up to date without ending the undo step (for reads)."""
        if self._lo is None:
            return
        first, last_old, new = self._pending()
        self._state = self._base[:first] + new + self._base[last_old + 1 :]

    # ------------------------------------------------------------ change tracking
    def _contents_change(self, pos: int, removed: int, added: int) -> None:
        if not self._tracking:
            return
        if self._lo is None:
            self._lo = pos
            self._tail = self.document().characterCount() - (pos + added)
            self._base = list(self._state)
        else:
            self._lo = min(self._lo, pos)
            self._tail = min(self._tail, self.document().characterCount() - (pos + added))
        self._version += 1
        self._typing.start()
        # numbers change with the block count, or when a heading gains or loses its text
        count = self.document().blockCount()
        block = self.document().findBlock(pos)
        if count != self._block_count or (props_of(block).role == HEADING and len(block.text()) <= added):
            self._relabel_timer.start()
        self._block_count = count
        self.edited.emit()

    def _pending(self) -> tuple[int, int, list[Block]]:
        """The changed region: first block, last block in the base state, new blocks."""
        doc = self.document()
        base = self._base
        end = doc.characterCount() - self._tail
        first = doc.findBlock(self._lo).blockNumber()
        last_new = doc.findBlock(min(end, doc.characterCount() - 1)).blockNumber()
        after = doc.blockCount() - 1 - last_new
        last_old = len(base) - 1 - after
        if last_old < first:  # the region reaches one block back in both
            first -= 1
        first = max(0, min(first, last_old))
        new = []
        block = doc.findBlockByNumber(first)
        for _ in range(first, last_new + 1):
            new.append((block.blockFormat().property(PROPS) or Props().key(), block.text()))
            block = block.next()
        return first, last_old, new

    def commit(self, text: str = texts.UNDO_TYPING) -> bool:
        """End the current undo step (typing since the last commit); True if one was made."""
        self._typing.stop()
        if self._lo is None:
            return False
        self._normalize()
        self._reguess_types()
        first, last_old, new = self._pending()
        base = self._base
        old = base[first : last_old + 1]
        self._lo = None
        self._state = base[:first] + new + base[last_old + 1 :]
        self._version += 1
        if old == new:
            return False
        first, old, new = _trim(first, old, new)
        self.undo_stack.push(
            _Edit(self, first, old, new, self._cursor_before, self.textCursor().position(), text)
        )
        self._cursor_before = self.textCursor().position()
        self.structure_changed.emit()
        return True

    def _normalize(self) -> None:
        """Title and addressee first, issuer and date last, once each (after a join or a
        delete across them): fixed inside the step being committed."""
        first, last_old, new = self._pending()
        full = self._base[:first] + new + self._base[last_old + 1 :]
        roles = [Props.from_key(k).role for k, _ in full]
        inner = range(max(2, first), min(len(full) - 2, first + len(new)))
        if (
            len(full) >= 5
            and roles[:2] == [TITLE, ADDRESSEE]
            and roles[-2:] == [ISSUER, DATE]
            and not any(roles[i] in META_ROLES for i in inner)
        ):
            return
        fixed = [(p.key(), t) for p, t in normalized([(Props.from_key(k), t) for k, t in full])]
        f, old, new_blocks = _trim(0, full, fixed)
        self._write(f, len(old), new_blocks)  # tracked: part of this step

    def _reguess_types(self) -> None:
        """Headings whose type is still the classifier's guess get it again from their
        words (tracked: part of the step being committed)."""
        from ideodesk.core.classify import score_section
        from ideodesk.core.draft import Section

        first, _, new = self._pending()
        block = self.document().findBlockByNumber(first)
        for _ in new:
            p = props_of(block)
            if p.role == HEADING and p.auto and block.text().strip():
                scores = score_section(Section(heading=block.text()))
                scores.pop("opening", None)
                best = max(scores, key=scores.get) if scores else p.type
                if best != p.type:
                    label = self.labels[block.blockNumber()] if block.blockNumber() < len(self.labels) else ""
                    QTextCursor(block).setBlockFormat(self._block_format(replace(p, type=best).key(), label))
            block = block.next()

    def _write(self, first: int, count: int, blocks: list[Block]) -> None:
        """Put ``blocks`` in place of ``count`` blocks from ``first`` (both ≥ 1)."""
        doc = self.document()
        b0 = doc.findBlockByNumber(first)
        bl = doc.findBlockByNumber(first + count - 1)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.setPosition(b0.position())
        cursor.setPosition(bl.position() + bl.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        plain = QTextCharFormat()
        for i, (key, text) in enumerate(blocks):
            n = first + i
            label = self.labels[n] if n < len(self.labels) else ""
            if i:
                cursor.insertBlock(self._block_format(key, label), plain)
            else:
                cursor.setBlockFormat(self._block_format(key, label))
                cursor.setBlockCharFormat(plain)
            if text:
                cursor.insertText(text, plain)
        cursor.endEditBlock()
        start = doc.findBlockByNumber(first).position()
        self._refresh_layout(start, cursor.position() - start)

    def _refresh_layout(self, start: int, length: int) -> None:
        """Lay the range out again: blocks built in one go keep the fonts they had before
        the highlighter ran, until their layout is redone."""
        was, self._tracking = self._tracking, False
        try:
            self.document().markContentsDirty(start, max(0, length))
        finally:
            self._tracking = was

    def _replace(self, first: int, count: int, blocks: list[Block]) -> None:
        """Replace ``count`` blocks from ``first`` with ``blocks`` (an undo/redo or an
        operation): not tracked as typing; the committed state follows."""
        self.commit()
        old = self._state[first : first + count]
        self._tracking = False
        try:
            self._write(first, count, blocks)
        finally:
            self._tracking = True
        self._state[first : first + count] = blocks
        self._version += 1
        if len(old) != len(blocks) or any(a[0] != b[0] for a, b in zip(old, blocks, strict=False)):
            self.relabel()
            self.structure_changed.emit()
        else:
            self._relabel_timer.start()
        self.edited.emit()

    def _set_cursor(self, pos: int | tuple[int, int]) -> None:
        cursor = self.textCursor()
        end = self.document().characterCount() - 1
        if isinstance(pos, tuple):
            cursor.setPosition(min(pos[0], end))
            cursor.setPosition(min(pos[1], end), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(min(pos, end))
        self.setTextCursor(cursor)
        self._cursor_before = cursor.position()
        self.ensureCursorVisible()

    def change_blocks(self, first: int, count: int, blocks: list[Block], text: str, cursor=None) -> None:
        """An operation as one undo step: blocks ``first…first+count`` become ``blocks``."""
        self.commit()
        old = self._state[first : first + count]
        if old == blocks:
            return
        before = self.textCursor().position()
        f, o, n = _trim(first, old, blocks)
        self._replace(f, len(o), n)
        after = cursor if cursor is not None else before
        self._set_cursor(after)
        command = _Edit(self, f, o, n, before, after, text)
        self.undo_stack.push(command)

    def set_paragraphs(self, paras: list[tuple[Props, str]], text: str, cursor=None) -> None:
        """The whole document becomes ``paras`` (a structure operation), as one step."""
        blocks = [(p.key(), t) for p, t in paras]
        self.change_blocks(0, len(self._state), blocks, text, cursor)

    # ------------------------------------------------------------ undo
    def undo(self) -> None:
        self.commit()
        if self.undo_stack.canUndo():
            self.undo_stack.undo()

    def redo(self) -> None:
        self.commit()
        if self.undo_stack.canRedo():
            self.undo_stack.redo()


def _trim(first: int, old: list[Block], new: list[Block]) -> tuple[int, list[Block], list[Block]]:
    """Drop the blocks both lists share at their ends, keeping at least one in each."""
    a = 0
    while a < min(len(old), len(new)) - 1 and old[a] == new[a]:
        a += 1
    b = 0
    while b < min(len(old), len(new)) - a - 1 and old[-1 - b] == new[-1 - b]:
        b += 1
    return first + a, old[a : len(old) - b], new[a : len(new) - b]


def app_clipboard_text() -> str:
    return QApplication.clipboard().text()
