"""ISO/IEC 29500 (Transitional) rules for the WordprocessingML parts the writer builds,
checked without the XSDs (no fetching): the order of children and the required
attributes of every element it writes, in document.xml, styles.xml, the footers, the
font table and the settings (where the missing w:zoom w:percent was the one violation).

The sequences below are copied from the schema's complex types (CT_PPrBase, EG_RPrBase,
CT_SectPr, CT_Style, CT_Font, CT_PBdr …); an element the writer produces that is not
listed for its parent fails, so a new element has to be placed here on purpose.
"""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from ideodesk.export import export_docx
from tests.export import drafts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

PPR = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
SECT = [
    "headerReference/footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]
STYLE = [
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
]
ORDER = {
    "pPr": PPR,
    "rPr": RPR,
    "sectPr": SECT,
    "style": STYLE,
    "pBdr": ["top", "left", "bottom", "right", "between", "bar"],
    "font": [
        "altName",
        "panose1",
        "charset",
        "family",
        "notTrueType",
        "pitch",
        "sig",
        "embedRegular",
        "embedBold",
    ],
    "styles": ["docDefaults", "latentStyles", "style"],
    "docDefaults": ["rPrDefault", "pPrDefault"],
    "r": ["rPr", "br", "t", "tab", "fldChar", "instrText"],  # content elements: any order after rPr
    "p": ["pPr", "r"],
    "tabs": ["tab"],
    "body": ["p", "sectPr"],
}
# The content of a run may come in any order after its rPr.
ANY_ORDER_AFTER_FIRST = {"r"}
REQUIRED = {
    "pStyle": ["val"], "rStyle": ["val"], "name": ["val"], "basedOn": ["val"], "next": ["val"],
    "link": ["val"], "jc": ["val"], "outlineLvl": ["val"], "uiPriority": ["val"], "color": ["val"],
    "sz": ["val"], "szCs": ["val"], "tab": ["val", "pos"], "top": ["val"], "bottom": ["val"],
    "zoom": ["percent"], "font": ["name"], "altName": ["val"], "charset": ["val"], "family": ["val"],
    "pitch": ["val"], "footerReference": ["type", f"{{{R_NS}}}id"], "docGrid": [], "fldChar": ["fldCharType"],
}  # fmt: skip
RPR_SPACING_NEEDS_VAL = True  # w:rPr/w:spacing is CT_SignedTwipsMeasure: w:val required


def local(tag: str) -> str:
    return tag.split("}")[1] if "}" in tag else tag


def _rank(order: list[str], name: str) -> int | None:
    for i, entry in enumerate(order):
        if name in entry.split("/"):
            return i
    return None


def violations(root: etree._Element) -> list[str]:
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{W}}}"):
            continue
        name = local(el.tag)
        parent = el.getparent()
        in_run = name == "tab" and parent is not None and local(parent.tag) == "r"  # CT_Empty there
        for attr in [] if in_run else REQUIRED.get(name, []):
            key = attr if attr.startswith("{") else f"{{{W}}}{attr}"
            if el.get(key) is None:
                out.append(f"<w:{name}> without required {local(key)}")
        if name == "spacing" and local(el.getparent().tag) == "rPr" and el.get(f"{{{W}}}val") is None:
            out.append("<w:rPr/w:spacing> without w:val")
        order = ORDER.get(name)
        if order is None:
            continue
        last = -1
        for child in el:
            if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
                continue
            rank = _rank(order, local(child.tag))
            if rank is None:
                out.append(f"<w:{local(child.tag)}> not allowed in <w:{name}>")
                continue
            if name in ANY_ORDER_AFTER_FIRST and rank > 0:
                rank = 1
            if rank < last:
                out.append(f"<w:{local(child.tag)}> out of order in <w:{name}>")
            last = rank
    return out


CASES = {
    "small": (drafts.small_draft, {}),
    "speech": (lambda: drafts.long_draft(drafts.LONG_TITLE, genre="speech"), {"fonts": "windows"}),
    "traditional": (drafts.long_draft, {"traditional": "s2tw"}),
    "notice": (drafts.issued_draft, {}),
    "report": (lambda: drafts.issued_draft("report", signers=["张三", "李四"], seal=True), {}),
}
PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
         "word/footer1.xml", "word/footer2.xml")  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_written_part_keeps_the_schema_order_and_required_attributes(tmp_path, case):
    make, options = CASES[case]
    path = tmp_path / f"{case}.docx"
    export_docx(make(), path, **options)
    zf = zipfile.ZipFile(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    problems = {part: violations(etree.fromstring(zf.read(part), parser)) for part in PARTS}
    assert not any(problems.values()), {k: v[:5] for k, v in problems.items() if v}


def test_the_checker_catches_what_it_claims_to():
    bad = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:pPr><w:jc w:val="left"/><w:pStyle w:val="x"/>'
        "<w:spacing/></w:pPr><w:r><w:rPr><w:sz/><w:rFonts/></w:rPr></w:r></w:p>"
        "<w:sectPr/><w:p/></w:body><w:zoom/></w:document>"
    )
    found = violations(bad)
    assert "<w:pStyle> out of order in <w:pPr>" in found
    assert "<w:sz> without required val" in found
    assert "<w:rFonts> out of order in <w:rPr>" in found
    assert "<w:p> out of order in <w:body>" in found  # the body's sectPr comes last
    assert "<w:zoom> without required percent" in found
