"""The baseline for ``measure_bundle.py``: a bare PySide6 window, bundled by
``pyinstaller.spec`` with ``IDEODESK_BUNDLE=minimal`` (same options as the app)."""

import sys

from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
window = QWidget()
window.setWindowTitle("minimal")
window.resize(800, 600)
window.show()
sys.exit(app.exec())
