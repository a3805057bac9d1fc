"""Phrase packs: one file a colleague can import (USB stick, mail on the intranet).

A pack is UTF-8 JSON — readable, and diffable if someone keeps packs in version control::

    {"format": "ideodesk-phrasepack", "version": 1, "app": "IdeoDesk 0.1.0",
     "created": "…", "count": 2, "sha256": "…", "phrases": [{"text": …, "kind": …,
     "section_types": […], "genres": […], "tags": […], "source": …,
     "valid_from": …, "valid_until": …}, …]}

``sha256`` is over the canonical JSON of ``phrases`` (sorted keys, no spaces), so a
truncated or edited file is refused.  Usage counts and favourites are the sender's own
and are not in the pack.  Reading validates everything before returning, so a bad pack
changes nothing; writing goes to a temporary file in the target folder, is fsynced and
renamed over the target.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ideodesk import __version__
from ideodesk.core.safefile import ReadError, display_name, read_limited
from ideodesk.errors import IdeoError
from ideodesk.phrases.model import NewPhrase, Phrase, PhraseError, norm_key, prepare

FORMAT = "ideodesk-phrasepack"
VERSION = 1
MAX_PACK_BYTES = 32 * 1024 * 1024  # well above MAX_ENTRIES phrases; refused before reading
MAX_ENTRIES = 50_000  # a colleague's own phrases are hundreds; 50 000 import in a few seconds
_FIELDS = ("text", "kind", "section_types", "genres", "tags", "source", "valid_from", "valid_until")


class PackError(IdeoError):
    """A pack that cannot be read or written; nothing was changed."""


@dataclass(frozen=True)
class PackImport:
    total: int  # distinct phrases in the pack
    added: list[str] = field(default_factory=list)  # texts that were new here
    present: int = 0  # already in the bank (left as they were, counts kept)


def _canonical(phrases: list[dict]) -> bytes:
    return json.dumps(phrases, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _entry(p: Phrase) -> dict:
    return {
        "text": p.text,
        "kind": p.kind,
        "section_types": list(p.section_types),
        "genres": list(p.genres),
        "tags": list(p.tags),
        "source": p.source,
        "valid_from": p.valid_from,
        "valid_until": p.valid_until,
    }


def dumps(items: Sequence[Phrase]) -> bytes:
    phrases = [_entry(p) for p in items]
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "app": f"IdeoDesk {__version__}",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "count": len(phrases),
        "sha256": hashlib.sha256(_canonical(phrases)).hexdigest(),
        "phrases": phrases,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_pack(path: Path, items: Sequence[Phrase]) -> None:
    atomic_write(path, dumps(items), "导出词库包")


def read_pack(path: Path) -> list[NewPhrase]:
    """The phrases of a pack, validated and de-duplicated (raises PackError)."""
    name = display_name(path.name)
    try:
        raw = read_limited(path, MAX_PACK_BYTES, lambda size: f"文件过大（{size // 1048576} MB），不是词库包")
    except ReadError as e:
        raise PackError(f"{e}，未导入") from None
    return loads(raw, name)


def loads(raw: bytes, name: str) -> list[NewPhrase]:
    phrases = _checked_phrases(_document(raw, name), name)
    out: list[NewPhrase] = []
    seen: set[str] = set()
    for i, item in enumerate(phrases, 1):
        try:
            p = _parsed_entry(item)
        except PhraseError as e:
            raise PackError(f"{name}：第 {i} 条词条无效（{e}），整个词库包未导入") from None
        key = norm_key(p.text)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _document(raw: bytes, name: str) -> dict:
    """The pack's JSON object; a foreign or damaged file refused with its reason."""
    foreign = f"{name}：不是 IdeoDesk 词库包，未导入"
    if raw[:4] == b"PK\x03\x04":
        raise PackError(f"{foreign}（这是 zip 或 .docx 文件；词库包由“phrases export”导出）")
    if raw[:4] == bytes.fromhex("D0CF11E0"):
        raise PackError(f"{foreign}（这是旧版 Office 文件）")
    # Ours by its first bytes: then any later failure means damage, not a foreign file.
    ours = re.match(rb'(\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"ideodesk-phrasepack"', raw) is not None
    damaged = f"{name}：词库包已损坏（内容不完整），未导入；请让对方重新导出"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackError(damaged if ours else f"{foreign}（不是 UTF-8 文本）") from None
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError):
        raise PackError(damaged if ours else foreign) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        if isinstance(doc, dict) and str(doc.get("format", "")).startswith("ideodesk-draft"):
            raise PackError(f"{foreign}（这是草稿文件，请用 drafts 或 export 命令处理）")
        raise PackError(foreign)
    return doc


