"""Fixtures for the export tests: exported files, and their LibreOffice renderings
(made once per session, all documents in one LibreOffice run)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from ideodesk.core.convert import convert
from ideodesk.core.draft import Block, Draft
from ideodesk.export import export_docx
from tests.export import drafts, rendering


@dataclass
class Rendered:
    draft: Draft
    docx: Path
    pdf: Path
    options: dict

    @property
    def blocks(self) -> list[Block]:
        """The paragraphs as they should read on the page (Traditional if asked for)."""
        variant = self.options.get("traditional")
        out = []
        for b in self.draft.filled().blocks():
            if variant:
                b = Block(b.kind, convert(b.text, variant), b.path, b.level, b.head_len)
            out.append(b)
        return out

    @property
    def headings(self) -> list[str]:
        """Numbered heading sentences in order (standalone and run-in)."""
        return [b.text[: b.head_len] for b in self.blocks if b.head_len]

    @property
    def pages(self) -> list[rendering.Page]:
        if not hasattr(self, "_pages"):
            self._pages = rendering.pages(self.pdf)
        return self._pages


RENDER_CASES = {
    "gb2312": (drafts.long_draft, {}),
    "windows": (lambda: drafts.long_draft(drafts.LONG_TITLE), {"fonts": "windows"}),
    "traditional": (drafts.long_draft, {"traditional": "s2tw"}),
}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("rendered")
    cases = {}
    for name, (make, options) in RENDER_CASES.items():
        draft = make()
        path = out / f"{name}.docx"
        export_docx(draft, path, **options)
        cases[name] = (draft, path, options)
    pdfs = rendering.to_pdf([c[1] for c in cases.values()], out, tmp_path_factory.mktemp("lo-profile"))
    return {
        name: Rendered(draft, path, pdf, options)
        for (name, (draft, path, options)), pdf in zip(cases.items(), pdfs, strict=True)
    }
