"""``ideodesk backups list|restore [FILE]|start-empty [--phrases]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ideodesk.commands.common import Parser, print_json
from ideodesk.errors import IdeoError
from ideodesk.store import backup as backup_mod
from ideodesk.store.folder import DataFolder
from ideodesk.store.sqlitefile import forget, marker


def register(sub: argparse._SubParsersAction) -> None:
    backups = sub.add_parser("backups", help="备份")
    bsub = backups.add_subparsers(dest="action", required=True, parser_class=Parser)
    bl = bsub.add_parser("list", help="列出备份（最新的在前）")
    bl.add_argument("--json", action="store_true")
    br = bsub.add_parser("restore", help="从备份恢复（当前的库先复制到 replaced/ 保留）")
    br.add_argument("file", nargs="?", help="备份文件（默认最新的一个）")
    bs = bsub.add_parser("start-empty", help="库文件不见了或已损坏时，确认从空库重新开始")
    for p in (bl, br, bs):
        p.add_argument("--phrases", action="store_true", help="词库（默认：草稿库）")
    backups.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = DataFolder.resolve(args.data_dir)
    db, what = (folder.phrases_db, "词库") if args.phrases else (folder.drafts_db, "草稿库")
    found = backup_mod.list_backups(folder.backups, db)
    if args.action == "list":
        if args.json:
            print_json([{"file": str(p), "size": p.stat().st_size} for p in found])
        elif not found:
            print(f"（{folder.backups} 中没有{what}的备份）")
        else:
            for p in found:
                print(f"{p.name}  {p.stat().st_size // 1024} KB")
        return 0
    if args.action == "start-empty":
        with folder.ensure().lock():
            if db.exists() and db.stat().st_size > 0:
                raise IdeoError(f"{db} 仍然存在，未做任何改动；要换用备份请用 ideodesk backups restore")
            if not marker(db).exists():
                print(f"{what}不需要重新开始（{db} 尚未创建过）")
                return 0
            forget(db)
        print(f"已确认从空{what}重新开始：下次使用时新建 {db}")
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
        raise IdeoError(f"{folder.backups} 中没有{what}的备份，无法恢复")
    with folder.ensure().lock():
        kept = backup_mod.restore_backup(chosen, db, what)
    note = f"；原{what}已复制到 {kept}" if kept else ""
    print(f"已从备份 {chosen.name} 恢复{what}{note}")
    return 0
