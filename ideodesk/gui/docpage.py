"""The document editor's page: fonts by role, the column, zoom, block formats, and the
derived numbers drawn beside the headings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ideodesk.core.flatdoc import ADDRESSEE, DATE, HEADING, ISSUER, TITLE, Props, split_run_in
from ideodesk.gui.docprops import (
    CHARS_PER_LINE,
    FAMILIES,
    PLACEHOLDERS,
    PROPS,
    heading_family,
    installed_family,
    props_of,
)
from ideodesk.gui.qt import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPoint,
    QSyntaxHighlighter,
    Qt,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)

if TYPE_CHECKING:
    from ideodesk.gui.doceditor import DocEditor


class Styler(QSyntaxHighlighter):
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


class PageMixin:
    """Fonts, page column, zoom and drawn numbers of :class:`DocEditor`."""

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
