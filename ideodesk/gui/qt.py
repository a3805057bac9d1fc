"""The one place the GUI imports Qt from (version checks and shims live here).

Names are resolved on first use (PEP 562): each Qt class costs about a millisecond to
load in PySide6 6.x, and the start-up path should pay only for the ones it shows.
``from ideodesk.gui.qt import QTreeView`` and ``qt.QTreeView`` both work.
"""

from __future__ import annotations

import importlib
import sys

from PySide6 import __version__ as PYSIDE_VERSION  # noqa: N812

from ideodesk.gui import texts

if sys.version_info < (3, 12) and tuple(int(x) for x in PYSIDE_VERSION.split(".")[:2]) >= (6, 12):
    # PySide6 6.12 leaks a reference to None per void call on 3.11 and aborts (DESIGN §10).
    raise ImportError(texts.PYSIDE_UNSTABLE.format(version=PYSIDE_VERSION))

_MODULES = {
    "PySide6.QtCore": (
        "QAbstractItemModel QEvent QLibraryInfo QMimeData QModelIndex QObject QPoint QRectF QSettings QSize "
        "QSizeF Qt QThread QTimer QTranslator Signal Slot"
    ),
    "PySide6.QtGui": (
        "QAction QCloseEvent QColor QFont QFontDatabase QFontMetricsF QIcon QImage QInputMethodEvent "
        "QKeyEvent "
        "QKeySequence QPainter QSyntaxHighlighter QTextBlockFormat QTextCharFormat QTextCursor QTextDocument "
        "QTextFormat QUndoCommand QUndoStack"
    ),
    "PySide6.QtWidgets": (
        "QAbstractItemView QApplication QCheckBox QComboBox QDialog QDialogButtonBox QFileDialog QFormLayout "
        "QHBoxLayout QHeaderView QInputDialog QLabel QLineEdit QListWidget QListWidgetItem QMainWindow QMenu "
        "QMessageBox QPlainTextEdit QProgressDialog QPushButton QSplitter QStackedWidget QTabWidget "
        "QTextBrowser QTextEdit QToolBar QTreeView QTreeWidget QTreeWidgetItem QVBoxLayout QWidget"
    ),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names.split()}
__all__ = ["PYSIDE_VERSION", *sorted(_WHERE)]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value
