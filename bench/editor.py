"""The document editor on a 500-page (≈ 300 000-character) draft, in the real main window
(offscreen) with the 100 000-phrase bank.

Figures (DESIGN §7 / issue 11 targets):
- keystroke → repaint p99 (≤ 16 ms): a committed character (what an input method
  delivers) in the middle of the draft, then a synchronous repaint of the editor;
- keystroke → phrase panel updated p99 (≤ 16 ms): until the panel shows the lookup made
  for that very text;
- open draft → first paint (≤ 300 ms): ``open_draft`` from the library to the editor
  painted;
- move a level-1 section holding 50 pages down past the next one (≤ 100 ms), as one undo
  step, painted;
- RSS with the bank and the draft open (≤ 300 MB); the checks run in a child process
  of their own (so that they never hold the GUI's interpreter lock), whose RSS is
  printed beside it.

Baseline in the same run: a bare QTextEdit holding the same text — setting it, typing
into it, and moving the same 50 pages by cut and paste through a QTextCursor.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import report
from keystroke import commit, pct
from lookup import N_PHRASES, generated_bank
from memory import rss_mb

from ideodesk.core.draft import Draft, Section
from ideodesk.gui.qt import QApplication, QTextCursor, QTextEdit
from ideodesk.phrases.bank import PhraseBank
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder

PAGE = 22 * 28
PARA = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面落实意识形态工作责任制，"
    "牢牢掌握意识形态工作领导权、管理权、话语权，推动各项工作落到实处。"
) * 3
TYPED = "要牢牢掌握意识形态工作领导权，坚持党管宣传、党管意识形态、党管媒体，切实加强组织领导。"


def big_draft() -> Draft:
    """Ten level-1 sections of 50 pages each (5 subsections of 10 pages): ~308 000 chars."""
    para = PARA[:200]
    per_child = 10 * PAGE // len(para) + 1
    sections = []
    for i in range(10):
        children = [
            Section("measures", f"第{i + 1}部分第{j + 1}项措施", True, [para] * per_child) for j in range(5)
        ]
        sections.append(Section("measures", f"强化责任担当，推动第{i + 1}项工作落实", children=children))
    return Draft(
        genre="speech", title="在全县意识形态工作会议上的讲话", addressee="同志们：", sections=sections
    )


def stage(name: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {name}", file=sys.stderr, flush=True)


def child_rss_mb() -> float | None:
    """The checks' child process (it holds the formulation table, not the app)."""
    from ideodesk.gui.checks_panel import _child

    pool = _child._pool
    if pool is None or not sys.platform.startswith("linux"):
        return None
    for pid in list(pool._processes):
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    return None


def wait(app, until, seconds=120.0) -> None:
    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.0005)


