"""Command-line smoke test of a built bundle, for any platform (the Windows CI runs it;
``build_linux.sh`` does the same and more on Linux, under a network cut).

    python packaging/smoke_cli.py dist/ideodesk/ideodesk.exe [--data-dir DIR] [--gui]

Runs ``--version``, ``outline``, ``phrases search``, ``export`` (.docx, Simplified and
Traditional) and ``check`` on ``packaging/testdata/seminar_speech.txt``, ``check`` on a
letter mask (``党w``), and with ``--gui`` starts the app and stops it.  Also used on a wheel
installed into a fresh virtual environment (``.ci/run``).  Results are read
from ``--json`` output and from the .docx itself, so the console's code page does not
matter.  Exit status 1 when any step fails.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "packaging" / "testdata" / "seminar_speech.txt"
TITLE = "在2024年意识形态领域分析研讨会上的发言"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("exe", type=Path)
    ap.add_argument("--data-dir", type=Path, help="data folder to use (default: a new temporary one)")
    ap.add_argument("--gui", action="store_true", help="also start the app (offscreen) and stop it")
    args = ap.parse_args()
    failures = 0

    with tempfile.TemporaryDirectory(prefix="ideodesk-smoke-") as tmp:
        data = args.data_dir or Path(tmp, "data")
        out = Path(tmp)

        def run(*argv: str) -> tuple[int, bytes, float]:
            t = time.monotonic()
            p = subprocess.run(
                [str(args.exe), "--data-dir", str(data), *argv], capture_output=True, timeout=120
            )
            return p.returncode, p.stdout, time.monotonic() - t

        def step(name: str, ok: bool, detail: str, seconds: float, err: bytes = b"") -> None:
            nonlocal failures
            print(f"{'PASS' if ok else 'FAIL'}  {name} ({seconds:.2f} s): {detail}", flush=True)
            if not ok:
                failures += 1
                if err:
                    print(err.decode("utf-8", "replace")[-1500:], flush=True)

        def checked(name: str, argv: list[str], test, detail: str) -> None:
            rc, stdout, sec = run(*argv)
            try:
                ok = rc == 0 and bool(test(stdout))
            except Exception as e:  # a malformed output is a failed step, not a crash
                ok, detail = False, f"{detail} — {type(e).__name__}: {e}"
            step(name, ok, detail if rc == 0 else f"exit {rc}", sec, b"" if ok else stdout)

        def docx_text(path: Path) -> str:
            with zipfile.ZipFile(path) as z:
                return z.read("word/document.xml").decode("utf-8")

        checked("version", ["--version"], lambda o: o.strip().startswith(b"IdeoDesk "), "prints the version")
        checked(
            "outline --json",
            ["outline", "--json", str(SAMPLE)],
            lambda o: json.loads(o)["title"] == TITLE,
            "outline recovered, title found",
        )
        checked(
            "phrases search 意识形态",
            ["phrases", "search", "意识形态", "--json"],
            lambda o: any("意识形态" in p["text"] for p in json.loads(o)),
            "shipped phrases found",
        )
        checked(
            "phrases search llzw",
            ["phrases", "search", "llzw", "--json"],
            lambda o: any(p["text"].startswith("牢牢") for p in json.loads(o)),
            "pinyin initials (resources/pinyin_initials.txt)",
        )
        docx = out / "speech.docx"
        checked(
            "export .docx",
            ["export", str(SAMPLE), "-o", str(docx)],
            lambda o: TITLE in docx_text(docx),
            "a .docx with the title (python-docx templates)",
        )
        tw = out / "speech_tw.docx"
        checked(
            "export --traditional s2tw",
            ["export", str(SAMPLE), "--traditional", "s2tw", "-o", str(tw)],
            lambda o: "意識形態" in docx_text(tw),
            "Traditional text (OpenCC data)",
        )
        checked(
            "check --json",
            ["check", "--json", str(SAMPLE)],
            lambda o: any(f["rule"] == "damaged_formulation" for f in json.loads(o)),
            "damaged formulations found (phrasebank/formulations.tsv, jieba dictionary)",
        )

        masked = out / "masked.txt"  # pinyin initials standing for characters (党w = 党委)
        masked.write_text("关于落实责任制的通知\n\n各级党w（党组）要切实履行主体责任。\n", "utf-8")
        checked(
            "check a letter mask",
            ["check", "--json", str(masked)],
            lambda o: any("党委（党组）" in (f["replacement"] or "") for f in json.loads(o)),
            "党w（党组） repaired to 党委（党组） (the pinyin table of all readings)",
        )
        if args.gui:
            gui_data = out / "gui-data"
            t = time.monotonic()
            env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
            with subprocess.Popen(
                [str(args.exe), "--data-dir", str(gui_data)], env=env, stderr=subprocess.PIPE
            ) as app:
                library = gui_data / "drafts.sqlite3"
                while time.monotonic() - t < 60 and app.poll() is None and not library.exists():
                    time.sleep(0.2)
                time.sleep(3)  # the phrase bank opens after the window: give it time to fail, if it will
                alive = app.poll() is None
                app.kill()
                err = app.communicate()[1]
            ok = alive and (gui_data / "drafts.sqlite3").exists() and b"Traceback" not in err
            step("GUI start", ok, "window up, library created, no traceback", time.monotonic() - t, err)

    print(f"{'ALL PASSED' if not failures else f'{failures} FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
