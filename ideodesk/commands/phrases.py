"""``ideodesk phrases search|complete|add|show|hide|unhide|fav|unfav|stats|export|import|review``.

Readers (search, complete, show, stats, review list, export) never create anything: on a
data folder without a phrase database they use the shipped bank in memory.  Writers
take the data folder's instance lock, like every other writing command.
"""

from __future__ import annotations

import argparse

from ideodesk.commands.common import Parser, check_arg, print_json, warn
from ideodesk.core.genres import GENRES
from ideodesk.core.sections import SECTION_TYPES
from ideodesk.errors import IdeoError
from ideodesk.store.folder import DataFolder
from ideodesk.store.lock import InstanceLock
from ideodesk.store.sqlitefile import marker

_WRITERS = {"add", "hide", "unhide", "fav", "unfav", "import", "review-accept", "review-reject"}
_KINDS = "heading（标题）、sentence（句子）、formulation（提法）、transition（过渡句）、closing（结束语）"


def register(sub: argparse._SubParsersAction) -> None:
    phrases = sub.add_parser("phrases", help="规范表述词库")
    psub = phrases.add_subparsers(dest="action", required=True, parser_class=Parser)
    sections = "、".join(f"{sid}（{label}）" for sid, label in SECTION_TYPES.items())
    genres = "、".join(f"{g.id}（{g.label}）" for g in GENRES.values())

    search = psub.add_parser("search", help="查找词条（文字、拼音首字母如 llzw、或较长的一句话）")
    search.add_argument("text", help="要查的文字；空格分开的几段须同时出现")
    search.add_argument("--section", metavar="TYPE", help=f"正在写的段落类型：{sections}")
    search.add_argument("--genre", metavar="G", help=f"文种：{genres}")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="最多显示几条（默认 10）")
    search.add_argument("--outdated", action="store_true", help="也列出已过时的旧提法（标注“旧提法”）")
    search.add_argument("--json", action="store_true")

    complete = psub.add_parser("complete", help="补全：已输入文字的结尾是哪些提法的开头")
    complete.add_argument("text", help="光标前已输入的文字")
    complete.add_argument("--section", metavar="TYPE", help=f"段落类型：{sections}")
    complete.add_argument("--genre", metavar="G", help=f"文种：{genres}")
    complete.add_argument("--limit", type=int, default=10, metavar="N")
    complete.add_argument("--json", action="store_true")

    add = psub.add_parser("add", help="添加自己的词条")
    add.add_argument("text")
    add.add_argument(
        "--section", action="append", required=True, metavar="TYPE", help=f"段落类型，可重复：{sections}"
    )
    add.add_argument("--kind", default="sentence", metavar="K", help=f"类型：{_KINDS}（默认 sentence）")
    add.add_argument("--genre", action="append", default=[], metavar="G", help="只用于这些文种，可重复")
    add.add_argument("--tag", action="append", default=[], metavar="标签")
    add.add_argument("--from", dest="valid_from", metavar="日期", help="起用日期，如 2024-07-18")
    add.add_argument("--until", dest="valid_until", metavar="日期", help="过时日期（此后标为旧提法）")
    add.add_argument("--json", action="store_true")

    show = psub.add_parser("show", help="显示一个词条")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    for name, text in (
        ("hide", "隐藏词条"),
        ("unhide", "取消隐藏"),
        ("fav", "收藏（排在前面）"),
        ("unfav", "取消收藏"),
    ):
        q = psub.add_parser(name, help=text)
        q.add_argument("id", type=int)

    stats = psub.add_parser("stats", help="词库统计")
    stats.add_argument("--json", action="store_true")

    exp = psub.add_parser("export", help="导出词库包（自建和导入的词条），供同事导入")
    exp.add_argument("pack", help="词库包文件，如 我的词库.json")
    exp.add_argument("--all", action="store_true", help="连同内置词条一起导出")
    imp = psub.add_parser("import", help="导入同事的词库包（相同词条只留一份，保留您的使用记录）")
    imp.add_argument("pack")
    imp.add_argument("--json", action="store_true")

    review = psub.add_parser("review", help="审核从导入文档中提取的候选词条")
    rsub = review.add_subparsers(dest="review_action", required=True, parser_class=Parser)
    rl = rsub.add_parser("list", help="列出候选词条")
    rl.add_argument("--status", default="pending", choices=["pending", "accepted", "rejected", "all"])
    rl.add_argument("--limit", type=int, default=-1)
    rl.add_argument("--json", action="store_true")
    ra = rsub.add_parser("accept", help="收入词库（可同时改段落类型或类型）")
    ra.add_argument("ids", type=int, nargs="+", metavar="ID")
    ra.add_argument("--section", action="append", metavar="TYPE")
    ra.add_argument("--kind", metavar="K")
    rr = rsub.add_parser("reject", help="不要（以后不再提示同样的文字）")
    rr.add_argument("ids", type=int, nargs="+", metavar="ID")
    phrases.set_defaults(func=run)


