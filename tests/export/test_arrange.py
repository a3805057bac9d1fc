"""The genre's arrangement of the document, stated in the blocks and the XML: the speech
byline, normalised dates, titles and long 署名 broken between words."""

from __future__ import annotations

import random
import zipfile

import pytest
from lxml import etree

from ideodesk.core import segment
from ideodesk.export import export_docx, layout
from ideodesk.export.arrange import SPEAKER, SPEECH_DATE, normalise_date
from ideodesk.export.content import prepare
from ideodesk.export.lines import balanced_lines
from tests.export import drafts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("2024年07月01日", "2024年7月1日"),
        ("2024-7-1", "2024年7月1日"),
        ("２０２４.07.01", "2024年7月1日"),
        ("（2026年12月02日）", "（2026年12月2日）"),
        ("二〇二四年七月一日", "二〇二四年七月一日"),  # Chinese numerals: as the user wrote them
        ("2024年上半年", "2024年上半年"),
        ("2024年13月1日", "2024年13月1日"),  # not a date: left for the checks
    ],
)
def test_dates_are_written_without_zero_padding(typed, written):
    assert normalise_date(typed) == written


def test_exported_signature_date_is_normalised():
    draft = drafts.small_draft()
    draft.signature.date = "2024年07月01日"
    assert [b.text for b in prepare(draft).blocks if b.kind == "date"] == ["2024年7月1日"]


def test_speech_has_speaker_and_date_under_the_title_and_no_signature():
    draft = drafts.small_draft()
    draft.genre = "speech"
    draft.signature.issuer, draft.signature.date = "县委书记 张三", "2026年12月02日"
    kinds = [(b.kind, b.text) for b in prepare(draft).blocks]
    assert kinds[:3] == [
        ("title", "在全县意识形态工作会议上的讲话"),
        (SPEAKER, "县委书记 张三"),
        (SPEECH_DATE, "（2026年12月2日）"),
    ]
    assert not any(k in ("issuer", "date") for k, _ in kinds)


def test_remarks_have_a_byline_too_and_a_summary_keeps_its_signature():
    draft = drafts.small_draft()
    draft.genre = "remarks"
    assert {b.kind for b in prepare(draft).blocks} >= {SPEAKER, SPEECH_DATE}
    draft.genre = "summary"
    assert {b.kind for b in prepare(draft).blocks} >= {"issuer", "date"}


def test_speech_byline_is_kaiti_centred_with_the_blank_line_below_it(tmp_path):
    draft = drafts.small_draft()
    draft.genre = "speech"
    export_docx(draft, tmp_path / "s.docx")
    doc = etree.fromstring(zipfile.ZipFile(tmp_path / "s.docx").read("word/document.xml"))
    ps = list(doc.iter(f"{W}p"))
    styles = [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in ps[:3]]
    assert styles == ["Title", "IdeoByline", "IdeoByline"]
    assert ps[0].find(f"{W}pPr/{W}spacing").get(f"{W}after") == "0"
    assert ps[2].find(f"{W}pPr/{W}spacing").get(f"{W}after") == str(layout.LINE_PITCH)
    st = etree.fromstring(zipfile.ZipFile(tmp_path / "s.docx").read("word/styles.xml"))
    byline = st.find(f"{W}style[@{W}styleId='IdeoByline']")
    assert byline.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"
    assert byline.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"


def test_paragraph_before_the_signature_keeps_its_last_lines_with_it(tmp_path):
    export_docx(drafts.small_draft(), tmp_path / "k.docx")
    doc = etree.fromstring(zipfile.ZipFile(tmp_path / "k.docx").read("word/document.xml"))
    ps = list(doc.iter(f"{W}p"))
    kept = [
        "".join(p.itertext())
        for p in ps
        if p.find(f"{W}pPr/{W}keepNext") is not None and p.find(f"{W}pPr/{W}widowControl") is not None
    ]
    # The closing is one line: the paragraph before it is kept too (two lines at least).
    assert [t[:6] for t in kept] == ["（1）制定学", "同志们，让我"]


# ------------------------------------------------------------------ titles
SUBJECTS = ("意识形态工作", "宣传思想文化工作", "党风廉政建设", "网络意识形态安全", "理论学习中心组学习",
            "基层党组织建设", "精神文明建设", "新时代文明实践", "舆情应对处置", "干部教育培训")  # fmt: skip
