"""Export of a draft to .docx (GB/T 9704 layout) or .txt, written atomically.

One entry point per job: :func:`export_docx` / :func:`export_txt` for a plain call,
:class:`Export` when a progress bar is wanted::

    job = Export(draft, "讲话.docx", fonts="windows", traditional="s2t")
    for done, total in job.run():       # stop iterating to cancel: nothing is written
        bar.setValue(done * 100 // total)
    job.result.unfilled                 # 【变量】 slots left visible in the text

No Qt here: the GUI drives the generator from a worker thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ideodesk.atomic import ExportWriteError, write_atomic
from ideodesk.core.draft import Draft
from ideodesk.errors import IdeoError
from ideodesk.export import txt_writer
from ideodesk.export.content import TRADITIONAL_VARIANTS, check_variant, font_warnings, prepare
from ideodesk.export.layout import FONT_PROFILES, font_profile

__all__ = [
    "FONT_PROFILES",
    "FORMATS",
    "PROGRESS_STEPS",
    "TRADITIONAL_VARIANTS",
    "Export",
    "ExportResult",
    "ExportWriteError",
    "export_docx",
    "export_file",
    "export_txt",
]

FORMATS = ("docx", "txt")
PROGRESS_STEPS = 100  # at most this many progress reports while building


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote; ``unfilled`` is for the warning the user must see."""

    path: Path
    format: str
    paragraphs: int
    bytes: int
    unfilled: tuple[str, ...]  # names of 【变量】 slots that had no value
    warnings: tuple[str, ...] = ()  # other things the user must be told (in Chinese)


class Export:
    """One export job.  :meth:`run` yields ``(done, total)``; the file is in place when
    the generator is exhausted, and :attr:`result` is set.

    Options are checked here, before anything runs.  The draft is copied (variables
    filled) at the first step, so a GUI may keep editing it while a worker thread
    drives the rest.  Failures raise :class:`~ideodesk.errors.IdeoError` with nothing
    written; stopping early (``close()``) writes nothing either.
    """

    def __init__(
        self,
        draft: Draft,
        path: str | os.PathLike[str],
        *,
        format: str = "docx",  # "docx" or "txt", as the CLI's --format
        fonts: str = "gb2312",
        traditional: str | None = None,
    ) -> None:
        if format not in FORMATS:
            raise IdeoError(f"未知的导出格式 {format!r}，可选：{'、'.join(FORMATS)}")
        check_variant(traditional)
        self.draft = draft
        self.path = Path(path)
        self.format = format
        self.profile = font_profile(fonts)
        self.traditional = traditional
        self.result: ExportResult | None = None

    def run(self) -> Iterator[tuple[int, int]]:
        content = prepare(self.draft, self.traditional)
        blocks = content.blocks
        total = len(blocks) + 1  # + writing the file
        step = max(1, -(-len(blocks) // PROGRESS_STEPS))  # ceiling: at most PROGRESS_STEPS reports
        yield 0, total
        if self.format == "docx":
            from ideodesk.export.docx_writer import DocxWriter  # python-docx only when needed

            writer = DocxWriter(self.profile, content)
            for i, block in enumerate(blocks, start=1):
                writer.add(block)
                if i % step == 0 and i < len(blocks):
                    yield i, total
            size = write_atomic(self.path, writer.save)
        else:
            data = txt_writer.encode(blocks)
            size = write_atomic(self.path, lambda f: f.write(data))
        self.result = ExportResult(
            path=Path(os.path.abspath(self.path)),
            format=self.format,
            paragraphs=len(blocks),
            bytes=size,
            unfilled=content.unfilled,
            warnings=font_warnings(content, self.profile, self.traditional),
        )
        yield total, total


def export_file(
    draft: Draft,
    path: str | os.PathLike[str],
    *,
    format: str = "docx",
    fonts: str = "gb2312",
    traditional: str | None = None,
) -> ExportResult:
    """Export in one call; see :class:`Export` for the options."""
    job = Export(draft, path, format=format, fonts=fonts, traditional=traditional)
    for _ in job.run():
        pass
    assert job.result is not None
    return job.result


def export_docx(
    draft: Draft, path: str | os.PathLike[str], *, fonts: str = "gb2312", traditional: str | None = None
) -> ExportResult:
    """The draft as a .docx in the GB/T 9704 layout (``fonts``: "gb2312" or "windows")."""
    return export_file(draft, path, format="docx", fonts=fonts, traditional=traditional)


def export_txt(draft: Draft, path: str | os.PathLike[str], *, traditional: str | None = None) -> ExportResult:
    """The draft as UTF-8 text with a BOM and CRLF line ends, for Windows Notepad."""
    return export_file(draft, path, format="txt", traditional=traditional)
