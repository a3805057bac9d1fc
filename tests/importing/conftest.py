from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"  # copies of ../shared/corpus


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():  # the corpus lives beside the checkout in this workplace
        pytest.fail(f"corpus folder not found: {CORPUS}")
    return CORPUS


def make_docx(path: Path, paragraphs: list[tuple[str, str | None]], table: list[list[str]] | None = None,
              header: str | None = None) -> Path:  # fmt: skip
    """A real .docx through python-docx: (text, style name or None) paragraphs, a table, a header."""
    import docx

    doc = docx.Document()
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    for text, style in paragraphs:
        doc.add_paragraph(text, style=style)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    doc.save(path)
    return path
