"""Reading untrusted .txt and .docx files into lines of text, safely.

Text files are decoded by strict attempts in a fixed order (UTF-8 with/without BOM,
UTF-16 with BOM, GB18030); a file that fits none is read with replacements and a
warning that counts them.  A .docx is checked by its magic bytes, its zip entries are
refused by *declared* size before anything is inflated, and its XML is parsed with
DOCTYPE refused and entities never resolved.  Every failure is a :class:`ReadError`
naming the file and the reason.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ideodesk.core.safefile import ReadError, check_regular, display_name, open_regular, read_limited
from ideodesk.core.text import is_han, strip_unsafe

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a very long report is ~1 MB; 20 MB is not a document
MAX_LINE_CHARS = 100_000
MAX_ZIP_ENTRY = 50 * 1024 * 1024
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5_000
MAX_HEADER_PARTS = 200  # a real document has a handful (first/even/odd per section)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


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
# The 500 most frequent Chinese characters (by jieba's dictionary frequencies), in their
# Simplified and Traditional forms.  They make up 70–75 % of the characters of any Chinese
# text, but only a few per cent when Korean, Japanese or Big5 bytes are read as GB18030.
_COMMON_HAN = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可"
    "过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所"
    "如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城"
    "十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知"
    "级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领"
    "队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边"
    "据集联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑"
    "革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃"
    "观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编"
    "並亞來個們備傳價兒內兩別則動務勢區卻參員問喫單國圖團報場學實將專對導屬師帶幹幾廣張強後從復愛應戰據數"
    "斷於時書會東條業極構樣機權歷氣決沒況準漢濟無熱爭爲爾現產當發種稱積紀約紅級組結給統經網線編縣總羣義聯"
    "聲職聽臺與舉華萬處號衆術裏裝見規親觀計記設許話該認語說調論證議變讓資質車軍較轉辦農這連進遊運過達遠選"
    "還邊鐵長門開間關陽隊際隨難電領頭題類風馬體魚麼黃點黨"
)


def _odd(ch: str) -> bool:
    """Not what Chinese text is made of: kana, Hangul, private use, box drawing, Latin
    letters with accents, Greek, Cyrillic …"""
    o = ord(ch)
    return not (
        is_han(ch)
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x206F  # general punctuation (…, —, “”)
        or 0x2150 <= o <= 0x218F  # Roman numerals
        or 0x2460 <= o <= 0x24FF  # circled numbers
        or 0x25A0 <= o <= 0x25FF  # ○ ● ■ ▲
        or o in (0xB0, 0xB7, 0xD7, 0xF7)
    )


def _plausible(text: str) -> bool:
    """Real Chinese text is mostly Chinese characters and punctuation, and most of its
    characters are common ones; mojibake (another encoding read as this one) is not."""
    foreign = [ch for ch in text[:40000] if ord(ch) > 0x7F]
    if len(foreign) < 8:
        return True  # too little to judge
    if sum(map(_odd, foreign)) > 0.15 * len(foreign):
        return False
    han = [ch for ch in foreign if is_han(ch)]
    return len(han) < 10 or sum(ch in _COMMON_HAN for ch in han) >= 0.35 * len(han)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if encoding.startswith("utf") or _plausible(text) else None


def utf16_without_bom(data: bytes) -> str | None:
    """The text when ``data`` reads as UTF-16 (LE or BE) without a BOM, else None.

    ASCII in UTF-16 puts a NUL in every other byte, but Chinese characters need none, so the
    decision is by what the text reads as: plausible Chinese (or plain ASCII) text with no
    controls.  Pure ASCII bytes never get here as UTF-8 is tried first.
    """
    if len(data) < 4:
        return None
    body = data[: len(data) - len(data) % 2]
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:40000]
        if any(ch < " " and ch not in "\t\r\n" for ch in sample):
            continue  # NULs or controls: the other byte order, or not UTF-16 at all
        foreign = [ch for ch in sample if ord(ch) > 0x7F]
        if _plausible(text) and sum(map(_odd, foreign)) <= 0.02 * len(foreign):
            return text
    return None


def _other_encodings(data: bytes, path: Path | str) -> tuple[str, list[str]] | None:
    """Traditional Chinese in Big5 is read, with a warning (cleaning converts it to Simplified);
    Korean and Japanese encodings are refused: they are not Chinese documents."""
    for enc in ("cp950", "big5hkscs"):
        text = _strict(data, enc)
        if text is not None:
            return text, [f"{path}：按繁体中文 Big5 编码读取，请核对内容是否正确"]
    for enc, name, ranges in (
        ("cp932", "日文（Shift-JIS）", ((0x3040, 0x30FF),)),  # kana
        ("euc_jp", "日文（EUC-JP）", ((0x3040, 0x30FF),)),
        ("euc_kr", "韩文（EUC-KR）", ((0xAC00, 0xD7AF),)),  # Hangul syllables
    ):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        foreign = [ord(ch) for ch in text[:40000] if ord(ch) > 0x7F]
        hits = sum(any(a <= o <= b for a, b in ranges) for o in foreign)
        if foreign and hits >= 0.1 * len(foreign):
            raise ReadError(path, f"看起来是{name}编码，不是中文编码，未导入；请另存为 UTF-8 后再导入")
    return None


def decode_text(data: bytes, path: Path | str = "文本") -> tuple[str, list[str]]:
    """Decode bytes of a text file; returns (text, warnings).

    UTF-8 (with or without BOM), UTF-16 with BOM, UTF-16 without BOM when it reads as
    Chinese, then GB18030 (a superset of GBK) — all strict.  GB18030 decodes almost any
    bytes, so its result must also read as Chinese; if it does not, Big5 is tried (with a
    warning) and Korean/Japanese encodings are refused.  A file mixing encodings is decoded
    line by line; what still cannot be read is dropped and counted in a warning.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _lenient(data, "utf-8-sig", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _lenient(data, "utf-16", path)
    text = _strict(data, "utf-8")
    if text is not None and "\x00" not in text:
        return text, []
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return utf16, []
    if text is not None:
        return text, []
    text = _strict(data, "gb18030")
    if text is not None:
        return text, []
    other = _other_encodings(data, path)
    if other is not None:
        return other
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
    data = read_limited(
        path,
        MAX_TEXT_BYTES,
        lambda size: (
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_TEXT_BYTES // 1024 // 1024} MB），不像一篇文稿"
        ),
    )
    if not data.strip():
        raise ReadError(path, "文件是空的")
    if data.startswith(b"PK\x03\x04"):
        raise ReadError(path, "这是 Word（.docx）或压缩文件，不是纯文本；请把扩展名改为 .docx 后再导入")
    if data.startswith(_OLE_MAGIC):
        raise ReadError(path, "这是旧版 Word（.doc）文件，不是纯文本；请在 Word 中另存为 .docx 后再导入")
    if _looks_binary(data) and utf16_without_bom(data) is None:
        raise ReadError(path, "不是文本文件（含有大量二进制内容）")
    text, warnings = decode_text(data, display_name(path))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _check_lines(path, lines)
    return SourceText(display_name(path), [SourceLine(strip_unsafe(line)) for line in lines], warnings)


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
    with open_regular(path) as f:
        return _read_docx(path, f)


def _read_docx(path: Path, f) -> SourceText:
    # A byte flip inside a deflate stream is ``zlib.error``, a bad CRC ``BadZipFile``, a cut
    # file ``EOFError``, a garbled header ``struct.error`` or ``ValueError`` (e.g. a name
    # that is not UTF-8): all of them mean the file is damaged.
    _check_docx_head(path, f)
    try:
        with zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            _check_zip(path, infos)
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise ReadError(path, "压缩包中没有 word/document.xml，不是 Word 文档")
            headers = sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n))
            footers = [n for n in names if re.fullmatch(r"word/footer\d*\.xml", n)]
            if len(headers) + len(footers) > MAX_HEADER_PARTS:
                raise ReadError(
                    path,
                    f"页眉页脚部件过多（{len(headers) + len(footers)} 个，上限 {MAX_HEADER_PARTS} 个），"
                    "不像正常文档，拒绝读取",
                )
            parts = _Parts(zf, path)
            styles = _style_levels(parts.xml("word/styles.xml")) if "word/styles.xml" in names else {}
            header_roots = [parts.xml(name) for name in headers]
            body = parts.xml("word/document.xml")
    except zipfile.BadZipFile as e:
        if "CRC" in str(e):
            raise ReadError(path, "文件已损坏（压缩内容校验不符）") from None
        raise ReadError(path, "文件已损坏（压缩包不完整或被截断）") from None
    except (zlib.error, EOFError, struct.error, ValueError, KeyError):
        raise ReadError(path, "文件已损坏（压缩内容无法解开）") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as e:
        raise ReadError(path, f"无法读取压缩内容（{_one_line(str(e))}）") from None
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror or e}）") from None
    return _docx_text(path, header_roots, body, styles)


