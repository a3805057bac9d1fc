"""``ideodesk backups list|restore [FILE]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ideodesk.commands.common import Parser, print_json
from ideodesk.errors import IdeoError
from ideodesk.store import backup as backup_mod
from ideodesk.store.drafts import move_aside, move_back
from ideodesk.store.folder import DataFolder


def register(sub: argparse._SubParsersAction) -> None:
    backups = sub.add_parser("backups", help="备份")
    bsub = backups.add_subparsers(dest="action", required=True, parser_class=Parser)
    bl = bsub.add_parser("list", help="列出备份（最新的在前）")
    bl.add_argument("--json", action="store_true")
    br = bsub.add_parser("restore", help="从备份恢复草稿库（当前库移至 replaced/ 保留）")
    br.add_argument("file", nargs="?", help="备份文件（默认最新的一个）")
    backups.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = DataFolder.resolve(args.data_dir)
    found = backup_mod.list_backups(folder.backups, folder.drafts_db)
    if args.action == "list":
        if args.json:
            print_json([{"file": str(p), "size": p.stat().st_size} for p in found])
        elif not found:
            print(f"（{folder.backups} 中没有备份）")
        else:
            for p in found:
                print(f"{p.name}  {p.stat().st_size // 1024} KB")
        return 0
    if args.file:
        chosen = Path(args.file)
        if not chosen.is_absolute() and not chosen.exists():
            chosen = folder.backups / chosen
        if not chosen.is_file():
            raise IdeoError(f"{args.file}：备份文件不存在")
    elif found:
        chosen = found[0]
    else:
        raise IdeoError(f"{folder.backups} 中没有备份，无法恢复")
    with folder.ensure().lock():
        backup_mod.check_backup(chosen)
        moved = None
        if folder.drafts_db.exists():
            moved = move_aside(folder.drafts_db, "replaced")
            if moved is None:
                raise IdeoError(f"无法移开当前草稿库 {folder.drafts_db}，未恢复")
        try:
            backup_mod.restore_backup(chosen, folder.drafts_db)
        except IdeoError:
            if moved is not None:  # put the library back as it was
                move_back(moved, folder.drafts_db)
            raise
    kept = f"；原草稿库已移至 {moved}" if moved else ""
    print(f"已从备份 {chosen.name} 恢复草稿库{kept}")
    return 0