def _checked_phrases(doc: dict, name: str) -> list:
    """The entries, once the format version, count and checksum hold."""
    version = doc.get("version")
    if not isinstance(version, int) or version < 1:
        raise PackError(f"{name}：词库包已损坏（缺少格式版本），未导入")
    if version > VERSION:
        raise PackError(f"{name}：词库包由更新版本的 IdeoDesk 导出（格式版本 {version}），请升级后再导入")
    phrases = doc.get("phrases")
    if not isinstance(phrases, list) or not isinstance(doc.get("sha256"), str):
        raise PackError(f"{name}：词库包已损坏（缺少词条或校验和），未导入")
    if len(phrases) > MAX_ENTRIES:
        raise PackError(f"{name}：词条过多（{len(phrases)} 条，最多 {MAX_ENTRIES} 条），未导入")
    try:
        canonical = _canonical(phrases)
    except UnicodeEncodeError:  # "\ud800" escapes: lone surrogates that no text may hold
        raise PackError(f"{name}：词库包含有无效字符（孤立的代理项），未导入；请让对方重新导出") from None
    if doc.get("count") != len(phrases) or hashlib.sha256(canonical).hexdigest() != doc["sha256"]:
        raise PackError(f"{name}：词库包已损坏（校验和不符，文件可能被截断或改动），未导入；请让对方重新导出")
    return phrases


def _parsed_entry(item) -> NewPhrase:
    """One entry made a phrase (PhraseError names what is wrong with it)."""
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise PhraseError("不是词条")
    values = {k: item.get(k) for k in _FIELDS}
    for k in ("section_types", "genres", "tags"):
        if values[k] is not None and not (
            isinstance(values[k], list) and all(isinstance(v, str) for v in values[k])
        ):
            raise PhraseError(f"{k} 应为文字列表")
    for k in ("kind", "source", "valid_from", "valid_until"):
        if values[k] is not None and not isinstance(values[k], str):
            raise PhraseError(f"{k} 应为文字")
    return prepare(
        values["text"],  # type: ignore[arg-type]
        kind=values["kind"] or "sentence",  # type: ignore[arg-type]
        sections=values["section_types"],  # type: ignore[arg-type]
        genres=values["genres"],  # type: ignore[arg-type]
        tags=values["tags"],  # type: ignore[arg-type]
        source=values["source"] or "",  # type: ignore[arg-type]
        valid_from=values["valid_from"],  # type: ignore[arg-type]
        valid_until=values["valid_until"],  # type: ignore[arg-type]
    )


# ------------------------------------------------------------- atomic write
def atomic_write(path: Path, data: bytes, action: str) -> None:
    """Write ``data`` to ``path`` all or nothing (the exporter's temp-file, fsync, rename
    with its retry on Windows sharing violations); failures become PackError."""
    from ideodesk.atomic import write_atomic

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PackError(f"{action}失败：文件夹 {folder} 不存在")
    if path.is_dir():
        raise PackError(f"{action}失败：{path} 是文件夹")
    try:
        write_atomic(path, lambda f: f.write(data))
    except IdeoError as e:
        raise PackError(f"{action}失败：{e}") from None
