"""Small builders for WordprocessingML paragraphs, with children in schema order.

ISO/IEC 29500 fixes the order of a w:pPr's and a w:rPr's children (CT_PPrBase,
CT_RPr); Word refuses a file that breaks it.  Everything the writers set on a paragraph
goes through :func:`paragraph`, so the order is stated once.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class Para:
    """Direct paragraph properties; None leaves the style's value."""

    style: str | None = None
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    widow_control: bool | None = None
    border_top: tuple[int, str, int] | None = None  # (eighths of a point, colour, space pt)
    border_bottom: tuple[int, str, int] | None = None
    tab_right: int | None = None  # a right-aligned tab stop, twips from the left margin
    before: int | None = None  # twips
    after: int | None = None
    line: int | None = None  # exact line height, twips
    left: int | None = None  # twips
    right: int | None = None
    hanging: int | None = None
    no_first_line: bool = False  # cancel 正文's two-character first-line indent
    jc: str | None = None
    outline: int | None = None


def _border(pbdr: etree._Element, side: str, spec: tuple[int, str, int]) -> None:
    size, color, space = spec
    el = etree.SubElement(pbdr, w(side))
    for k, v in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", color)):
        el.set(w(k), v)


def _ppr(p: etree._Element, spec: Para) -> None:
    ppr = etree.SubElement(p, w("pPr"))
    if spec.style:
        etree.SubElement(ppr, w("pStyle")).set(w("val"), spec.style)
    for flag, tag in (
        (spec.keep_next, "keepNext"),
        (spec.keep_lines, "keepLines"),
        (spec.page_break_before, "pageBreakBefore"),
    ):
        if flag:
            etree.SubElement(ppr, w(tag))
    if spec.widow_control is not None:
        etree.SubElement(ppr, w("widowControl")).set(w("val"), "1" if spec.widow_control else "0")
    if spec.border_top or spec.border_bottom:
        pbdr = etree.SubElement(ppr, w("pBdr"))  # top before bottom, as in CT_PBdr
        if spec.border_top:
            _border(pbdr, "top", spec.border_top)
        if spec.border_bottom:
            _border(pbdr, "bottom", spec.border_bottom)
    if spec.tab_right is not None:
        tab = etree.SubElement(etree.SubElement(ppr, w("tabs")), w("tab"))
        tab.set(w("val"), "right")
        tab.set(w("pos"), str(spec.tab_right))
    _spacing(ppr, spec)
    _ind(ppr, spec)
    if spec.jc:
        etree.SubElement(ppr, w("jc")).set(w("val"), spec.jc)
    if spec.outline is not None:
        etree.SubElement(ppr, w("outlineLvl")).set(w("val"), str(spec.outline))


def _spacing(ppr: etree._Element, spec: Para) -> None:
    if spec.before is None and spec.after is None and spec.line is None:
        return
    el = etree.SubElement(ppr, w("spacing"))
    if spec.before is not None:
        el.set(w("before"), str(spec.before))
    if spec.after is not None:
        el.set(w("after"), str(spec.after))
    if spec.line is not None:
        el.set(w("line"), str(spec.line))
        el.set(w("lineRule"), "exact")


def _ind(ppr: etree._Element, spec: Para) -> None:
    if spec.left is None and spec.right is None and spec.hanging is None and not spec.no_first_line:
        return
    # Twips only: positions are computed on the 15.75 pt character pitch, and a *Chars
    # value would make Word recompute them from the 16 pt font size.
    el = etree.SubElement(ppr, w("ind"))
    for key, value in (("left", spec.left), ("right", spec.right), ("hanging", spec.hanging)):
        if value is not None:
            el.set(w(key), str(value))
    if spec.no_first_line and spec.hanging is None:
        el.set(w("firstLineChars"), "0")
        el.set(w("firstLine"), "0")
    elif spec.hanging is not None:
        el.set(w("hangingChars"), "0")  # the twips win (a style's *Chars would override them)
        el.set(w("firstLineChars"), "0")


@dataclass(frozen=True)
class Font:
    """Direct run properties; None leaves the style's value."""

    style: str | None = None
    font: str | None = None
    bold: bool = False
    color: str | None = None
    spacing: int | None = None  # twentieths of a point
    size: int | None = None  # half-points


def _rpr(r: etree._Element, font: Font) -> None:
    if font == Font():
        return
    rpr = etree.SubElement(r, w("rPr"))
    if font.style:
        etree.SubElement(rpr, w("rStyle")).set(w("val"), font.style)
    if font.font:
        fonts = etree.SubElement(rpr, w("rFonts"))
        for slot in ("ascii", "eastAsia", "hAnsi", "cs"):
            fonts.set(w(slot), font.font)
        fonts.set(w("hint"), "eastAsia")
    if font.bold:
        etree.SubElement(rpr, w("b"))
        etree.SubElement(rpr, w("bCs"))
    if font.color:
        etree.SubElement(rpr, w("color")).set(w("val"), font.color)
    if font.spacing is not None:
        etree.SubElement(rpr, w("spacing")).set(w("val"), str(font.spacing))
    if font.size is not None:
        etree.SubElement(rpr, w("sz")).set(w("val"), str(font.size))
        etree.SubElement(rpr, w("szCs")).set(w("val"), str(font.size))


def paragraph(spec: Para | None = None) -> etree._Element:
    p = etree.Element(w("p"))
    if spec is not None and spec != Para():
        _ppr(p, spec)
    return p


def add_text(p: etree._Element, text: str, font: Font | None = None) -> None:
    """One run of ``text``; line breaks and tabs become their own elements."""
    if not text:
        return
    r = etree.SubElement(p, w("r"))
    if font is not None:
        _rpr(r, font)
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
