"""Reading untrusted .txt and .docx files into lines of text, safely.

Text files are decoded by strict attempts in a fixed order (UTF-8 with/without BOM,
UTF-16 with BOM, GB18030); a file that fits none is read with replacements and a
warning that counts them.  A .docx is checked by its magic bytes, its zip entries are
refused by *declared* size before anything is inflated, and its XML is parsed with
DOCTYPE refused and entities never resolved.  Every failure is a :class:`ReadError`
naming the file and the reason.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ideodesk.core.text import strip_unsafe
from ideodesk.errors import IdeoError

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a very long report is ~1 MB; 20 MB is not a document
MAX_LINE_CHARS = 100_000
MAX_ZIP_ENTRY = 50 * 1024 * 1024
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5_000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


class ReadError(IdeoError):
    """A file that cannot be imported; nothing was stored."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}：{reason}")
        self.path, self.reason = str(path), reason


@dataclass
class SourceLine:
    """One paragraph of a source file with what Word told us about it."""

    text: str
    level_hint: int = 0  # 1–9 from a heading style or outline level; 0 = body text
    auto_numbered: bool = False  # Word list numbering (the number is not in the text)


@dataclass
class SourceText:
    path: str
    lines: list[SourceLine]
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ .txt
def _plausible(text: str) -> bool:
    """Real Chinese text is mostly common characters (GB2312 level 1); mojibake is not."""
    han = [ch for ch in text[:40000] if "\u4e00" <= ch <= "\u9fff"]
    if len(han) < 4:
        return True
    common = sum(1 for ch in han if 0xB0 <= ch.encode("gb18030")[0] <= 0xD7)  # GB2312 level 1
    return common >= 0.6 * len(han)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if encoding.startswith("utf") or _plausible(text) else None


def decode_text(data: bytes, path: Path | str = "文本") -> tuple[str, list[str]]:
    """Decode bytes of a text file; returns (text, warnings).

    UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030 (a superset of GBK) — all
    strict.  GB18030 decodes almost any bytes, so its result must also read as Chinese.
    A file mixing encodings is decoded line by line; what still cannot be read is dropped
    and counted in a warning.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _lenient(data, "utf-8-sig", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _lenient(data, "utf-16", path)
    for enc in ("utf-8", "gb18030"):
        text = _strict(data, enc)
        if text is not None:
            return text, []
    lines, bad, encodings = [], 0, set()
    for raw in data.split(b"\n"):
        for enc in ("utf-8", "gb18030"):
            text = _strict(raw, enc)
            if text is not None:
                encodings.add(enc)
                break
        else:
            text = raw.decode("utf-8", errors="replace")
            bad += text.count("\ufffd")
            text = text.replace("\ufffd", "")
        lines.append(text)
    warnings = []
    if bad:
        warnings.append(f"{path}：编码混杂或有损坏，{bad} 个字符无法识别，已略去")
    elif len(encodings) > 1:
        warnings.append(f"{path}：编码混杂（UTF-8 与 GB18030），已逐行识别，请核对")
    return "\n".join(lines), warnings


def _lenient(data: bytes, encoding: str, path: Path | str) -> tuple[str, list[str]]:
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        return text.replace("\ufffd", ""), [f"{path}：编码有损坏，{bad} 个字符无法识别，已略去"]


def read_text_file(path: Path) -> SourceText:
    size = _size(path)
    if size > MAX_TEXT_BYTES:
        raise ReadError(
            path,
            f"文件过大（{size / 1024 / 1024:.1f} MB，"
            f"上限 {MAX_TEXT_BYTES // 1024 // 1024} MB），不像一篇文稿",
        )
    data = _read_bytes(path)
    if not data.strip():
        raise ReadError(path, "文件是空的")
    if data.startswith(b"PK\x03\x04"):
        raise ReadError(path, "这是 Word（.docx）或压缩文件，不是纯文本；请把扩展名改为 .docx 后再导入")
    if data.startswith(_OLE_MAGIC):
        raise ReadError(path, "这是旧版 Word（.doc）文件，不是纯文本；请在 Word 中另存为 .docx 后再导入")
    if _looks_binary(data):
        raise ReadError(path, "不是文本文件（含有大量二进制内容）")
    text, warnings = decode_text(data, path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _check_lines(path, lines)
    return SourceText(str(path), [SourceLine(strip_unsafe(line)) for line in lines], warnings)


def _looks_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 is full of NULs
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return b"\x00" in sample or controls > len(sample) // 20


def _check_lines(path: Path, lines: list[str]) -> None:
    for i, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise ReadError(
                path, f"第 {i} 行过长（{len(line):,} 字，上限 {MAX_LINE_CHARS:,} 字），不像正常文稿"
            )


# ------------------------------------------------------------------ .docx
def read_docx(path: Path) -> SourceText:
    size = _size(path)
    with open(path, "rb") as f:
        head = f.read(8)
    if size == 0:
        raise ReadError(path, "文件是空的")
    if head.startswith(_OLE_MAGIC):
        raise ReadError(
            path, "这是旧版 .doc 或加密的 Word 文件；请在 Word 中另存为（不加密的）.docx 后再导入"
        )
    if not head.startswith(b"PK\x03\x04"):
        raise ReadError(path, "不是 Word（.docx）文件（文件头不对），可能是改了扩展名的其他文件")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_zip(path, infos)
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise ReadError(path, "压缩包中没有 word/document.xml，不是 Word 文档")
            styles = _style_levels(_xml(zf, "word/styles.xml", path)) if "word/styles.xml" in names else {}
            lines: list[SourceLine] = []
            seen_headers: set[str] = set()
            for name in sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n)):
                for line in _paragraphs(_xml(zf, name, path), styles):
                    if line.text.strip() and line.text not in seen_headers:
                        seen_headers.add(line.text)
                        lines.append(SourceLine(line.text))
            lines.extend(_paragraphs(_xml(zf, "word/document.xml", path), styles))
    except zipfile.BadZipFile:
        raise ReadError(path, "文件已损坏（压缩包不完整或被截断）") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as e:
        raise ReadError(path, f"无法读取压缩内容（{e}）") from None
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror or e}）") from None
    _check_lines(path, [line.text for line in lines])
    if not any(line.text.strip() for line in lines):
        raise ReadError(path, "文档中没有文字")
    return SourceText(str(path), lines)


def _check_zip(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ReadError(path, f"压缩包内文件过多（{len(infos)} 个），拒绝读取")
    total = 0
    for info in infos:
        if info.file_size > MAX_ZIP_ENTRY:
            raise ReadError(
                path,
                f"压缩包内 {info.filename} 声明的大小过大（{info.file_size / 1024 / 1024:.0f} MB），拒绝读取",
            )
        total += info.file_size
    if total > MAX_ZIP_TOTAL:
        raise ReadError(path, f"压缩包解压后过大（{total / 1024 / 1024:.0f} MB），拒绝读取")


def _xml(zf: zipfile.ZipFile, name: str, path: Path) -> etree._Element:
    info = zf.getinfo(name)
    with zf.open(info) as f:
        data = f.read(MAX_ZIP_ENTRY + 1)  # never trust the declared size alone
    if len(data) > MAX_ZIP_ENTRY:
        raise ReadError(path, f"压缩包内 {name} 实际大小超过上限，拒绝读取")
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise ReadError(path, f"{name} 含有 DOCTYPE/实体声明，为安全起见拒绝读取")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ReadError(path, f"{name} 不是有效的 XML（{e.msg}）") from None


def _style_levels(styles: etree._Element) -> dict[str, int]:
    """styleId → heading level, from the style's outline level or its name (标题 1, heading 2…)."""
    out: dict[str, int] = {}
    for style in styles.iter(f"{{{_W}}}style"):
        sid = style.get(f"{{{_W}}}styleId") or ""
        lvl = style.find("w:pPr/w:outlineLvl", _NS)
        name = style.find("w:name", _NS)
        if lvl is not None and (val := lvl.get(f"{{{_W}}}val", "")).isdigit() and int(val) < 9:
            out[sid] = int(val) + 1
        elif name is not None:
            m = re.fullmatch(r"(?i)(?:heading|标题)\s*([1-9])", name.get(f"{{{_W}}}val", "").strip())
            if m:
                out[sid] = int(m.group(1))
    return out


