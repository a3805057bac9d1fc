"""Document furniture: typed, validated draft fields in the JSON, offered by genre, and
in the export as LibreOffice renders it, measured in millimetres (GB/T 9704 §7.2–7.4)."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from ideodesk.core.draftjson import DraftFormatError, draft_to_dict, dumps, loads
from ideodesk.core.furniture import Furniture, normalise_doc_number
from ideodesk.export import export_docx, layout
from ideodesk.export.content import prepare
from tests.export import drafts, rendering
from tests.export.rendering import BOTTOM, CHAR, LEFT, MM, RIGHT, TOP, ink_rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DPI = 300
RECORD_CHAR = 14  # 四号, points


# ------------------------------------------------------------------ the fields
def test_furniture_round_trips_through_the_draft_json():
    draft = drafts.issued_draft("report", signers=["张三", "李四"], seal=True)
    back = loads(dumps(draft))
    assert back.furniture == draft.furniture
    assert draft_to_dict(back)["furniture"]["signers"] == ["张三", "李四"]


def test_old_drafts_without_furniture_load_and_save_unchanged():
    draft = drafts.small_draft()
    assert "furniture" not in draft_to_dict(draft)
    assert loads(dumps(draft)).furniture == Furniture()


@pytest.mark.parametrize(
    ("furniture", "field", "reason"),
    [
        ({"copy_number": "12a"}, "furniture.copy_number", "阿拉伯数字"),
        ({"secrecy": "内部"}, "furniture.secrecy", "绝密"),
        ({"urgency": "很急"}, "furniture.urgency", "特急"),
        ({"doc_number": "某宣发2026年3号"}, "furniture.doc_number", "〔年份〕"),
        ({"signers": ["张三"]}, "furniture.signers", "发文机关标志"),
        ({"seal": "yes"}, "furniture.seal", "布尔值"),
        ({"attachments": [1]}, "furniture.attachments[0]", "字符串"),
        ({"stamp": "x"}, "furniture.stamp", "未知的字段"),
    ],
)
def test_bad_furniture_is_refused_naming_the_field(furniture, field, reason):
    text = dumps(drafts.small_draft())[:-1] + ', "furniture": ' + __import__("json").dumps(furniture) + "}"
    with pytest.raises(DraftFormatError) as e:
        loads(text, "稿.json")
    assert e.value.field == field and reason in e.value.reason
    assert str(e.value).startswith("稿.json：")


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("某宣发[2026]03号", "某宣发〔2026〕3号"),
        ("某宣发（2026）12号", "某宣发〔2026〕12号"),
        ("某宣发〔2026〕3号", "某宣发〔2026〕3号"),
    ],
)
def test_doc_number_is_written_with_hexagonal_brackets(typed, written):
    assert normalise_doc_number(typed) == written


def test_each_genre_offers_its_own_furniture():
    kinds = {b.kind for b in prepare(drafts.issued_draft("notice")).blocks}
    assert {"mark", "doc_number", "attachment", "note", "record_cc", "record_printer"} <= kinds
    speech = drafts.issued_draft("speech")
    assert not {"mark", "doc_number", "attachment", "record_cc"} & {b.kind for b in prepare(speech).blocks}
    minutes = drafts.issued_draft("minutes")
    assert "mark" not in {b.kind for b in prepare(minutes).blocks}
    notice_signers = drafts.issued_draft("notice", signers=["张三"])  # a notice goes down: no 签发人
    assert not any("签发人" in b.text for b in prepare(notice_signers).blocks)


def test_issuer_mark_is_red_in_the_title_font(tmp_path):
    export_docx(drafts.issued_draft(), tmp_path / "n.docx")
    doc = etree.fromstring(zipfile.ZipFile(tmp_path / "n.docx").read("word/document.xml"))
    mark = next(r for r in doc.iter(f"{W}r") if "".join(r.itertext()) == "中共某县委宣传部文件")
    assert mark.find(f"{W}rPr/{W}color").get(f"{W}val") == "FF0000"
    assert mark.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "方正小标宋简体"
    sect = doc.find(f"{W}body/{W}sectPr")
    assert sect.find(f"{W}type").get(f"{W}val") == "evenPage"  # the 版记 section


# ------------------------------------------------------------------ rendering
@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    out = tmp_path_factory.mktemp("issued")
    docs = {
        "short": drafts.issued_draft(pages=1, attachments=[], note=""),
        "notice": drafts.issued_draft(pages=1),
        "report": drafts.issued_draft("report", pages=1, signers=["张三", "李四"], seal=True),
    }
    return rendering.render_drafts(docs, out, tmp_path_factory.mktemp("lo-profile"))


def ink(pdf, page, box):
    return {y: n for y, n in ink_rows(pdf, page, box, DPI).items() if n}


def full_width_rows(pdf, page, y0, y1):
    """Rows whose ink spans (nearly) the whole text block: rules, not text."""
    rows = ink(pdf, page, (LEFT - 2 * MM, y0, RIGHT + 2 * MM, y1))
    return {y: n / DPI * 72 for y, n in rows.items() if n / DPI * 72 > 0.9 * (RIGHT - LEFT)}


def printed_number(page) -> int:
    return int(re.sub(r"\D", "", page.footer[0].text))


@pytest.mark.parametrize("name", ["notice", "report"])
def test_issuer_mark_top_is_35_mm_below_the_block_top(issued, name):
    pages, pdf = issued[name]
    mark = next(ln for ln in pages[0].body if ln.text == "中共某县委宣传部文件")
    rows = ink(pdf, 1, (LEFT, mark.y0 - 10, RIGHT, mark.y1))
    assert (min(rows) - TOP) / MM == pytest.approx(35, abs=1)
    assert (mark.x0 + mark.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=MM)
    for k, text in enumerate(["000012", "秘密★1年", "特急"]):  # 版心左上角, lines 1–3
        line = pages[0].body[k]
        assert line.text == text and line.x0 == pytest.approx(LEFT, abs=MM)


@pytest.mark.parametrize("name", ["notice", "report"])
def test_red_line_is_4_mm_below_the_doc_number_and_as_wide_as_the_block(issued, name):
    pages, pdf = issued[name]
    number = next(ln for ln in pages[0].body if "〔2026〕3号" in ln.text)
    text_rows = ink(pdf, 1, (LEFT, number.y0 - 2, RIGHT, number.y1 + 2))
    text_bottom = max(y for y, n in text_rows.items() if n / DPI * 72 < 0.9 * (RIGHT - LEFT))
    rules = full_width_rows(pdf, 1, number.y1, number.y1 + 10 * MM)
    assert rules, "no red line under the 发文字号"
    assert (min(rules) - text_bottom) / MM == pytest.approx(4, abs=1)
    assert max(rules.values()) == pytest.approx(RIGHT - LEFT, abs=MM)
    if name == "report":  # 上行文: 发文字号 左空一字, 签发人 右空一字
        assert number.x0 == pytest.approx(LEFT + CHAR, abs=MM)
        assert number.x1 == pytest.approx(RIGHT - CHAR, abs=MM)
        assert "签发人：张三" in number.text
    else:
        assert (number.x0 + number.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=MM)


@pytest.mark.parametrize("name", ["short", "notice", "report"])
def test_record_lines_sit_at_the_foot_of_an_even_page(issued, name):
    pages, pdf = issued[name]
    last = pages[-1]
    assert printed_number(last) % 2 == 0
    text_end = pages[-2]  # the last page of text or attachments
    if printed_number(text_end) % 2 == 0:  # ends on an even page: a blank page between
        assert printed_number(last) == printed_number(text_end) + 2
    else:
        assert printed_number(last) == printed_number(text_end) + 1
    rules = sorted(full_width_rows(pdf, printed_index(pages, last), TOP, BOTTOM + 3 * MM))
    groups = [[rules[0]]]
    for y in rules[1:]:
        (groups[-1].append(y) if y - groups[-1][-1] < 1 else groups.append([y]))
    assert len(groups) == 3  # 首条, 中间, 末条
    assert groups[-1][-1] == pytest.approx(BOTTOM, abs=MM)  # 末条 on the block's bottom edge
    thick = [len(g) for g in (groups[0], groups[-1])]
    assert all(t > len(groups[1]) for t in thick)  # outer lines 0.35 mm, the inner one 0.25 mm
    cc = next(ln for ln in last.body if ln.text.startswith("抄送："))
    wrapped = last.body[last.body.index(cc) + 1]
    assert cc.x0 == pytest.approx(LEFT + RECORD_CHAR, abs=MM)  # 左空一字
    assert wrapped.x0 == pytest.approx(LEFT + 4 * RECORD_CHAR, abs=MM)  # aligned after the colon
    printer = next(ln for ln in last.body if ln.text.endswith("印发"))
    assert printer.x1 == pytest.approx(RIGHT - RECORD_CHAR, abs=MM)  # 右空一字


def printed_index(pages, page) -> int:
    return pages.index(page) + 1


def test_attachment_note_aligns_wrapped_lines_after_the_colon(issued):
    pages, _ = issued["notice"]
    lines = [ln for p in pages for ln in p.body]
    first = next(k for k, ln in enumerate(lines) if ln.text.startswith("附件："))
    assert lines[first].x0 == pytest.approx(LEFT + 2 * CHAR, abs=MM)  # 左空二字
    second, wrapped = lines[first + 1], lines[first + 2]
    assert second.text.startswith("2.")
    assert second.x0 == pytest.approx(LEFT + 5 * CHAR, abs=MM)  # under "1."
    assert wrapped.x0 == pytest.approx(LEFT + 6 * CHAR, abs=MM)  # under the name's first character
    note = next(ln for ln in lines if ln.text.startswith("（联系人"))
    date = lines[lines.index(note) - 1]
    assert date.text.replace(" ", "").startswith("2026年12月2日")  # 附注 under the date
    assert note.x0 == pytest.approx(LEFT + 2 * CHAR, abs=MM)


def test_seal_variant_sets_the_date_four_characters_in_and_centres_the_signature_on_it(issued):
    pages, _ = issued["report"]
    lines = [ln for p in pages for ln in p.body]
    issuer = next(ln for ln in lines if ln.text == "中共某县委宣传部")
    date = lines[lines.index(issuer) + 1]
    assert date.x1 == pytest.approx(RIGHT - 4 * CHAR, abs=MM)  # 右空四字
    # The 署名 is centred on the date's computed width; LibreOffice sets the date wider
    # (it adds space between Chinese and digits whatever the document says, Word does
    # not), which moves the date's centre left by half the extra.
    extra = (date.x1 - date.x0) - layout.text_width_chars("2026年12月2日") * CHAR
    assert (issuer.x0 + issuer.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2 + extra / 2, abs=MM)
    above = lines[lines.index(issuer) - 1]
    assert issuer.y1 - above.y1 == pytest.approx(3 * rendering.PITCH, abs=MM)  # 空二行 for the seal


def test_each_attachment_starts_a_page_with_its_label_and_title(issued):
    pages, _ = issued["notice"]
    starts = [p for p in pages if p.body and p.body[0].text.startswith("附件") and len(p.body[0].text) <= 3]
    assert [p.body[0].text for p in starts] == ["附件1", "附件2"]
    for page in starts:
        label, title = page.body[0], page.body[1]
        assert label.x0 == pytest.approx(LEFT, abs=MM)  # 顶格
        assert round((label.y1 - TOP) / rendering.PITCH) == 1  # line 1
        assert round((title.y1 - TOP) / rendering.PITCH) == 3  # line 3
        assert (title.x0 + title.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=MM)
    assert (
        starts[1].body[1].text + starts[1].body[2].text
        == "全县意识形态工作责任制落实情况统计表及填报说明（请各单位于十二月十日前报送）"
    )


def test_a_long_issuer_mark_shrinks_then_breaks_between_words():
    from ideodesk.export.furniture import MARK_MAX_PT, MARK_MIN_PT, mark_size

    size, lines = mark_size("中共某县委宣传部文件")
    assert MARK_MIN_PT <= size <= MARK_MAX_PT and lines == ["中共某县委宣传部文件"]
    assert size * 10 < layout.BLOCK_WIDTH / 20  # fits the block with room to spare
    text = "中共某某县委宣传部某某县文化广电和旅游体育局文件"
    size, lines = mark_size(text)
    assert size == MARK_MIN_PT and len(lines) >= 2 and "".join(lines) == text
    assert all(len(x) * MARK_MIN_PT < layout.BLOCK_WIDTH / 20 for x in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 4  # balanced, not a full line and a stub