def open_bank(args: argparse.Namespace, write: bool):
    """The phrase bank of ``--data-dir`` and the instance lock a writer holds.

    Used by this command and by ``ideodesk import`` (candidates from documents).
    """
    from ideodesk.phrases.bank import PhraseBank

    folder = DataFolder.resolve(args.data_dir)
    if not write:  # read-only, no lock: the app may be using the bank right now
        if not folder.phrases_db.exists() and not marker(folder.phrases_db).exists():
            return PhraseBank.open(None, cache_dir=folder.cache), None  # nothing created
        return PhraseBank.open(folder.phrases_db, cache_dir=folder.cache, owner=False), None
    folder.ensure()
    lock = folder.lock()
    try:
        bank = PhraseBank.open(folder.phrases_db, cache_dir=folder.cache)
    except BaseException:
        lock.release()
        raise
    for message in bank.warnings:
        warn(message)
    try:
        bank.backup_if_due()
    except IdeoError as e:  # a failed backup must not stop the user's work
        warn(str(e))
    return bank, lock


def close_bank(bank, lock: InstanceLock | None) -> None:
    if bank is not None:
        bank.close()
    if lock is not None:
        lock.release()


def run(args: argparse.Namespace) -> int:
    action = args.action if args.action != "review" else f"review-{args.review_action}"
    for name in ("text", "pack"):
        if getattr(args, name, None) is not None:
            check_arg("输入", getattr(args, name))
    if getattr(args, "limit", None) is not None and args.action in {"search", "complete"} and args.limit < 1:
        raise IdeoError("--limit 应为正整数")
    bank, lock = open_bank(args, write=action in _WRITERS)
    try:
        _dispatch(action, args, bank)
    finally:
        close_bank(bank, lock)
    return 0


def _dispatch(action: str, args: argparse.Namespace, bank) -> None:
    _ACTIONS[action](args, bank)


def _search(args, bank) -> None:
    from ideodesk.phrases.model import KINDS

    hits = bank.search(args.text, args.section, args.genre, args.limit, include_outdated=args.outdated)
    if args.json:
        print_json([h.to_dict() for h in hits])
    elif not hits:
        print(f"没有找到与“{args.text}”相符的词条")
    for h in [] if args.json else hits:
        print(_line(h.id, KINDS[h.kind], h.text, h.section_types, "　〔旧提法〕" if h.outdated else ""))


def _complete(args, bank) -> None:
    hits = bank.complete(args.text, args.section, args.limit, genre=args.genre)
    if args.json:
        print_json([h.to_dict() for h in hits])
    elif not hits:
        print("没有可补全的提法")
    for h in [] if args.json else hits:
        print(f"{h.id:>6}  …{h.text[: h.overlap]}〔{h.completion}〕")


def _add(args, bank) -> None:
    r = bank.add(
        args.text, args.section, args.kind, genres=args.genre, tags=args.tag,
        valid_from=args.valid_from, valid_until=args.valid_until,
    )  # fmt: skip
    if args.json:
        print_json({**r.phrase.to_dict(), "created": r.created})
    elif r.created:
        print(f"已添加词条 {r.phrase.id}：{r.phrase.text}")
    else:
        print(f"词库中已有此词条（编号 {r.phrase.id}）：{r.phrase.text}")


