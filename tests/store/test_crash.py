"""kill -9 during saves: the database stays intact and every acknowledged save is there."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from tests.conftest import PYTHON

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 50


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_loses_no_acknowledged_save(tmp_path, child_env):
    rng = random.Random(9704)
    data = tmp_path / "crash"
    folder = DataFolder(data)
    acked_saves: dict[int, int] = {}
    acked_creates: set[int] = set()
    total_saves = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [PYTHON, str(CHILD), str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        while line and line.strip() != b"ready":
            _record(line, acked_saves, acked_creates)
            line = proc.stdout.readline()
        assert line, proc.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.splitlines():
            total_saves += _record(line, acked_saves, acked_creates)
        assert proc.returncode == -signal.SIGKILL

        store = DraftStore.open(folder.drafts_db, folder.backups)
        try:
            assert store.integrity_check() == "ok"
            for draft_id, rev in acked_saves.items():
                stored = store.load(draft_id)
                assert stored.rev >= rev, "an acknowledged save was lost"
                assert stored.draft.title == f"rev={stored.rev}", "content does not match its revision"
            stored_ids = {s.id for s in store.list()}
            assert acked_creates <= stored_ids
        finally:
            store.close()
        folder.lock().release()  # the dead child's lock is gone with it
    assert total_saves > KILLS, "the child should have completed saves between kills"


def _record(line: bytes, saves: dict[int, int], creates: set[int]) -> int:
    parts = line.decode().split()
    if parts[:2] == ["ack", "save"]:
        saves[int(parts[2])] = int(parts[3])
        return 1
    if parts[:2] == ["ack", "create"]:
        creates.add(int(parts[2]))
    return 0
