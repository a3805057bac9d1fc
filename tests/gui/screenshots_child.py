"""Child process that drives the real app on an X display and saves screenshots.

Usage: python screenshots_child.py DATA_DIR OUT_DIR WIDTHxHEIGHT — writes, with the
size as suffix: wizard, writing (a speech being written, phrase panel following),
pasted (an old document just pasted and turned into an outline), find (find/replace),
check (a finding selecting its span), drag (the navigation pane during a real mouse
drag, driven by xdotool) and print_preview.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from ideodesk.gui.dialogs import NewDraftDialog
from ideodesk.gui.main_window import MainWindow
from ideodesk.gui.qt import QApplication, Qt
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from tests.gui.ime import type_chinese

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def pump(app, seconds: float, until=lambda: False) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents()
        time.sleep(0.01)


def key(window, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(window.workspace.editor, k, mods)


def main() -> None:
    data, out, size = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "1366x768"
    width, height = (int(v) for v in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = DataFolder(data).ensure()
    store = DraftStore.open(folder.drafts_db, folder.backups)
    window = MainWindow(store, folder)
    window.setGeometry(app.primaryScreen().availableGeometry())  # maximized (Xvfb has no window manager)
    window.show()
    window.finish_startup()
    pump(app, 20, lambda: window.bank is not None)
    pump(app, 0.5)

    def shot(name: str) -> None:
        pump(app, 0.3)
        window.grab().save(str(out / f"{name}-{size}.png"))

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
    wizard.grab().save(str(out / f"wizard-{size}.png"))
    choice = wizard.choice()
    wizard.close()

    from ideodesk.core.genres import genre

    stored = store.create(genre(choice.genre).create(title=choice.title, values=choice.values))
    window.library.refresh(select=stored.id)
    window.open_draft(stored.id)
    ws = window.workspace
    ed = ws.editor
    # --- a speech being written: a new paragraph under 三、(一), the phrase panel following
    ws.cursor_to_end_of((2, 0))
    key(window, Qt.Key.Key_Return)
    type_chinese(ed, "要牢牢掌握意识形态")
    pump(app, 3, lambda: bool(window.phrase_panel.hits and window.phrase_panel.hits[0].completion))
    pump(app, 1.5)  # checks panel and autosave settle
    shot("writing")
    window.phrase_panel.grab().save(str(out / f"phrases-{size}.png"))

    # --- find / replace
    ws.findbar.open_bar(replace=True)
    ws.findbar.find.setText("意识形态工作")
    ws.findbar.replace.setText("宣传思想工作")
    ws.findbar.find_next()
    ws.findbar.find_next()
    shot("find")
    ws.findbar.close_bar()

    # --- a check finding selecting its span
    ws.cursor_to_end_of((1,))
    key(window, Qt.Key.Key_Return)
    type_chinese(ed, "我们要坚持以*思想为指导，认真学习贯彻的重要讲话精神。")
    window.run_checks()
    panel = window.checks_panel
    pump(app, 10, lambda: any(f.rule == "damaged_formulation" for f in panel.findings))
    index = next((i for i, f in enumerate(panel.findings) if f.rule == "damaged_formulation"), 0)
    panel.list.setCurrentRow(index)
    panel.jump(panel.findings[index] if panel.findings else None)
    shot("check")

    # --- an old document pasted into a new draft becomes its outline
    empty = store.create(genre("remarks").create(title=""))
    window.library.refresh(select=empty.id)
    window.open_draft(empty.id)
    ed.selectAll()
    key(window, Qt.Key.Key_Delete)
    ed.paste_text((CORPUS / "000_54ef8e62418e0016.txt").read_text(encoding="utf-8"))
    ed.go_to_block(0)
    window.side.setCurrentWidget(window.phrase_panel)
    shot("pasted")

    # --- the navigation pane during a real drag (xdotool holds the mouse button)
    tree = ws.tree
    model = ws.model
    source = model.index(1, 0)
    target = model.index(3, 0)
    if shutil.which("xdotool") and source.isValid() and target.isValid():
        a = tree.viewport().mapToGlobal(tree.visualRect(source).center())
        b = tree.viewport().mapToGlobal(tree.visualRect(target).center())
        script = (
            f"mousemove {a.x()} {a.y()} sleep 0.3 mousedown 1 sleep 0.2 mousemove {a.x()} {a.y() + 12} "
            f"sleep 0.2 mousemove {b.x()} {b.y() - 15} sleep 0.3 mousemove {b.x()} {b.y() - 8} "
            "sleep 2.5 mouseup 1"
        )
        proc = subprocess.Popen(["xdotool", *script.split()])
        screen = app.primaryScreen()
        grabbed = {}

        def grab_screen():
            geo = window.frameGeometry()
            grabbed["img"] = screen.grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())

        from ideodesk.gui.qt import QTimer

        QTimer.singleShot(2200, grab_screen)  # during the drag (Qt's drag loop keeps timers)
        pump(app, 6, lambda: proc.poll() is not None and "img" in grabbed)
        pump(app, 0.5)
        if "img" in grabbed:
            grabbed["img"].save(str(out / f"drag-{size}.png"))
        shot("dropped")

    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from ideodesk.gui.printing import make_printer, print_to

    printer = make_printer()
    preview = QPrintPreviewDialog(printer, window)
    preview.paintRequested.connect(lambda p: print_to(ws.draft, p))
    preview.resize(min(900, width - 40), min(1000, height - 60))
    preview.show()
    pump(app, 2)
    preview.grab().save(str(out / f"print_preview-{size}.png"))
    preview.close()
    window.close()
    store.close()
    print("ok", flush=True)


if __name__ == "__main__":
    main()
