"""Starting the desktop app: one instance per data folder, the window first, then the
library (a damaged one handled), and a backup when due on the way out."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from ideodesk import __version__, resources_dir
from ideodesk.errors import IdeoError
from ideodesk.gui import qt, texts
from ideodesk.gui.dialogs import ask_damaged
from ideodesk.store.errors import CorruptDatabaseError, InstanceLockedError
from ideodesk.store.folder import DataFolder


def open_library(folder: DataFolder, parent=None):
    """Open the drafts library (the caller holds the folder's lock).  When it is damaged
    (moved aside, kept) or gone, the user chooses: the newest backup, an empty library,
    or quitting; nothing is recreated without being asked.  Returns None on quit."""
    from ideodesk.store import backup as backup_mod
    from ideodesk.store.drafts import DraftStore
    from ideodesk.store.sqlitefile import forget

    while True:
        try:
            store = DraftStore.open(folder.drafts_db, folder.backups)
        except CorruptDatabaseError as e:
            choice = ask_damaged(parent, e)
            if choice == "restore":
                backup_mod.restore_backup(e.backups[0], folder.drafts_db)
            elif choice == "empty":
                forget(folder.drafts_db)
            else:
                return None
            continue
        for message in store.warnings:
            qt.QMessageBox.warning(parent, texts.NOTICE_TITLE, message)
        return store


def install_qt_translations(app) -> bool:
    """Qt's own dialogs, buttons and the print-preview toolbar in Chinese (Qt's zh_CN
    translations: shipped with PySide6 and kept in the bundle)."""
    translator = qt.QTranslator(app)
    folders = [qt.QLibraryInfo.path(qt.QLibraryInfo.LibraryPath.TranslationsPath)]
    import PySide6

    folders.append(str(Path(PySide6.__file__).parent / "Qt" / "translations"))  # the wheel's layout
    for folder in folders:
        if translator.load("qtbase_zh_CN", folder):
            return app.installTranslator(translator)
    return False


def run_app(folder: DataFolder, argv: list[str] | None = None) -> int:
    app = qt.QApplication.instance() or qt.QApplication(argv or sys.argv[:1])
    app.setApplicationName("IdeoDesk")
    app.setApplicationVersion(__version__)
    install_qt_translations(app)
    try:
        folder.ensure()
        lock = folder.lock()
    except InstanceLockedError as e:
        qt.QMessageBox.information(None, texts.ALREADY_RUNNING, str(e))
        return 1
    except IdeoError as e:
        qt.QMessageBox.critical(None, texts.ERROR_TITLE, str(e))
        return 2
    from ideodesk.gui.main_window import MainWindow
    from ideodesk.gui.ops import install_logging, uncaught

    install_logging(folder.log_file)  # failures of background work, with tracebacks
    window = MainWindow(None, folder)
    uncaught.raised.connect(window.show_uncaught)
    window.show()  # the window is up before the rest of the GUI loads
    state = {"store": None, "code": 0}

    def start() -> None:
        app.setWindowIcon(qt.QIcon(str(resources_dir() / "ideodesk.svg")))
        try:
            state["store"] = store = open_library(folder, window)
        except IdeoError as e:
            qt.QMessageBox.critical(window, texts.ERROR_TITLE, str(e))
            store = None
        if store is None:
            state["code"] = 2
            window.close()
            return
        window.build(store)

    qt.QTimer.singleShot(0, start)
    try:
        code = app.exec()
        return state["code"] or code
    finally:
        store = state["store"]
        if store is not None:
            with contextlib.suppress(IdeoError):  # a failed backup must not block quitting
                store.backup_if_due()
            store.close()
        lock.release()
