"""Screenshots of the real app on Xvfb, kept as test artifacts (build/artifacts/screenshots)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PYTHON, ROOT

CHILD = Path(__file__).with_name("screenshots_child.py")
ARTIFACTS = Path(os.environ.get("IDEODESK_ARTIFACTS", ROOT / "build" / "artifacts")) / "screenshots"

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def display():
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is needed for the screenshots (apt-get install xvfb; .ci/run installs it)")
    rfd, wfd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(wfd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(wfd)
    with os.fdopen(rfd) as r:
        number = r.readline().strip()
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(10)


def test_screenshots_of_window_wizard_phrase_panel_and_print_preview(display, child_env, tmp_path):
    from PySide6.QtGui import QImage

    env = {**child_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    proc = subprocess.run(
        [PYTHON, str(CHILD), str(tmp_path / "data"), str(ARTIFACTS)], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-3000:]
    for name, min_size in (("main", (1200, 700)), ("wizard", (400, 250)), ("phrases", (200, 300)),
                           ("print_preview", (600, 700))):  # fmt: skip
        image = QImage(str(ARTIFACTS / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= min_size[0] and image.height() >= min_size[1], name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, f"{name}.png looks blank"
