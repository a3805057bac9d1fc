"""The draft JSON format of DESIGN §3 (``ideodesk-draft/1``): writing and validated reading.

Reading never trusts its input: every field is checked and an error names the field
(``sections[1].children[0].heading``) and the file.  Unknown keys are kept in ``extra``
so a round trip does not drop what another tool added.
"""

from __future__ import annotations

import json
import re
from pathlib import Path as FsPath
from typing import Any

from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.core.furniture import BOOL_FIELDS as FURNITURE_BOOLS
from ideodesk.core.furniture import LABELS as FURNITURE_LABELS
from ideodesk.core.furniture import LIST_FIELDS as FURNITURE_LISTS
from ideodesk.core.furniture import Furniture
from ideodesk.core.furniture import check as check_furniture
from ideodesk.core.numbering import MAX_LEVEL, STYLES
from ideodesk.core.safefile import display_name, read_limited
from ideodesk.core.sections import SECTION_TYPES
from ideodesk.core.text import strip_unsafe
from ideodesk.errors import IdeoError

FORMAT = "ideodesk-draft/1"
MAX_DRAFT_BYTES = 64 * 1024 * 1024  # a 500-page draft is about 1 MB
MAX_JSON_DEPTH = 64  # a draft needs about 10 (sections four levels deep)
_DRAFT_KEYS = {
    "format", "genre", "title", "addressee", "variables", "sections", "signature",
    "child_numbering", "furniture",
}  # fmt: skip
_SECTION_KEYS = {
    "type", "level", "heading", "run_in", "paragraphs", "children", "child_numbering",
}  # fmt: skip


class DraftFormatError(IdeoError):
    """The JSON is malformed or does not have the draft shape."""

    def __init__(self, source: str, field: str, reason: str) -> None:
        where = f"字段 {field} " if field else ""
        super().__init__(f"{source}：草稿格式错误，{where}{reason}")
        self.source, self.field, self.reason = source, field, reason


# ------------------------------------------------------------------- writing
def section_to_dict(sec: Section, level: int) -> dict[str, Any]:
    out: dict[str, Any] = dict(sec.extra)
    out.update(
        type=sec.type,
        level=level,
        heading=sec.heading,
        run_in=sec.run_in,
        paragraphs=list(sec.paragraphs),
        children=[section_to_dict(c, level + 1) for c in sec.children],
    )
    if sec.child_numbering:
        out["child_numbering"] = sec.child_numbering
    return out


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    out: dict[str, Any] = dict(draft.extra)
    out.update(
        format=FORMAT,
        genre=draft.genre,
        title=draft.title,
        addressee=draft.addressee,
        variables=dict(draft.variables),
        sections=[section_to_dict(s, 1) for s in draft.sections],
        signature={**draft.signature.extra, "issuer": draft.signature.issuer, "date": draft.signature.date},
    )
    if draft.child_numbering:
        out["child_numbering"] = draft.child_numbering
    if not draft.furniture.is_empty():  # old drafts round-trip unchanged
        out["furniture"] = draft.furniture.to_dict()
    return out


def dumps(draft: Draft, indent: int | None = 2) -> str:
    return json.dumps(draft_to_dict(draft), ensure_ascii=False, indent=indent)


