"""Print/PDF from the app in the GB/T 9704 page layout, measured on the PDF Qt writes."""

from __future__ import annotations

import pytest

from ideodesk.core.genres import genre
from ideodesk.gui.printing import export_pdf
from tests.export import drafts
from tests.export.rendering import pages

pytestmark = pytest.mark.gui
MM = 72 / 25.4


def visible(page):
    """Lines inside the text block; Qt also writes the clipped halves of paragraphs that
    cross a page boundary into the PDF's text layer, outside the block, unseen."""
    return [ln for ln in page.lines if ln.y0 >= 35 * MM and ln.y1 <= (297 - 35) * MM + 1 * MM]


def test_pdf_from_the_app_is_a4_with_the_official_text_block(qtbot, tmp_path):
    pdf = tmp_path / "讲话.pdf"
    export_pdf(drafts.long_draft(), str(pdf))
    result = pages(pdf)
    assert len(result) >= 3
    for page in result:
        assert abs(page.width - 210 * MM) < 2 and abs(page.height - 297 * MM) < 2
    for page in result[1:-1]:  # full pages
        lines = visible(page)
        assert len(lines) == 22, f"page {page.number}: {len(lines)} lines"
        for line in lines:
            assert line.x0 >= 28 * MM - 1 * MM
            assert line.x1 <= (210 - 26) * MM + 1 * MM
            assert line.width_chars <= 28.5, line.text
        assert abs(lines[0].y0 - 37 * MM) < 4 * MM
    numbers = [[ln for ln in p.lines if "—" in ln.text] for p in result]
    assert all(len(n) == 1 for n in numbers)
    for page, (num,) in zip(result, numbers, strict=True):
        assert num.text.replace(" ", "") == f"—{page.number}—"
        assert num.y0 > (297 - 35) * MM
        if page.number % 2:
            assert num.x1 > (210 - 26) * MM - 20 * MM  # odd pages: right
        else:
            assert num.x0 < 28 * MM + 20 * MM  # even pages: left
    text = "".join(ln.text for p in result for ln in visible(p))
    assert "在全县意识形态工作会议上的讲话" in text


def test_pdf_keeps_numbering_and_run_in_headings(qtbot, tmp_path):
    pdf = tmp_path / "t.pdf"
    export_pdf(genre("summary").create(title="上半年工作总结", values={"单位": "某局"}), str(pdf))
    text = "".join(ln.text for p in pages(pdf) for ln in p.lines)
    assert "一、主要工作开展情况" in text and "（一）强化组织领导，压实工作责任。" in text


def test_pdf_follows_the_export_rules_byline_dates_and_title_lines(qtbot, tmp_path):
    pdf = tmp_path / "s.pdf"
    draft = drafts.long_draft("在全县意识形态工作暨网络安全和信息化工作推进会上的讲话", genre="speech")
    draft.signature.issuer, draft.signature.date = "县委书记张三", "2026年12月02日"
    export_pdf(draft, str(pdf))
    result = pages(pdf)
    first = [ln.text.replace(" ", "") for ln in visible(result[0])]
    assert first[:4] == [
        "在全县意识形态工作暨网络安全",
        "和信息化工作推进会上的讲话",
        "县委书记张三",
        "（2026年12月2日）",
    ]
    centre = [(ln.x0 + ln.x1) / 2 for ln in visible(result[0])[:4]]
    assert all(abs(c - (28 + 156 / 2) * MM) < 1 * MM for c in centre)
    last = "".join(ln.text for ln in visible(result[-1]))
    assert "张三" not in last  # no 落款
