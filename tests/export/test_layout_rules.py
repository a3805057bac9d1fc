"""The layout rules a careful clerk checks next, measured on LibreOffice's rendering:
no page holding only the 落款 (a sweep of 200 drafts of random length, in one
LibreOffice run), titles in balanced lines broken between words, the speech byline,
a long 署名 kept right of the text."""

from __future__ import annotations

import random

import pytest

from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.export import export_docx, layout
from ideodesk.export.lines import balanced_lines
from tests.export import drafts, rendering
from tests.export.rendering import CHAR, LEFT, MM, RIGHT, runs
from tests.export.test_arrange import generated_titles, word_bounds

pytestmark = pytest.mark.slow
SWEEP = 200
ISSUER = "中共某县委宣传部"


def random_draft(rnd: random.Random, title: str) -> Draft:
    """One to three pages of paragraphs of random length: the text ends anywhere on a page."""
    paragraphs = []
    lines = rnd.randint(14, 60)  # grid lines of body text
    while lines > 0:
        n = min(lines, rnd.randint(1, 6))
        chars = n * layout.CHARS_PER_LINE - rnd.randint(2, 20)
        paragraphs.append((drafts.BODY * 3)[rnd.randint(0, 40) :][: max(chars, 6)])
        lines -= n
    return Draft(
        genre="summary",
        title=title,
        addressee="县委：",
        sections=[Section("general", "", paragraphs=paragraphs)],
        signature=Signature(ISSUER, "2024年07月01日"),
    )


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep")
    rnd = random.Random(9704)
    titles = generated_titles(SWEEP // 2) + ["在全县意识形态工作会议上的讲话"] * (SWEEP // 2)
    cases, paths = [], []
    for i, title in enumerate(titles):
        draft = random_draft(rnd, title)
        path = out / f"d{i:03d}.docx"
        export_docx(draft, path)
        cases.append(draft)
        paths.append(path)
    pdfs = rendering.to_pdf(paths, out, tmp_path_factory.mktemp("lo-profile"))
    return [(d, rendering.pages(p)) for d, p in zip(cases, pdfs, strict=True)]


def test_no_page_holds_only_the_signature_over_200_drafts(sweep):
    lonely = []
    for i, (_, pages) in enumerate(sweep):
        last = pages[-1].body
        issuer = next(k for k, ln in enumerate(last) if ln.text == ISSUER)
        if issuer < 2:  # the title page always has a title; here: body lines above the 署名
            lonely.append((i, issuer, len(pages), [ln.text for ln in last]))
    assert not lonely, (len(lonely), [x[:2] for x in lonely], lonely[:3])
    assert len({len(p) for _, p in sweep}) >= 3  # the sweep does end on pages 1, 2 and 3


def test_the_date_is_normalised_on_the_page(sweep):
    _, pages = sweep[0]
    assert any(ln.text.replace(" ", "") == "2024年7月1日" for ln in pages[-1].body)


def test_rendered_titles_are_balanced_and_broken_between_words(sweep):
    ratios = []
    for draft, pages in sweep[: SWEEP // 2]:
        title_lines = [ln.text for ln in pages[0].body if ln.y1 - ln.y0 > 24]
        assert title_lines == balanced_lines(draft.title, layout.TITLE_CHARS_PER_LINE)  # no extra wrap
        assert len(title_lines) >= 2
        bounds, at = word_bounds(draft.title), 0
        for line in title_lines[:-1]:
            at += len(line)
            assert at in bounds, title_lines
        centres = [(ln.x0 + ln.x1) / 2 for ln in pages[0].body if ln.y1 - ln.y0 > 24]
        assert all(c == pytest.approx((LEFT + RIGHT) / 2, abs=MM) for c in centres)
        ratios.append(max(map(len, title_lines)) / min(map(len, title_lines)))
    assert max(ratios) <= 1.6 and sum(ratios) / len(ratios) <= 1.25


@pytest.fixture(scope="module")
def special(tmp_path_factory):
    out = tmp_path_factory.mktemp("special")
    speech = drafts.long_draft(genre="speech")
    speech.signature = Signature("县委书记 张三", "2026年12月02日")
    squeezed = drafts.small_draft()
    squeezed.signature.issuer = "中共某某县委宣传部某某县文化广电和旅游体育局联合调研组"
    broken = drafts.small_draft()
    broken.signature.issuer = (
        "中共某某县委宣传部 某某县文化广电和旅游体育局 某某县教育局 某某县卫生健康委员会"
    )
    docs = {"speech": speech, "squeezed": squeezed, "broken": broken}
    return rendering.render_drafts(docs, out, tmp_path_factory.mktemp("lo-profile"))


def test_speech_has_speaker_and_date_centred_in_kaiti_under_the_title(special):
    pages, pdf = special["speech"]
    first = pages[0].body
    texts = [ln.text.replace(" ", "") for ln in first]
    assert texts[:3] == ["在全县意识形态工作会议上的讲话", "县委书记张三", "（2026年12月2日）"]
    for line in first[1:3]:
        assert (line.x0 + line.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=MM)
    assert first[3].text.startswith("同志们")
    assert first[3].y1 - first[2].y1 == pytest.approx(2 * rendering.PITCH, abs=MM)  # 空一行
    families = {r.text.replace(" ", ""): r.family for r in runs(pdf) if r.page == 1}
    assert "UKai" in families["（2026年12月2日）"]
    last = [ln.text for ln in pages[-1].body]
    assert not any("张三" in t or "2026年" in t for t in last)  # no 落款


@pytest.mark.parametrize("name", ["squeezed", "broken"])
def test_long_signature_stays_right_of_the_text(special, name):
    pages, _ = special[name]
    last = pages[-1].body
    date = next(k for k, ln in enumerate(last) if ln.text.replace(" ", "").startswith("2024年7月1日"))
    count = 2 if name == "broken" else 1
    issuer_lines = last[:date][-count:]
    assert "".join(ln.text for ln in issuer_lines).replace(" ", "").startswith("中共某某县委宣传部")
    assert not last[date - count - 1].text.startswith("中共")  # nothing wrapped onto another line
    for line in [*issuer_lines, last[date]]:
        assert line.x1 == pytest.approx(RIGHT - 2 * CHAR, abs=MM), line.text  # 右空二字
    assert last[date].x0 > LEFT + 10 * CHAR  # the date is not pushed to the left margin
    if name == "broken":
        assert all(ln.x0 > LEFT + CHAR for ln in issuer_lines)  # never wrapped from the left
