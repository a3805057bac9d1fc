"""``ideodesk drafts new|list|show|trash|restore|duplicate|versions|revert``."""

from __future__ import annotations

import argparse
import datetime as _dt
from dataclasses import asdict

from ideodesk.commands.common import Parser, check_arg, close_store, open_store, parse_vars, print_json
from ideodesk.core import draftjson
from ideodesk.core.genres import GENRES, genre
from ideodesk.errors import IdeoError
from ideodesk.store.drafts import DraftSummary, StoredDraft


def register(sub: argparse._SubParsersAction) -> None:
    drafts = sub.add_parser("drafts", help="草稿库")
    dsub = drafts.add_subparsers(dest="action", required=True, parser_class=Parser)
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
    versions = dsub.add_parser("versions", help="列出草稿的历史版本（最新的在前）")
    versions.add_argument("id", type=int)
    versions.add_argument("--json", action="store_true")
    revert = dsub.add_parser("revert", help="恢复到某个历史版本（当前内容先另存为版本）")
    revert.add_argument("id", type=int)
    revert.add_argument("version", type=int, help="版本号（见 drafts versions）")
    drafts.set_defaults(func=run)


def stored_dict(s: StoredDraft) -> dict:
    out = draftjson.draft_to_dict(s.draft)
    out.update(id=s.id, rev=s.rev, created=s.created, updated=s.updated, trashed=s.trashed)
    return out


def _local(stamp: str) -> str:
    return _dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


def run(args: argparse.Namespace) -> int:
    write = args.action in {"new", "trash", "restore", "duplicate", "revert"}
    new = _new_draft(args) if args.action == "new" else None  # checked before the folder is touched
    store, lock = open_store(args, write)
    try:
        if new is not None:
            _create(args, store, *new)
        else:
            _ACTIONS[args.action](args, store)
    finally:
        close_store(store, lock)
    return 0


def _new_draft(args):
    g = genre(args.genre)
    values = parse_vars(args.var)
    if not args.title.strip():
        raise IdeoError("标题不能为空")
    check_arg("标题", args.title)
    return g, values


def _create(args, store, g, values) -> None:
    stored = store.create(g.create(title=args.title.strip(), values=values))
    if args.json:
        print_json(stored_dict(stored))
    else:
        print(f"已新建草稿 {stored.id}：{stored.draft.title}（{g.label}）")


def _list(args, store) -> None:
    items: list[DraftSummary] = []
    if store is not None:
        if args.search:
            items = store.search(args.search, trashed=args.trash, limit=args.limit)
        else:
            items = store.list(trashed=args.trash, limit=args.limit)
    if args.json:
        print_json([asdict(s) for s in items])
    elif not items:
        print("（没有草稿）" if not args.search else f"没有找到包含“{args.search}”的草稿")
    for s in [] if args.json else items:
        label = GENRES[s.genre].label if s.genre in GENRES else s.genre
        print(f"{s.id:>6}  {_local(s.updated)}  {label:<6}  {s.chars:>7}字  {s.title}")


def _existing(args, store):
    if store is None:
        raise IdeoError(f"草稿 {args.id} 不存在（数据文件夹中还没有草稿库）")
    return store


def _show(args, store) -> None:
    stored = _existing(args, store).load(args.id)
    if args.json:
        print_json(stored_dict(stored))
    else:
        print(stored.draft.plain_text())


def _trash(args, store) -> None:
    store.trash(args.id)
    print(f"草稿 {args.id} 已移入回收站")


def _restore(args, store) -> None:
    store.restore(args.id)
    print(f"草稿 {args.id} 已从回收站恢复")


def _duplicate(args, store) -> None:
    stored = store.duplicate(args.id)
    if args.json:
        print_json(stored_dict(stored))
    else:
        print(f"已复制为新草稿 {stored.id}：{stored.draft.title}")


def _versions(args, store) -> None:
    store = _existing(args, store)
    store.current_rev(args.id)  # a clear message for a draft that does not exist
    found = store.versions(args.id)
    if args.json:
        print_json([asdict(v) for v in found])
    elif not found:
        print(f"草稿 {args.id} 还没有历史版本")
    for v in [] if args.json else found:
        print(f"{v.id:>6}  {_local(v.created)}  {v.label:<8}  {v.chars:>7}字  {v.title}")


def _revert(args, store) -> None:
    rev = store.restore_version(args.id, args.version, store.current_rev(args.id))
    print(f"草稿 {args.id} 已恢复到版本 {args.version}（恢复前的内容已另存为版本；修订号 {rev}）")


_ACTIONS = {
    "list": _list, "show": _show, "trash": _trash, "restore": _restore, "duplicate": _duplicate,
    "versions": _versions, "revert": _revert,
}  # fmt: skip
