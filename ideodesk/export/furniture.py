"""Document furniture in the export (GB/T 9704 §7.2–7.4): the 版头 above the title,
附件说明 after the body, 附注 under the date, and the 版记 at the foot of an even page.

:func:`blocks` turns a draft's :class:`~ideodesk.core.furniture.Furniture` into blocks
(only the fields its genre offers); :func:`paragraphs` writes one block as
WordprocessingML.  Positions are set in twips from the layout constants, so the
rendering tests can measure them in millimetres.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lxml import etree

from ideodesk.core.draft import Block
from ideodesk.core.furniture import Furniture, normalise_doc_number
from ideodesk.export import layout
from ideodesk.export.arrange import normalise_date
from ideodesk.export.lines import balanced_lines
from ideodesk.export.wml import Font, Para, add_text, paragraph

RED = "FF0000"
MARK_TOP_MM = 35  # 发文机关标志上边缘至版心上边缘
MARK_MAX_PT = 48
MARK_MIN_PT = 36
SEPARATOR_BELOW_MM = 4  # 红色分隔线 below the 发文字号
SEPARATOR_EIGHTHS = 8  # 1 pt (≈ 0.35 mm) red line
RECORD_THICK = 8  # 版记 outer lines: 1 pt ≈ 0.35 mm (eighths of a point)
RECORD_THIN = 6  # inner line: 0.75 pt ≈ 0.25 mm
RECORD_PT = 14  # 版记 text 四号
RECORD_CHAR = RECORD_PT * layout.TWIPS_PER_PT  # 左右各空一字 of the 四号 text
RECORD_PITCH = RECORD_CHAR + layout.CHAR_SPACING
# Calibrated on LibreOffice's rendering (tests/export/test_furniture.py): the ink of a
# CJK glyph in an exact line starts this far below the line's top, per point of size.
GLYPH_TOP_PER_PT = 0.05
# … the red line's distance from the 发文字号's ink, less the border's own offset.
SEPARATOR_OFFSET_PT = 5.3
# … and LibreOffice sets a bordered paragraph this much taller than its lines and rules.
RECORD_BORDER_EXTRA = layout.mm(2)

HEAD_KINDS = ("copy_number", "secrecy", "urgency", "mark", "doc_number")
KINDS = (
    *HEAD_KINDS,
    "attachment",
    "note",
    "attachment_label",
    "attachment_title",
    "record_cc",
    "record_printer",
)

_ATTACHMENT_RE = re.compile(r"(附件：)?(\d+\.)?")


@dataclass(frozen=True)
class Placed:
    head: list[Block]
    attachments: list[Block]
    tail: list[Block]  # after the date: 附注, then a page for each attachment
    record: list[Block]


def blocks(furniture: Furniture, offered: tuple[str, ...] | None) -> Placed:
    """The furniture's blocks; ``offered`` is the genre's field list (None: all)."""
    f = _only_offered(furniture, offered)
    head = [
        Block(kind, text)
        for kind, text in (
            ("copy_number", f.copy_number.zfill(6) if f.copy_number else ""),
            ("secrecy", f.secrecy),
            ("urgency", f.urgency),
            ("mark", f.issuer_mark),
            ("doc_number", _doc_number_line(f)),
        )
        if text.strip()
    ]
    names = [a.strip() for a in f.attachments if a.strip()]
    if len(names) == 1:
        attachments = [Block("attachment", f"附件：{names[0]}")]
    else:
        attachments = [
            Block("attachment", ("附件：" if i == 1 else "") + f"{i}.{n}") for i, n in enumerate(names, 1)
        ]
    tail = [Block("note", f"（{f.note.strip()}）")] if f.note.strip() else []
    for i, name in enumerate(names, 1):  # 附件另面编排: label line 1, title line 3, its text
        label = "附件" if len(names) == 1 else f"附件{i}"
        tail += [Block("attachment_label", label), Block("attachment_title", name), Block("body", "")]
    record = []
    if f.cc.strip():
        record.append(Block("record_cc", f"抄送：{f.cc.strip().rstrip('。')}。"))
    if f.printer.strip():
        date = normalise_date(f.print_date.strip())
        record.append(Block("record_printer", f.printer.strip() + (f"\t{date}印发" if date else "")))
    return Placed(head, attachments, tail, record)


def _only_offered(furniture: Furniture, offered: tuple[str, ...] | None) -> Furniture:
    if offered is None:
        return furniture
    values = {name: getattr(furniture, name) for name in offered if hasattr(furniture, name)}
    return Furniture(**values)


def _doc_number_line(f: Furniture) -> str:
    number = normalise_doc_number(f.doc_number) if f.doc_number.strip() else ""
    signers = [s.strip() for s in f.signers if s.strip()]
    if signers:  # 上行文: 发文字号 左空一字, 签发人 右空一字 on the same line
        return f"　{number}\t签发人：{'　'.join(signers)}"
    return number


# ------------------------------------------------------------------ geometry
def mark_size(text: str) -> tuple[int, list[str]]:
    """Font size (pt) and lines of the 发文机关标志: as large as fits, down to 36 pt,
    then broken between words into balanced lines."""
    width_pt = layout.BLOCK_WIDTH / layout.TWIPS_PER_PT
    chars = max(layout.text_width_chars(text), 1)
    size = min(MARK_MAX_PT, math.floor(width_pt / chars) - 2)  # LibreOffice wraps a full line
    if size >= MARK_MIN_PT:
        return size, [text]
    per_line = math.floor(width_pt / MARK_MIN_PT) - 1
    return MARK_MIN_PT, balanced_lines(text, per_line)


def record_lines(text: str, prefix: float) -> int:
    """Lines a 版记 paragraph takes: 四号 characters in the block less 左右各空一字, wrapped
    lines aligned after the ``prefix`` (抄送：)."""
    per_line = (layout.BLOCK_WIDTH - 2 * RECORD_CHAR) // RECORD_PITCH
    width = layout.text_width_chars(text.split("\t")[0])
    if width <= per_line:
        return 1
    return 1 + math.ceil((width - per_line) / (per_line - prefix))


# ------------------------------------------------------------------ XML
class FurnitureWriter:
    """Writes the furniture blocks of one document (the head lines counted as they come)."""

    def __init__(self, profile: layout.FontProfile, record: list[Block]) -> None:
        self.profile = profile
        self.head_lines = 0  # grid lines used above the 发文机关标志
        self.record = record

    def paragraph(self, block: Block, last_head: bool) -> list[etree._Element]:
        kind = block.kind
        if kind in ("copy_number", "secrecy", "urgency"):
            self.head_lines += 1
            font = None if kind == "copy_number" else Font(font=self.profile.headings[0])
            return [
                self._line(
                    Para(left=0, no_first_line=True, jc="left", **self._separator(last_head)),
                    block.text,
                    font,
                )
            ]
        if kind == "mark":
            return [self._mark(block.text, last_head)]
        if kind == "doc_number":
            return [self._doc_number(block.text)]
        if kind == "attachment":
            return [self._attachment(block.text)]
        if kind == "note":  # 附注: 居左空二字, as 正文
            return [self._line(Para(), block.text)]
        if kind == "attachment_label":  # 3号黑体, 顶格, 版心左上角第一行
            spec = Para(
                page_break_before=True, after=layout.LINE_PITCH, left=0, no_first_line=True, jc="left"
            )
            return [self._line(spec, block.text, Font(font=self.profile.headings[0]))]
        if kind == "attachment_title":  # centred on the third line, like the document's title
            lines = balanced_lines(block.text, layout.TITLE_CHARS_PER_LINE)
            return [self._line(Para(style="Title"), "\n".join(lines))]
        return self._record(block)

    @staticmethod
    def _line(spec: Para, text: str, font: Font | None = None) -> etree._Element:
        p = paragraph(spec)
        add_text(p, text, font)
        return p

    @staticmethod
    def _separator(last_head: bool, text_pt: int = layout.BODY_PT) -> dict:
        if not last_head:
            return {}
        # The red line 4 mm below the last line of the 版头, across the text block.
        space_pt = round(SEPARATOR_BELOW_MM * 72 / 25.4 - SEPARATOR_OFFSET_PT)
        return {"border_bottom": (SEPARATOR_EIGHTHS, RED, space_pt), "after": 2 * layout.LINE_PITCH}

    def _mark(self, text: str, last_head: bool) -> etree._Element:
        size, lines = mark_size(text)
        line = size * layout.TWIPS_PER_PT
        top = layout.mm(MARK_TOP_MM) - self.head_lines * layout.LINE_PITCH
        before = max(0, top - round(GLYPH_TOP_PER_PT * size * layout.TWIPS_PER_PT))
        spec = Para(
            before=before,
            line=round(line * 1.1),
            left=0,
            no_first_line=True,
            jc="center",
            **self._separator(last_head),
        )
        return self._line(
            spec, "\n".join(lines), Font(font=self.profile.title, color=RED, size=size * 2, spacing=0)
        )

    def _doc_number(self, text: str) -> etree._Element:
        # 发文机关标志下空二行; the tab stop puts 签发人 右空一字.
        spec = Para(
            before=2 * layout.LINE_PITCH,
            left=0,
            no_first_line=True,
            jc="left" if "\t" in text else "center",
            tab_right=layout.BLOCK_WIDTH - layout.CHAR_PITCH,
            **self._separator(True),
        )
        p = paragraph(spec)
        number, _, signers = text.partition("\t")
        add_text(p, number)
        if signers:
            label, _, names = signers.partition("：")
            add_text(p, "\t" + label + "：")
            add_text(p, names, Font(font=self.profile.headings[1]))  # 签发人姓名 楷体
        return p

    @staticmethod
    def _attachment(text: str) -> etree._Element:
        # 附件：1.名称 — wrapped lines align with the first character of the name.
        m = _ATTACHMENT_RE.match(text)
        number = layout.text_width_chars(m.group(2) or "")
        indent = layout.FIRST_LINE_INDENT_CHARS
        first = indent if m.group(1) else indent + layout.text_width_chars("附件：")
        left = indent + layout.text_width_chars("附件：") + number
        spec = Para(
            before=layout.LINE_PITCH if m.group(1) else None,  # 正文下空一行
            left=round(left * layout.CHAR_PITCH),
            hanging=round((left - first) * layout.CHAR_PITCH),
            jc="left",
        )
        p = paragraph(spec)
        add_text(p, text)
        return p

    def _record(self, block: Block) -> list[etree._Element]:
        out = []
        first, last = self.record[0] is block, self.record[-1] is block
        if first:  # the 版记 page: its own section starting on an even page, filled
            lines = sum(record_lines(b.text, 3 if b.kind == "record_cc" else 0) for b in self.record)
            # The lines' own widths add to the paragraphs' heights.
            borders = (2 * RECORD_THICK + (len(self.record) - 1) * RECORD_THIN) * layout.TWIPS_PER_PT // 8
            filler = (layout.LINES_PER_PAGE - lines) * layout.LINE_PITCH - borders
            out.append(self._line(Para(line=filler - RECORD_BORDER_EXTRA, left=0, no_first_line=True), ""))
        prefix = 3 * RECORD_PITCH if block.kind == "record_cc" else 0
        spec = Para(
            border_top=(RECORD_THICK, "000000", 0) if first else None,
            border_bottom=(RECORD_THICK if last else RECORD_THIN, "000000", 0),
            line=layout.LINE_PITCH,
            left=RECORD_CHAR + prefix,
            right=RECORD_CHAR,
            hanging=prefix,
            jc="left",
            tab_right=layout.BLOCK_WIDTH - RECORD_CHAR,
        )
        out.append(self._line(spec, block.text, Font(spacing=layout.CHAR_SPACING, size=RECORD_PT * 2)))
        return out
