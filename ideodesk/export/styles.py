"""The styles and font table of an exported document (DESIGN §6): one named paragraph
style per block kind, so a clerk who must adjust something changes one style in Word.

Built directly as WordprocessingML: python-docx has no setter for w:eastAsia,
character-unit indents, outline levels or the line grid.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ideodesk.export import layout
from ideodesk.export.wml import W_NS


def _a(value: object) -> str:
    return quoteattr(str(value))


def _fonts(name: str, latin: str | None = None) -> str:
    """All four font slots, East Asian included: Word picks the slot by character class,
    and a slot left empty falls back to the theme font (Calibri / 等线)."""
    n, lat = _a(name), _a(latin or name)
    return f'<w:rFonts w:ascii={lat} w:eastAsia={n} w:hAnsi={lat} w:cs={lat} w:hint="eastAsia"/>'


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
STYLE_BYLINE = "IdeoByline"


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
            f"<w:rPr>{_fonts(font, profile.latin)}</w:rPr></w:style>"
            # The linked character style is what Word applies when a heading style is
            # given to part of a paragraph: exactly a run-in heading sentence.
            f'<w:style w:type="character" w:customStyle="1" w:styleId="{cid}">'
            f'<w:name w:val="Heading {level} Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
            f'<w:link w:val="{sid}"/><w:uiPriority w:val="9"/>'
            f"<w:rPr>{_fonts(font, profile.latin)}</w:rPr></w:style>"
        )
    title_bold = "<w:b/><w:bCs/>" if profile.title_bold else ""
    body_fonts = _fonts(profile.body, profile.latin)
    return (
        f'<w:styles xmlns:w="{W_NS}">'
        "<w:docDefaults>"
        f"<w:rPrDefault><w:rPr>{_fonts(profile.body, profile.latin)}{_size(body_pt2)}"
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
        f"<w:rPr>{body_fonts}"
        f'<w:spacing w:val="{layout.CHAR_SPACING}"/>{_size(body_pt2)}</w:rPr>'
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
        f"<w:rPr>{_fonts(profile.title, profile.latin)}{title_bold}"
        f"{_size(layout.TITLE_PT * 2)}</w:rPr></w:style>"
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
        # 讲话人 and 讲话日期 under a speech's title: 楷体, centred.
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{STYLE_BYLINE}">'
        '<w:name w:val="讲话人和日期"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/>{no_indent}<w:jc w:val="center"/></w:pPr>'
        f"<w:rPr>{_fonts(profile.headings[1], profile.latin)}</w:rPr></w:style>"
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
        + ([profile.latin] if profile.latin else [])
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
