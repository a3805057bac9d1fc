"""Export, then read the .docx back with python-docx: the same title, headings and
paragraphs come out, with their outline levels; and through our own importer, the same
outline (headings at their levels, paragraphs, run-in flags, signature)."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from ideodesk.core.convert import convert
from ideodesk.core.genres import GENRES, genre
from ideodesk.export import export_docx
from ideodesk.export.arrange import SPEAKER, SPEECH_DATE
from ideodesk.export.content import prepare
from tests.export import drafts


def read_back(path):
    """(kind, level, heading sentence, text) per paragraph, as a reader would see them."""
    out = []
    for p in docx.Document(str(path)).paragraphs:
        style = p.style.style_id if p.style is not None else "Normal"
        level_el = p._p.pPr.find(qn("w:outlineLvl")) if p._p.pPr is not None else None
        if style.startswith("Heading"):
            out.append(("heading", int(style[-1]), p.text, p.text))
        elif level_el is not None:  # run-in: the heading sentence is the styled first run
            head = p.runs[0].text if p.runs and p.runs[0].style.style_id.endswith("Char") else ""
            out.append(("body", int(level_el.get(qn("w:val"))) + 1, head, p.text))
        else:
            kind = {
                "Title": "title",
                "IdeoAddressee": "addressee",
                "IdeoSignature": "issuer",
                "IdeoDate": "date",
                "IdeoByline": "byline",
            }
            out.append((kind.get(style, "body"), 0, "", p.text))
    return out


def expected(draft, variant=None):
    def conv(text: str) -> str:
        return convert(text, variant) if variant else text

    out = []
    for b in prepare(draft).blocks:  # arranged for the genre (a speech's byline under the title)
        if b.kind in (SPEAKER, SPEECH_DATE):
            out.append(("byline", 0, "", conv(b.text)))
        elif b.kind == "heading":
            out.append(("heading", b.level, conv(b.text), conv(b.text)))
        elif b.head_len:
            head = conv(b.text[: b.head_len])
            out.append(("body", b.level, head, head + conv(b.text[b.head_len :])))
        else:  # furniture (附件说明 …) reads back as plain paragraphs
            kind = "title" if b.kind == "attachment_title" else b.kind
            kind = kind if kind in ("title", "addressee", "issuer", "date") else "body"
            out.append((kind, 0, "", conv(b.text)))
    return out


@pytest.mark.parametrize("variant", [None, "s2t", "s2hk"])
def test_long_draft_round_trips(tmp_path, variant):
    draft = drafts.long_draft()
    path = tmp_path / "speech.docx"
    export_docx(draft, path, traditional=variant)
    assert read_back(path) == expected(draft, variant)


@pytest.mark.parametrize("genre_id", sorted(GENRES))
def test_every_genre_template_round_trips(tmp_path, genre_id):
    draft = genre(genre_id).create(title="测试标题", values={"单位": "某县委宣传部"})
    path = tmp_path / f"{genre_id}.docx"
    result = export_docx(draft, path, fonts="windows")
    got = read_back(path)
    assert got == expected(draft)
    assert got[0] == ("title", 0, "", "测试标题")
    assert set(result.unfilled) == {n for n in draft.slots()}


def test_core_title_property_is_the_document_title(tmp_path):
    export_docx(drafts.long_draft(), tmp_path / "a.docx")
    assert docx.Document(str(tmp_path / "a.docx")).core_properties.title == "在全县意识形态工作会议上的讲话"


_FURNITURE_KINDS = {"copy_number", "secrecy", "urgency", "mark", "doc_number", "signers", "attachment",
                    "attachment_label", "attachment_title", "note", "record_cc",
                    "record_printer"}  # fmt: skip


@pytest.mark.parametrize("genre_id", sorted(GENRES))
def test_export_then_import_gives_back_the_outline(tmp_path, genre_id):
    from ideodesk.core.outline import parse_outline

    values = {"单位": "某县委宣传部", "会议名称": "全县意识形态工作会议", "工作主题": "意识形态工作"}
    draft = genre(genre_id).create(title="关于做好意识形态工作的材料", values=values)
    path = tmp_path / f"{genre_id}.docx"
    export_docx(draft, path)
    back = parse_outline(path)
    source = draft.filled()
    assert back.title == source.title
    assert [(len(p), s.heading) for p, s in back.walk() if s.headed] == [
        (len(p), s.heading) for p, s in source.walk() if s.headed
    ]
    # The same paragraphs (a speech's byline, set under the title, may come back as
    # text or as the signature: compared as a multiset).
    # the furniture (版头, 附件说明 and pages, 版记) comes back into the furniture fields
    exported = [
        b.text.strip("（）") if b.kind == SPEECH_DATE else b.text  # the byline's date reads back as the date
        for b in prepare(draft).blocks
        if b.kind not in _FURNITURE_KINDS and b.text  # an attachment page's blank body: none
    ]
    got = [b.text for b in back.blocks()]
    assert back.furniture.attachments == source.furniture.attachments
    if GENRES[genre_id].byline:
        assert sorted(got) == sorted(exported)
    else:
        assert got == exported
