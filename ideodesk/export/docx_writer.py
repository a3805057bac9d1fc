"""The .docx writer: python-docx's package with our own styles (:mod:`.styles`), page
setup and footers.

Formatting lives in named paragraph styles, so the document XML stays small.
Paragraphs are built directly as WordprocessingML: going through python-docx's proxies
per paragraph costs more than the whole export.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import math
from collections.abc import Callable
from typing import BinaryIO, ClassVar

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from lxml import etree

from ideodesk import __version__
from ideodesk.core.draft import Block
from ideodesk.export import furniture, layout
from ideodesk.export.arrange import SPEAKER, SPEECH_DATE
from ideodesk.export.content import Content
from ideodesk.export.furniture import FurnitureWriter
from ideodesk.export.styles import (
    STYLE_ADDRESSEE,
    STYLE_BYLINE,
    STYLE_DATE,
    STYLE_HEADING_CHARS,
    STYLE_HEADINGS,
    STYLE_ISSUER,
    STYLE_PAGE_NUMBER,
    STYLE_TITLE,
    W_NS,
    font_table_xml,
    styles_xml,
)
from ideodesk.export.wml import Font, Para, add_text, paragraph, w

# Template parts an export does not use: Word 2010's copy of the styles (full of theme
# fonts), the template's bullet and list definitions, its bibliography sources.
_UNUSED_PARTS = {
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.NUMBERING,
    RT.CUSTOM_XML,
}
CORE_PROPERTY_MAX = 255  # python-docx refuses longer core properties (title, subject, …)
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>IdeoDesk {__version__}</Application><DocSecurity>0</DocSecurity></Properties>"
).encode()


class DocxWriter:
    """Collects the blocks of one document; :meth:`save` writes the package."""

    def __init__(
        self, profile: layout.FontProfile, content: Content, now: _dt.datetime | None = None
    ) -> None:
        self.profile = profile
        self.doc = docx.Document()
        self._body = self.doc.element.body
        self._sect = self._body.sectPr
        issuer = next((b.text for b in content.blocks if b.kind == "issuer"), "")
        date = next((b.text for b in content.blocks if b.kind == "date"), "")
        geometry = layout.seal_geometry if content.seal else layout.signature_geometry
        self._signature = geometry(issuer, date)
        self._seal = content.seal
        record = [b for b in content.blocks if b.kind in ("record_cc", "record_printer")]
        self._furniture = FurnitureWriter(profile, record)
        heads = [i for i, b in enumerate(content.blocks, 1) if b.kind in furniture.HEAD_KINDS]
        self._last_head = max(heads, default=0)
        self._has_issuer = bool(issuer)
        kinds = [b.kind for b in content.blocks]
        self._byline = SPEAKER in kinds or SPEECH_DATE in kinds
        self._last_byline = max((i for i, k in enumerate(kinds, 1) if k in (SPEAKER, SPEECH_DATE)), default=0)
        self._keep = _kept_with_signature(content.blocks)
        self._index = 0
        self._setup_package(content.title, now or _dt.datetime.now(_dt.timezone.utc))
        self._setup_page()

    # ------------------------------------------------------------ package
    def _setup_package(self, title: str, now: _dt.datetime) -> None:
        doc, part = self.doc, self.doc.part
        styles = doc.styles.element
        for child in list(styles):
            styles.remove(child)
        for child in parse_xml(styles_xml(self.profile)):
            styles.append(child)
        for rid, rel in list(part.rels.items()):
            if rel.reltype in _UNUSED_PARTS:
                del part.rels[rid]
            elif rel.reltype == RT.FONT_TABLE:
                rel.target_part._blob = font_table_xml(self.profile)
        pkg_rels = part.package.rels
        for rid, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # the template's preview would show in Explorer
                del pkg_rels[rid]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = APP_XML
        self._setup_settings()
        props = doc.core_properties
        props.title = title[:CORE_PROPERTY_MAX]  # the body keeps the whole title
        props.author = props.last_modified_by = props.comments = ""
        props.language = "zh-CN"
        props.created = props.modified = now.replace(tzinfo=None, microsecond=0)
        props.revision = 1

    def _setup_settings(self) -> None:
        settings = self.doc.settings
        settings.odd_and_even_pages_header_footer = True
        el = settings.element
        for node in el.findall(w("savePreviewPicture")):
            el.remove(node)
        for node in el.iter(w("compatSetting")):
            if node.get(w("name")) == "compatibilityMode":
                node.set(w("val"), "15")  # Word 2013+: no "[兼容模式]" in the title bar
        for node in el.findall(w("zoom")):
            node.set(w("percent"), "100")  # required by ISO 29500 (CT_Zoom)
        for node in el.findall(w("themeFontLang")):
            node.set(w("eastAsia"), "zh-CN")

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        for footer, side in (
            (section.footer, "right"),  # odd pages: 右空一字 (Word's "default" footer)
            (section.even_page_footer, "left"),  # even pages: 左空一字
        ):
            ftr = footer.part.element
            for child in list(ftr):
                ftr.remove(child)
            ftr.append(_page_number_paragraph(side))
        sect = self._sect
        for tag in ("pgSz", "pgMar", "cols", "docGrid"):
            for node in sect.findall(w(tag)):
                sect.remove(node)
        for key in list(sect.attrib):
            del sect.attrib[key]  # rsids of the template
        sect.append(
            parse_xml(f'<w:pgSz xmlns:w="{W_NS}" w:w="{layout.PAGE_WIDTH}" w:h="{layout.PAGE_HEIGHT}"/>')
        )
        sect.append(
            parse_xml(
                f'<w:pgMar xmlns:w="{W_NS}" w:top="{layout.MARGIN_TOP}" w:right="{layout.MARGIN_RIGHT}" '
                f'w:bottom="{layout.MARGIN_BOTTOM}" w:left="{layout.MARGIN_LEFT}" '
                f'w:header="{layout.HEADER_DISTANCE}" w:footer="{layout.FOOTER_DISTANCE}" w:gutter="0"/>'
            )
        )
        sect.append(parse_xml(f'<w:cols xmlns:w="{W_NS}" w:space="425"/>'))
        # A line grid only: 22 lines a page.  No w:charSpace — negative values break
        # LibreOffice; the 28 characters come from the character squeeze instead.
        sect.append(
            parse_xml(f'<w:docGrid xmlns:w="{W_NS}" w:type="lines" w:linePitch="{layout.LINE_PITCH}"/>')
        )

    # ------------------------------------------------------------- blocks
    def add(self, block: Block) -> None:
        self._index += 1
        if block.kind in furniture.KINDS:
            if self._furniture.record and block is self._furniture.record[0]:
                self._section_break()
            for p in self._furniture.paragraph(block, self._index == self._last_head):
                self._sect.addprevious(p)
            return
        keep = self._index in self._keep
        p = self._ADD[block.kind](self, block, keep)
        self._sect.addprevious(p)

    def _section_break(self) -> None:
        """The 版记 gets a section of its own that starts on an even page (Word and
        LibreOffice insert the blank page when the text ends on an even page)."""
        p = etree.Element(w("p"))
        etree.SubElement(p, w("pPr")).append(copy.deepcopy(self._sect))
        self._sect.addprevious(p)
        kind = etree.Element(w("type"))
        kind.set(w("val"), "evenPage")
        self._sect.find(w("pgSz")).addprevious(kind)

    def _title(self, block: Block, keep: bool) -> etree._Element:
        # With a byline below, the blank line moves under the byline.
        p = paragraph(Para(STYLE_TITLE, after=0 if self._byline else None))
        add_text(p, block.text)
        return p

    def _styled(self, style: str, block: Block, keep: bool) -> etree._Element:
        p = paragraph(Para(style, keep_next=keep, widow_control=True if keep else None))
        add_text(p, block.text)
        return p

    def _body(self, block: Block, keep: bool) -> etree._Element:
        # The paragraph before the 署名 keeps its last lines (two at least) with it,
        # so no page holds only the 落款.
        level = _level(block)
        spec = Para(
            keep_next=keep,
            widow_control=True if keep else None,
            outline=level - 1 if block.head_len else None,
        )
        p = paragraph(spec)
        if block.head_len:
            # Run-in heading: body text at the section's outline level (so the
            # navigation pane lists it); only the heading sentence takes the heading
            # font, through the linked character style.
            add_text(p, block.text[: block.head_len], Font(style=STYLE_HEADING_CHARS[level - 1]))
        add_text(p, block.text[block.head_len :])
        return p

    def _heading(self, block: Block, keep: bool) -> etree._Element:
        return self._styled(STYLE_HEADINGS[_level(block) - 1], block, keep)

    def _byline_line(self, block: Block, keep: bool) -> etree._Element:
        last = self._index == self._last_byline
        p = paragraph(Para(STYLE_BYLINE, after=layout.LINE_PITCH if last else None))
        add_text(p, block.text)
        return p

    def _issuer(self, block: Block, keep: bool) -> etree._Element:
        sig = self._signature
        # 加盖印章: 空二行 above, room for the seal to reach within a line of the text
        before = 2 * layout.LINE_PITCH if self._seal else None
        spec = Para(
            STYLE_ISSUER, before=before, left=sig.issuer_left, right=sig.issuer_right, jc=sig.issuer_jc
        )
        p = paragraph(spec)
        add_text(p, block.text, Font(spacing=sig.squeeze) if sig.squeeze is not None else None)
        return p

    def _date(self, block: Block, keep: bool) -> etree._Element:
        sig = self._signature
        # 空一行 above the date when there is no signature line to carry it
        before = None if self._has_issuer else layout.LINE_PITCH
        p = paragraph(
            Para(STYLE_DATE, before=before, left=sig.date_left, right=sig.date_right, jc=sig.date_jc)
        )
        add_text(p, block.text)
        return p

    _ADD: ClassVar[dict[str, Callable[[DocxWriter, Block, bool], etree._Element]]] = {
        "title": _title,
        "addressee": lambda self, b, keep: self._styled(STYLE_ADDRESSEE, b, keep),
        "heading": _heading,
        "body": _body,
        SPEAKER: _byline_line,
        SPEECH_DATE: _byline_line,
        "issuer": _issuer,
        "date": _date,
    }

    # ------------------------------------------------------------- output
    def save(self, file: BinaryIO) -> None:
        _strip_theme_fonts(self.doc)
        # Zip in memory, then one write: a disk that fills up mid-write then fails in
        # our write call, not inside zipfile (whose half-closed archive would complain
        # again when it is garbage-collected).
        buffer = io.BytesIO()
        self.doc.save(buffer)
        file.write(buffer.getbuffer())


def _page_number_paragraph(side: str) -> etree._Element:
    """``— N —`` aligned to ``side``, one 四号 character in from the text block's edge."""
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return parse_xml(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="{STYLE_PAGE_NUMBER}"/>'
        f'<w:ind w:{side}Chars="100" w:{side}="{layout.PAGE_NUMBER_INDENT}"/>'
        f'<w:jc w:val="{side}"/></w:pPr>'
        f"{run.format('— ')}{field}{run.format(' —')}</w:p>"
    )