def _check_docx_head(path: Path, f) -> None:
    """An empty file, an old .doc (or encrypted .docx), or not a zip at all: said plainly."""
    try:
        size = os.fstat(f.fileno()).st_size
        head = f.read(8)
        f.seek(0)
    except OSError as e:
        raise ReadError(path, f"无法读取（{e.strerror or e}）") from None
    if size == 0:
        raise ReadError(path, "文件是空的")
    if head.startswith(_OLE_MAGIC):
        raise ReadError(
            path, "这是旧版 .doc 或加密的 Word 文件；请在 Word 中另存为（不加密的）.docx 后再导入"
        )
    if not head.startswith(b"PK\x03\x04"):
        raise ReadError(path, "不是 Word（.docx）文件（文件头不对），可能是改了扩展名的其他文件")


def _docx_text(path: Path, header_roots, body, styles) -> SourceText:
    """The lines of the headers (each distinct line once, as a title often sits there)
    and of the body."""
    lines: list[SourceLine] = []
    seen_headers: set[str] = set()
    for root in header_roots:
        for line in _paragraphs(root, styles):
            if line.text.strip() and line.text not in seen_headers:
                seen_headers.add(line.text)
                lines.append(SourceLine(line.text))
    lines.extend(_paragraphs(body, styles))
    _check_lines(path, [line.text for line in lines])
    if not any(line.text.strip() for line in lines):
        raise ReadError(path, "文档中没有文字")
    return SourceText(display_name(path), lines)


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


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Parts:
    """Reads XML parts of one zip, counting what was really inflated against one budget."""

    def __init__(self, zf: zipfile.ZipFile, path: Path) -> None:
        self.zf, self.path, self.left = zf, path, MAX_ZIP_TOTAL

    def xml(self, name: str) -> etree._Element:
        path = self.path
        limit = min(MAX_ZIP_ENTRY, self.left)
        with self.zf.open(self.zf.getinfo(name)) as f:
            data = f.read(limit + 1)  # never trust the declared size alone
        if len(data) > limit:
            raise ReadError(path, f"压缩包内 {name} 实际大小超过上限，拒绝读取")
        self.left -= len(data)
        if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
            raise ReadError(path, f"{name} 含有 DOCTYPE/实体声明，为安全起见拒绝读取")
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
        )
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as e:
            raise ReadError(path, f"{name} 不是有效的 XML（{_one_line(str(e.msg or e))}）") from None
        except (etree.ParserError, ValueError) as e:
            raise ReadError(path, f"{name} 不是有效的 XML（{_one_line(str(e))}）") from None
        if root is None:
            raise ReadError(path, f"{name} 不是有效的 XML（内容为空）")
        return root


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
    check_regular(path)  # before any open: a FIFO would block, a device never ends
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ReadError(path, "旧版 .doc 格式无法读取；请在 Word 中另存为 .docx 后再导入")
    if suffix == ".docx":
        return read_docx(path)
    if suffix in {".txt", ".text", ""}:
        return read_text_file(path)
    raise ReadError(path, f"不支持的文件类型 {suffix}（可导入 .txt 和 .docx）")
