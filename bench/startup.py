"""Cold start to main window shown: the app vs a bare PySide6 window started the same way.

Both are started with the same Python on a private Xvfb; the time runs from spawning the
process to the X server mapping its first window (seen by ``xev`` on the root window, so
nothing in the app is instrumented).  The usual start opens an existing data folder (made
by one unmeasured start); the first start on a fresh folder, which creates the library
and compiles the phrase bank in the background, is reported separately.  Target (DESIGN
§7): ≤ 1.5× the bare window.  Needs Debian's xvfb and x11-utils.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from measure_bundle import Display  # noqa: E402  (the Xvfb + xev watcher the bundle measure uses)

RUNS = 11
BARE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
w = QWidget(); w.setWindowTitle("bare"); w.resize(800, 600); w.show()
sys.exit(app.exec())
"""


def start(cmd: list[str], env: dict[str, str], display: Display) -> float:
    display.drain()
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        shown, _ = display.wait_mapped(timeout=60)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return (shown - t0) * 1000


def main() -> None:
    missing = [t for t in ("Xvfb", "xev") if shutil.which(t) is None]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: apt-get install xvfb x11-utils")
    python = sys.executable
    app_ms, bare_ms, first_ms = [], [], []
    with tempfile.TemporaryDirectory() as tmp, Display() as display:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        base_env = {**os.environ, "DISPLAY": display.name, "QT_QPA_PLATFORM": "xcb"}
        usual = {**base_env, "IDEODESK_DATA_DIR": str(Path(tmp) / "data")}
        start([python, "-m", "ideodesk"], usual, display)  # makes the data folder; warms caches
        time.sleep(2)  # let its background bank compilation finish before the next start
        for i in range(RUNS):
            app_ms.append(start([python, "-m", "ideodesk"], usual, display))
            bare_ms.append(start([python, str(bare)], base_env, display))
            if i < 5:
                fresh = {**base_env, "IDEODESK_DATA_DIR": str(Path(tmp) / f"fresh{i}")}
                first_ms.append(start([python, "-m", "ideodesk"], fresh, display))
    app_med, bare_med = statistics.median(app_ms), statistics.median(bare_ms)
    report(
        "startup",
        {
            "app_median_ms": round(app_med, 1),
            "bare_pyside6_median_ms": round(bare_med, 1),
            "ratio": round(app_med / bare_med, 2),
            "first_start_fresh_folder_median_ms": round(statistics.median(first_ms), 1),
            "first_start_ratio": round(statistics.median(first_ms) / bare_med, 2),
            "target_ratio": 1.5,
            "runs": RUNS,
        },
    )


if __name__ == "__main__":
    main()
