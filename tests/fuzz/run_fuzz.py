"""Run every malformed input through the real CLI and summarise how each command held.

``python tests/fuzz/run_fuzz.py`` generates the inputs (``gen_inputs.py``) into a
temporary folder, then runs ``python -m ideodesk --data-dir D …`` as child processes:
``outline``, ``check``, ``export -o out.docx``, ``import``, ``import --as-draft`` and
``phrases import``, each with a time limit.  Each run starts from a fresh copy of one
prepared data folder (a library with a draft, a phrase bank with a user phrase), so a
refusal can be checked against a known state: the stores' SQL dumps must be unchanged.
Peak memory is the child's own ``ru_maxrss`` from ``os.wait4``.  Prints a table per
command and, with ``--jsonl FILE``, one JSON line per run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.gen_inputs import Input, generate  # noqa: E402

TIMEOUT = 10.0
STORES = ("drafts.sqlite3", "phrases.sqlite3")
COMMANDS = {
    "outline": lambda f, out: ["outline", f],
    "check": lambda f, out: ["check", f],
    "export": lambda f, out: ["export", f, "-o", str(out / "out.docx")],
    "import": lambda f, out: ["import", f],
    "import-draft": lambda f, out: ["import", "--as-draft", f],
    "phrases-import": lambda f, out: ["phrases", "import", f],
}
BY_KIND = {
    "doc": ("outline", "check", "export", "import", "import-draft"),
    "json": ("check", "export", "import-draft"),
    "pack": ("phrases-import",),
    "special": tuple(COMMANDS),
}


@dataclass
class Run:
    input: str
    label: str
    command: str
    rc: int | None  # None: killed at the time limit
    seconds: float
    rss_mb: float
    traceback: bool
    stderr_lines: int
    multi_line: bool  # a refusal whose message is not exactly one line
    store_changed: bool  # only checked on refusals (rc != 0)
    message: str


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    guard = ROOT / "tests" / "netguard"  # blocks the network in the child
    env["PYTHONPATH"] = os.pathsep.join([str(guard), str(ROOT), env.get("PYTHONPATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("IDEODESK_DATA_DIR", None)
    return env


# A small parent for each run: its child's ru_maxrss then measures the command alone.  (A
# child forked straight from this process would inherit our own high-water mark through
# exec, and the generator makes this process big.)
_WRAPPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run_child(args: list[str], cwd: Path, timeout: float = TIMEOUT) -> tuple[int | None, float, float, str]:
    """(rc or None on timeout, seconds, peak RSS in MB, stderr) of ``python -m ideodesk ARGS``."""
    err_path, result = cwd / "stderr.txt", cwd / "result.txt"
    with open(err_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, str(result), "-m", "ideodesk", *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=child_env(),
            cwd=cwd,
            start_new_session=True,  # one process group: a timeout kills both
        )
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        seconds = time.monotonic() - start
    rc: int | None = None
    rss = 0.0
    if result.exists() and proc.returncode == 0:
        code, maxrss = result.read_text().split()
        rc, rss = int(code), int(maxrss) / 1024  # kB on Linux
    return rc, seconds, rss, err_path.read_bytes().decode("utf-8", "replace")


def store_state(folder: Path) -> dict[str, str | None]:
    """A hash of each store's SQL dump (None when absent): file bytes change on a
    checkpoint, content does not."""
    state: dict[str, str | None] = {}
    for name in STORES:
        path = folder / name
        if not path.exists():
            state[name] = None
            continue
        h = hashlib.sha256()
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for line in con.iterdump():
                    h.update(line.encode("utf-8", "surrogatepass"))
            finally:
                con.close()
            state[name] = h.hexdigest()
        except sqlite3.Error as e:
            state[name] = f"unreadable: {e}"
    return state


def prepare_template(folder: Path) -> dict[str, str | None]:
    """A data folder with a draft and a user phrase; returns its store state."""
    for args in (
        ["drafts", "new", "--genre", "speech", "--title", "已有的草稿"],
        ["phrases", "add", "已有的用户词条压紧压实责任", "--section", "measures"],
    ):
        rc, _, _, err = run_child(["--data-dir", str(folder), *args], folder.parent, timeout=120)
        if rc != 0:
            raise SystemExit(f"preparing the data folder failed: {err}")
    return store_state(folder)


def run_one(item: Input, command: str, template: Path, before: dict, work: Path) -> Run:
    run_dir = Path(tempfile.mkdtemp(dir=work))
    data = run_dir / "data"
    shutil.copytree(template, data, symlinks=True)
    try:
        args = ["--data-dir", str(data), *COMMANDS[command](item.path, run_dir)]
        rc, seconds, rss, stderr = run_child(args, run_dir)
        lines = [line for line in stderr.splitlines() if line.strip()]
        errors = [line for line in lines if not line.startswith("ideodesk：警告")]
        changed = rc != 0 and store_state(data) != before
        return Run(
            input=os.fsencode(item.path).decode("utf-8", "backslashreplace"),
            label=item.label,
            command=command,
            rc=rc,
            seconds=round(seconds, 3),
            rss_mb=round(rss, 1),
            traceback="Traceback" in stderr,
            stderr_lines=len(lines),
            multi_line=rc == 2 and (len(errors) != 1 or not errors[0].startswith("ideodesk：")),
            store_changed=changed,
            message=(errors[-1] if errors else "")[:300],
        )
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def run_all(inputs: list[Input], work: Path, workers: int = 2) -> list[Run]:
    template = work / "template" / "data"
    template.parent.mkdir(parents=True)
    before = prepare_template(template)
    jobs = [(item, cmd) for item in inputs for cmd in BY_KIND[item.kind]]
    # Longest first, so the pool does not end on one slow run.
    jobs.sort(key=lambda j: _size(j[0].path), reverse=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda j: run_one(j[0], j[1], template, before, work), jobs))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def summarise(runs: list[Run]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for name in [*COMMANDS, "all"]:
        rs = [r for r in runs if name in (r.command, "all")]
        if not rs:
            continue
        table[name] = {
            "runs": len(rs),
            "ok_rc0": sum(r.rc == 0 for r in rs),
            "refused_rc2": sum(r.rc == 2 for r in rs),
            "other_rc": sum(r.rc not in (0, 2) for r in rs),
            "tracebacks": sum(r.traceback for r in rs),
            "over_10s": sum(r.rc is None or r.seconds > TIMEOUT for r in rs),
            "max_rss_mb": max(r.rss_mb for r in rs),
            "max_seconds": max(r.seconds for r in rs),
            "store_changed_on_refusal": sum(r.store_changed for r in rs),
            "multi_line_messages": sum(r.multi_line for r in rs),
        }
    return table


def print_table(table: dict[str, dict[str, float]]) -> None:
    cols = list(next(iter(table.values())))
    widths = [max(len(c), 7) + 2 for c in cols]
    print(f"{'command':<15}" + "".join(f"{c:>{w}}" for c, w in zip(cols, widths, strict=True)))
    for name, row in table.items():
        print(f"{name:<15}" + "".join(f"{row[c]:>{w}}" for c, w in zip(cols, widths, strict=True)))


def fuzz(workers: int = 2, jsonl: Path | None = None, keep: Path | None = None) -> tuple[list[Run], dict]:
    with tempfile.TemporaryDirectory(prefix="ideodesk-fuzz-") as tmp:
        work = Path(tmp)
        inputs = generate(keep or work / "inputs")
        runs = run_all(inputs, work, workers)
    if jsonl:
        with open(jsonl, "w", encoding="utf-8") as f:
            for r in runs:
                f.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
    return runs, summarise(runs)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--jsonl", type=Path, help="write one JSON line per run here")
    args = p.parse_args(argv)
    start = time.monotonic()
    runs, table = fuzz(args.workers, args.jsonl)
    inputs = len({r.input for r in runs})
    print(f"{inputs} inputs, {len(runs)} runs in {time.monotonic() - start:.0f} s")
    print_table(table)
    bad = [
        r
        for r in runs
        if r.traceback or r.rc is None or r.store_changed or r.multi_line or r.rc not in (0, 2)
    ]
    for r in bad[:40]:
        print(f"  FAIL {r.command:<14} rc={r.rc} {r.seconds:.1f}s {r.rss_mb:.0f}MB {r.input}: {r.message}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
