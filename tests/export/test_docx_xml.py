"""The WordprocessingML the writer produces: reference files, then each rule of
DESIGN §6 stated on its own so a failure names the rule.

Reference files live in ``tests/export/expected/`` (pretty-printed, timestamps
blanked).  After an intended change, regenerate them with
``IDEODESK_UPDATE_EXPECTED=1 python -m pytest tests/export/test_docx_xml.py`` and
review the diff.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ideodesk.core.convert import convert
from ideodesk.export import export_docx, layout
from tests.export import drafts

EXPECTED = Path(__file__).resolve().parent / "expected"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/app.xml",
    "docProps/core.xml",
    "word/_rels/document.xml.rels",
    "word/document.xml",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/footer1.xml",
    "word/footer2.xml",
)
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def canonical(xml: bytes) -> str:
    root = etree.fromstring(xml, _PARSER)
    for node in root.iter("{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified"):
        node.text = "TIMESTAMP"
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.fixture
def exported(tmp_path):
    def make(draft=None, **options) -> zipfile.ZipFile:
        path = tmp_path / "out.docx"
        export_docx(draft or drafts.small_draft(), path, **options)
        return zipfile.ZipFile(path)

    return make


def xml(zf: zipfile.ZipFile, part: str) -> etree._Element:
    return etree.fromstring(zf.read(part), _PARSER)


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("fonts", ["gb2312", "windows"])
def test_parts_match_the_reference_files(exported, part, fonts):
    zf = exported(fonts=fonts)
    got = canonical(zf.read(part))
    ref = EXPECTED / fonts / part.replace("/", "__").replace("[", "").replace("]", "")
    if os.environ.get("IDEODESK_UPDATE_EXPECTED"):
        ref.parent.mkdir(parents=True, exist_ok=True)
        ref.write_text(got, encoding="utf-8")
    assert ref.exists(), f"no reference file {ref.name}; run with IDEODESK_UPDATE_EXPECTED=1"
    assert got == ref.read_text(encoding="utf-8")


def test_the_package_holds_only_what_word_needs(exported):
    names = set(exported().namelist())
    assert set(PARTS) <= names
    # python-docx's template would show its own thumbnail in Explorer, and its
    # stylesWithEffects part is full of theme fonts.
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)


# ------------------------------------------------------------------ page setup
def test_page_is_a4_with_the_gbt9704_margins(exported):
    sect = xml(exported(), "word/document.xml").find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    mm = {k: int(margins.get(w(k))) * 25.4 / 1440 for k in ("top", "bottom", "left", "right")}
    assert mm == pytest.approx({"top": 37, "bottom": 35, "left": 28, "right": 26}, abs=0.02)


def test_line_grid_of_22_lines_without_a_character_grid(exported):
    grid = xml(exported(), "word/document.xml").find(".//w:sectPr/w:docGrid", NS)
    assert grid.get(w("type")) == "lines"
    assert grid.get(w("linePitch")) == str(layout.LINE_PITCH)
    assert grid.get(w("charSpace")) is None  # a negative charSpace breaks LibreOffice


def test_the_numbers_give_22_lines_of_28_characters():
    assert layout.LINE_PITCH == 579  # 28.95 pt
    assert 22 * 28.95 <= 225 / 25.4 * 72 < 22 * 29  # 29 pt would give 21 lines
    assert (
        layout.LINES_PER_PAGE * layout.LINE_PITCH
        <= layout.BLOCK_HEIGHT
        < (layout.LINES_PER_PAGE + 1) * layout.LINE_PITCH
    )
    assert (
        layout.CHARS_PER_LINE * layout.CHAR_PITCH
        <= layout.BLOCK_WIDTH
        < (layout.CHARS_PER_LINE + 1) * layout.CHAR_PITCH
    )


# ------------------------------------------------------------------ styles
def _style(styles, style_id):
    node = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert node is not None, style_id
    return node


def resolved(styles, style_id: str | None, xpath: str, attr: str):
    """An attribute as Word resolves it: the style, its basedOn chain, then docDefaults."""
    while style_id:
        node = _style(styles, style_id)
        found = node.find(xpath, NS)
        if found is not None and found.get(w(attr)) is not None:
            return found.get(w(attr))
        based = node.find("w:basedOn", NS)
        style_id = based.get(w("val")) if based is not None else None
    default = styles.find(f"w:docDefaults//{xpath}", NS)
    return default.get(w(attr)) if default is not None else None


def test_body_is_fangsong_16pt_exactly_28_95pt_justified_with_two_character_indent(exported):
    styles = xml(exported(), "word/styles.xml")
    assert resolved(styles, "Normal", "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert resolved(styles, "Normal", "w:rPr/w:sz", "val") == "32"
    assert resolved(styles, "Normal", "w:pPr/w:spacing", "line") == "579"
    assert resolved(styles, "Normal", "w:pPr/w:spacing", "lineRule") == "exact"
    assert resolved(styles, "Normal", "w:pPr/w:jc", "val") == "both"
    # Both: Word reads the characters, LibreOffice the twips.
    assert resolved(styles, "Normal", "w:pPr/w:ind", "firstLineChars") == "200"
    assert resolved(styles, "Normal", "w:pPr/w:ind", "firstLine") == str(2 * layout.CHAR_PITCH)
    assert resolved(styles, "Normal", "w:rPr/w:spacing", "val") == str(layout.CHAR_SPACING)
    assert resolved(styles, "Normal", "w:pPr/w:widowControl", "val") == "0"


@pytest.mark.parametrize(
    ("fonts", "expected"),
    [
        (
            "gb2312",
            ("方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312", "仿宋_GB2312", "宋体"),
        ),
        ("windows", ("宋体", "黑体", "楷体", "仿宋", "仿宋", "仿宋", "宋体")),
    ],
)
def test_each_role_gets_its_east_asian_font(exported, fonts, expected):
    styles = xml(exported(fonts=fonts), "word/styles.xml")
    roles = ("Title", "Heading1", "Heading2", "Heading3", "Heading4", "Normal", "IdeoPageNumber")
    got = tuple(resolved(styles, s, "w:rPr/w:rFonts", "eastAsia") for s in roles)
    assert got == expected
    # The character styles of run-in headings carry the same fonts as the headings.
    chars = tuple(resolved(styles, f"Heading{n}Char", "w:rPr/w:rFonts", "eastAsia") for n in range(1, 5))
    assert chars == expected[1:5]
    bold = _style(styles, "Title").find("w:rPr/w:b", NS) is not None
    assert bold == (fonts == "windows")  # 宋体 stands in for 小标宋 at its weight


def test_sizes_title_22pt_headings_16pt_page_number_14pt(exported):
    styles = xml(exported(), "word/styles.xml")
    assert resolved(styles, "Title", "w:rPr/w:sz", "val") == "44"
    assert all(resolved(styles, f"Heading{n}", "w:rPr/w:sz", "val") == "32" for n in range(1, 5))
    assert resolved(styles, "IdeoPageNumber", "w:rPr/w:sz", "val") == "28"


def test_east_asian_fonts_everywhere_and_no_theme_fonts_anywhere(exported):
    zf = exported()
    for part in (n for n in zf.namelist() if n.endswith(".xml") and not n.startswith("word/theme")):
        for rfonts in xml(zf, part).iter(w("rFonts")):
            assert rfonts.get(w("eastAsia")), f"{part}: rFonts without w:eastAsia"
            themed = [a for a in rfonts.attrib if "theme" in a.lower()]
            assert not themed, f"{part}: theme font attributes {themed}"


def test_title_is_centred_with_a_blank_line_after_and_no_indent(exported):
    styles = xml(exported(), "word/styles.xml")
    assert resolved(styles, "Title", "w:pPr/w:jc", "val") == "center"
    assert resolved(styles, "Title", "w:pPr/w:spacing", "after") == "579"
    assert resolved(styles, "Title", "w:pPr/w:ind", "firstLine") == "0"
    assert resolved(styles, "Title", "w:pPr/w:ind", "firstLineChars") == "0"
    assert resolved(styles, "Title", "w:pPr/w:outlineLvl", "val") is None  # not in the outline


def test_addressee_is_flush_left(exported):
    styles = xml(exported(), "word/styles.xml")
    assert resolved(styles, "IdeoAddressee", "w:pPr/w:ind", "firstLine") == "0"
    assert resolved(styles, "IdeoAddressee", "w:pPr/w:ind", "left") is None


# ------------------------------------------------------------------ paragraphs
def paragraphs(doc):
    out = []
    for p in doc.iter(w("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        level = p.find("w:pPr/w:outlineLvl", NS)
        run_texts = [
            ("".join(t.text or "" for t in r.iter(w("t"))), r.find("w:rPr/w:rStyle", NS))
            for r in p.iter(w("r"))
        ]
        out.append(
            {
                "style": style.get(w("val")) if style is not None else None,
                "outline": int(level.get(w("val"))) if level is not None else None,
                "runs": [(text, rs.get(w("val")) if rs is not None else None) for text, rs in run_texts],
                "text": "".join(t.text or "" for t in p.iter(w("t"))),
                "el": p,
            }
        )
    return out


def test_paragraph_sequence_and_styles(exported):
    got = [(p["style"], p["outline"], p["text"]) for p in paragraphs(xml(exported(), "word/document.xml"))]
    assert got == [
        ("Title", None, "在全县意识形态工作会议上的讲话"),
        ("IdeoAddressee", None, "同志们："),
        (None, None, "今天，我们召开会议，部署下一阶段工作。"),
        ("Heading1", None, "一、肯定成绩，客观看待取得的成效"),
        (None, None, "一年来，全县上下扎实工作。"),
        (None, 1, "一是工作机制不断健全。各级党组织履职尽责。"),
        (None, 1, "二是存在问题不容忽视。有的单位认识不到位。"),
        ("Heading1", None, "二、突出重点，扎实推进各项任务"),
        ("Heading2", None, "（一）加强理论武装"),
        ("Heading3", None, "1.抓好中心组学习"),
        (None, None, "每季度至少集中学习一次。"),
        (None, 3, "（1）制定学习计划。年初制定。"),
        (None, None, "同志们，让我们携手奋进，再创佳绩！"),
        ("IdeoSignature", None, "【讲话人】"),
        ("IdeoDate", None, "2024年7月1日"),
    ]


def test_headings_carry_outline_levels(exported):
    styles = xml(exported(), "word/styles.xml")
    for n in range(1, 5):
        assert resolved(styles, f"Heading{n}", "w:pPr/w:outlineLvl", "val") == str(n - 1)
        assert _style(styles, f"Heading{n}").find("w:name", NS).get(w("val")) == f"heading {n}"
    assert resolved(styles, "Normal", "w:pPr/w:outlineLvl", "val") is None


def test_run_in_heading_keeps_body_font_after_its_sentence(exported):
    doc = xml(exported(), "word/document.xml")
    run_in = next(p for p in paragraphs(doc) if p["text"].startswith("一是"))
    assert run_in["runs"] == [("一是工作机制不断健全。", "Heading2Char"), ("各级党组织履职尽责。", None)]
    level4 = next(p for p in paragraphs(doc) if p["text"].startswith("（1）"))
    assert level4["runs"] == [("（1）制定学习计划。", "Heading4Char"), ("年初制定。", None)]
    # No direct fonts on the runs: the heading run's font comes from the character
    # style, the rest from 正文.
    assert not list(run_in["el"].iter(w("rFonts")))


def test_tabs_and_line_breaks_become_elements(exported):
    doc = xml(exported(), "word/document.xml")
    closing = next(p for p in paragraphs(doc) if p["text"].startswith("同志们，让我们"))
    assert len(list(closing["el"].iter(w("tab")))) == 1
    draft = drafts.small_draft()
    draft.title = "第一行\n第二行"
    title = paragraphs(xml(exported(draft), "word/document.xml"))[0]["el"]
    assert [t.text for t in title.iter(w("t"))] == ["第一行", "第二行"]
    assert len(list(title.iter(w("br")))) == 1


def test_signature_right_two_characters_and_date_two_characters_right_of_it(exported):
    doc = xml(exported(drafts.long_draft()), "word/document.xml")
    by_style = {p["style"]: p for p in paragraphs(doc)}
    issuer_left = int(by_style["IdeoSignature"]["el"].find("w:pPr/w:ind", NS).get(w("left")))
    date_left = int(by_style["IdeoDate"]["el"].find("w:pPr/w:ind", NS).get(w("left")))
    # 中共某县委宣传部: 8 characters ending two characters before the 28th column.
    assert issuer_left == (28 - 2 - 8) * layout.CHAR_PITCH
    assert date_left - issuer_left == 2 * layout.CHAR_PITCH
    styles = xml(exported(), "word/styles.xml")
    assert resolved(styles, "IdeoSignature", "w:pPr/w:spacing", "before") == "579"  # 空一行


@pytest.mark.parametrize(
    ("issuer", "date", "expected"),
    [
        ("中共某县委宣传部", "2024年7月1日", (18, 20)),  # date (6) fits under the signature (8)
        ("某县委", "2024年12月31日", (17, 19)),  # long date: set 右空二字, signature moves left
        ("", "2024年7月1日", (18, 20)),  # date only: 右空二字
        ("某" * 30, "2024年7月1日", (0, 2)),  # a signature longer than a line
    ],
)
def test_signature_columns(issuer, date, expected):
    assert layout.signature_columns(issuer, date) == pytest.approx(expected)


# ------------------------------------------------------------------ footers
def test_odd_and_even_footers_with_dash_page_numbers(exported):
    zf = exported()
    settings = xml(zf, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    doc = xml(zf, "word/document.xml")
    rels = xml(zf, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {
        f.get(w("type")): targets[
            f.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        ]
        for f in doc.iterfind(".//w:sectPr/w:footerReference", NS)
    }
    assert set(refs) == {"default", "even"}
    for kind, (align, side) in {"default": ("right", "right"), "even": ("left", "left")}.items():
        footer = xml(zf, f"word/{refs[kind]}")
        (p,) = footer.findall("w:p", NS)
        assert p.find("w:pPr/w:pStyle", NS).get(w("val")) == "IdeoPageNumber"
        assert p.find("w:pPr/w:jc", NS).get(w("val")) == align
        ind = p.find("w:pPr/w:ind", NS)
        assert (ind.get(w(side)), ind.get(w(f"{side}Chars"))) == ("280", "100")  # one 四号 character
        texts = [t.text for t in p.iter(w("t"))]
        assert texts == ["— ", "1", " —"]
        assert p.find(".//w:instrText", NS).text.strip() == "PAGE"
        assert [f.get(w("fldCharType")) for f in p.iter(w("fldChar"))] == ["begin", "separate", "end"]


# ------------------------------------------------------------------ variables, Traditional
def test_variables_are_filled_and_unfilled_slots_stay_visible_and_reported(tmp_path):
    result = export_docx(drafts.small_draft(), tmp_path / "a.docx")
    assert result.unfilled == ("讲话人",)
    text = zipfile.ZipFile(tmp_path / "a.docx").read("word/document.xml").decode()
    assert "全县意识形态工作会议" in text and "【会议名称】" not in text
    assert "【讲话人】" in text


@pytest.mark.parametrize(
    ("variant", "expected"),
    [("s2t", "這裏的羣衆"), ("s2tw", "這裡的群眾"), ("s2hk", "這裏的羣眾")],
)
def test_traditional_output_per_variant(exported, variant, expected):
    draft = drafts.small_draft()
    draft.sections[0].paragraphs = ["这里的群众"]
    draft.sections[1].children[0].heading = "着力为群众办实事"
    doc = xml(exported(draft, traditional=variant), "word/document.xml")
    ps = paragraphs(doc)
    assert ps[0]["text"] == "在全縣意識形態工作會議上的講話"
    assert ps[2]["text"] == expected
    run_in = next(p for p in ps if p["outline"] == 1)
    # The heading sentence is converted on its own and keeps the heading font.
    assert run_in["runs"][0] == (convert("一是着力为群众办实事。", variant), "Heading2Char")


def test_characters_word_cannot_hold_are_dropped(exported):
    draft = drafts.small_draft()
    draft.sections[0].paragraphs = ["控制\x01字符\x0b与\ud800代理"]
    doc = xml(exported(draft), "word/document.xml")
    assert paragraphs(doc)[2]["text"] == "控制字符与代理"


def test_core_properties_name_the_document_not_the_tool(exported):
    core = exported().read("docProps/core.xml").decode()
    assert "<dc:title>在全县意识形态工作会议上的讲话</dc:title>" in core
    assert "python-docx" not in core
    assert re.search(r"<dcterms:created[^>]*>\d{4}-", core)


@pytest.mark.parametrize("fonts", ["gb2312-tnr", "windows-tnr"])
def test_times_new_roman_profiles_set_digits_and_latin_only(exported, fonts):
    zf = exported(fonts=fonts)
    styles = xml(zf, "word/styles.xml")
    for style in ("Normal", "Title", "Heading1", "Heading2"):
        assert resolved(styles, style, "w:rPr/w:rFonts", "ascii") == "Times New Roman"
        assert resolved(styles, style, "w:rPr/w:rFonts", "hAnsi") == "Times New Roman"
        assert resolved(styles, style, "w:rPr/w:rFonts", "eastAsia") != "Times New Roman"
    assert resolved(styles, "IdeoPageNumber", "w:rPr/w:rFonts", "ascii") == "宋体"  # 页码: 半角宋体
    names = [f.get(w("name")) for f in xml(zf, "word/fontTable.xml")]
    assert "Times New Roman" in names
    assert (
        resolved(
            xml(exported(fonts=fonts.split("-")[0]), "word/styles.xml"), "Normal", "w:rPr/w:rFonts", "ascii"
        )
        != "Times New Roman"
    )
