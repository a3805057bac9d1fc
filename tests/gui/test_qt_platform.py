"""Qt regression: PySide6 6.12.0 on Python 3.11 aborts after a few thousand void calls."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import PYTHON, ROOT

CALLS = 40_000


@pytest.mark.gui
def test_forty_thousand_void_calls_keep_none_alive():
    """Counted in a fresh interpreter: in the test process, other tests' background threads
    (the phrase bank opening, jieba loading) change None's count while this runs."""
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ideodesk.gui.qt import QApplication, QPlainTextEdit
app = QApplication([])
edit = QPlainTextEdit()
before = sys.getrefcount(None)
for i in range({CALLS}):
    edit.setReadOnly(i % 2 == 0)  # returns nothing: the leaking kind of call
print(sys.getrefcount(None) - before)
"""
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    change = int(proc.stdout.strip().splitlines()[-1])
    assert change > -1000, f"None lost {-change} references in {CALLS} void calls"


@pytest.mark.gui
def test_forty_thousand_void_calls_do_not_abort_a_fresh_interpreter():
    code = f"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ideodesk.gui.qt import QApplication, QLineEdit
app = QApplication([])
w = QLineEdit()
for i in range({CALLS}):
    w.setText("意识形态")
    w.clear()
print("survived")
"""
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0 and "survived" in proc.stdout, proc.stderr[-2000:]


def test_pyside6_pin_holds_on_python_311():
    from PySide6 import __version__

    if sys.version_info < (3, 12):
        assert tuple(int(x) for x in __version__.split(".")[:2]) < (6, 12)
