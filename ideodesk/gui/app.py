"""Starting the desktop app: one instance per data folder, the window first, then the
library (a damaged one handled), and a backup when due on the way out."""

from __future__ import annotations

import contextlib
import sys

from ideodesk import __version__, resources_dir
from ideodesk.errors import IdeoError
from ideodesk.gui import qt, texts
from ideodesk.store.errors import CorruptDatabaseError, InstanceLockedError
from ideodesk.store.folder import DataFolder


def open_library(folder: DataFolder, parent=None):
    """Open the drafts library; on damage, offer the newest backup (the damaged file is kept)."""
    from ideodesk.store import backup as backup_mod
    from ideodesk.store.drafts import DraftStore

    try:
        return DraftStore.open(folder.drafts_db, folder.backups)
    except CorruptDatabaseError as e:
        restore = bool(e.backups) and (
            qt.QMessageBox.question(parent, texts.CORRUPT_TITLE, texts.CORRUPT_ASK.format(message=e))
            == qt.QMessageBox.StandardButton.Yes
        )
        if not e.backups:
            qt.QMessageBox.warning(parent, texts.CORRUPT_TITLE, str(e))
        if restore:
            backup_mod.restore_backup(e.backups[0], folder.drafts_db)
        return DraftStore.open(folder.drafts_db, folder.backups)


def run_app(folder: DataFolder, argv: list[str] | None = None) -> int:
    app = qt.QApplication.instance() or qt.QApplication(argv or sys.argv[:1])
    app.setApplicationName("IdeoDesk")
    app.setApplicationVersion(__version__)
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

    window = MainWindow(None, folder)
    window.show()  # the window is up before the rest of the GUI loads
    state = {"store": None, "code": 0}

    def start() -> None:
        app.setWindowIcon(qt.QIcon(str(resources_dir() / "ideodesk.svg")))
        try:
            state["store"] = store = open_library(folder, window)
        except IdeoError as e:
            qt.QMessageBox.critical(window, texts.ERROR_TITLE, str(e))
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