KEEP_LINES_WITH_SIGNATURE = 2


def _kept_with_signature(blocks: tuple[Block, ...]) -> set[int]:
    """1-based indices of the paragraphs kept with the 署名: the last ones before it,
    until they make at least two lines (so no page holds only the 落款)."""
    kinds = [b.kind for b in blocks]
    if "issuer" in kinds:
        at = kinds.index("issuer")
    elif "date" in kinds:
        at = kinds.index("date")
    else:
        return set()
    keep, lines = set(), 0
    for i in range(at - 1, -1, -1):
        if blocks[i].kind not in ("body", "heading", "attachment") or lines >= KEEP_LINES_WITH_SIGNATURE:
            break
        width = layout.FIRST_LINE_INDENT_CHARS + layout.text_width_chars(blocks[i].text)
        lines += math.ceil(width / layout.CHARS_PER_LINE)
        keep.add(i + 1)
    return keep


def _level(block: Block) -> int:
    return min(max(block.level, 1), 4)


def _strip_theme_fonts(document: docx.document.Document) -> None:
    """Remove theme-font attributes wherever they remain (a theme font overrides the
    named font in Word and LibreOffice, so 仿宋_GB2312 would silently become 等线)."""
    names = [w(a) for a in _THEME_ATTRS]
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)  # XML parts only
        if element is None:
            continue
        for rfonts in element.iter(w("rFonts")):
            for name in names:
                rfonts.attrib.pop(name, None)