def _show(args, bank) -> None:
    from ideodesk.phrases.model import KINDS, ORIGINS

    p = bank.get(args.id)
    if args.json:
        print_json(p.to_dict())
        return
    print(p.text)
    print(f"类型：{KINDS[p.kind]}　段落：{'、'.join(SECTION_TYPES[s] for s in p.section_types)}")
    print(f"来源：{ORIGINS[p.origin]}{('，' + p.source) if p.source else ''}　使用 {p.uses} 次")
    if p.valid_from or p.valid_until:
        print(f"有效期：{p.valid_from or '……'} 至 {p.valid_until or '今'}")


def _hide(hide: bool):
    def run(args, bank) -> None:
        bank.hide(args.id, hide)
        print(f"词条 {args.id} 已{'隐藏' if hide else '取消隐藏'}")

    return run


def _favourite(on: bool):
    def run(args, bank) -> None:
        bank.set_favourite(args.id, on)
        print(f"词条 {args.id} 已{'收藏' if on else '取消收藏'}")

    return run


def _stats(args, bank) -> None:
    from ideodesk.phrases.model import KINDS, ORIGINS

    st = bank.stats()
    if args.json:
        print_json(st)
        return
    hidden, old, pending = st["hidden"], st["outdated"], st["pending_candidates"]
    print(f"共 {st['total']} 条（隐藏 {hidden} 条，旧提法 {old} 条，待审 {pending} 条）")
    print("按段落：" + "、".join(f"{SECTION_TYPES[s]} {n}" for s, n in st["by_section"].items()))
    print("按类型：" + "、".join(f"{KINDS[k]} {n}" for k, n in st["by_kind"].items()))
    print("按来源：" + "、".join(f"{ORIGINS[o]} {n}" for o, n in st["by_origin"].items()))


def _export(args, bank) -> None:
    n = bank.export_pack(args.pack, include_shipped=args.all)
    print(f"已导出 {n} 条词条到 {args.pack}")


def _import(args, bank) -> None:
    r = bank.import_pack(args.pack)
    if args.json:
        print_json({"total": r.total, "added": len(r.added), "present": r.present, "added_texts": r.added})
        return
    print(f"已从 {args.pack} 导入 {len(r.added)} 条新词条；{r.present} 条词库中已有，保留原有使用记录")
    for text in r.added[:20]:
        print(f"  + {text}")
    if len(r.added) > 20:
        print(f"  ……另有 {len(r.added) - 20} 条")


def _review_list(args, bank) -> None:
    from ideodesk.phrases.model import KINDS

    items = bank.review_list(args.status, args.limit)
    if args.json:
        print_json([c.to_dict() for c in items])
    elif not items:
        print("（没有待审词条）" if args.status == "pending" else "（没有）")
    for c in [] if args.json else items:
        seen = f"　出现 {c.seen} 次" if c.seen > 1 else ""
        print(_line(c.id, KINDS.get(c.kind, c.kind), c.text, c.section_types, seen))


def _review_accept(args, bank) -> None:
    for cid in args.ids:
        r = bank.accept(cid, section_types=args.section, kind=args.kind)
        verb = "已收入词库" if r.created else "词库中已有"
        print(f"待审词条 {cid} {verb}（词条 {r.phrase.id}）：{r.phrase.text}")


def _review_reject(args, bank) -> None:
    for cid in args.ids:
        bank.reject(cid)
        print(f"待审词条 {cid} 已拒绝，以后不再提示")


_ACTIONS = {
    "search": _search, "complete": _complete, "add": _add, "show": _show,
    "hide": _hide(True), "unhide": _hide(False), "fav": _favourite(True), "unfav": _favourite(False),
    "stats": _stats, "export": _export, "import": _import, "review-list": _review_list,
    "review-accept": _review_accept, "review-reject": _review_reject,
}  # fmt: skip


def _line(pid: int, kind: str, text: str, sections: tuple[str, ...], note: str) -> str:
    where = "、".join(SECTION_TYPES.get(s, s).split("/")[0] for s in sections)
    return f"{pid:>6}  {kind:<3}  {text}　（{where}）{note}"
