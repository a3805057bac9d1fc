"""kill -9 during ``ideodesk backups restore`` (review F3): always a library, old or restored.

The folder holds a library {A, B, C} and a backup taken when it held only {A}.  Whatever moment
the restore is killed at, the next command must find a sound library holding exactly one of the
two sets (an interrupted restore may be rolled back or finished, with a warning), never none and
never an empty one.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ideodesk.core.draft import Draft, Section
from ideodesk.store.drafts import DraftStore
from tests.conftest import PYTHON, run_cli

KILLS = 60
OLD = frozenset({"稿甲", "稿乙", "稿丙"})  # the library before the restore
BACKUP = frozenset({"稿甲"})  # what the backup holds

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _noise(rng: random.Random, chars: int) -> str:
    """Chinese text that does not compress much, so the library is a few MB on disk."""
    return "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(chars))


def _big_draft(rng: random.Random, title: str, paragraphs: int) -> Draft:
    body = [_noise(rng, 4000) + "。" for _ in range(paragraphs)]
    return Draft(genre="speech", title=title, sections=[Section(heading="正文", paragraphs=body)])


def _make_folder(data: Path) -> Path:
    """A library {A, B, C} with one backup {A}; returns the backup."""
    rng = random.Random(3)
    data.mkdir(parents=True)
    store = DraftStore.open(data / "drafts.sqlite3", data / "backups")
    try:
        store.create(_big_draft(rng, "稿甲", 300))
        backup = store.backup()
        store.create(_big_draft(rng, "稿乙", 100))
        store.create(_big_draft(rng, "稿丙", 100))
    finally:
        store.close()
    return backup


def _titles_in(db: Path) -> frozenset[str] | str:
    """The draft titles a library file holds, or why it cannot be read (never creates it)."""
    try:
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as e:
        return f"cannot open: {e}"
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            return f"integrity_check: {check[:200]}"
        return frozenset(row[0] for row in conn.execute("SELECT title FROM drafts"))
    except sqlite3.Error as e:
        return f"{type(e).__name__}: {e}"
    finally:
        conn.close()


def _listed(env: dict[str, str], data: Path) -> tuple[frozenset[str] | None, str]:
    proc = run_cli(env, "--data-dir", str(data), "drafts", "list", "--json", check=False)
    if proc.returncode != 0 or "Traceback" in proc.stderr:
        return None, f"drafts list rc={proc.returncode}: {proc.stderr.strip()[-300:]}"
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    if len(lines) > 1:
        return None, f"drafts list printed {len(lines)} lines on stderr: {proc.stderr.strip()[-300:]}"
    return frozenset(d["title"] for d in json.loads(proc.stdout)), proc.stderr.strip()


def _restore(env: dict[str, str], data: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "ideodesk", "--data-dir", str(data), "backups", "restore"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _newest_replaced(data: Path) -> Path | None:
    found = sorted((data / "replaced").glob("drafts*.sqlite3"), key=lambda p: p.stat().st_mtime_ns)
    return found[-1] if found else None


def _fresh_copy(pristine: Path, data: Path) -> None:
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(pristine, data)


def test_a_completed_restore_keeps_the_whole_old_library_in_replaced(tmp_path, child_env):
    data = tmp_path / "data"
    _make_folder(data)
    proc = run_cli(child_env, "--data-dir", str(data), "backups", "restore", check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert _titles_in(data / "drafts.sqlite3") == BACKUP
    kept = _newest_replaced(data)
    assert kept is not None, f"the old library was not kept in replaced/: {sorted(data.rglob('*'))}"
    assert _titles_in(kept) == OLD, "replaced/ must hold a complete, openable copy of the old library"
    listed, _ = _listed(child_env, data)
    assert listed == BACKUP


def _timed_restore(env: dict[str, str], pristine: Path, data: Path) -> float:
    _fresh_copy(pristine, data)
    start = time.monotonic()
    proc = _restore(env, data)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - start


@pytest.mark.slow
def test_kill_9_at_random_moments_of_a_restore_always_leaves_the_old_or_the_restored_library(
    tmp_path, child_env
):
    rng = random.Random(9704)
    pristine = tmp_path / "pristine"
    _make_folder(pristine)
    data = tmp_path / "data"
    start = time.monotonic()
    run_cli(child_env, "--version")
    startup = time.monotonic() - start
    typical = max(_timed_restore(child_env, pristine, data) for _ in range(2))
    size = (pristine / "drafts.sqlite3").stat().st_size

    outcome = {"old": 0, "restored": 0, "gone_after_kill": 0, "completed_before_kill": 0, "warned": 0}
    problems: list[str] = []
    _fresh_copy(pristine, data)
    for kill in range(KILLS):
        db = data / "drafts.sqlite3"
        proc = _restore(child_env, data)
        time.sleep(rng.uniform(startup * 0.7, typical * 1.15))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
        if proc.returncode == 0:
            outcome["completed_before_kill"] += 1
        elif proc.returncode != -signal.SIGKILL:
            problems.append(f"kill {kill}: restore rc={proc.returncode}: {err.decode()[-300:]}")

        raw = _titles_in(db) if db.exists() else None  # what a crash left, before anything else runs
        if raw is None:
            outcome["gone_after_kill"] += 1
        elif raw not in (OLD, BACKUP):
            problems.append(f"kill {kill}: the library left in place is neither old nor restored: {raw}")

        listed, message = _listed(child_env, data)  # the next command, as a user would run it
        if message:
            outcome["warned"] += 1
        after = _titles_in(db) if db.exists() else "drafts.sqlite3 does not exist"
        if listed is None:
            problems.append(f"kill {kill}: {message}")
        elif listed not in (OLD, BACKUP):
            problems.append(
                f"kill {kill}: drafts list shows {sorted(listed)} (neither old nor restored); "
                f"stderr: {message!r}; file: {after}; folder: {sorted(p.name for p in data.rglob('*'))}"
            )
        elif after != listed:
            problems.append(f"kill {kill}: drafts list shows {sorted(listed)} but the file holds {after}")

        if listed == OLD and after == OLD:
            outcome["old"] += 1
            continue  # the next round restores on top of what this interrupted restore left
        if listed == BACKUP and after == BACKUP:
            outcome["restored"] += 1
            kept = _newest_replaced(data)
            kept_titles = _titles_in(kept) if kept else "nothing in replaced/"
            if kept_titles != OLD:
                problems.append(
                    f"kill {kill}: restored, but replaced/ does not hold the old library: {kept_titles}"
                )
        _fresh_copy(pristine, data)

    summary = (
        f"{outcome}, library {size // 1024} KB, typical restore {typical:.2f} s, start-up {startup:.2f} s"
    )
    print(summary)  # shown with -s or -rP
    assert not problems, summary + "\n" + "\n".join(problems)
    # the swap is one rename: at no kill point is there no library at all
    assert outcome["gone_after_kill"] == 0, summary
    assert outcome["old"] >= 3, f"too few kills landed before the restore completed: {summary}"
    assert outcome["restored"] >= 3, f"too few kills landed after the restore completed: {summary}"
