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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from ideodesk.core import autoformat
from ideodesk.core.draft import Draft, Path, TreeError
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
    split_run_in,
    unflatten,
)
from ideodesk.gui.qt import (
    QApplication,
    QColor,
    QFont,
    QFontMetricsF,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMenu,
    QMimeData,
    QPainter,
    QPoint,
    QSyntaxHighlighter,
    Qt,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QTextFormat,
    QTimer,
    QUndoCommand,
    QUndoStack,
    Signal,
)

PROPS = QTextFormat.Property.UserProperty + 1
MIME = "application/x-ideodesk-paragraphs"
TYPING_PAUSE_MS = 1000  # a pause this long ends one undo step of typing
CHARS_PER_LINE = 28
DEFAULT_CHAR_PX = 20.0  # 三号 at 96 dpi is 21.3 px; a little smaller reads well on 1366×768

FAMILIES = {  # font roles of DESIGN §6, with what Windows, UOS/Kylin and Debian have
    "body": ["仿宋", "FangSong", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "serif"],
    "title": ["方正小标宋简体", "宋体", "SimSun", "Noto Serif CJK SC", "serif"],
    "heading1": ["黑体", "SimHei", "Noto Sans CJK SC", "sans-serif"],
    "heading2": ["楷体", "KaiTi", "楷体_GB2312", "STKaiti", "AR PL UKai CN", "AR PL UKai", "serif"],
}
PLACEHOLDERS = {
    TITLE: "标题",
    ADDRESSEE: "称谓或主送（如：同志们：）",
    ISSUER: "落款单位（讲话稿可不填）",
    DATE: "成文日期（如：2024年7月1日）",
    HEADING: "标题文字",
}
_NAV_KEYS = {
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
}  # fmt: skip
Block = tuple[str, str]  # (props key, text)


def props_of(block) -> Props:
    key = block.blockFormat().property(PROPS)
    return Props.from_key(key) if key else Props()


@lru_cache(maxsize=16)
def _installed() -> frozenset[str]:
    from ideodesk.gui.qt import QFontDatabase

    return frozenset(QFontDatabase.families())


def installed_family(families: list[str]) -> str:
    """The first of ``families`` this machine has (the highlighter's formats take one
    family, not a fallback list)."""
    have = _installed()
    return next((f for f in families if f in have), families[-1])


def heading_family(level: int) -> str:
    return "heading1" if level == 1 else "heading2" if level == 2 else "body"


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


class _Styler(QSyntaxHighlighter):
    """Fonts by role and level; a run-in heading sentence in its heading's font."""

    def __init__(self, editor: DocEditor) -> None:
        super().__init__(editor.document())
        self.editor = editor

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        if not text:
            return
        props = props_of(self.currentBlock())
        fonts = self.editor.fonts
        if props.role == TITLE:
            self.setFormat(0, len(text), fonts["title"])
        elif props.role == HEADING and text.strip():
            head = fonts[heading_family(props.level)]
            if props.run_in:
                _, rest = split_run_in(text)
                n = len(text) - len(rest)
                self.setFormat(0, n, head)
                if rest:
                    self.setFormat(n, len(rest), fonts["body"])
            else:
                self.setFormat(0, len(text), head)
        else:
            self.setFormat(0, len(text), fonts["body"])


