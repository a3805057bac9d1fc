"""Import throughput: clean + split + recover + classify (target ≥ 1 MB of text per second).

Input: the corpus files repeated to about 3 MB.  Baselines in the same run: reading and
decoding the same bytes into lines (the floor any importer pays) and OpenCC's t2s
conversion of the text (the one C++ step).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import median_ms, report

from ideodesk.core.convert import to_simplified
from ideodesk.core.importer import import_files
from ideodesk.core.reading import read_source

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
TARGET_BYTES = 3 * 1024 * 1024
RUNS = 5


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    one = "\n".join(texts)
    data = (one + "\n") * (TARGET_BYTES // len(one.encode()) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus-x.txt"
        path.write_text(data, encoding="utf-8")
        size_mb = path.stat().st_size / 1024 / 1024
        docs = len(import_files([path]))
        full = median_ms(lambda: import_files([path]), RUNS, warmup=1)
        read = median_ms(lambda: read_source(path), RUNS, warmup=1)
        text = path.read_text(encoding="utf-8")
        opencc = median_ms(lambda: to_simplified(text), RUNS, warmup=1)
    report(
        "import_throughput",
        {
            "input_mb": round(size_mb, 2),
            "documents": docs,
            "import_median_ms": full,
            "import_mb_per_s": round(size_mb / (full / 1000), 2),
            "baseline_read_decode_median_ms": read,
            "baseline_read_mb_per_s": round(size_mb / (read / 1000), 2),
            "baseline_opencc_t2s_median_ms": opencc,
            "import_vs_read_ratio": round(full / read, 1),
            "target_mb_per_s": 1.0,
            "runs": RUNS,
        },
    )


if __name__ == "__main__":
    main()
