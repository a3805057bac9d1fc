"""The .docx writer: python-docx's package with our own styles, page setup and footers.

Formatting lives in named paragraph styles (正文 = Normal, 标题 1–4, 标题, 主送机关,
发文机关署名, 成文日期, 页码), so the document XML stays small and a clerk who must
adjust something changes one style in Word rather than every paragraph.  Styles and
paragraphs are built directly as WordprocessingML: python-docx's API has no setter for
w:eastAsia, character-unit indents, outline levels or the line grid, and going through
its proxies per paragraph costs more than the whole export.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from lxml import etree

from ideodesk import __version__
from ideodesk.core.draft import Block
from ideodesk.export import layout
from ideodesk.export.content import Content

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Template parts an export does not use: Word 2010's copy of the styles (full of theme
# fonts), the template's bullet and list definitions, its bibliography sources.
_UNUSED_PARTS = {
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.NUMBERING,
    RT.CUSTOM_XML,
}
CORE_PROPERTY_MAX = 255  # python-docx refuses longer core properties (title, subject, …)
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _a(value: object) -> str:
    return quoteattr(str(value))


def _fonts(name: str) -> str:
    """All four font slots, East Asian included: Word picks the slot by character class,
    and a slot left empty falls back to the theme font (Calibri / 等线)."""
    n = _a(name)
    return f'<w:rFonts w:ascii={n} w:eastAsia={n} w:hAnsi={n} w:cs={n} w:hint="eastAsia"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _indent_chars(chars: float) -> tuple[int, int]:
    """(hundredths of a character for Word, twips for LibreOffice and older readers)."""
    return round(chars * 100), round(chars * layout.CHAR_PITCH)


# Paragraph style ids.  Headings use Word's built-in ids so Word treats them as
# headings (navigation pane, table of contents) and shows its localised names.
STYLE_TITLE = "Title"
STYLE_HEADINGS = ("Heading1", "Heading2", "Heading3", "Heading4")
STYLE_HEADING_CHARS = ("Heading1Char", "Heading2Char", "Heading3Char", "Heading4Char")
STYLE_ADDRESSEE = "IdeoAddressee"
STYLE_ISSUER = "IdeoSignature"
STYLE_DATE = "IdeoDate"
STYLE_PAGE_NUMBER = "IdeoPageNumber"


def styles_xml(profile: layout.FontProfile) -> str:
    """styles.xml: defaults, 正文 and the styles of every block kind (DESIGN §6)."""
    body_pt2 = layout.BODY_PT * 2
    first, first_twips = _indent_chars(layout.FIRST_LINE_INDENT_CHARS)
    no_indent = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    blank_line = layout.LINE_PITCH  # "空一行" is one line of the grid
    headings = []
    for level, (font, sid, cid) in enumerate(
        zip(profile.headings, STYLE_HEADINGS, STYLE_HEADING_CHARS, strict=True), start=1
    ):
        headings.append(
            f'<w:style w:type="paragraph" w:styleId="{sid}">'
            f'<w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
            f'<w:link w:val="{cid}"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
            f"<w:rPr>{_fonts(font)}</w:rPr></w:style>"
            # The linked character style is what Word applies when a heading style is
            # given to part of a paragraph: exactly a run-in heading sentence.
            f'<w:style w:type="character" w:customStyle="1" w:styleId="{cid}">'
            f'<w:name w:val="Heading {level} Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
            f'<w:link w:val="{sid}"/><w:uiPriority w:val="9"/>'
            f"<w:rPr>{_fonts(font)}</w:rPr></w:style>"
        )
    title_bold = "<w:b/><w:bCs/>" if profile.title_bold else ""
    return (
        f'<w:styles xmlns:w="{W_NS}">'
        "<w:docDefaults>"
        f"<w:rPrDefault><w:rPr>{_fonts(profile.body)}{_size(body_pt2)}"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
        # 正文.  No widow/orphan control: it would leave pages short of 22 lines.  No
        # extra space between Chinese and digits (Word; LibreOffice ignores the
        # setting): it breaks the 28-character grid.  overflowPunct="1" is Word's own
        # default, stated because LibreOffice reads a missing or "0" value as hanging
        # punctuation and then drops a line-end "、" from the page; with "1" it wraps
        # by the 避头尾 rules.  Exact spacing without grid snapping: every line is
        # 28.95 pt whatever its font, where snapping lets a tall glyph (the 22 pt title,
        # a fallback font) take two grid lines in LibreOffice.
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>'
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:adjustRightInd w:val="0"/>'
        '<w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{layout.LINE_PITCH}" w:lineRule="exact"/>'
        f'<w:ind w:firstLineChars="{first}" w:firstLine="{first_twips}"/>'
        '<w:jc w:val="both"/></w:pPr>'
        f'<w:rPr>{_fonts(profile.body)}<w:spacing w:val="{layout.CHAR_SPACING}"/>{_size(body_pt2)}</w:rPr>'
        "</w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>"
        # 标题: centred, 空一行 below it (to the addressee or the first paragraph).
        f'<w:style w:type="paragraph" w:styleId="{STYLE_TITLE}">'
        '<w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="10"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="{blank_line}"/>{no_indent}'
        '<w:jc w:val="center"/></w:pPr>'
        f"<w:rPr>{_fonts(profile.title)}{title_bold}{_size(layout.TITLE_PT * 2)}</w:rPr></w:style>"
        + "".join(headings)
        + f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{STYLE_ADDRESSEE}">'
        '<w:name w:val="主送机关"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f"<w:pPr><w:keepNext/>{no_indent}</w:pPr></w:style>"
        # 署名 and 成文日期: where they start depends on both texts, so the left indent
        # is set on the paragraphs.  空一行 above the signature.
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{STYLE_ISSUER}">'
        '<w:name w:val="发文机关署名"/><w:basedOn w:val="Normal"/><w:next w:val="IdeoDate"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{blank_line}"/>{no_indent}'
        '<w:jc w:val="left"/></w:pPr></w:style>'
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{STYLE_DATE}">'
        '<w:name w:val="成文日期"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:keepLines/>{no_indent}<w:jc w:val="left"/></w:pPr></w:style>'
        # 页码: 宋体 四号, one line exactly one em high so its position is computable.
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{STYLE_PAGE_NUMBER}">'
        '<w:name w:val="页码"/><w:qFormat/>'
        '<w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{layout.PAGE_NUMBER_PT * 20}" w:lineRule="exact"/>'
        '<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>'
        f"<w:rPr>{_fonts(profile.page_number)}{_size(layout.PAGE_NUMBER_PT * 2)}</w:rPr></w:style>"
        "</w:styles>"
    )


def font_table_xml(profile: layout.FontProfile) -> bytes:
    """fontTable.xml naming each font with charset GB2312 and, for the GB2312-era
    faces, the Windows name Word should try when the font is not installed."""
    names = dict.fromkeys(
        [profile.body, profile.title, *profile.headings, profile.page_number, *layout.ALT_FONT_NAMES.values()]
    )
    fonts = []
    for name in names:
        alt = layout.ALT_FONT_NAMES.get(name)
        alt_xml = f"<w:altName w:val={_a(alt)}/>" if alt else ""
        family = "modern" if "黑" in name else "roman"
        fonts.append(
            f"<w:font w:name={_a(name)}>{alt_xml}"
            f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    xml = f'<w:fonts xmlns:w="{W_NS}">{"".join(fonts)}</w:fonts>'
    return b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + xml.encode()


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
        self._issuer_at, self._date_at = layout.signature_columns(issuer, date)
        self._has_issuer = bool(issuer)
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
        p = etree.Element(w("p"))
        kind = block.kind
        if kind == "title":
            self._ppr(p, STYLE_TITLE)
            self._text(p, block.text)
        elif kind == "addressee":
            self._ppr(p, STYLE_ADDRESSEE)
            self._text(p, block.text)
        elif kind == "heading":
            self._ppr(p, STYLE_HEADINGS[_level(block) - 1])
            self._text(p, block.text)
        elif kind == "body" and block.head_len:
            # Run-in heading: the paragraph is body text at the section's outline level
            # (so the navigation pane lists it); only the heading sentence takes the
            # heading font, through the linked character style.
            level = _level(block)
            self._ppr(p, None, outline=level - 1)
            self._text(p, block.text[: block.head_len], STYLE_HEADING_CHARS[level - 1])
            self._text(p, block.text[block.head_len :])
        elif kind == "issuer":
            self._ppr(p, STYLE_ISSUER, left_chars=self._issuer_at)
            self._text(p, block.text)
        elif kind == "date":
            self._ppr(
                p,
                STYLE_DATE,
                left_chars=self._date_at,
                # 空一行 above the date when there is no signature line to carry it
                before=None if self._has_issuer else layout.LINE_PITCH,
            )
            self._text(p, block.text)
        else:
            self._text(p, block.text)
        self._sect.addprevious(p)

    @staticmethod
    def _ppr(
        p: etree._Element,
        style: str | None,
        outline: int | None = None,
        left_chars: float | None = None,
        before: int | None = None,
    ) -> None:
        ppr = etree.SubElement(p, w("pPr"))  # children in schema order
        if style:
            etree.SubElement(ppr, w("pStyle")).set(w("val"), style)
        if before is not None:
            etree.SubElement(ppr, w("spacing")).set(w("before"), str(before))
        if left_chars is not None:
            # Twips only: the position is computed on the 15.75 pt character pitch, and a
            # *Chars value would make Word recompute it from the 16 pt font size.
            etree.SubElement(ppr, w("ind")).set(w("left"), str(round(left_chars * layout.CHAR_PITCH)))
        if outline is not None:
            etree.SubElement(ppr, w("outlineLvl")).set(w("val"), str(outline))

    @staticmethod
    def _text(p: etree._Element, text: str, char_style: str | None = None) -> None:
        if not text:
            return
        r = etree.SubElement(p, w("r"))
        if char_style:
            etree.SubElement(etree.SubElement(r, w("rPr")), w("rStyle")).set(w("val"), char_style)
        # Line breaks and tabs are elements of their own in WordprocessingML.
        for i, line in enumerate(text.split("\n")):
            if i:
                etree.SubElement(r, w("br"))
            for j, piece in enumerate(line.split("\t")):
                if j:
                    etree.SubElement(r, w("tab"))
                if piece:
                    t = etree.SubElement(r, w("t"))
                    t.text = piece
                    if piece != piece.strip():
                        t.set(XML_SPACE, "preserve")

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