# ------------------------------------------------------------------- reading
class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, reason: str) -> DraftFormatError:
        return DraftFormatError(self.source, field, reason)

    def get(self, obj: dict, key: str, kind: type, field: str, default: Any = None):
        if key not in obj:
            if default is None:
                raise self.fail(field, "缺失")
            return default
        value = obj[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            raise self.fail(field, f"应为{_KIND_NAMES[kind]}，实际为{_type_name(value)}")
        return value

    def text(self, obj: dict, key: str, field: str) -> str:
        # Characters a .docx cannot hold (NUL, C0 controls, lone surrogates) are dropped.
        return strip_unsafe(self.get(obj, key, str, field, ""))

    def numbering(self, obj: dict, field: str) -> str | None:
        value = obj.get("child_numbering")
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(field, f"应为字符串，实际为{_type_name(value)}")
        if value not in STYLES:
            raise self.fail(field, f"未知的编号样式 {value!r}（可选：{'、'.join(STYLES)}）")
        return value

    def section(self, obj: Any, field: str, level: int) -> Section:
        if not isinstance(obj, dict):
            raise self.fail(field, f"应为对象，实际为{_type_name(obj)}")
        type_id = self.get(obj, "type", str, f"{field}.type", "general")
        if type_id not in SECTION_TYPES:
            raise self.fail(f"{field}.type", f"未知的段落类型 {type_id!r}")
        if "level" in obj:
            given = self.get(obj, "level", int, f"{field}.level")
            if given != level:
                raise self.fail(f"{field}.level", f"应为 {level}（由嵌套层次决定），实际为 {given}")
        if level > MAX_LEVEL:
            raise self.fail(field, f"层级超过 {MAX_LEVEL} 级")
        paragraphs = self.get(obj, "paragraphs", list, f"{field}.paragraphs", [])
        for i, p in enumerate(paragraphs):
            if not isinstance(p, str):
                raise self.fail(f"{field}.paragraphs[{i}]", f"应为字符串，实际为{_type_name(p)}")
        children = self.get(obj, "children", list, f"{field}.children", [])
        return Section(
            type=type_id,
            heading=self.text(obj, "heading", f"{field}.heading"),
            run_in=self.get(obj, "run_in", bool, f"{field}.run_in", False),
            paragraphs=[strip_unsafe(p) for p in paragraphs],
            children=[self.section(c, f"{field}.children[{i}]", level + 1) for i, c in enumerate(children)],
            child_numbering=self.numbering(obj, f"{field}.child_numbering"),
            extra={k: v for k, v in obj.items() if k not in _SECTION_KEYS},
        )

    def draft(self, obj: Any) -> Draft:
        if not isinstance(obj, dict):
            raise self.fail("", f"顶层应为对象，实际为{_type_name(obj)}")
        fmt = obj.get("format")
        if fmt is not None and fmt != FORMAT:
            raise self.fail("format", f"不支持的格式 {fmt!r}（应为 {FORMAT!r}）")
        genre = self.get(obj, "genre", str, "genre")
        if not genre.strip():
            raise self.fail("genre", "不能为空")
        variables = self.get(obj, "variables", dict, "variables", {})
        for k, v in variables.items():
            if not isinstance(v, str):
                raise self.fail(f"variables.{k}", f"应为字符串，实际为{_type_name(v)}")
        variables = {strip_unsafe(k): strip_unsafe(v) for k, v in variables.items()}
        sig = self.get(obj, "signature", dict, "signature", {})
        sections = self.get(obj, "sections", list, "sections", [])
        return Draft(
            genre=genre,
            title=self.text(obj, "title", "title"),
            addressee=self.text(obj, "addressee", "addressee"),
            variables=variables,
            sections=[self.section(s, f"sections[{i}]", 1) for i, s in enumerate(sections)],
            signature=Signature(
                issuer=self.text(sig, "issuer", "signature.issuer"),
                date=self.text(sig, "date", "signature.date"),
                extra={k: v for k, v in sig.items() if k not in ("issuer", "date")},
            ),
            child_numbering=self.numbering(obj, "child_numbering"),
            extra={k: v for k, v in obj.items() if k not in _DRAFT_KEYS},
            furniture=self.furniture(obj),
        )

    def furniture(self, obj: dict) -> Furniture:
        raw = self.get(obj, "furniture", dict, "furniture", {})
        values: dict[str, Any] = {}
        for key in raw:
            where = f"furniture.{key}"
            if key not in FURNITURE_LABELS:
                raise self.fail(where, f"未知的字段（可用：{'、'.join(FURNITURE_LABELS)}）")
            if key in FURNITURE_BOOLS:
                values[key] = self.get(raw, key, bool, where)
            elif key in FURNITURE_LISTS:
                items = self.get(raw, key, list, where)
                for i, item in enumerate(items):
                    if not isinstance(item, str):
                        raise self.fail(f"{where}[{i}]", f"应为字符串，实际为{_type_name(item)}")
                values[key] = [strip_unsafe(i) for i in items]
            else:
                values[key] = self.text(raw, key, where)
        furniture = Furniture(**values)
        for key, reason in check_furniture(furniture):
            raise self.fail(f"furniture.{key}", reason)
        return furniture


_KIND_NAMES = {str: "字符串", int: "整数", bool: "布尔值", list: "数组", dict: "对象"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in ((bool, "布尔值"), (int, "整数"), (float, "数字"), (str, "字符串")):
        if isinstance(value, kind):
            return name
    return {list: "数组", dict: "对象"}.get(type(value), type(value).__name__)


def draft_from_dict(obj: Any, source: str = "草稿") -> Draft:
    return _Reader(source).draft(obj)


_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET_RE = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON text, found without recursion."""
    depth = deepest = 0
    for m in _BRACKET_RE.finditer(_STRING_RE.sub('""', text)):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def parse_json(text: str, source: str, limit: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` for untrusted text: nesting bounded before parsing (nothing recursive
    then runs deep: parsing, copying, saving), NaN/Infinity refused, and every string
    (keys too) stripped of what a .docx or UTF-8 cannot hold, such as lone surrogates."""
    depth = json_depth(text)
    if depth > limit:
        raise DraftFormatError(source, "", f"JSON 嵌套过深（{depth} 层，上限 {limit} 层）")

    def constant(name: str) -> Any:
        raise ValueError(f"含有 {name}，不是标准 JSON")

    try:
        obj = json.loads(text, parse_constant=constant)
    except json.JSONDecodeError as e:
        raise DraftFormatError(
            source, "", f"不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列：{e.msg}）"
        ) from None
    except RecursionError:
        raise DraftFormatError(source, "", "JSON 嵌套过深") from None
    except ValueError as e:  # e.g. an integer with thousands of digits
        raise DraftFormatError(source, "", f"不是有效的 JSON（{e}）") from None
    return _clean(obj)


def _clean(obj: Any) -> Any:
    # Depth is bounded by parse_json, so plain recursion is safe here.
    if isinstance(obj, str):
        return strip_unsafe(obj)
    if isinstance(obj, list):
        return [_clean(v) for v in obj]
    if isinstance(obj, dict):
        return {strip_unsafe(k): _clean(v) for k, v in obj.items()}
    return obj


def loads(text: str, source: str = "草稿") -> Draft:
    return draft_from_dict(parse_json(text, source), source)


def load_file(path: str | FsPath) -> Draft:
    path = FsPath(path)
    raw = read_limited(
        path, MAX_DRAFT_BYTES, lambda size: f"文件过大（{size / 1024 / 1024:.0f} MB），不像草稿文件"
    )
    name = display_name(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftFormatError(name, "", "不是 UTF-8 编码的 JSON 文件") from None
    return loads(text, name)
