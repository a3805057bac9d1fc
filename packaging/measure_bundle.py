"""Bundle size and cold start of the IdeoDesk bundle against a bare PySide6 window
bundled the same way (``pyinstaller.spec`` with ``IDEODESK_BUNDLE=minimal``: same
PyInstaller, same excludes, same Qt modules and plugins, same strip/UPX settings).

    python packaging/measure_bundle.py [--runs 9] [--rebuild]

Builds ``dist/ideodesk`` and ``dist/minimal`` when missing (``--rebuild``: always).
Cold start = from just before the process is spawned to the X server mapping its first
top-level window (the main window), seen by ``xev`` on the root window of a private Xvfb
(DESIGN §10 lists the packages: xvfb, x11-utils, xdotool).  Nothing in the app is changed
or instrumented.  One discarded warm-up start each; then the two programs alternate, so
drift (other work on the machine) hits both alike.  The page cache is warm: “cold” means a
new process, not an empty disk cache.  The app runs on its own data folder, created by the
warm-up start (that first start is reported separately).

Prints medians and ratios, then one JSON line.  Linux only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
TOOLS = ("Xvfb", "xev", "xdotool")


def build(kind: str, python: str, force: bool) -> Path:
    exe = DIST / kind / kind
    if exe.exists() and not force:
        return exe
    env = {k: v for k, v in os.environ.items() if k != "IDEODESK_BUNDLE"}
    workpath = ROOT / "build" / "pyinstaller"
    if kind == "minimal":
        env["IDEODESK_BUNDLE"] = "minimal"
        workpath = ROOT / "build" / "pyinstaller-minimal"
    log = ROOT / "build" / f"measure-{kind}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"building dist/{kind} (log: {log.relative_to(ROOT)}) …", flush=True)
    t = time.monotonic()
    with log.open("w") as out:
        subprocess.run(
            [
                python,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                "--workpath",
                str(workpath),
                "--distpath",
                str(DIST),
                str(ROOT / "pyinstaller.spec"),
            ],
            check=True,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    print(f"  built in {time.monotonic() - t:.0f} s", flush=True)
    return exe


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and count of the regular files (symbolic links are not counted twice)."""
    total = files = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            st = os.lstat(os.path.join(dirpath, name))
            if not os.path.islink(os.path.join(dirpath, name)):
                total += st.st_size
                files += 1
    return total, files


