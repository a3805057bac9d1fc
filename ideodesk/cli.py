"""Command line: ``ideodesk`` starts the app; subcommands work on the data folder.

Errors are one Chinese line on stderr with exit code 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from ideodesk import __version__
from ideodesk.core import draftjson
from ideodesk.core.genres import GENRES, genre
from ideodesk.core.text import has_unsafe
from ideodesk.errors import IdeoError
from ideodesk.store import backup as backup_mod
from ideodesk.store.drafts import DraftStore, DraftSummary, StoredDraft, move_aside, move_back
from ideodesk.store.folder import DataFolder

EXIT_ERROR = 2

_ARGPARSE_ZH = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的选项："),
    ("expected one argument", "需要一个值"),
    ("invalid int value: ", "应为整数："),
    ("choose from ", "可选 "),
    ("argument ", "参数 "),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one Chinese line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for en, zh in _ARGPARSE_ZH:
            message = message.replace(en, zh)
        self.exit(EXIT_ERROR, f"ideodesk：命令参数错误：{message}（用 --help 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ideodesk", description="IdeoDesk 公文组稿台")
    p.add_argument("--version", action="version", version=f"IdeoDesk {__version__}")
    p.add_argument("--data-dir", help="数据文件夹（默认：IDEODESK_DATA_DIR 或用户数据目录）")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    drafts = sub.add_parser("drafts", help="草稿库")
    dsub = drafts.add_subparsers(dest="action", required=True, parser_class=_Parser)
    genres = "、".join(f"{g.id}（{g.label}）" for g in GENRES.values())

    new = dsub.add_parser("new", help="按文种新建草稿")
    new.add_argument("--genre", required=True, help=f"文种：{genres}")
    new.add_argument("--title", required=True, help="标题")
    new.add_argument("--var", action="append", default=[], metavar="名称=值", help="填写变量，可重复")
    new.add_argument("--json", action="store_true")

    lst = dsub.add_parser("list", help="列出草稿（最近修改的在前）")
    lst.add_argument("--search", metavar="词语", help="全文搜索标题和正文")
    lst.add_argument("--trash", action="store_true", help="列出回收站")
    lst.add_argument("--limit", type=int, default=-1)
    lst.add_argument("--json", action="store_true")

    show = dsub.add_parser("show", help="显示草稿")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")

    for name, text in (("trash", "移入回收站"), ("restore", "从回收站恢复"), ("duplicate", "复制为新草稿")):
        q = dsub.add_parser(name, help=text)
        q.add_argument("id", type=int)
        q.add_argument("--json", action="store_true")
    backups = sub.add_parser("backups", help="备份")
    bsub = backups.add_subparsers(dest="action", required=True, parser_class=_Parser)
    bl = bsub.add_parser("list", help="列出备份（最新的在前）")
    bl.add_argument("--json", action="store_true")
    br = bsub.add_parser("restore", help="从备份恢复草稿库（当前库移至 replaced/ 保留）")
    br.add_argument("file", nargs="?", help="备份文件（默认最新的一个）")
    return p


# ----------------------------------------------------------------- commands
def _summary_dict(s: DraftSummary) -> dict:
    return asdict(s)


def _stored_dict(s: StoredDraft) -> dict:
    out = draftjson.draft_to_dict(s.draft)
    out.update(id=s.id, rev=s.rev, created=s.created, updated=s.updated, trashed=s.trashed)
    return out


def _local(stamp: str) -> str:
    return _dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


def _print_json(obj: object) -> None:
    # Lossless on any console: escape non-ASCII when stdout cannot encode it (cp936 pipes).
    utf = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") in {"utf8", "utf8sig"}
    print(json.dumps(obj, ensure_ascii=not utf, indent=2))


def _parse_vars(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        _check_arg("变量", pair)
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise IdeoError(f"变量 {pair!r} 格式错误，应为 名称=值（如 单位=某县委宣传部）")
        values[name.strip()] = value.strip()
    return values


def _check_arg(what: str, text: str) -> None:
    if has_unsafe(text):
        raise IdeoError(f"{what}含有无法识别的字符（可能是命令行编码不对），未做任何改动")


def _open_store(args: argparse.Namespace, write: bool) -> tuple[DraftStore, object]:
    folder = DataFolder.resolve(args.data_dir)
    lock = None
    if write:
        folder.ensure()
        lock = folder.lock()
    elif not folder.drafts_db.exists():
        return None, None  # type: ignore[return-value]  # nothing stored yet
    try:
        store = DraftStore.open(folder.drafts_db, folder.backups)
    except BaseException:
        if lock:
            lock.release()
        raise
    if write:
        try:
            store.backup_if_due()
        except IdeoError as e:  # a failed backup must not stop the user's work
            print(f"ideodesk：警告：{e}", file=sys.stderr)
    return store, lock


def cmd_drafts(args: argparse.Namespace) -> int:
    write = args.action in {"new", "trash", "restore", "duplicate"}
    if args.action == "new":
        g = genre(args.genre)  # validate before touching the data folder
        values = _parse_vars(args.var)
        if not args.title.strip():
            raise IdeoError("标题不能为空")
        _check_arg("标题", args.title)
    store, lock = _open_store(args, write)
    try:
        if args.action == "new":
            stored = store.create(g.create(title=args.title.strip(), values=values))
            if args.json:
                _print_json(_stored_dict(stored))
            else:
                print(f"已新建草稿 {stored.id}：{stored.draft.title}（{g.label}）")
        elif args.action == "list":
            items: list[DraftSummary] = []
            if store is not None:
                if args.search:
                    items = store.search(args.search, trashed=args.trash, limit=args.limit)
                else:
                    items = store.list(trashed=args.trash, limit=args.limit)
            if args.json:
                _print_json([_summary_dict(s) for s in items])
            elif not items:
                print("（没有草稿）" if not args.search else f"没有找到包含“{args.search}”的草稿")
            else:
                for s in items:
                    label = GENRES[s.genre].label if s.genre in GENRES else s.genre
                    print(f"{s.id:>6}  {_local(s.updated)}  {label:<6}  {s.chars:>7}字  {s.title}")
        elif args.action == "show":
            if store is None:
                raise IdeoError(f"草稿 {args.id} 不存在（数据文件夹中还没有草稿库）")
            stored = store.load(args.id)
            if args.json:
                _print_json(_stored_dict(stored))
            else:
                print(stored.draft.plain_text())
        elif args.action == "trash":
            store.trash(args.id)
            print(f"草稿 {args.id} 已移入回收站")
        elif args.action == "restore":
            store.restore(args.id)
            print(f"草稿 {args.id} 已从回收站恢复")
        elif args.action == "duplicate":
            stored = store.duplicate(args.id)
            if args.json:
                _print_json(_stored_dict(stored))
            else:
                print(f"已复制为新草稿 {stored.id}：{stored.draft.title}")
    finally:
        if store is not None:
            store.close()
        if lock is not None:
            lock.release()
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    folder = DataFolder.resolve(args.data_dir)
    found = backup_mod.list_backups(folder.backups, folder.drafts_db)
    if args.action == "list":
        if args.json:
            _print_json([{"file": str(p), "size": p.stat().st_size} for p in found])
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


def _safe_streams() -> None:
    """Never die on output: a character the console cannot show becomes '?'."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            from ideodesk.gui.app import run_app  # Qt is loaded only for the app

            return run_app(DataFolder.resolve(args.data_dir))
        if args.command == "drafts":
            return cmd_drafts(args)
        if args.command == "backups":
            return cmd_backups(args)
    except IdeoError as e:
        print(f"ideodesk：{e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ideodesk：已取消", file=sys.stderr)
        return 130
    return 0  # pragma: no cover - argparse rejects other commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
