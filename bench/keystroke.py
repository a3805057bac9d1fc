"""Keystroke → phrase panel updated, in the real main window (offscreen, 100 000 phrases).

Each keystroke is a committed character (what an input method delivers); the time runs
from the commit until the panel shows the lookup made for that very text.  Baselines in
the same run: the bank's own ``suggest`` call for the same texts, and the same typing
into a bare QPlainTextEdit (what Qt alone costs).  Target (DESIGN §7): p99 ≤ 16 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import report
from lookup import N_PHRASES, generated_bank

from ideodesk.core.genres import genre
from ideodesk.gui.main_window import MainWindow
from ideodesk.gui.qt import QApplication, QInputMethodEvent, QPlainTextEdit
from ideodesk.phrases.bank import PhraseBank
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder

TEXT = (
    "要牢牢掌握意识形态工作领导权，坚持党管宣传、党管意识形态、党管媒体，"
    "切实加强组织领导，压实工作责任，推动意识形态工作责任制落到实处。"
)


def pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return round(s[min(len(s) - 1, int(p / 100 * len(s)))], 3)


def commit(widget, ch: str) -> None:
    event = QInputMethodEvent("", [])
    event.setCommitString(ch)
    widget.inputMethodEvent(event)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = DataFolder(Path(tmp)).ensure()
        bank = PhraseBank.open(folder.phrases_db, cache_dir=folder.cache)
        bank.add_many(generated_bank(bank, N_PHRASES, random.Random(7)), origin="imported")
        phrases = len(bank.phrases())
        bank.close()
        store = DraftStore.open(folder.drafts_db, folder.backups)
        draft_id = store.create(genre("speech").create(title="基准")).id
        window = MainWindow(store, folder)
        window.show()
        deadline = time.monotonic() + 120
        while window.bank is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        window.open_draft(draft_id)
        ws, panel = window.workspace, window.phrase_panel
        ws.cursor_to_end_of((3, 0))  # a measures section
        body = ws.editor
        body.setFocus()
        app.processEvents()

        samples: list[float] = []
        lookups: list[float] = []
        texts: list[str] = []
        for _ in range(4):
            ws.cursor_to_end_of((3, 0))
            for ch in TEXT:
                t0 = time.perf_counter()
                commit(body, ch)
                app.processEvents()  # the coalescing timer fires, the lookup is asked
                target = panel.generation
                while panel.shown_generation < target:
                    app.processEvents()
                    time.sleep(0.0002)
                samples.append((time.perf_counter() - t0) * 1000)
                texts.append(body.text_before_cursor())
        body.commit()  # a round of typing is one undo step
        for text in texts:
            t0 = time.perf_counter()
            window.bank.suggest(text, "measures", "speech", 9)
            lookups.append((time.perf_counter() - t0) * 1000)

        bare = QPlainTextEdit()
        bare.show()
        bare_samples = []
        for _ in range(4):
            bare.setPlainText("")
            for ch in TEXT:
                t0 = time.perf_counter()
                commit(bare, ch)
                app.processEvents()
                bare_samples.append((time.perf_counter() - t0) * 1000)
        window.close()
        store.close()
    report(
        "keystroke_to_panel",
        {
            "phrases": phrases,
            "keystrokes": len(samples),
            "panel_p50_ms": pct(samples, 50),
            "panel_p99_ms": pct(samples, 99),
            "baseline_bank_suggest_p50_ms": pct(lookups, 50),
            "baseline_bank_suggest_p99_ms": pct(lookups, 99),
            "baseline_bare_editor_p50_ms": pct(bare_samples, 50),
            "baseline_bare_editor_p99_ms": pct(bare_samples, 99),
            "mean_ms": round(statistics.fmean(samples), 3),
            "target_p99_ms": 16,
        },
    )


if __name__ == "__main__":
    sys.exit(main())