class Display:
    """A private Xvfb and an ``xev`` watching its root window for windows being mapped."""

    def __enter__(self) -> Display:
        rfd, wfd = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(wfd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=(wfd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(wfd)
        with os.fdopen(rfd) as r:
            number = r.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        self.name = f":{number}"
        self.xev = subprocess.Popen(
            ["xev", "-display", self.name, "-root", "-event", "substructure"],
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.events: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.3)  # xev has selected its events
        return self

    def _read(self) -> None:
        for line in self.xev.stdout:
            self.events.put((time.monotonic(), line))

    def drain(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                self.events.get_nowait()

    def wait_mapped(self, timeout: float) -> tuple[float, str]:
        """Time and window id of the next MapNotify."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no window was mapped")
            t, line = self.events.get(timeout=left)
            if line.startswith("MapNotify"):
                # "MapNotify event, serial 18, synthetic NO, window 0x400007,"  then
                # "    event 0x..., window 0x..., override NO" on the next line
                _, detail = self.events.get(timeout=5)
                window = detail.split("window", 1)[1].split(",", 1)[0].strip()
                return t, window

    def __exit__(self, *exc) -> None:
        for p in (self.xev, self.xvfb):
            p.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(timeout=5)


def start_once(exe: Path, env: dict[str, str], display: Display, quit_keys: bool) -> float:
    """Seconds from spawning ``exe`` to its first window being mapped; then close it."""
    display.drain()
    t0 = time.monotonic()
    proc = subprocess.Popen([str(exe)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        shown, window = display.wait_mapped(timeout=60)
    except (TimeoutError, queue.Empty):
        proc.kill()
        raise SystemExit(f"{exe.name}: no window within 60 s: {proc.communicate()[1][:500]!r}") from None
    if quit_keys:  # the app: File > Quit (Ctrl+Q), so it closes its library cleanly
        xenv = {**os.environ, "DISPLAY": display.name}
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=xenv, check=False)
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+q"], env=xenv, check=False)
    else:
        proc.terminate()
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise SystemExit(f"{exe.name}: did not quit") from None
    if quit_keys and proc.returncode != 0:
        raise SystemExit(f"{exe.name}: exit {proc.returncode}: {err[:500]!r}")
    return shown - t0


def clean_env(folder: Path, display, tmp: str) -> dict[str, str]:
    """A first-start environment: an empty home and runtime folder under ``folder``."""
    home, runtime = folder / "home", folder / "runtime"
    home.mkdir(parents=True)
    runtime.mkdir(mode=0o700)
    return {
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "DISPLAY": display.name,
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": tmp,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=9, help="measured starts of each program (default 9)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild both bundles first")
    ap.add_argument("--python", default=sys.executable, help="Python with PyInstaller (for building)")
    args = ap.parse_args()
    if not sys.platform.startswith("linux"):
        raise SystemExit("measure_bundle.py measures on Linux (Xvfb); see packaging/README.md")
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: apt-get install xvfb x11-utils xdotool")

    app = build("ideodesk", args.python, args.rebuild)
    minimal = build("minimal", args.python, args.rebuild)

    sizes = {k: folder_size(exe.parent) for k, exe in (("app", app), ("minimal", minimal))}
    mib = {k: v[0] / 2**20 for k, v in sizes.items()}

    with tempfile.TemporaryDirectory(prefix="ideodesk-measure-") as tmp, Display() as display:
        env = clean_env(Path(tmp), display, tmp)
        first_start = start_once(app, env, display, quit_keys=True)  # creates the data folder
        start_once(minimal, env, display, quit_keys=False)
        times: dict[str, list[float]] = {"app": [], "minimal": []}
        for i in range(args.runs):
            order = (("minimal", minimal), ("app", app)) if i % 2 else (("app", app), ("minimal", minimal))
            for kind, exe in order:
                times[kind].append(start_once(exe, env, display, quit_keys=kind == "app"))

    med = {k: statistics.median(v) for k, v in times.items()}
    size_ratio = mib["app"] / mib["minimal"]
    start_ratio = med["app"] / med["minimal"]

    print(
        f"bundle size (regular files, MiB):  app {mib['app']:.1f} ({sizes['app'][1]} files)   "
        f"minimal PySide6 {mib['minimal']:.1f} ({sizes['minimal'][1]} files)   ratio {size_ratio:.2f}"
    )
    print(f"cold start, process spawn → first window mapped (Xvfb), median of {args.runs}:")
    for k in ("app", "minimal"):
        v = sorted(times[k])
        print(f"  {k:8s} {med[k] * 1000:7.0f} ms   (min {v[0] * 1000:.0f}, max {v[-1] * 1000:.0f})")
    print(f"  ratio    {start_ratio:7.2f}   (DESIGN §7 target: ≤ 1.5)")
    print(f"  app's first start on a fresh data folder: {first_start * 1000:.0f} ms")
    print(
        json.dumps(
            {
                "bench": "bundle",
                "app_size_mib": round(mib["app"], 1),
                "minimal_size_mib": round(mib["minimal"], 1),
                "size_ratio": round(size_ratio, 2),
                "app_start_median_ms": round(med["app"] * 1000),
                "minimal_start_median_ms": round(med["minimal"] * 1000),
                "start_ratio": round(start_ratio, 2),
                "app_first_start_ms": round(first_start * 1000),
                "runs": args.runs,
                "app_start_ms": [round(t * 1000) for t in times["app"]],
                "minimal_start_ms": [round(t * 1000) for t in times["minimal"]],
                "method": "spawn to MapNotify on Xvfb, warm page cache, alternating runs",
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
