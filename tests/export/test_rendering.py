"""The exported layout as LibreOffice renders it, measured on the PDF pages (DESIGN §6).

Geometry comes from poppler's word boxes and from ink; tolerances are ±1 mm as the
issue asks.  The fonts are Debian's CJK fonts under the GB2312 names
(``tests/export/fonts/fonts.conf``), so widths and line heights are real CJK metrics.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from ideodesk.export import layout
from tests.export.rendering import (
    BOTTOM,
    CHAR,
    LEFT,
    MM,
    PAGE_H,
    PAGE_W,
    PITCH,
    RIGHT,
    TOP,
    ink_rows,
    outline,
    plain_text,
    render_env,
    runs,
    tool,
)

ALL = ("gb2312", "windows", "traditional")


def slot(line) -> float:
    """Which grid line (0-based) a line sits on, from the bottom of its box: LibreOffice
    puts the extra leading of an exact line above the text."""
    return (line.y1 - TOP) / PITCH - 1


def is_body_only(page, case) -> bool:
    """A page with nothing but body text (no title, heading or signature on it)."""
    marks = [b.text[:6] for b in case.blocks if b.kind != "body" or b.head_len]
    return not any(ln.text.startswith(m) for ln in page.body for m in marks)


def test_the_test_fonts_stand_in_for_the_gb2312_names():
    """The premise of every measurement here: real CJK faces under the document's names."""
    expected = {
        "仿宋_GB2312": "Noto Serif CJK SC",
        "方正小标宋简体": "Noto Serif CJK SC:Bold",
        "黑体": "Noto Sans CJK SC",
        "楷体_GB2312": "AR PL UKai CN",
        "宋体": "Noto Serif CJK SC",
        "仿宋": "Noto Serif CJK SC",
        "楷体": "AR PL UKai CN",
    }
    for name, face in expected.items():
        out = subprocess.run(
            [tool("fc-match"), "-f", "%{family[0]}:%{style[0]}", name],
            env=render_env(), capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        family, _, bold = face.partition(":")
        assert out.startswith(family + ":"), (name, out)
        assert ("Bold" in out) == bool(bold), (name, out)


@pytest.mark.parametrize("name", ALL)
def test_pages_are_a4(rendered, name):
    pages = rendered[name].pages
    assert len(pages) >= 6
    for page in pages:
        assert page.width == pytest.approx(PAGE_W, abs=0.5)
        assert page.height == pytest.approx(PAGE_H, abs=0.5)


@pytest.mark.parametrize("name", ALL)
def test_full_body_pages_hold_22_lines_of_at_most_28_characters(rendered, name):
    case = rendered[name]
    pages = case.pages
    full = [p for p in pages[:-1] if is_body_only(p, case)]
    assert len(full) >= 2, "the test draft should fill whole pages with body text"
    for page in pages:
        assert len(page.body) <= layout.LINES_PER_PAGE, f"page {page.number}"
        for line in page.body:
            assert line.width_chars <= layout.CHARS_PER_LINE, f"page {page.number}: {line.text}"
    for page in full:
        assert len(page.body) == layout.LINES_PER_PAGE, f"page {page.number}"
        widths = [ln.width_chars for ln in page.body]
        # Lines that end inside a paragraph are full: 28 characters, or 27 where the
        # 避头尾 rule moved a character down with a punctuation mark.
        full_lines = [w for w in widths if w >= 27]
        assert sum(1 for w in full_lines if w == 28) >= 0.6 * len(full_lines), widths


@pytest.mark.parametrize("name", ALL)
def test_text_block_sits_at_the_margins(rendered, name):
    case = rendered[name]
    body_lines = [ln for p in case.pages for ln in p.body]
    # Left: wrapped lines start at the margin, first lines two characters in.
    starts = sorted({round(ln.x0, 1) for ln in body_lines})
    assert starts[0] == pytest.approx(LEFT, abs=MM)
    assert any(abs(x - (LEFT + 2 * CHAR)) <= MM for x in starts)
    # Right: justified lines end at the margin, nothing goes past it.
    assert max(ln.x1 for ln in body_lines) == pytest.approx(RIGHT, abs=MM)
    assert all(ln.x1 <= RIGHT + MM for ln in body_lines)
    # Top and bottom: on a full page the 22 lines sit on the 28.95 pt grid that starts
    # at the 37 mm margin and ends at the 35 mm margin.
    for page in (p for p in case.pages[:-1] if is_body_only(p, case)):
        for k, line in enumerate(page.body):
            assert line.y1 == pytest.approx(TOP + (k + 1) * PITCH, abs=MM), f"page {page.number} line {k + 1}"
        assert page.body[-1].y1 == pytest.approx(BOTTOM, abs=MM)


@pytest.mark.parametrize("name", ALL)
def test_every_line_keeps_to_the_grid(rendered, name):
    """Title, headings, signature: every line on every page falls on a grid line."""
    for page in rendered[name].pages:
        slots = [slot(ln) for ln in page.body]
        assert all(abs(s - round(s)) * PITCH <= MM for s in slots), (page.number, slots)
        assert all(0 <= round(s) < layout.LINES_PER_PAGE for s in slots)
        assert len({round(s) for s in slots}) == len(slots)  # no two lines share one


@pytest.mark.parametrize("name", ALL)
def test_page_numbers_alternate_right_and_left_with_dashes(rendered, name):
    case = rendered[name]
    for page in case.pages:
        assert len(page.footer) == 1, f"page {page.number}"
        number = page.footer[0]
        assert re.fullmatch(r"—\s*(\d+)\s*—", number.text), number.text
        assert number.text.strip("— ") == str(page.number)
        if page.number % 2:  # odd: right-aligned, one 四号 character in
            assert number.x1 == pytest.approx(RIGHT - layout.PAGE_NUMBER_PT, abs=MM)
        else:  # even: left-aligned, one character in
            assert number.x0 == pytest.approx(LEFT + layout.PAGE_NUMBER_PT, abs=MM)


def test_page_number_dash_is_7_mm_below_the_text_block(rendered):
    case = rendered["gb2312"]
    for page in case.pages[:2]:
        number = page.footer[0]
        rows = ink_rows(case.pdf, page.number, (number.x0, BOTTOM, number.x1, PAGE_H - 10 * MM))
        widest = max(rows.values())
        dash = [y for y, n in rows.items() if n >= 0.8 * widest]  # the two dashes' rows
        assert sum(dash) / len(dash) == pytest.approx(BOTTOM + 7 * MM, abs=MM)


@pytest.mark.parametrize("name", ALL)
def test_heading_text_appears_in_document_order(rendered, name):
    case = rendered[name]
    text = plain_text(case.pdf)
    pos = 0
    assert len(case.headings) == 12
    for heading in case.headings:
        found = text.find(heading, pos)
        assert found >= 0, f"{heading} missing or out of order"
        pos = found + len(heading)


def test_each_role_is_set_in_its_font(rendered):
    """Title 小标宋 (bold serif here), level 1 黑体 (sans), level 2 楷体 (UKai), levels 3–4
    and body 仿宋 (serif); a run-in heading switches to body font after its sentence."""
    case = rendered["gb2312"]
    all_runs = runs(case.pdf)

    def family(text: str) -> str:
        matches = [r for r in all_runs if r.text.startswith(text)]
        assert matches, text
        return matches[0].family

    assert "Serif" in family("在全县意识形态") and "Bold" in family("在全县意识形态")
    assert "Sans" in family("一、提高政治站位")
    assert "UKai" in family("（一）加强理论武装")
    assert "UKai" in family("一是工作机制不断健全。")
    assert "Serif" in family("1.抓好中心组学习") and "Bold" not in family("1.抓好中心组学习")
    assert "Serif" in family("（1）制定学习计划")
    run_in = next(i for i, r in enumerate(all_runs) if r.text.startswith("一是工作机制"))
    assert all_runs[run_in].text == "一是工作机制不断健全。"  # the heading font stops here
    rest = all_runs[run_in + 1]
    assert "Serif" in rest.family and rest.text.startswith(
        case.draft.sections[2].children[0].paragraphs[0][:6]
    )
    body = [r for r in all_runs if r.size == pytest.approx(layout.BODY_PT, abs=0.5)]
    assert body and all(r.size == pytest.approx(16, abs=0.5) for r in body)
    titles = [r for r in all_runs if r.size == pytest.approx(layout.TITLE_PT, abs=0.5)]
    assert [r.text for r in titles] == ["在全县意识形态工作会议上的讲话"]
    numbers = [r for r in all_runs if r.text.startswith("—")]
    assert numbers and all(r.size == pytest.approx(layout.PAGE_NUMBER_PT, abs=0.5) for r in numbers)
    assert all("Serif" in r.family and "Bold" not in r.family for r in numbers)  # 宋体


def test_outline_levels_reach_the_navigation_pane(rendered):
    """LibreOffice turns outline levels into PDF bookmarks, as Word fills its navigation
    pane from them: every numbered heading, nested by level, in order."""
    case = rendered["gb2312"]
    expected = [(b.level, b.text[: b.head_len]) for b in case.blocks if b.head_len]
    bookmarks = outline(case.pdf)
    assert len(bookmarks) == len(expected)
    # A run-in heading's bookmark is its whole paragraph: compare the heading sentence.
    got = [(depth, title[: len(text)]) for (depth, title), (_, text) in zip(bookmarks, expected, strict=True)]
    assert got == expected


@pytest.mark.parametrize("name", ALL)
def test_title_is_centred_and_followed_by_a_blank_line(rendered, name):
    case = rendered[name]
    first = case.pages[0].body
    title_lines = [ln for ln in first if ln.y1 - ln.y0 > 24]  # 22 pt boxes (16 pt ones are ~21)
    assert title_lines and round(slot(title_lines[0])) == 0
    for line in title_lines:
        assert (line.x0 + line.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=MM)
    addressee = first[len(title_lines)]
    assert addressee.text.startswith(("同志们", "同志們"))
    assert round(slot(addressee)) == len(title_lines) + 1  # 空一行
    assert addressee.x0 == pytest.approx(LEFT, abs=MM)  # flush left
    if name == "windows":
        assert len(title_lines) == 2  # the long title breaks into two centred lines


@pytest.mark.parametrize("name", ALL)
def test_signature_two_characters_in_and_date_two_characters_right_of_it(rendered, name):
    case = rendered[name]
    last = case.pages[-1].body
    issuer = next(ln for ln in last if ln.text.startswith("中共某县委宣传部"[:2]))
    date = last[last.index(issuer) + 1]
    assert date.text.replace(" ", "").startswith("2024")
    assert round(slot(issuer)) == round(slot(last[last.index(issuer) - 1])) + 2  # 空一行 above
    assert issuer.x1 == pytest.approx(RIGHT - 2 * CHAR, abs=MM)  # 右空二字
    assert date.x0 - issuer.x0 == pytest.approx(2 * CHAR, abs=MM)  # 首字右移二字
