"""Which glibc does a bundle need?  Every ELF file of a folder, its highest symbol versions.

    python3 packaging/oldglibc/glibc_report.py dist/oldglibc/ideodesk [--target 2.31] [--also 2.28]

For each ELF file (executables, shared libraries, Python extension modules; found by their
magic bytes, not by name) ``objdump -T`` lists the dynamic symbols with the version each
needs.  The highest ``GLIBC_x.y`` of a file is the oldest glibc that can load it; the
highest ``GLIBCXX_`` / ``CXXABI_`` say which libstdc++ it needs (for information: a bundle
that needs a newer libstdc++ than the system's must carry its own).  Prints a table sorted
by the glibc requirement, newest first, and the symbols behind the top rows.

Exit status 1 when any file needs a newer glibc than ``--target`` (default 2.31, Kylin V10
SP1); 2 when objdump is missing or the folder has no ELF file.  ``--also`` names further
glibc versions to report on (pass/fail) without failing; default 2.28 (UOS V20).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
# "0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.34) __libc_start_main"
# objdump prints the version with or without parentheses depending on its release, and
# "GLIBC_PRIVATE" or "GLIBC_2.2.5" where the version has three parts.
VERSIONED = re.compile(r"\b(GLIBC|GLIBCXX|CXXABI)_(\d+(?:\.\d+)*)\b\)?\s+(\S+)\s*$")


def version_key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


def elf_files(folder: Path) -> list[Path]:
    found = []
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath, name)
            if path.is_symlink() or not path.is_file():
                continue
            try:
                with path.open("rb") as f:
                    if f.read(4) == ELF_MAGIC:
                        found.append(path)
            except OSError:
                continue
    return sorted(found)


def needs(path: Path) -> dict[str, tuple[str, list[str]]]:
    """{"GLIBC": (highest version, symbols needing it), "GLIBCXX": …, "CXXABI": …}."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
    best: dict[str, tuple[str, list[str]]] = {}
    for line in out.splitlines():
        # Only symbols this file takes from elsewhere (undefined); the versions a library
        # defines itself (libstdc++ in the bundle defining GLIBCXX_3.4.30) are no need.
        if "*UND*" not in line:
            continue
        m = VERSIONED.search(line)
        if not m:
            continue
        family, ver, symbol = m[1], m[2], m[3]
        cur = best.get(family)
        if cur is None or version_key(ver) > version_key(cur[0]):
            best[family] = (ver, [symbol])
        elif ver == cur[0]:
            cur[1].append(symbol)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--target", default="2.31", help="newest glibc allowed (default 2.31)")
    ap.add_argument("--also", action="append", default=None, help="more glibc versions to report on (2.28)")
    ap.add_argument("--top", type=int, default=15, help="rows of the table to print (default 15; 0: all)")
    ap.add_argument("--print-max", action="store_true", help="print only the highest GLIBC version needed")
    args = ap.parse_args()
    also = args.also if args.also is not None else ["2.28"]

    if shutil.which("objdump") is None:
        print("需要 objdump（apt-get install binutils）", file=sys.stderr)
        return 2
    files = elf_files(args.folder)
    if not files:
        print(f"{args.folder} 中没有 ELF 文件", file=sys.stderr)
        return 2

    rows = []
    for path in files:
        n = needs(path)
        rows.append((path.relative_to(args.folder).as_posix(), n))
    rows.sort(key=lambda r: (version_key(r[1].get("GLIBC", ("0", []))[0]), r[0]), reverse=True)

    def col(n, family):
        return n[family][0] if family in n else "-"

    if args.print_max:
        print(max((r[1]["GLIBC"][0] for r in rows if "GLIBC" in r[1]), key=version_key, default="0"))
        return 0
    shown = rows if args.top == 0 else rows[: args.top]
    width = min(max(len(r[0]) for r in shown), 90)
    print(f"{len(rows)} ELF files in {args.folder}; highest symbol versions each needs (newest glibc first):")
    print(f"{'file':{width}}  {'GLIBC':>7}  {'GLIBCXX':>8}  {'CXXABI':>7}")
    for name, n in shown:
        print(f"{name[-width:]:{width}}  {col(n, 'GLIBC'):>7}  {col(n, 'GLIBCXX'):>8}  {col(n, 'CXXABI'):>7}")
    if len(shown) < len(rows):
        print(f"… {len(rows) - len(shown)} more (--top 0 shows all)")

    glibc = [(r[1]["GLIBC"][0], r[0], r[1]["GLIBC"][1]) for r in rows if "GLIBC" in r[1]]
    highest = max((g[0] for g in glibc), key=version_key, default="0")
    cxx = max((r[1]["GLIBCXX"][0] for r in rows if "GLIBCXX" in r[1]), key=version_key, default="-")
    print(f"\nhighest GLIBC needed: {highest}   (highest GLIBCXX: {cxx})")
    for g in glibc[:5]:
        print(f"  {g[1]}: GLIBC_{g[0]} for {', '.join(sorted(set(g[2]))[:6])}")

    def verdict(limit: str) -> list[tuple[str, str, list[str]]]:
        return [g for g in glibc if version_key(g[0]) > version_key(limit)]

    for limit in also:
        over = verdict(limit)
        state = "通过" if not over else f"不通过（{len(over)} 个文件需要更高版本）"
        print(f"glibc {limit}: {state}")
        for g in over[:8]:
            print(f"    {g[1]}: GLIBC_{g[0]} ({', '.join(sorted(set(g[2]))[:4])})")
    over = verdict(args.target)
    if over:
        print(f"目标 glibc {args.target}：不通过，{len(over)} 个文件需要更高版本（最高 {highest}）")
        return 1
    print(f"目标 glibc {args.target}：通过（最高需要 {highest}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