PLACES = ("全县", "全市", "全区", "全省", "全系统", "市委宣传部", "县委理论学习中心组")
FORMS = (
    "在{p}{s}会议上的讲话",
    "在{p}{s}推进会上的讲话",
    "中共某县委宣传部关于{p}{s}情况的分析研判报告",
    "关于进一步加强和改进{p}{s}的实施方案",
    "在{p}{s}暨{s2}工作部署会议上的讲话",
    "关于{p}{s}开展情况及下一步工作打算的报告",
)


def generated_titles(n: int = 100, seed: int = 16) -> list[str]:
    rnd = random.Random(seed)
    out = []
    while len(out) < n:
        form = rnd.choice(FORMS)
        title = form.format(p=rnd.choice(PLACES), s=rnd.choice(SUBJECTS), s2=rnd.choice(SUBJECTS))
        if layout.text_width_chars(title) > layout.TITLE_CHARS_PER_LINE:
            out.append(title)
    return out


def word_bounds(text: str) -> set[int]:
    bounds, at = set(), 0
    for word in segment.cut(text):
        at += len(word)
        bounds.add(at)
    return bounds


def test_long_titles_break_between_words_into_balanced_lines():
    ratios = []
    for title in generated_titles():
        lines = balanced_lines(title, layout.TITLE_CHARS_PER_LINE)
        assert "".join(lines) == title
        assert all(layout.text_width_chars(x) <= layout.TITLE_CHARS_PER_LINE for x in lines)
        bounds = word_bounds(title)
        at = 0
        for line in lines[:-1]:
            at += len(line)
            assert at in bounds, f"{title}: split inside a word at {line!r}"
        assert not any(line[0] in "的之和与及" for line in lines[1:]), lines
        ratios.append(max(map(len, lines)) / min(map(len, lines)))
    assert max(ratios) <= 1.6, max(ratios)
    assert sum(ratios) / len(ratios) <= 1.25


def test_the_tail_is_no_longer_a_stub():
    lines = balanced_lines(
        "在全县意识形态工作暨网络安全和信息化工作推进会上的讲话", layout.TITLE_CHARS_PER_LINE
    )
    assert len(lines) == 2 and min(map(len, lines)) >= 10, lines


def test_short_titles_and_typed_breaks_are_left_alone():
    assert balanced_lines("在全县意识形态工作会议上的讲话", 20) == ["在全县意识形态工作会议上的讲话"]
    assert balanced_lines("第一行很长很长很长很长很长很长很长\n第二行", 20) == [
        "第一行很长很长很长很长很长很长很长",
        "第二行",
    ]


# ------------------------------------------------------------------ long 署名
def test_long_signature_is_squeezed_or_broken_never_wrapped_from_the_left():
    date = "2024年7月1日"
    fits = layout.signature_geometry("某" * 20, date)
    assert fits.issuer_jc is None and fits.squeeze is None
    squeezed = layout.signature_geometry("某" * 29, date)
    assert squeezed.issuer_jc == "right" and squeezed.squeeze < 0
    assert 29 * (layout.BODY_CHAR + squeezed.squeeze) <= 26 * layout.CHAR_PITCH
    assert squeezed.date_jc == "right" and squeezed.date_right == 2 * layout.CHAR_PITCH
    draft = drafts.small_draft()
    draft.signature.issuer = "中共某某县委宣传部 某某县文化广电和旅游体育局 某某县教育局 某某县卫生健康委员会"
    issuer = next(b.text for b in prepare(draft).blocks if b.kind == "issuer")
    assert "\n" in issuer and all(layout.text_width_chars(x) <= 26 for x in issuer.split("\n"))
    broken = layout.signature_geometry(issuer, date)
    assert broken.issuer_jc == "right" and broken.squeeze is None


# ------------------------------------------------------------------ Traditional fonts
def test_traditional_in_gb2312_fonts_warns_and_names_the_windows_profile(tmp_path):
    draft = drafts.long_draft()
    result = export_docx(draft, tmp_path / "t.docx", traditional="s2tw")
    (message,) = result.warnings
    assert "GB2312" in message and "--fonts windows" in message
    count = int(message.split("有 ")[1].split(" 个字")[0])
    assert count > 50
    assert export_docx(draft, tmp_path / "w.docx", traditional="s2tw", fonts="windows").warnings == ()
    assert export_docx(draft, tmp_path / "s.docx").warnings == ()


def test_a_giant_title_is_left_to_the_renderer_quickly():
    import time

    start = time.perf_counter()
    assert balanced_lines("标题" * 100_000, layout.TITLE_CHARS_PER_LINE) == ["标题" * 100_000]
    assert time.perf_counter() - start < 0.5
