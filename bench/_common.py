"""Helpers shared by the benchmarks: timing medians and the final JSON line."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def median_ms(fn: Callable[[], object], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(samples), 3)


def report(name: str, figures: dict) -> None:
    """Print the figures readably, then the one JSON line tools read."""
    for key, value in figures.items():
        print(f"{key:>36}: {value}")
    print(json.dumps({"benchmark": name, **figures}, ensure_ascii=False))
