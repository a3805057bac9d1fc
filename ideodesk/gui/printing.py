"""Print and PDF from the app in the GB/T 9704 page layout, with a page preview.

The document is laid out by Qt (QTextDocument) on an A4 page with the official margins,
three-size (16 pt) body text at a fixed 28.95 pt line pitch with a two-character first
line indent, so the printout matches the exported .docx closely.
"""

from __future__ import annotations

from ideodesk.core.draft import Block, Draft
from ideodesk.export.arrange import SPEAKER, SPEECH_DATE
from ideodesk.export.content import EmptyDraftError, prepare
from ideodesk.export.layout import font_profile
from ideodesk.gui import texts
from ideodesk.gui.qt import Qt, QTextDocument

# millimetres, as DESIGN §6 / GB/T 9704
MARGINS_MM = (28.0, 37.0, 26.0, 35.0)  # left, top, right, bottom
LINE_PT = 28.95
LINES = 22
BODY_PT = 16


def _fonts(fonts: str) -> dict[str, str]:
    p = font_profile(fonts)
    return {"body": p.body, "title": p.title, "heading1": p.headings[0], "heading2": p.headings[1]}


def build_document(draft: Draft, printer, fonts: str = "windows") -> QTextDocument:
    """The draft laid out for the printer's page: block by block, sizes in points."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor

    doc = QTextDocument()
    # QTextDocument lays out in device-independent pixels at 96 per inch; points are 72.
    # The page is exactly 22 lines high, so no line is ever cut by a page boundary.
    px = 96 / 72
    width_pt = (210 - MARGINS_MM[0] - MARGINS_MM[2]) * 72 / 25.4
    doc.setPageSize(QSizeF(width_pt * px, LINES * LINE_PT * px))
    doc.setDocumentMargin(0)
    f = _fonts(fonts)
    cursor = QTextCursor(doc)

    def char(family: str, size: float, bold: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        font = QFont(family)
        font.setPointSizeF(size)
        font.setBold(bold)
        fmt.setFont(font)
        return fmt

    def block(align=Qt.AlignmentFlag.AlignJustify, indent_chars: float = 0.0, right_chars: float = 0.0):
        fmt = QTextBlockFormat()
        fmt.setAlignment(align)
        fmt.setTextIndent(indent_chars * BODY_PT * px)
        fmt.setRightMargin(right_chars * BODY_PT * px)
        fmt.setLineHeight(LINE_PT * px, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        return fmt

    body = char(f["body"], BODY_PT)
    first = True
    for b in _blocks(draft):
        if b.kind in (SPEAKER, SPEECH_DATE):
            fmt, parts = block(Qt.AlignmentFlag.AlignHCenter), [(b.text, char(f["heading2"], BODY_PT))]
        elif b.kind == "title":
            fmt = block(Qt.AlignmentFlag.AlignHCenter)
            fmt.setLineHeight(LINE_PT * 1.4 * px, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            fmt.setBottomMargin(LINE_PT * px)
            parts = [(b.text, char(f["title"], 22))]
        elif b.kind == "addressee":
            fmt, parts = block(), [(b.text, body)]
        elif b.kind in ("issuer", "date"):
            fmt, parts = block(Qt.AlignmentFlag.AlignRight, right_chars=2), [(b.text, body)]
        else:
            family = f["heading1"] if b.level == 1 else f["heading2"] if b.level == 2 else f["body"]
            head = char(family, BODY_PT)
            fmt = block(indent_chars=2)
            if b.kind == "heading":
                parts = [(b.text, head)]
            else:
                parts = [(b.text[: b.head_len], head), (b.text[b.head_len :], body)]
        if first:
            cursor.setBlockFormat(fmt)
            first = False
        else:
            cursor.insertBlock(fmt)
        for text, cfmt in parts:
            if text:
                cursor.insertText(text.replace("\n", "\u2028"), cfmt)  # a line break, not a new block
    return doc


def _blocks(draft: Draft) -> tuple[Block, ...]:
    """The paragraphs as the .docx export arranges them (the speech byline, dates, title
    and 署名 lines), so print and PDF follow the same rules."""
    try:
        return prepare(draft).blocks
    except EmptyDraftError:
        return ()


def make_printer():
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(*MARGINS_MM),
        QPageLayout.Unit.Millimeter,
    )
    printer.setPageLayout(layout)
    return printer


def print_to(draft: Draft, printer, fonts: str = "windows") -> None:
    """Paint the pages ourselves on the full sheet: the text block at the margins, the
    page number 7 mm below it (``— N —``, odd pages right and even pages left)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QPainter

    doc = build_document(draft, printer, fonts)
    page = doc.pageSize()
    px = 96 / 72
    mm = 72 / 25.4 * px  # one millimetre in document units
    printer.setFullPage(True)
    painter = QPainter(printer)
    sheet = printer.paperRect(printer.Unit.DevicePixel)
    painter.scale(sheet.width() / (210 * mm), sheet.width() / (210 * mm))
    number_font = QFont(font_profile(fonts).page_number)
    number_font.setPixelSize(round(14 * px))  # in document units, like everything drawn here
    left, top = MARGINS_MM[0] * mm, MARGINS_MM[1] * mm
    for i in range(doc.pageCount()):
        if i:
            printer.newPage()
        painter.save()
        painter.translate(left, top - i * page.height())
        doc.drawContents(painter, QRectF(0, i * page.height(), page.width(), page.height()))
        painter.restore()
        painter.setFont(number_font)
        box = QRectF(
            left + BODY_PT * px, top + page.height() + 7 * mm, page.width() - 2 * BODY_PT * px, 12 * mm
        )
        align = Qt.AlignmentFlag.AlignRight if i % 2 == 0 else Qt.AlignmentFlag.AlignLeft
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignTop), f"— {i + 1} —")
    painter.end()


def export_pdf(draft: Draft, path: str, fonts: str = "windows") -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    print_to(draft, printer, fonts)


def preview(draft: Draft, parent=None, fonts: str = "windows"):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(texts.PRINT_PREVIEW_TITLE)
    dialog.paintRequested.connect(lambda p: print_to(draft, p, fonts))
    dialog.resize(900, 1000)
    dialog.exec()
    return dialog
