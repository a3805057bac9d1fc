"""The export as a generator the GUI drives: progress, completion, cancellation."""

from __future__ import annotations

import pytest

from ideodesk.errors import IdeoError
from ideodesk.export import PROGRESS_STEPS, Export
from tests.export import drafts


def test_progress_runs_from_zero_to_total_and_the_file_is_there_at_the_end(tmp_path):
    draft = drafts.long_draft()
    target = tmp_path / "讲话.docx"
    job = Export(draft, target)
    seen = []
    for done, total in job.run():
        seen.append((done, total))
        assert target.exists() == (done == total)  # written at the very end, at once
    totals = {t for _, t in seen}
    assert len(totals) == 1
    total = totals.pop()
    assert total == len(list(draft.blocks())) + 1
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    dones = [d for d, _ in seen]
    assert dones == sorted(set(dones))  # strictly increasing
    assert job.result is not None and job.result.path == target and job.result.paragraphs == total - 1


def test_a_long_draft_reports_at_most_about_a_hundred_steps(tmp_path):
    draft = drafts.long_draft()
    draft.sections[1].paragraphs *= 40  # ~400 paragraphs
    steps = list(Export(draft, tmp_path / "a.docx").run())
    assert 50 <= len(steps) <= PROGRESS_STEPS + 3


@pytest.mark.parametrize("stop_after", [1, 2, 5])
def test_stopping_the_iteration_cancels_and_writes_nothing(tmp_path, stop_after):
    target = tmp_path / "讲话.docx"
    target.write_bytes(b"earlier")
    job = Export(drafts.long_draft(), target)
    steps = job.run()
    for _ in range(stop_after):
        next(steps)
    steps.close()  # what the GUI's cancel button does
    assert target.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["讲话.docx"]
    assert job.result is None


def test_a_job_never_started_writes_nothing(tmp_path):
    Export(drafts.small_draft(), tmp_path / "a.docx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"format": "pdf"}, "未知的导出格式"),
        ({"fonts": "mac"}, "未知的字体方案"),
        ({"traditional": "t2s"}, "未知的繁体转换方式"),
    ],
)
def test_bad_options_are_refused_before_anything_happens(tmp_path, options, words):
    with pytest.raises(IdeoError, match=words):
        Export(drafts.small_draft(), tmp_path / "a.docx", **options)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_draft_is_refused(tmp_path):
    from ideodesk.core.draft import Draft

    with pytest.raises(IdeoError, match="没有任何内容"):
        list(Export(Draft(), tmp_path / "a.docx").run())
    assert list(tmp_path.iterdir()) == []
