"""CLI readers while the app autosaves (review F1, F1b): nothing acknowledged is lost, nothing moved.

Readers take no instance lock by design, so ``drafts list``, ``show`` and ``export`` may run while
the window is open and saving.  They must neither make the app's acknowledged saves vanish on a
crash (a reader that checkpoints and deletes the live ``-wal``), nor declare the live library
corrupt and move it away.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ideodesk.core.draft import Draft, Section
from ideodesk.store.drafts import DraftStore
from ideodesk.store.saver import BackgroundSaver
from tests.conftest import PYTHON, ROOT, run_cli

CHILD = ROOT / "tests" / "gui" / "reader_race_child.py"
ROUNDS = 20
READERS_PER_ROUND = 4

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and POSIX locks")

_READ_TITLE = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "print(c.execute('SELECT title FROM drafts WHERE id = ?', (int(sys.argv[2]),)).fetchone()[0])\n"
    "c.close()\n"
)


def _plain_reader(path: Path, draft_id: int) -> str:
    """Another process opens the library with plain sqlite3, reads, and closes."""
    proc = subprocess.run(
        [PYTHON, "-c", _READ_TITLE, str(path), str(draft_id)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_a_reader_process_leaves_the_live_wal_of_the_saver_alone(tmp_path):
    """The root cause of F1, without the GUI: once the saver thread has its own connection, a
    reader in another process that closes its connection must not checkpoint and delete the WAL
    the app is still writing into; the next save must be visible to the next process."""
    path = tmp_path / "drafts.sqlite3"
    wal = path.with_name(path.name + "-wal")
    store = DraftStore.open(path)  # the window's connection, held for the whole session
    rec = store.create(Draft(title="第一稿", sections=[Section(paragraphs=["第一稿。"])]))
    saver = BackgroundSaver(path)
    try:
        saver.track(rec.id, rec.rev)
        saver.request(rec.id, Draft(title="第二稿", sections=[Section(paragraphs=["第二稿。"])]))
        assert saver.flush(), "the first save did not finish"
        assert saver.revision(rec.id) == rec.rev + 1
        assert wal.exists()

        assert _plain_reader(path, rec.id) == "第二稿"
        assert wal.exists(), "a reader in another process deleted the live WAL of the open app"

        saver.request(rec.id, Draft(title="第三稿", sections=[Section(paragraphs=["第三稿。"])]))
        assert saver.flush(), "the second save did not finish"
        assert saver.revision(rec.id) == rec.rev + 2
        assert _plain_reader(path, rec.id) == "第三稿", "an acknowledged save is invisible to others"
    finally:
        saver.close()
        store.close()
    reopened = DraftStore.open(path)
    try:
        assert reopened.load(rec.id).draft.title == "第三稿"
        assert reopened.integrity_check() == "ok"
    finally:
        reopened.close()


class _Child:
    """The real window typing in a child process; its stdout lines are collected as they come."""

    def __init__(self, data: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [PYTHON, str(CHILD), str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append(line.strip())
                self.cond.notify_all()
        with self.cond:
            self.lines.append("<eof>")
            self.cond.notify_all()

    def wait_for(self, prefix: str, timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines:
                    if line.startswith(prefix):
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or "<eof>" in self.lines:
                    return None
                self.cond.wait(left)

    def acked(self) -> int:
        with self.cond:
            return max((int(line.split()[1]) for line in self.lines if line.startswith("saved ")), default=0)

    def kill(self) -> str:
        self.proc.send_signal(signal.SIGKILL)
        _, err = self.proc.communicate(timeout=30)
        self.thread.join(30)
        return err


def _missing_sentences(text: str, upto: int) -> list[int]:
    return [k for k in range(1, upto + 1) if f"第{k}句。" not in text]


@pytest.mark.slow
@pytest.mark.gui  # the child runs the real main window offscreen
def test_cli_readers_during_autosave_then_kill_9_lose_nothing_and_move_nothing(tmp_path, child_env):
    rng = random.Random(20261202)
    problems: list[str] = []
    counts = {"rounds": 0, "acked": 0, "lost_rounds": 0, "lost_sentences": 0, "readers": 0, "moved": 0}
    for rnd in range(ROUNDS):
        data = tmp_path / f"round{rnd}"
        db = data / "drafts.sqlite3"
        child = _Child(data, child_env)
        try:
            ready = child.wait_for("ready", 60)
            if ready is None:
                pytest.fail(f"round {rnd}: the child did not start: {child.kill()}")
            draft_id = int(ready.split()[1])
            inode = db.stat().st_ino
            if child.wait_for("saved", 20) is None:
                pytest.fail(f"round {rnd}: no autosave within 20 s: {child.kill()}")
            out_txt = data.parent / f"round{rnd}.txt"
            kinds = ["list", "list-json", "show", "export"]
            rng.shuffle(kinds)
            for kind in kinds[:READERS_PER_ROUND]:
                time.sleep(rng.uniform(0.05, 0.4))
                seen_before = child.acked()  # committed before this reader started
                args = {
                    "list": ("drafts", "list"),
                    "list-json": ("drafts", "list", "--json"),
                    "show": ("drafts", "show", str(draft_id)),
                    "export": ("export", str(draft_id), "-o", str(out_txt)),
                }[kind]
                proc = run_cli(child_env, "--data-dir", str(data), *args, check=False, timeout=60)
                counts["readers"] += 1
                if proc.returncode != 0 or "Traceback" in proc.stderr:
                    problems.append(f"round {rnd}: {kind} rc={proc.returncode}: {proc.stderr.strip()[-300:]}")
                    continue
                if kind in {"show", "export"}:
                    text = proc.stdout if kind == "show" else out_txt.read_text(encoding="utf-8-sig")
                    missing = _missing_sentences(text, seen_before)
                    if missing:
                        problems.append(
                            f"round {rnd}: {kind} saw stale text: {len(missing)} of {seen_before} "
                            f"acknowledged sentences missing"
                        )
            time.sleep(rng.uniform(1.0, 2.0))  # more typing and autosaves after the readers
        finally:
            err = child.kill()
        counts["rounds"] += 1
        acked = child.acked()
        counts["acked"] += acked
        for line in child.lines:
            if line.startswith("message "):
                problems.append(f"round {rnd}: the window showed {line[8:][:300]}")
        if "Traceback" in err:
            problems.append(f"round {rnd}: traceback in the app: {err.strip()[-400:]}")

        moved = [name for name in ("corrupt", "replaced") if (data / name).exists()]
        if moved:
            counts["moved"] += 1
            problems.append(
                f"round {rnd}: library moved aside into {moved}: {sorted(data.rglob('*.sqlite3*'))}"
            )
        if not db.exists():
            problems.append(f"round {rnd}: drafts.sqlite3 is gone")
            continue
        if db.stat().st_ino != inode:
            problems.append(f"round {rnd}: drafts.sqlite3 was replaced by another file")
        conn = sqlite3.connect(db)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as e:
            result = f"{type(e).__name__}: {e}"
        finally:
            conn.close()
        if result != "ok":
            problems.append(f"round {rnd}: integrity_check: {result[:300]}")
            continue
        store = DraftStore.open(db, data / "backups")
        try:
            text = store.load(draft_id).draft.plain_text()
        finally:
            store.close()
        missing = _missing_sentences(text, acked)
        if missing:
            counts["lost_rounds"] += 1
            counts["lost_sentences"] += len(missing)
            problems.append(f"round {rnd}: {len(missing)} of {acked} acknowledged sentences lost")
    print(counts)  # shown with -s or -rP
    assert counts["acked"] >= ROUNDS, f"the window should have autosaved while typing: {counts}"
    assert not problems, f"{counts}\n" + "\n".join(problems)