def _paragraphs(root: etree._Element, styles: dict[str, int]) -> list[SourceLine]:
    """Paragraphs in document order, table cells included (each cell paragraph a line)."""
    lines: list[SourceLine] = []
    for p in root.iter(f"{{{_W}}}p"):
        if any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
            continue  # the same text box again, for old Word versions
        parts: list[str] = []
        for node in p.iter(f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}cr"):
            if node.tag == f"{{{_W}}}t":
                parts.append(node.text or "")
            elif node.tag == f"{{{_W}}}tab":
                parts.append("\t")
            else:
                parts.append("\n")
        text = strip_unsafe("".join(parts))
        level = 0
        ppr = p.find("w:pPr", _NS)
        numbered = False
        if ppr is not None:
            style = ppr.find("w:pStyle", _NS)
            if style is not None:
                level = styles.get(style.get(f"{{{_W}}}val", ""), 0)
            own = ppr.find("w:outlineLvl", _NS)
            if own is not None and (val := own.get(f"{{{_W}}}val", "")).isdigit() and int(val) < 9:
                level = int(val) + 1
            numbered = ppr.find("w:numPr", _NS) is not None
        # A soft line break inside a paragraph starts a new line of text for recovery.
        for i, piece in enumerate(text.split("\n")):
            lines.append(SourceLine(piece, level if i == 0 else 0, numbered and i == 0))
    return lines


# ------------------------------------------------------------------ any file
def read_source(path: str | Path) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "文件不存在")
    if path.is_dir():
        raise ReadError(path, "是文件夹，不是文件")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ReadError(path, "旧版 .doc 格式无法读取；请在 Word 中另存为 .docx 后再导入")
    if suffix == ".docx":
        return read_docx(path)
    if suffix in {".txt", ".text", ""}:
        return read_text_file(path)
    raise ReadError(path, f"不支持的文件类型 {suffix}（可导入 .txt 和 .docx）")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror}）") from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror}）") from None
