"""The one place the GUI imports Qt from (version checks and shims live here)."""

from __future__ import annotations

import sys

from PySide6 import __version__ as PYSIDE_VERSION  # noqa: N812
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if sys.version_info < (3, 12) and tuple(int(x) for x in PYSIDE_VERSION.split(".")[:2]) >= (6, 12):
    # PySide6 6.12 leaks a reference to None per void call on 3.11 and aborts (DESIGN §10).
    raise ImportError(f"PySide6 {PYSIDE_VERSION} 在 Python 3.11 上不稳定，请安装 PySide6-Essentials<6.12")

__all__ = [
    "PYSIDE_VERSION", "QAction", "QApplication", "QComboBox", "QDialog", "QDialogButtonBox", "QFont",
    "QFormLayout", "QIcon", "QKeySequence", "QLabel", "QLineEdit", "QListWidget", "QListWidgetItem",
    "QMainWindow", "QMessageBox", "QObject", "QPlainTextEdit", "QSplitter", "QTimer", "QVBoxLayout",
    "QWidget", "Qt", "Signal", "Slot",
]  # fmt: skip
