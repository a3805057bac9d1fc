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
    time.sleep(random.Random(seed).uniform(4.0, 7.0))  # typing, with autosaves along the way
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved")]
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
