"""``ideodesk import FILE... [--as-draft]``: files into the drafts library, or into the
phrase bank's review queue as candidate formulations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ideodesk.commands.common import close_store, open_store, print_json, warn
from ideodesk.core.importer import ImportJob

_PROGRESS_BYTES = 1024 * 1024  # show progress for imports larger than this


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="导入 .txt/.docx：作为草稿（--as-draft）或作为规范表述候选")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--as-draft", action="store_true", help="每篇文稿存为一篇草稿")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def read_all(files: list[str]) -> ImportJob:
    """Read every file before anything is stored: one bad file stops the whole import."""
    job = ImportJob([Path(f) for f in files])
    show = sys.stderr.isatty() and (len(files) > 1 or job.total() > _PROGRESS_BYTES)
    for done, total in job.run():
        if show:
            print(f"\r导入中… {done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    for w in job.warnings:
        warn(w)
    return job


def run(args: argparse.Namespace) -> int:
    job = read_all(args.files)
    if not args.as_draft:
        return queue_candidates(args, job)
    store, lock = open_store(args, write=True)
    try:
        stored = store.create_many([doc.draft for doc in job.documents])
    finally:
        close_store(store, lock)
    if args.json:
        print_json([{"id": s.id, "title": s.draft.title, "genre": s.draft.genre, "source": doc.source}
                    for s, doc in zip(stored, job.documents, strict=True)])  # fmt: skip
        return 0
    print(f"已导入 {len(stored)} 篇草稿（来自 {len(args.files)} 个文件）：")
    for s in stored:
        print(f"{s.id:>6}  {s.draft.title or '（无标题）'}")
    return 0


def queue_candidates(args: argparse.Namespace, job: ImportJob) -> int:
    """Headings, set phrases and transitions of every document into the review queue;
    each file's candidates go in as one transaction."""
    from ideodesk.commands.phrases import close_bank, open_bank
    from ideodesk.phrases.candidates import extract_candidates

    by_file: dict[str, list] = {}
    for doc in job.documents:
        by_file.setdefault(doc.source, []).extend(extract_candidates(doc.draft))
    bank, lock = open_bank(args, write=True)
    per_file: dict[str, dict] = {}
    try:
        for source, candidates in by_file.items():
            per_file[source] = bank.queue_candidates(candidates, source=Path(source).name).to_dict()
    finally:
        close_bank(bank, lock)
    totals = {k: sum(r[k] for r in per_file.values()) for k in ("added", "merged", "skipped")}
    if args.json:
        print_json({"documents": len(job.documents), **totals, "files": per_file})
        return 0
    print(
        f"已从 {len(args.files)} 个文件（{len(job.documents)} 篇文稿）提取候选表述："
        f"新增待审核 {totals['added']} 条，与已有词条合并 {totals['merged']} 条，"
        f"跳过 {totals['skipped']} 条。"
    )
    print("用 ideodesk phrases review list 查看，accept ID 收下，reject ID 不要。")
    return 0
