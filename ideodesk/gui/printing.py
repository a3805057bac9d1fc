"""Print and PDF from the app in the GB/T 9704 page layout, with a page preview.

The document is laid out by Qt (QTextDocument) on an A4 page with the official margins,
three-size (16 pt) body text at a fixed 28.95 pt line pitch with a two-character first
line indent, so the printout matches the exported .docx closely.
"""

from __future__ import annotations

import html

from ideodesk.core.draft import Draft
from ideodesk.export.layout import font_profile
from ideodesk.gui.qt import QTextDocument

# millimetres, as DESIGN §6 / GB/T 9704
MARGINS_MM = (28.0, 37.0, 26.0, 35.0)  # left, top, right, bottom
LINE_PT = 28.95
BODY_PT = 16


def document_html(draft: Draft, fonts: str = "windows") -> str:
    f = _fonts(fonts)
    para = f"margin:0; line-height:{LINE_PT}pt; font-size:{BODY_PT}pt; font-family:'{f['body']}'"
    out = []
    for b in draft.filled().blocks():
        t = html.escape(b.text)
        if b.kind == "title":
            out.append(
                f'<p align="center" style="margin:0 0 {LINE_PT}pt 0; font-size:22pt; '
                f"font-family:'{f['title']}'\">{t}</p>"
            )
        elif b.kind == "addressee":
            out.append(f'<p style="{para}">{t}</p>')
        elif b.kind in ("issuer", "date"):
            out.append(f'<p align="right" style="{para}; margin-right:{2 * BODY_PT}pt">{t}</p>')
        elif b.kind == "heading":
            family = f["heading1"] if b.level == 1 else f["heading2"] if b.level == 2 else f["body"]
            out.append(f"<p style=\"{para}; text-indent:{2 * BODY_PT}pt; font-family:'{family}'\">{t}</p>")
        elif b.head_len:
            family = f["heading1"] if b.level == 1 else f["heading2"] if b.level == 2 else f["body"]
            head, rest = html.escape(b.text[: b.head_len]), html.escape(b.text[b.head_len :])
            out.append(
                f'<p style="{para}; text-indent:{2 * BODY_PT}pt"><span style="font-family:\'{family}\'">'
                f"{head}</span>{rest}</p>"
            )
        else:
            out.append(f'<p style="{para}; text-indent:{2 * BODY_PT}pt">{t}</p>')
    return "".join(out)


def _fonts(fonts: str) -> dict[str, str]:
    p = font_profile(fonts)
    return {"body": p.body, "title": p.title, "heading1": p.headings[0], "heading2": p.headings[1]}


def build_document(draft: Draft, printer, fonts: str = "windows") -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(document_html(draft, fonts))
    doc.setPageSize(printer.pageRect(printer.Unit.Point).size())
    doc.setDocumentMargin(0)
    return doc


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
    build_document(draft, printer, fonts).print_(printer)


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
    dialog.setWindowTitle("打印预览")
    dialog.paintRequested.connect(lambda p: print_to(draft, p, fonts))
    dialog.resize(900, 1000)
    dialog.exec()
    return dialog
