"""Child for the reader-race test: the real main window typing into a draft with autosave on,
while the parent runs CLI readers against the same data folder.

Usage: python reader_race_child.py DATA_DIR.  Takes the instance lock as the app does, creates
a draft, prints ``ready ID`` once it is open, then types ``第k句。`` in short bursts (so the
800 ms autosave fires about once a second) and prints ``saved K`` on each ``saved`` signal of
the workspace.

K is worked out from the snapshot that the saver thread actually handed to ``DraftStore.save``
for that revision, never by reading the file back: a second connection in this process would
itself perturb the file locks the test is about.  The parent kills this process with SIGKILL.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ideodesk.core.genres import genre
from ideodesk.gui.main_window import MainWindow
from ideodesk.gui.qt import QApplication, QMessageBox
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from tests.gui.ime import type_chinese, type_until_killed

BURST = 3  # sentences typed 100 ms apart, then a pause longer than the autosave delay
PERIOD = 12  # ticks of 100 ms per burst


def sentences(text: str) -> int:
    k = 0
    while f"第{k + 1}句。" in text:
        k += 1
    return k


def no_dialogs() -> None:
    """A message box would stop the event loop (and the typing): print it for the parent."""

    def box(parent, title, text, *args, **kwargs):
        print("message " + f"{title}：{text}".replace("\n", " "), flush=True)
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical", "question"):
        setattr(QMessageBox, name, box)


def main() -> None:
    no_dialogs()
    folder = DataFolder(Path(sys.argv[1])).ensure()
    app = QApplication([])
    lock = folder.lock()  # the app holds it for the whole session
    store = DraftStore.open(folder.drafts_db, folder.backups)
    draft_id = store.create(genre("speech").create(title="读写竞争测试")).id

    # revision -> sentences in the snapshot written for it.  Recorded after DraftStore.save
    # returned in the saver thread, i.e. after that snapshot was committed.
    written: dict[tuple[int, int], int] = {}
    requested: list[int] = []  # sentence count of every snapshot handed to the saver, in order
    guard = threading.Lock()
    real_save = DraftStore.save

    def save(self, saved_id, draft, expected_rev):
        new_rev = real_save(self, saved_id, draft, expected_rev)
        k = sentences(draft.plain_text())
        with guard:
            written[(saved_id, new_rev)] = k
        return new_rev

    DraftStore.save = save

    window = MainWindow(store, folder)
    window.show()
    window.open_draft(draft_id)
    ws = window.workspace
    saver = window.saver
    real_request = saver.request

    def request(req_id, draft):
        real_request(req_id, draft)  # handed over first, recorded after
        with guard:
            requested.append(sentences(draft.plain_text()))

    saver.request = request
    floors: dict[tuple[int, int], int] = {}
    emit = saver.on_saved

    def on_saved_in_thread(saved_id, rev):
        # Called by the saver thread after the save and before it takes the next snapshot:
        # whatever was requested by now is in the next save (for a coalescing saver).
        with guard:
            floors[(saved_id, rev)] = state["floor"]
            state["floor"] = max(requested, default=0)
        emit(saved_id, rev)

    saver.on_saved = on_saved_in_thread
    ws.cursor_to_end_of((1,))
    body = ws.editor
    state = {"tick": 0, "k": 0, "floor": 0}

    def type_one():
        state["tick"] += 1
        if state["tick"] % PERIOD >= BURST:
            return
        state["k"] += 1
        type_chinese(body, f"第{state['k']}句。")

    def on_saved(saved_id, rev):
        if saved_id != draft_id:
            return
        with guard:
            k = written.get((saved_id, rev))
            if k is None:  # the save went another way than DraftStore.save: a safe lower bound
                k = floors.get((saved_id, rev), 0)
        print(f"saved {k}", flush=True)

    try:
        type_until_killed(app, ws, draft_id, type_one, on_saved, 100)
    finally:
        lock.release()


if __name__ == "__main__":
    main()
