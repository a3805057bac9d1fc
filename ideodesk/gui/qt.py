"""The one place the GUI imports Qt from (version checks and shims live here)."""

from __future__ import annotations

import sys

from PySide6 import __version__ as PYSIDE_VERSION  # noqa: N812
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    QSize,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QCloseEvent,
    QFont,
    QIcon,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

if sys.version_info < (3, 12) and tuple(int(x) for x in PYSIDE_VERSION.split(".")[:2]) >= (6, 12):
    # PySide6 6.12 leaks a reference to None per void call on 3.11 and aborts (DESIGN §10).
    raise ImportError(f"PySide6 {PYSIDE_VERSION} 在 Python 3.11 上不稳定，请安装 PySide6-Essentials<6.12")

__all__ = [
    "PYSIDE_VERSION", "QAbstractItemModel", "QAbstractItemView", "QAction", "QApplication", "QCheckBox",
    "QCloseEvent", "QColor", "QComboBox", "QDialog", "QDialogButtonBox", "QEvent", "QFileDialog", "QFont",
    "QFormLayout", "QHBoxLayout", "QHeaderView", "QIcon", "QInputMethodEvent", "QKeyEvent", "QKeySequence",
    "QLabel", "QLineEdit", "QListWidget", "QListWidgetItem", "QMainWindow", "QMenu", "QMessageBox",
    "QMimeData", "QModelIndex", "QObject", "QPlainTextEdit", "QPoint", "QProgressDialog", "QPushButton",
    "QSettings", "QSize", "QSplitter", "QStackedWidget", "QTabWidget", "QTextBrowser", "QTextCharFormat",
    "QTextCursor", "QTextDocument", "QThread", "QTimer", "QToolBar", "QTreeView", "QUndoCommand", "QUndoStack",
    "QVBoxLayout", "QWidget", "Qt", "Signal", "Slot",
]  # fmt: skip
