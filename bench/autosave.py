"""Autosave of a 500-page (~300 000-character) draft into the library (target ≤ 50 ms).

Baseline in the same run: writing the same JSON to a file with fsync and rename — the
cheapest durable save there is.  Also printed: the deferred search-index refresh the
store runs later, off the typing path.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from _common import median_ms, report

from ideodesk.core import draftjson
from ideodesk.core.draft import Draft, Section
from ideodesk.store.drafts import DraftStore

RUNS = 30
PARA = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面落实意识形态工作责任制，"
    "牢牢掌握意识形态工作领导权、管理权、话语权，"
)


def big_draft(chars: int = 300_000) -> Draft:
    paras_per_section, para_len = 6, 200
    body = (PARA * 5)[:para_len]
    n_sections = chars // (paras_per_section * para_len) + 1
    sections = [
        Section(
            type="measures",
            heading="强化责任担当，推动工作落实",
            children=[Section(heading=f"第{i}项措施", run_in=True, paragraphs=[body] * paras_per_section)],
        )
        for i in range(n_sections)
    ]
    return Draft(genre="speech", title="在全县意识形态工作会议上的讲话", sections=sections)


def main() -> None:
    draft = big_draft()
    chars = draft.char_count()
    with tempfile.TemporaryDirectory() as tmp:
        store = DraftStore.open(Path(tmp) / "drafts.sqlite3")
        rec = store.create(draft)
        state = {"rev": rec.rev}

        def save() -> None:
            draft.sections[0].children[0].paragraphs[0] += "改"
            state["rev"] = store.save(rec.id, draft, state["rev"])

        save_ms = median_ms(save, RUNS)
        index_ms = median_ms(lambda: (save(), store.refresh_index()), 5, warmup=1)
        target = Path(tmp) / "draft.json"

        def file_save() -> None:
            data = draftjson.dumps(draft, indent=None).encode()
            tmp_path = target.with_suffix(".tmp")
            with open(tmp_path, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp_path, target)

        baseline_ms = median_ms(file_save, RUNS)
        store.close()
    report(
        "autosave",
        {
            "draft_chars": chars,
            "save_median_ms": save_ms,
            "baseline_file_fsync_median_ms": baseline_ms,
            "ratio_to_baseline": round(save_ms / baseline_ms, 2),
            "save_plus_index_refresh_median_ms": index_ms,
            "target_ms": 50,
            "runs": RUNS,
        },
    )


if __name__ == "__main__":
    main()
