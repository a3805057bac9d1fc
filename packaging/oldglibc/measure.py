"""Size and cold start of the old-glibc bundle against today's bundle built on this host.

    python packaging/oldglibc/measure.py [--runs 9] [--old dist/oldglibc/ideodesk] [--new dist/ideodesk]

Both bundles run here, on this machine's glibc (the old-glibc bundle runs on any glibc
>= 2.31).  Measured, alternating the two so drift hits both alike, after one discarded
warm-up start each (warm page cache, so "cold" means a new process):
  * ``--version``: process spawned -> exited (the interpreter, the bootloader unpacking
    nothing — one-folder — and the app's argument parser);
  * the GUI: process spawned -> its first top-level window mapped on a private Xvfb,
    the method of ``packaging/measure_bundle.py`` (whose Display and start_once it uses).
Sizes: regular files of the bundle folder, and the .deb when given (``--deb``).
Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from measure_bundle import Display, clean_env, folder_size, start_once  # noqa: E402


def version_once(exe: Path, env: dict[str, str]) -> float:
    t = time.monotonic()
    p = subprocess.run([str(exe), "--version"], env=env, capture_output=True, timeout=60)
    dt = time.monotonic() - t
    if p.returncode != 0 or not p.stdout.startswith(b"IdeoDesk "):
        raise SystemExit(f"{exe}: --version failed ({p.returncode}): {p.stderr[:300]!r}")
    return dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--old", type=Path, default=ROOT / "dist" / "oldglibc" / "ideodesk")
    ap.add_argument("--new", type=Path, default=ROOT / "dist" / "ideodesk")
    ap.add_argument("--deb", type=Path, help="the .deb, for its size")
    args = ap.parse_args()
    bundles = {"oldglibc": args.old / "ideodesk", "host": args.new / "ideodesk"}
    for exe in bundles.values():
        if not exe.exists():
            raise SystemExit(f"no bundle at {exe}")

    sizes = {k: folder_size(exe.parent) for k, exe in bundles.items()}
    times: dict[str, dict[str, list[float]]] = {k: {"version": [], "gui": []} for k in bundles}
    first: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ideodesk-measure-") as tmp, Display() as display:
        envs = {kind: clean_env(Path(tmp, kind), display, tmp) for kind in bundles}
        for kind, exe in bundles.items():  # warm-up: page cache, and each its data folder
            version_once(exe, envs[kind])
            first[kind] = start_once(exe, envs[kind], display, quit_keys=True)
        for i in range(args.runs):
            order = list(bundles.items())
            if i % 2:
                order.reverse()
            for kind, exe in order:
                times[kind]["version"].append(version_once(exe, envs[kind]))
                times[kind]["gui"].append(start_once(exe, envs[kind], display, quit_keys=True))

    med = {k: {m: statistics.median(v) * 1000 for m, v in d.items()} for k, d in times.items()}
    mib = {k: v[0] / 2**20 for k, v in sizes.items()}
    deb = args.deb.stat().st_size / 2**20 if args.deb else None
    print(f"{'':28s} {'old glibc (bullseye)':>22s} {'today (this host)':>18s} {'ratio':>6s}")
    print(
        f"{'bundle size, MiB (files)':28s} {mib['oldglibc']:14.1f} ({sizes['oldglibc'][1]:4d}) "
        f"{mib['host']:10.1f} ({sizes['host'][1]:4d}) {mib['oldglibc'] / mib['host']:6.2f}"
    )
    for m, label in (("version", "--version, ms (median)"), ("gui", "GUI first window, ms (med.)")):
        o, h = med["oldglibc"][m], med["host"][m]
        print(f"{label:28s} {o:22.0f} {h:18.0f} {o / h:6.2f}")
    print(f"{'first GUI start, ms':28s} {first['oldglibc'] * 1000:22.0f} {first['host'] * 1000:18.0f}")
    if deb is not None:
        print(f".deb: {args.deb.name} {deb:.1f} MiB")
    print(
        json.dumps(
            {
                "bench": "oldglibc-vs-host",
                "runs": args.runs,
                "size_mib": {k: round(v, 1) for k, v in mib.items()},
                "files": {k: v[1] for k, v in sizes.items()},
                "deb_mib": round(deb, 1) if deb is not None else None,
                "version_median_ms": {k: round(v["version"]) for k, v in med.items()},
                "gui_median_ms": {k: round(v["gui"]) for k, v in med.items()},
                "version_ms": {k: [round(t * 1000) for t in v["version"]] for k, v in times.items()},
                "gui_ms": {k: [round(t * 1000) for t in v["gui"]] for k, v in times.items()},
                "method": "spawn to exit (--version), spawn to MapNotify on Xvfb (GUI), warm, alternating",
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
