"""Import as a job: read, clean, split, recover and classify files, with progress.

``for done, total in job.run():`` drives a progress bar (bytes of source text); stopping
the iteration cancels.  The job only *reads*: storing its documents is the caller's one
transaction, so a bad file among good ones leaves nothing half-imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ideodesk.core.draft import Draft
from ideodesk.core.outline import FileRecovery, recover_file
from ideodesk.core.reading import SourceText, read_source
from ideodesk.core.safefile import display_name


@dataclass
class ImportedDocument:
    source: str
    draft: Draft
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportedFile:
    """One file as read and recovered: what the import preview shows and can recover again
    with lines the user restored."""

    name: str
    source: SourceText
    recovery: FileRecovery
    keep: set[str] = field(default_factory=set)

    def restore(self, line: str) -> None:
        self.keep.add(line)
        self.recovery = recover_file(self.source, frozenset(self.keep))


@dataclass
class ImportJob:
    paths: Sequence[Path]
    documents: list[ImportedDocument] = field(default_factory=list)
    file_warnings: list[str] = field(default_factory=list)  # e.g. a part without text, skipped
    files: list[ImportedFile] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        seen: dict[str, None] = dict.fromkeys(self.file_warnings)
        for doc in self.documents:
            for w in doc.warnings:
                seen.setdefault(w, None)
        return list(seen)

    def total(self) -> int:
        return sum(max(1, _size(p)) for p in self.paths)

    def run(self) -> Iterator[tuple[int, int]]:
        """Yield (bytes done, bytes total) after each file; raises ReadError on a bad file."""
        total = self.total()
        done = 0
        yield done, total
        for path in self.paths:
            source = read_source(path)
            result = recover_file(source)
            self.files.append(ImportedFile(display_name(path), source, result))
            self.file_warnings += result.warnings
            for rec in result.documents:
                self.documents.append(
                    ImportedDocument(display_name(path), rec.draft, [*result.warnings, *rec.warnings])
                )
            done += max(1, _size(path))
            yield done, total


def _size(path: Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def import_files(paths: Sequence[str | Path]) -> list[ImportedDocument]:
    """All documents of the files, without progress (tests, scripts)."""
    job = ImportJob([Path(p) for p in paths])
    for _ in job.run():
        pass
    return job.documents
