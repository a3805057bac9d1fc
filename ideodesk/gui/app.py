"""Starting the desktop app: one instance per data folder, a damaged library handled, backups."""

from __future__ import annotations

import contextlib
import sys

from ideodesk import __version__, resources_dir
from ideodesk.errors import IdeoError
from ideodesk.gui import texts
from ideodesk.gui.qt import QApplication, QIcon, QMessageBox
from ideodesk.store import backup as backup_mod
from ideodesk.store.drafts import DraftStore
from ideodesk.store.errors import CorruptDatabaseError, InstanceLockedError
from ideodesk.store.folder import DataFolder


def open_library(folder: DataFolder, parent=None) -> DraftStore:
    """Open the drafts library; on damage, offer the newest backup (the damaged file is kept)."""
    try:
        return DraftStore.open(folder.drafts_db, folder.backups)
    except CorruptDatabaseError as e:
        restore = bool(e.backups) and (
            QMessageBox.question(parent, texts.CORRUPT_TITLE, texts.CORRUPT_ASK.format(message=e))
            == QMessageBox.StandardButton.Yes
        )
        if not e.backups:
            QMessageBox.warning(parent, texts.CORRUPT_TITLE, str(e))
        if restore:
            backup_mod.restore_backup(e.backups[0], folder.drafts_db)
        return DraftStore.open(folder.drafts_db, folder.backups)


def run_app(folder: DataFolder, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("IdeoDesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "ideodesk.svg")))
    try:
        folder.ensure()
        lock = folder.lock()
    except InstanceLockedError as e:
        QMessageBox.information(None, texts.ALREADY_RUNNING, str(e))
        return 1
    except IdeoError as e:
        QMessageBox.critical(None, texts.ERROR_TITLE, str(e))
        return 2
    try:
        store = open_library(folder)
    except IdeoError as e:
        QMessageBox.critical(None, texts.ERROR_TITLE, str(e))
        lock.release()
        return 2
    from ideodesk.gui.main_window import MainWindow

    window = MainWindow(store, folder)
    window.show()
    try:
        return app.exec()
    finally:
        with contextlib.suppress(IdeoError):  # a failed backup must not block quitting
            store.backup_if_due()
        store.close()
        lock.release()
