"""What every subcommand shares: the Chinese argparse, JSON output, opening the library,
and reading a SOURCE argument (draft id, draft JSON file, or .txt/.docx)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ideodesk.commands import EXIT_ERROR, Parser  # noqa: F401 - re-exported for commands
from ideodesk.core import draftjson
from ideodesk.core.draft import Draft
from ideodesk.core.safefile import check_regular, display_name
from ideodesk.core.text import has_unsafe
from ideodesk.errors import IdeoError
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from ideodesk.store.lock import InstanceLock
from ideodesk.store.sqlitefile import marker


def print_json(obj: object) -> None:
    # Lossless on any console: escape non-ASCII when stdout cannot encode it (cp936 pipes).
    utf = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") in {"utf8", "utf8sig"}
    print(json.dumps(obj, ensure_ascii=not utf, indent=2))


def warn(message: str) -> None:
    print(f"ideodesk：警告：{message}", file=sys.stderr)


def check_arg(what: str, text: str) -> None:
    if has_unsafe(text):
        raise IdeoError(f"{what}含有无法识别的字符（可能是命令行编码不对），未做任何改动")


def open_store(args: argparse.Namespace, write: bool) -> tuple[DraftStore | None, InstanceLock | None]:
    """The drafts library of ``--data-dir``; a writer takes the instance lock.

    A reader opens the library read-only and takes no lock (the app may be saving into it):
    it never writes, moves or deletes anything.  A reader on a folder that has no library
    yet gets ``(None, None)``: nothing is created.
    """
    folder = DataFolder.resolve(args.data_dir)
    if not write:
        if not folder.drafts_db.exists() and not marker(folder.drafts_db).exists():
            return None, None
        return DraftStore.open_reader(folder.drafts_db, folder.backups), None
    folder.ensure()
    lock = folder.lock()
    try:
        store = DraftStore.open(folder.drafts_db, folder.backups)
    except BaseException:
        lock.release()
        raise
    for message in store.warnings:
        warn(message)
    if write:
        try:
            store.backup_if_due()
        except IdeoError as e:  # a failed backup must not stop the user's work
            warn(str(e))
    return store, lock


def close_store(store: DraftStore | None, lock: InstanceLock | None) -> None:
    if store is not None:
        store.close()
    if lock is not None:
        lock.release()


def load_source(source: str, args: argparse.Namespace) -> Draft:
    """A draft from SOURCE: a draft id in the library, a draft JSON file, or a .txt/.docx
    whose outline is recovered first (DESIGN §3)."""
    path = Path(source)
    if source.isdigit() and not path.exists():
        store, _ = open_store(args, write=False)
        if store is None:
            raise IdeoError(f"草稿 {source} 不存在（数据文件夹中还没有草稿库）")
        try:
            return store.load(int(source)).draft
        finally:
            store.close()
    check_regular(path)  # missing, a folder, a FIFO, a device: refused before any open
    if path.suffix.lower() == ".json":
        return draftjson.load_file(path)
    if path.suffix.lower() in {".txt", ".docx", ".doc"}:
        from ideodesk.core.outline import read_outline_file  # import and recovery (issue 3)

        return read_outline_file(path)
    raise IdeoError(f"{display_name(source)}：不支持的文件类型（可用草稿编号、.json、.txt 或 .docx）")


def source_name(source: str) -> str:
    """SOURCE as messages name it: "草稿 12" for a draft id, else the file name."""
    if source.isdigit() and not Path(source).exists():
        return f"草稿 {source}"
    return display_name(source)


def parse_vars(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        check_arg("变量", pair)
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise IdeoError(f"变量 {pair!r} 格式错误，应为 名称=值（如 单位=某县委宣传部）")
        values[name.strip()] = value.strip()
    return values