class DocEditor(QTextEdit):
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
        self.styler = _Styler(self)
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

    # ------------------------------------------------------------ fonts and page
    def _make_fonts(self) -> None:
        px = self.char_px
        self.fonts, self.role_fonts = {}, {}
        for role, families in FAMILIES.items():
            fmt = QTextCharFormat()
            font = QFont(installed_family(families))
            font.setPixelSize(round(px * (22 / 16 if role == "title" else 1)))
            font.setBold(role == "title")
            self.role_fonts[role] = font  # for measuring and drawing the numbers
            if role == "title":
                fmt.setFont(font)
            else:  # the size comes from the document's default font: zooming is one relayout
                fmt.setFontWeight(font.weight())
            fmt.setFontFamilies([font.family()])  # wins over the widget font's family list
            self.fonts[role] = fmt
        self._line_px = px * 28.95 / 16  # the export's exact line pitch, scaled
        self.document().setDefaultFont(self.role_fonts["body"])
        self._update_page()

    def _update_page(self) -> None:
        """A column of 28 characters (narrower when the window is), centred."""
        column = CHARS_PER_LINE * self.char_px + 2
        pad = max(12.0, (self.viewport().width() - column) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - pad) < 0.5:
            return
        fmt.setMargin(0)
        fmt.setLeftMargin(pad)
        fmt.setRightMargin(pad)
        fmt.setTopMargin(self.char_px * 1.5)
        fmt.setBottomMargin(self.char_px * 3)
        was, self._tracking = self._tracking, False
        try:
            root.setFrameFormat(fmt)
        finally:
            self._tracking = was

    def set_zoom(self, char_px: float) -> None:
        """Ctrl+wheel: the type size the user chose (the page width no longer sets it)."""
        self.fit_width = False
        self._zoom_to(char_px)

    def reset_zoom(self) -> None:
        self.fit_width = True
        self._fit()

    def _zoom_to(self, char_px: float) -> None:
        char_px = round(max(12.0, min(40.0, char_px)) * 2) / 2
        if abs(char_px - self.char_px) < 0.01:
            return
        self.commit()
        self.char_px = char_px
        self._make_fonts()
        self._restyle_all()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_page()
        if self.fit_width:
            self._fit_timer.start()

    def _fit(self) -> None:
        """Until the user zooms, the type size follows the width: a line of about 28
        characters, as on the printed page (within readable bounds)."""
        if self.fit_width and self.viewport().width() > 100:
            self._zoom_to(max(15.0, min(24.0, (self.viewport().width() - 28) / CHARS_PER_LINE)))

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1.0 if event.angleDelta().y() > 0 else -1.0
            self.set_zoom(self.char_px + step)
            return
        super().wheelEvent(event)

    def _block_format(self, key: str, label: str = "") -> QTextBlockFormat:
        props = Props.from_key(key)
        fmt = QTextBlockFormat()
        fmt.setProperty(PROPS, key)
        px = self.char_px
        fmt.setLineHeight(self._line_px, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        if props.role == TITLE:
            fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            fmt.setLineHeight(self._line_px * 1.4, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            fmt.setBottomMargin(self._line_px * 0.8)
        elif props.role == ADDRESSEE:
            fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
        elif props.role in (ISSUER, DATE):
            fmt.setAlignment(Qt.AlignmentFlag.AlignRight)
            fmt.setRightMargin(2 * px)
            if props.role == ISSUER:
                fmt.setTopMargin(self._line_px)
        else:
            fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
            indent = 2 * px
            if label:
                family = heading_family(props.level)
                indent += QFontMetricsF(self.role_fonts[family]).horizontalAdvance(label)
            fmt.setTextIndent(indent)
        return fmt

    def _restyle(self, block, label: str) -> None:
        """Visual format only (indent for the drawn number, spacing): not an edit."""
        key = block.blockFormat().property(PROPS) or Props().key()
        cursor = QTextCursor(block)
        was, self._tracking = self._tracking, False
        try:
            cursor.setBlockFormat(self._block_format(key, label))
        finally:
            self._tracking = was

    def _restyle_all(self) -> None:
        """Every block's format again (a new type size) as one edit, so the document is
        laid out once.  The highlighter is not told: block formats do not change what it
        draws, and the body and heading fonts carry no size of their own (they take the
        document's default font), so only the title is highlighted again.  500 pages:
        1.7 s block by block, 35 ms like this."""
        doc = self.document()
        cursor = QTextCursor(doc)
        was, self._tracking = self._tracking, False
        blocked = doc.blockSignals(True)
        titles = []
        cursor.beginEditBlock()
        try:
            block, n = doc.begin(), 0
            while block.isValid():
                key = block.blockFormat().property(PROPS) or Props().key()
                if Props.from_key(key).role == TITLE:
                    titles.append(block)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(self._block_format(key, self.labels[n] if n < len(self.labels) else ""))
                block, n = block.next(), n + 1
        finally:
            cursor.endEditBlock()
            doc.blockSignals(blocked)
            self._tracking = was
        for block in titles:
            self.styler.rehighlightBlock(block)

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

    def commit(self, text: str = "输入") -> bool:
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

    # ------------------------------------------------------------ numbers
    def relabel(self) -> None:
        """Derive the numbers again and re-indent the blocks whose number changed."""
        self._relabel_timer.stop()
        rows = self.rows()
        labels = [r.label for r in rows]
        if len(labels) != self.document().blockCount():
            return  # mid-edit; the next change relabels
        old = self.labels
        self.labels = labels
        block, n = self.document().begin(), 0
        while block.isValid():
            if n >= len(old) or old[n] != labels[n] or (labels[n] and not block.blockFormat().textIndent()):
                self._restyle(block, labels[n])
            block, n = block.next(), n + 1
        self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        doc_layout = self.document().documentLayout()
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        height = self.viewport().height()
        block = self.cursorForPosition(QPoint(0, 0)).block()
        grey = QColor("#9a9a9a")
        while block.isValid():
            rect = doc_layout.blockBoundingRect(block)
            top = rect.top() - dy
            if top > height:
                break
            n = block.blockNumber()
            label = self.labels[n] if n < len(self.labels) else ""
            line = block.layout().lineAt(0) if block.layout().lineCount() else None
            if line is not None:
                props = props_of(block)
                x0 = block.layout().position().x() + line.x() - dx
                y = int(top + line.y() + line.ascent())
                if label:
                    font = self.role_fonts[heading_family(props.level)]
                    painter.setFont(font)
                    painter.setPen(QColor("#000000"))
                    painter.drawText(int(x0 - QFontMetricsF(font).horizontalAdvance(label)), y, label)
                if (
                    not block.text().strip()
                    and props.role in PLACEHOLDERS
                    and not (props.role == HEADING and label)
                ):
                    font = self.role_fonts["title" if props.role == TITLE else "body"]
                    painter.setFont(font)
                    painter.setPen(grey)
                    text = PLACEHOLDERS[props.role]
                    width = QFontMetricsF(font).horizontalAdvance(text)
                    fmt = block.blockFormat()
                    if props.role == TITLE:
                        x = rect.left() + (rect.width() - width) / 2
                    elif props.role in (ISSUER, DATE):
                        x = rect.right() - fmt.rightMargin() - width
                    else:
                        x = rect.left() + fmt.leftMargin() + fmt.textIndent()
                    painter.drawText(int(x - dx), y, text)
            block = block.next()
        painter.end()

    # ------------------------------------------------------------ where the cursor is
    def block_props(self, number: int | None = None) -> Props:
        block = self.textCursor().block() if number is None else self.document().findBlockByNumber(number)
        return props_of(block)

    def section_opener(self):
        """The block that opens the section at the cursor (its heading, or the first
        paragraph of an unheaded section), or None in title/addressee/signature."""
        block = self.textCursor().block()
        if props_of(block).is_meta:
            return None
        while block.isValid():
            p = props_of(block)
            if p.opens_section or p.role == TITLE:
                return None if p.role == TITLE else block
            block = block.previous()
        return None

    def current_type(self) -> str:
        opener = self.section_opener()
        return props_of(opener).type if opener is not None else "general"

    def current_heading(self) -> str:
        opener = self.section_opener()
        if opener is None or props_of(opener).role != HEADING:
            return ""
        return split_run_in(opener.text())[0] if props_of(opener).run_in else opener.text()

    def current_path(self, stale_ok: bool = False) -> Path | None:
        """The section at the cursor; ``stale_ok``: from the last derived rows (what a view
        following the cursor may use between edits without rebuilding the draft)."""
        rows = self._rows[1] if stale_ok and self._rows is not None else self.rows()
        n = self.textCursor().blockNumber()
        return rows[n].path if n < len(rows) else None

    def text_before_cursor(self, limit: int = 40) -> str:
        cursor = self.textCursor()
        return cursor.block().text()[: cursor.positionInBlock()][-limit:]

    def block_of_path(self, path: Path) -> int | None:
        for n, row in enumerate(self.rows()):
            if row.path == path:
                return n
        return None

    def go_to_block(self, number: int, start: int = 0, end: int | None = None) -> None:
        self.commit()
        block = self.document().findBlockByNumber(number)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(start, block.length() - 1))
        if end is not None:
            cursor.setPosition(
                block.position() + min(end, block.length() - 1), QTextCursor.MoveMode.KeepAnchor
            )
        self.setTextCursor(cursor)
        self._cursor_before = cursor.position()
        # bring the block near the top, as Word's navigation pane does
        rect = self.document().documentLayout().blockBoundingRect(block)
        bar = self.verticalScrollBar()
        if not (bar.value() <= rect.top() <= bar.value() + self.viewport().height() - rect.height()):
            bar.setValue(int(rect.top() - self.viewport().height() / 4))
        self.ensureCursorVisible()

    # ------------------------------------------------------------ block properties
    def set_block_props(self, numbers: list[int], change: Callable[[Props], Props | None], text: str) -> bool:
        """Give blocks new props (level, role, run-in, type) as one undo step."""
        self.commit()
        if not numbers:
            return False
        first, last = min(numbers), max(numbers)
        old = self._state[first : last + 1]
        new = list(old)
        for n in numbers:
            p = Props.from_key(old[n - first][0])
            q = change(p)
            if q is not None and q != p:
                new[n - first] = (q.key(), old[n - first][1])
        if new == old:
            return False
        keep = (self.textCursor().anchor(), self.textCursor().position())
        self.change_blocks(first, last - first + 1, new, text, keep)
        return True

    def selected_blocks(self) -> list[int]:
        cursor = self.textCursor()
        doc = self.document()
        a = doc.findBlock(cursor.selectionStart()).blockNumber()
        b = doc.findBlock(cursor.selectionEnd()).blockNumber()
        return [n for n in range(a, b + 1) if not props_of(doc.findBlockByNumber(n)).is_meta]

    def set_level(self, level: int) -> None:
        """Ctrl+1…4: the paragraphs at the cursor become headings of ``level``; 0: body text."""
        opener_type = self.current_type()

        def change(p: Props) -> Props:
            if level == 0:
                return p.as_body() if p.role == HEADING else p
            if p.role == HEADING:
                return replace(p, level=level)
            return Props(HEADING, level, False, p.type if p.start else opener_type, auto=True)

        label = "设为正文" if level == 0 else f"设为{'一二三四'[level - 1]}级标题"
        if not self.set_block_props(self.selected_blocks(), change, label):
            self.message.emit("此处不能设为标题" if level else "")

    def shift_level(self, delta: int) -> bool:
        """Tab/Shift+Tab, Alt+→/←: heading(s) one level down or up; False if none."""
        numbers = [n for n in self.selected_blocks() if self.block_props(n).role == HEADING]
        if not numbers:
            return False

        def change(p: Props) -> Props | None:
            level = p.level + delta
            return replace(p, level=level) if 1 <= level <= 4 else None

        if not self.set_block_props(numbers, change, "降级" if delta > 0 else "升级"):
            self.message.emit("已是一级标题" if delta < 0 else "标题最多四级")
        return True

    def toggle_run_in(self) -> None:
        numbers = [n for n in self.selected_blocks() if self.block_props(n).role == HEADING]
        on = not all(self.block_props(n).run_in for n in numbers)

        def change(p: Props) -> Props:
            return replace(p, run_in=on)

        self.set_block_props(numbers, change, "标题与正文同段" if on else "标题单独成段")

    def set_type(self, type_id: str) -> None:
        opener = self.section_opener()
        if opener is None:
            self.message.emit("光标不在正文段落中")
            return

        def change(p: Props) -> Props:
            return replace(p, type=type_id, auto=False)

        self.set_block_props([opener.blockNumber()], change, "更改段落类型")

    # ------------------------------------------------------------ structure via the model
    def restructure(self, op: Callable[[Draft, Path | None], object], text: str) -> bool:
        """A tree operation ``op(draft, path_at_cursor) -> TreeChange`` on the draft this
        document stands for; the document becomes the result as one undo step."""
        self.commit()
        rows, _ = self._derived()
        n = self.textCursor().blockNumber()
        path = rows[n].path if n < len(rows) else None
        d = unflatten(self.paragraphs(), self.meta)
        try:
            change = op(d, path)
        except TreeError as e:
            self.message.emit(str(e))
            return False
        new_rows = layout(d)
        target = getattr(change, "path", None)
        cursor = None
        if target is not None:
            number = next((i for i, r in enumerate(new_rows) if r.path == target), None)
            if number is not None:
                cursor = sum(len(r.text) + 1 for r in new_rows[:number])
        self.set_paragraphs([(r.props, r.text) for r in new_rows], text, cursor)
        self.relabel()
        return True

    # ------------------------------------------------------------ text operations
    def replace_range(self, number: int, start: int, end: int, text: str, label: str) -> None:
        """Replace characters of one block (a phrase, a fix) as one undo step."""
        self.commit()
        key, old = self._state[number]
        new = old[:start] + text + old[end:]
        block = self.document().findBlockByNumber(number)
        after = block.position() + start + len(text)
        self.change_blocks(number, 1, [(key, new)], label, after)

    def insert_phrase(self, text: str, replace_chars: int = 0) -> None:
        """At the cursor (over a selection inside one paragraph), as one undo step."""
        cursor = self.textCursor()
        block = cursor.block()
        start = cursor.selectionStart() - block.position()
        end = cursor.selectionEnd() - block.position()
        if cursor.hasSelection() and self.document().findBlock(cursor.selectionEnd()) != block:
            end = start
        start = max(0, start - replace_chars)
        self.replace_range(block.blockNumber(), start, end, text, "插入规范表述")

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
        if key in _NAV_KEYS or event.matches(QKeySequence.StandardKey.SelectAll):
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
            self.commit("删除")
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
        self.change_blocks(n, 1, blocks, "换行", block.position() + at + 1)

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
            self.set_block_props([block.blockNumber()], lambda q: q.as_body(), "取消编号")
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
        self.change_blocks(first, n - first + 1, new, "自动编号", after)

    def _type_before(self, n: int) -> str:
        block = self.document().findBlockByNumber(n).previous()
        while block.isValid():
            p = props_of(block)
            if p.opens_section:
                return p.type
            block = block.previous()
        return "general"

    # ------------------------------------------------------------ clipboard
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        """Plain text with the numbers (what other programs get) and the paragraphs with
        their props (what this editor pastes back)."""
        cursor = self.textCursor()
        doc = self.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        a, b = doc.findBlock(start), doc.findBlock(end)
        import json

        parts, plain = [], []
        block = a
        while block.isValid():
            s = start - block.position() if block == a else 0
            e = end - block.position() if block == b else len(block.text())
            text = block.text()[s:e]
            n = block.blockNumber()
            label = self.labels[n] if n < len(self.labels) and s == 0 else ""
            parts.append([block.blockFormat().property(PROPS) or Props().key(), text])
            plain.append(label + text)
            if block == b:
                break
            block = block.next()
        data = QMimeData()
        data.setText("\n".join(plain))
        data.setData(MIME, json.dumps(parts, ensure_ascii=False).encode())
        return data

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802
        return source.hasText() or source.hasFormat(MIME) or source.hasUrls()

    def insertFromMimeData(self, source) -> None:  # noqa: N802
        import json

        if source.hasFormat(MIME):
            parts = json.loads(bytes(source.data(MIME)).decode())
            self.insert_paragraphs([(Props.from_key(k), t) for k, t in parts], "粘贴")
            return
        paths = [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []
        paths = [p for p in paths if p.lower().endswith((".txt", ".docx"))]
        if paths:
            self.insert_files(paths)
            return
        if source.hasText():
            self.paste_text(source.text())

    def insert_paragraphs(self, paras: list[tuple[Props, str]], label: str, keep_first: bool = True) -> int:
        """Put paragraphs at the cursor (replacing the selection) as one step; the first
        joins the text before the cursor and the last the text after it.  Returns the
        number of the first block touched."""
        self.commit()
        cursor = self.textCursor()
        doc = self.document()
        a = doc.findBlock(cursor.selectionStart())
        b = doc.findBlock(cursor.selectionEnd())
        first, last = a.blockNumber(), b.blockNumber()
        before = a.text()[: cursor.selectionStart() - a.position()]
        after = b.text()[cursor.selectionEnd() - b.position() :]
        paras = [(p, t) for p, t in paras] or [(props_of(a), "")]
        first_key = self._state[first][0]
        pk = Props.from_key(first_key)
        blocks = []
        for i, (p, t) in enumerate(paras):
            if i == 0:
                key = first_key if keep_first or pk.is_meta else p.key()
                blocks.append((key, before + t))
            else:
                blocks.append((p.key(), t))
        if len(blocks) > 1 and Props.from_key(blocks[-1][0]).is_meta:
            blocks[-1] = (Props(BODY, pk.level).key(), blocks[-1][1])
        end_pos = sum(len(t) + 1 for _, t in self._state[:first]) + sum(len(t) + 1 for _, t in blocks) - 1
        blocks[-1] = (blocks[-1][0], blocks[-1][1] + after)
        self.change_blocks(first, last - first + 1, blocks, label, end_pos)
        return first

    def paste_text(self, text: str) -> None:
        """A plain paste (one step), then the importer's cleaning and outline recovery on
        the pasted lines as a second step: one Ctrl+Z gives the plain paste back."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").split("\n")
        here = props_of(self.textCursor().block())
        whole = len([t for t in lines if t.strip()]) > 1 and not any(t for _, t in self.paragraphs())
        if here.is_meta and whole:
            self.go_to_block(2)  # a whole document pasted into an empty draft fills the draft
            here = props_of(self.textCursor().block())
        if here.is_meta:  # title, addressee, issuer and date are one line each
            self.insert_paragraphs([(here, "".join(line.strip() for line in lines))], "粘贴")
            return
        body = here.as_body()
        if here.role == BODY:
            body = Props(BODY, here.level, type=here.type)
        first = self.insert_paragraphs([(body, line) for line in lines], "粘贴")
        if len([line for line in lines if line.strip()]) < 2 and not autoformat.typed_marker(lines[0], 0):
            return
        self.recover_pasted(first, len(lines))

    def recover_pasted(self, first: int, count: int) -> None:
        """The outline in just-pasted blocks as its own step (the plain paste before it)."""
        from ideodesk.core.pasting import recover_paragraphs

        pasted = recover_paragraphs(
            [t for _, t in self._state[first : first + count]], self._level_before(first)
        )
        if pasted is None:
            return
        state = self._state
        whole = (
            first == 2 and first + count == len(state) - 2 and not any(t for _, t in state[:2] + state[-2:])
        )
        new = [(p.key(), t) for p, t in pasted.paragraphs]
        if whole:  # an old document pasted into an empty draft: it fills the draft
            title = Props(TITLE, numbering=pasted.numbering).key()
            head = [(title, pasted.title), (state[1][0], pasted.addressee)]
            tail = [(state[-2][0], pasted.issuer), (state[-1][0], pasted.date)]
            blocks = head + new + tail
            first, count = 0, len(state)
        else:
            level = self._level_before(first)
            extra = [(Props(BODY, max(level, 1)).key(), t) for t in (pasted.title, pasted.addressee) if t]
            closing = [(Props(BODY, max(level, 1)).key(), t) for t in (pasted.issuer, pasted.date) if t]
            blocks = extra + new + closing
            if pasted.numbering and not level:
                key0 = replace(Props.from_key(state[0][0]), numbering=pasted.numbering).key()
                blocks = [(key0, state[0][1]), *state[1:first], *blocks]
                count += first
                first = 0
        end_pos = sum(len(t) + 1 for _, t in self._state[:first]) + sum(len(t) + 1 for _, t in blocks) - 1
        if whole:
            end_pos = sum(len(t) + 1 for _, t in blocks[:-2]) - 1
        self.change_blocks(first, count, blocks, "识别提纲", end_pos)
        self.relabel()

    def _level_before(self, n: int) -> int:
        """The level of the heading that owns paragraph ``n`` (0 at the top)."""
        block = self.document().findBlockByNumber(n)
        while block.isValid():
            p = props_of(block)
            if p.role == HEADING and block.text().strip():
                return p.level
            if p.role == TITLE:
                return 0
            block = block.previous()
        return 0

    def insert_files(self, paths: list[str]) -> None:
        from ideodesk.core.reading import read_source
        from ideodesk.errors import IdeoError

        lines: list[str] = []
        for path in paths:
            try:
                source = read_source(path)
            except IdeoError as e:
                self.message.emit(str(e))
                return
            lines.extend(line.text for line in source.lines)
        self.paste_text("\n".join(lines))

    def dropEvent(self, event) -> None:  # noqa: N802
        self.commit()
        super().dropEvent(event)
        self.commit("拖动文字")

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = QMenu(self)
        for label, slot, enabled in (
            ("撤销", self.undo, self.undo_stack.canUndo() or self._lo is not None),
            ("重做", self.redo, self.undo_stack.canRedo()),
            (None, None, None),
            ("剪切", self.cut, self.textCursor().hasSelection()),
            ("复制", self.copy, self.textCursor().hasSelection()),
            ("粘贴", self.paste, True),
            ("全选", self.selectAll, True),
            (None, None, None),
            ("设为一级标题\tCtrl+1", lambda: self.set_level(1), True),
            ("设为二级标题\tCtrl+2", lambda: self.set_level(2), True),
            ("设为三级标题\tCtrl+3", lambda: self.set_level(3), True),
            ("设为四级标题\tCtrl+4", lambda: self.set_level(4), True),
            ("设为正文\tCtrl+0", lambda: self.set_level(0), True),
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
