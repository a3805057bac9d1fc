"""Memory of a loaded phrase bank plus a 100-page draft (target: RSS ≤ 250 MB).

``python bench/memory.py [PHRASES_DB]``: in this fresh process, measures RSS after the
imports (the baseline), then opens the bank, runs searches and completions, and holds
a 100-page (~60 000-character) draft, and measures again.  Without an argument it uses
the shipped bank in memory.  bench/lookup.py runs it on its 100 000-phrase bank.
Qt is not loaded here: the GUI adds its own (fixed) share on top.
"""

from __future__ import annotations

import os
import sys

from _common import report

from ideodesk.core.draft import Draft, Section
from ideodesk.phrases.bank import PhraseBank


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB."""
    if sys.platform.startswith("linux"):
        values = {}
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) / 1024
        return round(values["VmRSS"], 1), round(values["VmHWM"], 1)
    if os.name == "nt":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [
                ("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t),
            ]  # fmt: skip

        c = Counters()
        c.cb = ctypes.sizeof(c)
        ctypes.windll.psapi.GetProcessMemoryInfo(
            ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(c), c.cb
        )
        return round(c.WorkingSetSize / 1048576, 1), round(c.PeakWorkingSetSize / 1048576, 1)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (
        1048576 if sys.platform == "darwin" else 1024
    )
    return round(peak, 1), round(peak, 1)


def hundred_pages() -> Draft:
    para = "坚持以习近平新时代中国特色社会主义思想为指导，全面落实意识形态工作责任制，" * 4
    sections = [
        Section("measures", f"第{i}项重点工作", paragraphs=[para + str(i)] * 6, run_in=True)
        for i in range(100)
    ]
    return Draft(title="在全县意识形态工作会议上的讲话", sections=sections)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else None
    before, _ = rss_mb()
    bank = PhraseBank.open(path, sync=path is None)
    draft = hundred_pages()
    for q in ("意识形态", "的", "工作", "牢牢掌握", "llzw", "阵地", "二十大", "守土有责"):
        for section in (None, "measures", "problems"):
            bank.search(q, section)
    bank.complete("我们要牢牢掌握意识形态", "measures")
    loaded, peak = rss_mb()
    report(
        "memory",
        {
            "phrases": bank.index.count,
            "draft_chars": draft.char_count(),
            "rss_mb_before": before,
            "rss_mb_loaded": loaded,
            "rss_mb_peak": peak,
            "target_mb": 250,
        },
    )
    bank.close()


if __name__ == "__main__":
    main()
