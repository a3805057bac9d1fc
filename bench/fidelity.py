"""Import fidelity on the labelled development corpus (tests/data/corpus_dev).

Prints one line per file (``--per-file``), the per-field table and the JSON line.  The
baseline is the goal of issue 12 beside each figure; the figures are not timings, so one
run is the measurement.  ``--dir DIR`` scores another labelled folder (same schema).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _common import report

from tests.fidelity import CORPUS, score

GOALS = {"title": 95, "addressee": 95, "l1": 95, "l2": 90, "l1_type": 90, "genre": 90, "opening": 90,
         "closing": 90}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-file", action="store_true")
    parser.add_argument("--dir", type=Path, default=CORPUS)
    args = parser.parse_args()
    tot = score(args.dir)
    if args.per_file:
        print("\n".join(tot.lines))
    print(tot.summary())
    figures = {f"{name} % (goal {goal})": round(tot.pct(name), 1) for name, goal in GOALS.items()}
    figures |= {
        "spurious L1 headings": tot.l1_extra,
        "L1 headings labelled": tot.l1_total,
        "junk strings left": f"{tot.junk_left} of {tot.junk_total} (goal 0)",
        "wrong splits (goal 0)": tot.parts_bad,
    }
    report("fidelity", figures)


if __name__ == "__main__":
    main()
