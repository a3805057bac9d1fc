"""kill -9 while typing: on restart the text up to the last autosave is there."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ideodesk.gui.main_window import MainWindow
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from tests.conftest import PYTHON

CHILD = Path(__file__).with_name("crash_typing_child.py")

pytestmark = [pytest.mark.gui, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_while_typing_keeps_everything_autosaved(qtbot, tmp_path, child_env, seed):
    data = tmp_path / "data"
    proc = subprocess.Popen([PYTHON, str(CHILD), str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=child_env, text=True)  # fmt: skip
    first = proc.stdout.readline().split()
    assert first[:1] == ["ready"], proc.stderr.read()
    draft_id = int(first[1])
    # Typing, with autosaves along the way: wait for a few of them (events, not a fixed
    # time), then kill at a random moment of the typing that follows.
    rng = random.Random(seed)
    saved = _wait_for_saves(proc, rng.randint(2, 4), timeout=60)
    time.sleep(rng.uniform(0.0, 0.6))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    saved += [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved")]
    assert saved, "the child should have autosaved while typing"
    last = max(saved)

    folder = DataFolder(data)
    store = DraftStore.open(folder.drafts_db, folder.backups)
    assert store.integrity_check() == "ok"
    window = MainWindow(store, folder)  # the restart
    window.finish_startup()
    qtbot.addWidget(window)
    assert window.workspace.draft_id == draft_id
    text = window.workspace.draft.plain_text()
    assert all(f"第{k}句。" in text for k in range(1, last + 1))
    window.close()
    store.close()


def _wait_for_saves(proc: subprocess.Popen, n: int, timeout: float) -> list[int]:
    """The sentence counts of the child's first ``n`` autosaves (fewer if it ends or the
    time runs out: the assertions then say what went wrong)."""
    import selectors

    deadline = time.monotonic() + timeout
    saved: list[int] = []
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while len(saved) < n and time.monotonic() < deadline:
            if not sel.select(deadline - time.monotonic()):
                break
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("saved"):
                saved.append(int(line.split()[1]))
    return saved
