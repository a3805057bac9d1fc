"""Child process that drives the real app on an X display and saves screenshots.

Usage: python screenshots_child.py DATA_DIR OUT_DIR — writes main.png, wizard.png,
phrases.png (the phrase panel mid-typing) and print_preview.png.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ideodesk.gui.dialogs import NewDraftDialog
from ideodesk.gui.main_window import MainWindow
from ideodesk.gui.qt import QApplication
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from tests.gui.ime import type_chinese


def pump(app, seconds: float, until=lambda: False) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = DataFolder(data).ensure()
    store = DraftStore.open(folder.drafts_db, folder.backups)
    window = MainWindow(store, folder)
    window.resize(1366, 820)
    window.show()
    window.finish_startup()
    pump(app, 20, lambda: window.bank is not None)

    wizard = NewDraftDialog(window)
    wizard.genre.setCurrentIndex(wizard.genre.findData("speech"))
    wizard.title.setText("在全县意识形态工作会议上的讲话")
    for name, value in {
        "单位": "中共某县委宣传部",
        "会议名称": "全县意识形态工作会议",
        "工作主题": "意识形态工作",
    }.items():
        wizard.fields[name].setText(value)
    wizard.show()
    pump(app, 0.5)
    wizard.grab().save(str(out / "wizard.png"))
    choice = wizard.choice()
    wizard.close()

    from ideodesk.core.genres import genre

    stored = store.create(genre(choice.genre).create(title=choice.title, values=choice.values))
    window.library.refresh(select=stored.id)
    window.open_draft(stored.id)
    ws = window.workspace
    ws.cursor_to_end_of((3, 0))  # 三、突出重点… (measures), its first item
    body = ws.editor
    type_chinese(body, "\n要牢牢掌握意识形态")
    pump(app, 3, lambda: bool(window.phrase_panel.hits and window.phrase_panel.hits[0].completion))
    pump(app, 1.5)  # checks panel and autosave settle
    window.grab().save(str(out / "main.png"))
    window.phrase_panel.grab().save(str(out / "phrases.png"))

    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from ideodesk.gui.printing import make_printer, print_to

    printer = make_printer()
    preview = QPrintPreviewDialog(printer, window)
    preview.paintRequested.connect(lambda p: print_to(ws.draft, p))
    preview.resize(900, 1000)
    preview.show()
    pump(app, 2)
    preview.grab().save(str(out / "print_preview.png"))
    preview.close()
    window.close()
    store.close()
    print("ok", flush=True)


if __name__ == "__main__":
    main()