def main() -> None:
    # multiprocessing's spawn re-imports the parent's main script in the checks' child;
    # for the app that is ideodesk's small CLI module, for this script Qt and the whole GUI.
    # Hidden, so the child's RSS below is the app's.
    script = sys.modules["__main__"].__dict__.pop("__file__", __file__)
    app = QApplication.instance() or QApplication([])
    draft = big_draft()
    text = draft.plain_text()
    figures: dict = {"draft_chars": len(text), "pages": round(len(text) / PAGE)}

    # ---------------------------------------------------------------- baseline: bare QTextEdit
    bare = QTextEdit()
    bare.resize(1000, 700)
    bare.show()
    t0 = time.perf_counter()
    bare.setPlainText(text)
    bare.viewport().repaint()
    figures["baseline_bare_open_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    cursor = bare.textCursor()
    cursor.setPosition(len(text) // 2)
    bare.setTextCursor(cursor)
    bare_keys = []
    for _ in range(3):
        for ch in TYPED:
            t0 = time.perf_counter()
            commit(bare, ch)
            bare.viewport().repaint()
            bare_keys.append((time.perf_counter() - t0) * 1000)
    block_len = len(text) // 10
    moves = []
    for _ in range(3):
        t0 = time.perf_counter()
        c = bare.textCursor()
        c.setPosition(block_len * 2)
        c.setPosition(block_len * 3, QTextCursor.MoveMode.KeepAnchor)
        cut = c.selection()
        c.removeSelectedText()
        c.setPosition(block_len * 3)
        c.insertFragment(cut)
        bare.viewport().repaint()
        moves.append((time.perf_counter() - t0) * 1000)
    figures["baseline_bare_key_repaint_p50_ms"] = pct(bare_keys, 50)
    figures["baseline_bare_key_repaint_p99_ms"] = pct(bare_keys, 99)
    figures["baseline_bare_move_50_pages_ms"] = round(sorted(moves)[1], 1)
    figures["baseline_bare_rss_mb"] = rss_mb()[0]
    bare.close()
    bare.deleteLater()
    app.processEvents()

    # ---------------------------------------------------------------- the app
    stage("app")
    from ideodesk.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        folder = DataFolder(Path(tmp)).ensure()
        # the bank is generated in another process: this one's memory is the app's alone
        subprocess.run([sys.executable, script, "--make-bank", str(folder.root)], check=True)
        bank = PhraseBank.open(folder.phrases_db, cache_dir=folder.cache)
        figures["phrases"] = len(bank.phrases())
        bank.close()
        store = DraftStore.open(folder.drafts_db, folder.backups)
        draft_id = store.create(draft).id
        other = store.create(Draft(title="另一篇")).id
        window = MainWindow(store, folder)
        stage("window")
        window.resize(1366, 768)
        window.show()
        wait(app, lambda: window.bank is not None)
        ws, panel = window.workspace, window.phrase_panel
        ed = ws.editor
        opens = []
        stage("open")
        for _ in range(3):
            window.open_draft(other)
            app.processEvents()
            t0 = time.perf_counter()
            window.open_draft(draft_id)
            ed.viewport().repaint()
            opens.append((time.perf_counter() - t0) * 1000)
        figures["open_to_first_paint_ms"] = round(sorted(opens)[1], 1)

        ws.cursor_to_end_of((4, 2))
        ed.setFocus()
        app.processEvents()
        keys, panels = [], []
        stage("typing")
        for _ in range(3):
            for ch in TYPED:
                t0 = time.perf_counter()
                commit(ed, ch)
                ed.viewport().repaint()
                keys.append((time.perf_counter() - t0) * 1000)
                app.processEvents()  # the coalescing timer fires, the lookup is asked
                target = panel.generation
                wait(app, lambda target=target: panel.shown_generation >= target, 5)
                panels.append((time.perf_counter() - t0) * 1000)
            ed.commit()
        figures["key_repaint_p50_ms"] = pct(keys, 50)
        figures["key_repaint_p99_ms"] = pct(keys, 99)
        figures["key_panel_p50_ms"] = pct(panels, 50)
        figures["key_panel_p99_ms"] = pct(panels, 99)
        figures["keystrokes"] = len(panels)
        slow = sorted(range(len(panels)), key=panels.__getitem__)[-6:]
        stage("slowest panel updates (keystroke: ms): " + ", ".join(f"{i}: {panels[i]:.1f}" for i in slow))

        move = []
        stage("move")
        for i in range(3):
            ws.select_path((2,) if i % 2 == 0 else (3,))
            t0 = time.perf_counter()
            ws.move_down() if i % 2 == 0 else ws.move_up()
            ed.viewport().repaint()
            move.append((time.perf_counter() - t0) * 1000)
        figures["move_50_pages_ms"] = round(sorted(move)[1], 1)
        ed.undo()
        checks = window.checks_panel
        t0 = time.perf_counter()
        checks.run_now()
        wait(app, lambda: checks.current)
        figures["checks_500_pages_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        figures["findings"] = len(checks.findings)
        figures["rss_mb"], figures["peak_rss_mb"] = rss_mb()
        figures["checks_child_rss_mb"] = child_rss_mb()
        ws.save_soon()
        wait(app, lambda: ws.settled)
        window.close()
        wait(app, lambda: not window.isVisible())
        store.close()
    figures.update(
        {
            "target_key_repaint_p99_ms": 16,
            "target_key_panel_p99_ms": 16,
            "target_open_ms": 300,
            "target_move_ms": 100,
            "target_rss_mb": 300,
        }
    )
    report("editor", figures)


def make_bank(root: str) -> None:
    folder = DataFolder(Path(root)).ensure()
    bank = PhraseBank.open(folder.phrases_db, cache_dir=folder.cache)
    bank.add_many(generated_bank(bank, N_PHRASES, random.Random(7)), origin="imported")
    bank.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make-bank"]:
        sys.exit(make_bank(sys.argv[2]))
    sys.exit(main())
