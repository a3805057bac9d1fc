"""Read and write errors injected under the real CLI with ``strace -e inject`` (review F2).

A transient I/O error is not damage: the command refuses with one clear line (exit code 2) or
succeeds, never prints a traceback, and afterwards, without the fault, the library and the
phrase bank are where they were, nothing was moved to ``corrupt/``, nothing acknowledged is
missing and a refused write left nothing behind.  A read error is reported as a read (I/O)
failure, never as "已损坏".
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ideodesk.core.draft import Draft, Section
from ideodesk.store.drafts import DraftStore
from tests.conftest import PYTHON, ROOT, run_cli

USER_PHRASE = "坚持把自建词条的测试放在首位"
NEW_PHRASE = "在故障注入中新增的自建词条"
SUFFIXES = ("", "-wal", "-shm", "-journal")


def _strace_works() -> bool:
    strace = shutil.which("strace")
    if strace is None or sys.platform != "linux":
        return False
    try:
        inject = ["-e", "trace=pread64", "-e", "inject=pread64:error=EIO:when=999"]
        probes = [
            [strace, "-f", "-e", "trace=none", "true"],
            [strace, "-f", "-o", "/dev/null", *inject, "true"],
        ]
        return all(subprocess.run(p, capture_output=True, timeout=30).returncode == 0 for p in probes)
    except (OSError, subprocess.SubprocessError):
        return False


pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="strace is Linux only"),
    pytest.mark.skipif(not _strace_works(), reason="strace missing or not permitted (ptrace)"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, tuple[list[int], int]]:
    """A data folder as a user has it: a few drafts (made by the CLI and larger ones), the
    first backup, and the phrase bank with one phrase of the user's own; and its state."""
    data = tmp_path_factory.mktemp("faults") / "pristine"
    env = _env()
    for title in ("第一份通知", "第二份通知", "第三份通知"):
        run_cli(env, "--data-dir", str(data), "drafts", "new", "--genre", "notice", "--title", title)
    rng = random.Random(5)
    store = DraftStore.open(data / "drafts.sqlite3", data / "backups")
    try:
        for n in range(4):  # overflow pages, so that later reads hit real data
            body = ["".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(3000)) for _ in range(6)]
            store.create(
                Draft(genre="speech", title=f"长稿{n}", sections=[Section(heading="一", paragraphs=body)])
            )
    finally:
        store.close()
    run_cli(env, "--data-dir", str(data), "phrases", "add", USER_PHRASE, "--section", "general")
    state = _state(env, data)
    assert len(state[0]) == 7 and state[1] == 1, state
    return data, state


