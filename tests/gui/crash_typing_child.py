"""Child for the GUI crash test: the real main window typing into a draft with autosave on.

Prints ``ready ID`` once the draft is open, then ``saved K`` each time an autosave has
reached the disk, K being the number of sentences the stored draft holds (read back from
the file, not assumed).  The parent kills it with SIGKILL while it types.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ideodesk.core.genres import genre
from ideodesk.gui.main_window import MainWindow
from ideodesk.gui.qt import QApplication
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from tests.gui.ime import type_chinese, type_until_killed


def main() -> None:
    folder = DataFolder(Path(sys.argv[1])).ensure()
    app = QApplication([])
    store = DraftStore.open(folder.drafts_db, folder.backups)
    reader = DraftStore.open(folder.drafts_db, folder.backups)
    draft_id = store.create(genre("speech").create(title="崩溃测试")).id
    window = MainWindow(store, folder)
    window.show()
    window.open_draft(draft_id)
    ws = window.workspace
    ws.cursor_to_end_of((1,))
    body = ws.editor
    state = {"k": 0}

    def type_one():
        state["k"] += 1
        type_chinese(body, f"第{state['k']}句。")

    def on_saved(_id, _rev):
        text = reader.load(draft_id).draft.plain_text()
        k = 0
        while f"第{k + 1}句。" in text:
            k += 1
        print(f"saved {k}", flush=True)

    type_until_killed(app, ws, draft_id, type_one, on_saved, 120)


if __name__ == "__main__":
    main()
