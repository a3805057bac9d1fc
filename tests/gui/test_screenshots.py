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


@pytest.fixture(params=["1366x768", "1600x1000"])
def display(request):
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is needed for the screenshots (apt-get install xvfb; .ci/run installs it)")
    rfd, wfd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(wfd), "-screen", "0", f"{request.param}x24", "-nolisten", "tcp"],
        pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(wfd)
    with os.fdopen(rfd) as r:
        number = r.readline().strip()
    yield f":{number}", request.param
    xvfb.terminate()
    xvfb.wait(10)


def test_screenshots_of_writing_paste_find_check_drag_and_print_preview(display, child_env, tmp_path):
    """The shots issue 11 asks for, on the two common office screen sizes; the window fills
    the available screen and every shot has content (a human looks at them: see README)."""
    from PySide6.QtGui import QImage

    number, size = display
    width, height = (int(v) for v in size.split("x"))
    env = {**child_env, "DISPLAY": number, "QT_QPA_PLATFORM": "xcb"}
    proc = subprocess.run(
        [PYTHON, str(CHILD), str(tmp_path / "data"), str(ARTIFACTS), size], env=env, capture_output=True,
        text=True, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-3000:]
    for name in (
        "writing",
        "pasted",
        "find",
        "check",
        "drag",
        "dropped",
        "wizard",
        "phrases",
        "print_preview",
    ):
        image = QImage(str(ARTIFACTS / f"{name}-{size}.png"))
        assert not image.isNull(), name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, f"{name}-{size}.png looks blank"
        if name in ("writing", "pasted", "find", "check"):
            assert image.width() <= width and image.height() <= height, f"{name} does not fit {size}"
            assert image.width() >= width - 40 and image.height() >= height - 80, f"{name} is not maximized"