def _env() -> dict[str, str]:
    """As ``child_env`` (which is per test; the pristine folder is made once per module)."""
    env = dict(os.environ)
    guard = ROOT / "tests" / "netguard"
    env["PYTHONPATH"] = os.pathsep.join([str(guard), str(ROOT), env.get("PYTHONPATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("IDEODESK_DATA_DIR", None)
    return env


def _state(env: dict[str, str], data: Path) -> tuple[list[int], int]:
    """(draft ids, number of user phrases), read by clean CLI runs without any fault."""
    drafts = run_cli(env, "--data-dir", str(data), "drafts", "list", "--json", check=False)
    assert drafts.returncode == 0 and "Traceback" not in drafts.stderr, drafts.stderr
    phrases = run_cli(env, "--data-dir", str(data), "phrases", "stats", "--json", check=False)
    assert phrases.returncode == 0 and "Traceback" not in phrases.stderr, phrases.stderr
    return sorted(d["id"] for d in json.loads(drafts.stdout)), json.loads(phrases.stdout)["by_origin"]["user"]


COMMANDS = {
    "drafts list": (("drafts", "list"), "drafts"),
    "drafts show": (("drafts", "show", "1"), "drafts"),
    "drafts new": (("drafts", "new", "--genre", "notice", "--title", "故障中新建的通知"), "drafts"),
    "phrases stats": (("phrases", "stats"), "phrases"),
    "phrases add": (("phrases", "add", NEW_PHRASE, "--section", "general"), "phrases"),
}


def _run_with_fault(tmp_path, pristine, command: str, syscall: str, errno: str, when: int, by_path: bool):
    pristine, before = pristine
    data = tmp_path / "data"
    shutil.copytree(pristine, data)
    env = _env()
    inodes = {name: (data / f"{name}.sqlite3").stat().st_ino for name in ("drafts", "phrases")}
    args, target = COMMANDS[command]
    trace = tmp_path / "strace.log"
    paths: list[str] = []
    if by_path:  # count and fail only the calls on this store's files
        for suffix in SUFFIXES:
            paths += ["-P", str(data / f"{target}.sqlite3{suffix}")]
    proc = subprocess.run(
        ["strace", "-f", "-qq", "-o", str(trace), *paths, "-e", f"trace={syscall}",
         "-e", f"inject={syscall}:error={errno}:when={when}",
         PYTHON, "-m", "ideodesk", "--data-dir", str(data), *args],
        capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, timeout=120,
    )  # fmt: skip
    injected = "(INJECTED)" in trace.read_text(errors="replace")
    where = f"{command} with {syscall}={errno} at call {when} (injected: {injected})"

    assert proc.returncode in (0, 2), f"{where}: rc={proc.returncode}\n{proc.stderr[-1500:]}"
    assert "Traceback" not in proc.stderr, f"{where}: traceback\n{proc.stderr[-1500:]}"

    for name, inode in inodes.items():
        path = data / f"{name}.sqlite3"
        assert path.exists(), f"{where}: {path.name} is gone: {proc.stderr.strip()}"
        assert path.stat().st_ino == inode, f"{where}: {path.name} was replaced: {proc.stderr.strip()}"
    moved = sorted(p.name for p in (data / "corrupt").iterdir()) if (data / "corrupt").exists() else []
    assert not moved, (
        f"{where}: a healthy store was moved to corrupt/: {moved}; message: {proc.stderr.strip()}"
    )
    ids, users = _state(env, data)
    assert set(before[0]) <= set(ids), f"{where}: drafts disappeared: {before[0]} -> {ids}"
    wrote = proc.returncode == 0
    assert len(ids) == len(before[0]) + (wrote and command == "drafts new"), (
        f"{where}: rc={proc.returncode} but drafts {before[0]} -> {ids}"
    )
    assert users == before[1] + (wrote and command == "phrases add"), (
        f"{where}: rc={proc.returncode} but user phrases {before[1]} -> {users}"
    )
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert all(line.startswith("ideodesk") for line in lines), f"{where}: a message ran over lines: {lines}"
    if proc.returncode == 2:
        assert lines, f"{where}: refused without saying why"
    return proc, injected


READ_CASES = [(command, when) for command in COMMANDS for when in (3, 6, 8, 10, 14, 20)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "when"), READ_CASES, ids=[f"{c.replace(' ', '-')}-{w}" for c, w in READ_CASES]
)
def test_a_read_error_is_an_io_failure_not_damage(tmp_path, pristine, command, when):
    proc, _ = _run_with_fault(tmp_path, pristine, command, "pread64", "EIO", when, by_path=True)
    if proc.returncode == 2:
        message = proc.stderr.strip()
        assert "已损坏" not in message, f"{command}, EIO at read {when}, called damage: {message}"
        assert any(word in message for word in ("读", "I/O", "磁盘", "输入/输出")), (
            f"{command}, EIO at read {when}: the message does not say it is a read failure: {message}"
        )


WRITE_CASES = [
    (command, syscall, errno, when)
    for command in ("drafts new", "phrases add")
    for syscall, whens in (("pwrite64", (1, 3)), ("fdatasync", (1, 2)), ("fsync", (1,)))
    for errno in ("ENOSPC", "EIO")
    for when in whens
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "syscall", "errno", "when"),
    WRITE_CASES,
    ids=[f"{c.replace(' ', '-')}-{s}-{e}-{w}" for c, s, e, w in WRITE_CASES],
)
def test_a_write_error_is_refused_cleanly_and_leaves_nothing_half_written(
    tmp_path, pristine, command, syscall, errno, when
):
    # SQLite itself never calls fsync (it uses fdatasync): fsync is matched on any file
    # (the marker, backups, the folder), the others on the store's own files.
    proc, injected = _run_with_fault(
        tmp_path, pristine, command, syscall, errno, when, by_path=syscall != "fsync"
    )
    assert injected or syscall == "fsync", f"{command}: {syscall} call {when} on the store never happened"
    if proc.returncode == 2:
        assert "已损坏" not in proc.stderr, f"{command}: a write error called damage: {proc.stderr.strip()}"
