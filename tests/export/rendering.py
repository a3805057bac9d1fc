"""Rendering exported .docx files the way a reader sees them, and measuring the pages.

LibreOffice (headless) converts to PDF with the test font configuration, poppler reads
the PDF back: ``pdftotext -bbox`` for word boxes, ``pdftohtml -xml`` for the font of
each text run and the bookmarks, ``pdftoppm`` for ink.  Missing tools fail the tests
(CI installs them through ``.ci/run``); they are never skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ideodesk.export import layout

HERE = Path(__file__).resolve().parent
FONTS_CONF = HERE / "fonts" / "fonts.conf"

PT_PER_MM = 72 / 25.4
MM = PT_PER_MM  # tolerance unit: 1 mm in points
TWIP = 1 / 20

# The page in points, from the writer's own twips.
PAGE_W, PAGE_H = layout.PAGE_WIDTH * TWIP, layout.PAGE_HEIGHT * TWIP
LEFT = layout.MARGIN_LEFT * TWIP
RIGHT = PAGE_W - layout.MARGIN_RIGHT * TWIP
TOP = layout.MARGIN_TOP * TWIP
BOTTOM = PAGE_H - layout.MARGIN_BOTTOM * TWIP
PITCH = layout.LINE_PITCH * TWIP  # 28.95 pt
CHAR = layout.CHAR_PITCH * TWIP  # 15.75 pt

INSTALL_HINT = (
    "the rendering tests need LibreOffice Writer and poppler-utils "
    "(apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai; "
    "see .ci/run)"
)


def tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{names[0]} not found: {INSTALL_HINT}", pytrace=False)


def render_env() -> dict[str, str]:
    return dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), SAL_USE_VCLPLUGIN="svp")


def to_pdf(docs: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert all ``docs`` in one LibreOffice run (start-up dominates the cost)."""
    soffice = tool("soffice", "libreoffice")
    cmd = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, docs),
    ]
    proc = subprocess.run(cmd, env=render_env(), capture_output=True, text=True, timeout=300)
    pdfs = [outdir / (d.stem + ".pdf") for d in docs]
    missing = [p.name for p in pdfs if not p.exists()]
    if proc.returncode != 0 or missing:
        pytest.fail(f"LibreOffice did not convert {missing}: {proc.stdout}\n{proc.stderr}", pytrace=False)
    return pdfs


def render_drafts(docs: dict, outdir: Path, profile: Path) -> dict:
    """Export each draft (name → Draft) and render them all in one LibreOffice run:
    name → (pages, pdf)."""
    from ideodesk.export import export_docx

    paths = []
    for name, draft in docs.items():
        paths.append(outdir / f"{name}.docx")
        export_docx(draft, paths[-1])
    pdfs = to_pdf(paths, outdir, profile)
    return {name: (pages(pdf), pdf) for name, pdf in zip(docs, pdfs, strict=True)}


# ------------------------------------------------------------------ geometry
@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        return "".join(w.text for w in sorted(self.words, key=lambda w: w.x0))

    @property
    def width_chars(self) -> float:
        """Characters on the line, half-width ones counted as ½ (as on the grid)."""
        return layout.text_width_chars(self.text)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    @property
    def body(self) -> list[Line]:
        """Lines inside the text block (the page number is below it)."""
        return [ln for ln in self.lines if ln.y1 <= BOTTOM + MM]

    @property
    def footer(self) -> list[Line]:
        return [ln for ln in self.lines if ln.y0 > BOTTOM + MM]


_XHTML = "{http://www.w3.org/1999/xhtml}"


def pages(pdf: Path) -> list[Page]:
    """Word boxes per page, grouped into visual lines by their vertical position."""
    out = subprocess.run(
        [tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout
    root = ET.fromstring(out)
    result = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        words = [
            Word(*(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
            for w in page.iter(f"{_XHTML}word")
        ]
        lines: list[Line] = []
        for word in sorted(words, key=lambda w: (w.y1, w.x0)):
            if lines and abs(lines[-1].y1 - word.y1) < 3:
                lines[-1].words.append(word)
            else:
                lines.append(Line([word]))
        result.append(Page(number, float(page.get("width")), float(page.get("height")), lines))
    return result


def plain_text(pdf: Path) -> str:
    out = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    return "".join(out.split())


# ------------------------------------------------------------- fonts, outline
@dataclass
class Run:
    page: int
    text: str
    family: str
    size: float  # points


def font_names(pdf: Path) -> dict[str, str]:
    """Embedded fonts by subset tag: ``BAAAAA`` → ``BAAAAA+NotoSerifCJKjp-Bold-VKana``
    (pdftohtml shortens the names and drops the weight)."""
    out = subprocess.run(
        [tool("pdffonts"), str(pdf)], capture_output=True, check=True, timeout=60, text=True
    ).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return {name.split("+")[0]: name for name in names}


def runs(pdf: Path) -> list[Run]:
    """Text runs with the full name of the font each is set in (pdftohtml -xml, zoom 1
    = points)."""
    full = font_names(pdf)
    out = subprocess.run(
        [tool("pdftohtml"), "-xml", "-i", "-q", "-stdout", "-zoom", "1", str(pdf)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    root = ET.fromstring(out)
    fonts: dict[str, tuple[str, float]] = {}
    result = []
    for page in root.iter("page"):
        for spec in page.iter("fontspec"):
            family = spec.get("family", "")
            fonts[spec.get("id")] = (full.get(family.split("+")[0], family), float(spec.get("size", 0)))
        for text in page.iter("text"):
            family, size = fonts[text.get("font")]
            result.append(Run(int(page.get("number")), "".join(text.itertext()), family, size))
    return result


def outline(pdf: Path) -> list[tuple[int, str]]:
    """PDF bookmarks as (depth, title): what a reader's navigation pane shows."""
    out = subprocess.run(
        [tool("pdftohtml"), "-xml", "-i", "-q", "-stdout", str(pdf)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    root = ET.fromstring(out)
    result: list[tuple[int, str]] = []

    def walk(node: ET.Element, depth: int) -> None:
        for child in node:
            if child.tag == "item":
                result.append((depth, "".join(child.itertext())))
            elif child.tag == "outline":
                walk(child, depth + 1)

    top = root.find("outline")
    if top is not None:
        walk(top, 1)
    return result


# ---------------------------------------------------------------------- ink
def ink_rows(
    pdf: Path, page: int, box: tuple[float, float, float, float], dpi: int = 300
) -> dict[float, int]:
    """Dark pixels per row inside ``box`` (x0, y0, x1, y1 in points), keyed by the row's
    y in points: where the strokes actually are, independent of font metrics."""
    scale = dpi / 72
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    out = subprocess.run(
        [tool("pdftoppm"), "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
         "-x", str(x0), "-y", str(y0), "-W", str(x1 - x0), "-H", str(y1 - y0), str(pdf)],
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    magic, dims, maxval, pixels = out.split(b"\n", 3)
    assert magic == b"P5" and maxval == b"255"
    width, height = map(int, dims.split())
    rows = {}
    for r in range(height):
        row = pixels[r * width : (r + 1) * width]
        rows[(y0 + r + 0.5) / scale] = sum(1 for p in row if p < 128)
    return rows
