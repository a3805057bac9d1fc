"""Malformed inputs of every class the reliability review tried, generated deterministically.

``python tests/fuzz/gen_inputs.py DIR`` writes them into DIR (``generate(DIR)`` returns
them as :class:`Input` records for ``run_fuzz.py``).  Classes: damaged and hostile .docx
(byte flips, truncation, bad CRC, bombs, declared-size lies, thousands of header parts,
DOCTYPE/entities, non-XML parts), .txt in odd encodings, draft JSON variants, phrase
packs, and special files (FIFOs, links to devices, folders, dangling links, names that are
not UTF-8).  Everything is seeded: the same seed gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import socket
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"

# kind: which commands get it ("doc" = outline/check/export/import/import --as-draft,
# "json" = check/export/import --as-draft, "pack" = phrases import, "special" = all of them).
KINDS = ("doc", "json", "pack", "special")


@dataclass(frozen=True)
class Input:
    path: str  # a str as os.fsdecode gives it (names that are not UTF-8 keep surrogate escapes)
    kind: str
    label: str


KOREAN = (
    "대한민국 헌법 제1조 대한민국은 민주공화국이다. 모든 권력은 국민으로부터 나온다. "
    "오늘 회의에서 논의할 안건은 다음과 같습니다."
)
JAPANESE = (
    "日本国憲法第一条、天皇は、日本国の象徴であり日本国民統合の象徴であつて、"
    "この地位は、主権の存する日本国民の総意に基く。ここに会議を開きます。"
)
BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c"


def corpus_text(limit: int = 6000) -> str:
    text = (CORPUS / "000_54ef8e62418e0016.txt").read_bytes().decode("utf-8-sig")
    return text[:limit]


def make_docx_bytes(paragraphs: list[str], header: str | None = "某县委宣传部") -> bytes:
    import docx

    doc = docx.Document()
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    for i, text in enumerate(paragraphs):
        doc.add_paragraph(text, style="Heading 1" if i == 1 else None)
    table = doc.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"单元格{r}{c}"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, stored: bool = False) -> bytes:
    """The same package with some parts replaced (or added), optionally without compression."""
    replace = dict(replace or {})
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.pop(info.filename, src.read(info.filename)))
        for name, blob in replace.items():
            dst.writestr(name, blob)
    return out.getvalue()


def entry_span(data: bytes, name: str) -> tuple[int, int]:
    """(start, end) of an entry's compressed bytes in a zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name)
    off = info.header_offset
    n, m = struct.unpack("<HH", data[off + 26 : off + 30])
    start = off + 30 + n + m
    return start, start + info.compress_size


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """Patch the central directory so ``name`` declares ``size`` bytes uncompressed."""
    buf = bytearray(data)
    pos = buf.rfind(b"PK\x01\x02", 0)
    while pos != -1:
        n = struct.unpack("<H", buf[pos + 28 : pos + 30])[0]
        if bytes(buf[pos + 46 : pos + 46 + n]).decode("utf-8", "replace") == name:
            buf[pos + 24 : pos + 28] = struct.pack("<I", size)
            break
        pos = buf.rfind(b"PK\x01\x02", 0, pos)
    return bytes(buf)


_DOC_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_DOC_TAIL = b"</w:body></w:document>"


def doc_xml(*paras: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paras)
    return _DOC_HEAD + body.encode() + _DOC_TAIL


def header_xml(text: str) -> bytes:
    return (
        b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
        + b"</w:hdr>"
    )


def gen_docx(d: Path, rnd: random.Random, add) -> None:
    paras = [p for p in corpus_text(3000).splitlines() if p.strip()][:25]
    base = make_docx_bytes(paras)
    add(d / "valid.docx", base, "doc", "valid docx")
    start, end = entry_span(base, "word/document.xml")
    for i in range(40):  # random byte flips anywhere
        buf = bytearray(base)
        for _ in range(rnd.randint(1, 12)):
            buf[rnd.randrange(len(buf))] ^= 1 << rnd.randrange(8)
        add(d / f"flip_any_{i:02}.docx", bytes(buf), "doc", "byte flips")
    for i in range(30):  # flips inside the deflate stream of the document: zlib.error / bad CRC
        buf = bytearray(base)
        for _ in range(rnd.randint(1, 4)):
            buf[rnd.randrange(start, end)] ^= 1 << rnd.randrange(8)
        add(d / f"flip_deflate_{i:02}.docx", bytes(buf), "doc", "flips in deflate stream")
    for i, frac in enumerate((0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97, 0.995)):
        add(d / f"truncated_{i}.docx", base[: int(len(base) * frac)], "doc", "truncated")
    stored = rezip(base, stored=True)
    s_start, s_end = entry_span(stored, "word/document.xml")
    buf = bytearray(stored)
    buf[(s_start + s_end) // 2] ^= 0x01
    add(d / "bad_crc.docx", bytes(buf), "doc", "bad CRC-32")
    big = b" " * (60 * 1024 * 1024)
    add(d / "bomb_entry.docx", rezip(base, {"word/document.xml": _DOC_HEAD + big + _DOC_TAIL}), "doc", "bomb")
    chunk = b" " * (45 * 1024 * 1024)
    many = {f"word/media/pad{i}.bin": chunk for i in range(5)}
    add(d / "bomb_total.docx", rezip(base, many), "doc", "bomb total")
    lie = rezip(base, {"word/document.xml": _DOC_HEAD + b" " * (8 * 1024 * 1024) + _DOC_TAIL})
    add(d / "size_lie.docx", lie_about_size(lie, "word/document.xml", 4096), "doc", "declared-size lie")
    for n in (150, 250, 4990):
        headers = {f"word/header{i}.xml": header_xml(f"页眉{i}") for i in range(1, n + 1)}
        add(d / f"headers{n}.docx", rezip(base, headers), "doc", "many header parts")
    hostile = {
        "doctype": _DOC_HEAD.replace(b"<w:document", b'<!DOCTYPE w [<!ENTITY x "x">]><w:document')
        + b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
        + _DOC_TAIL,
        "xxe": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>",
        "laughs": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
        + b']><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>',
        "doctype_late": b'<?xml version="1.0"?><!--' + b"c" * 5000 + b'--><!DOCTYPE d [<!ENTITY e "e">]>'
        b'<w:document xmlns:w="x"/>',
        "utf16_entity": (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY e "e">]><d>&e;</d>'
        ).encode("utf-16"),
        "not_xml": bytes(rnd.randrange(256) for _ in range(3000)),
        "empty_part": b"",
        "nul_ref": doc_xml("正文&#0;正文"),
        "surrogate_ref": doc_xml("正文&#xD800;正文"),
        "bad_char_ref": doc_xml("正文&#x110000;正文"),
        "deep_xml": _DOC_HEAD + b"<w:p>" * 3000 + b"</w:p>" * 3000 + _DOC_TAIL,
        "unclosed": _DOC_HEAD + "<w:p><w:r><w:t>没有结束".encode(),
        "no_text": _DOC_HEAD + _DOC_TAIL,
        "huge_paragraph": doc_xml("字" * 200_000),
        "many_paragraphs": doc_xml(*(["一段正文。"] * 50_000)),
        "bidi": doc_xml(f"正文{BIDI}正文", "第二段"),
    }
    for name, xml in hostile.items():
        add(d / f"xml_{name}.docx", rezip(base, {"word/document.xml": xml}), "doc", f"document.xml {name}")
    add(d / "styles_garbage.docx", rezip(base, {"word/styles.xml": b"<w:styles"}), "doc", "bad styles.xml")
    add(d / "header_garbage.docx", rezip(base, {"word/header1.xml": b"\x00\x01"}), "doc", "bad header part")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "不是 Word")
    add(d / "no_document.docx", out.getvalue(), "doc", "zip without document.xml")
    badname = bytearray(base)
    pos = badname.find(b"word/document.xml")
    badname[pos : pos + 4] = b"\xff\xfe\xfd\xfc"
    add(d / "bad_entry_name.docx", bytes(badname), "doc", "garbled entry name")
    add(d / "ole.docx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 2048, "doc", "OLE/encrypted")
    add(d / "old.doc", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 2048, "doc", ".doc")
    add(d / "png.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "doc", "PNG renamed")
    add(d / "empty.docx", b"", "doc", "empty docx")
    add(d / "pk_only.docx", b"PK\x03\x04" + b"\x00" * 26, "doc", "zip header only")


def gen_txt(d: Path, rnd: random.Random, add) -> None:
    text = corpus_text()
    add(d / "utf16le_nobom.txt", text.encode("utf-16-le"), "doc", "UTF-16LE without BOM")
    add(d / "utf16be_nobom.txt", text.encode("utf-16-be"), "doc", "UTF-16BE without BOM")
    add(d / "utf16_bom.txt", text.encode("utf-16"), "doc", "UTF-16 with BOM")
    add(d / "utf32.txt", text.encode("utf-32"), "doc", "UTF-32")
    try:
        from opencc import OpenCC

        trad = OpenCC("s2t").convert(text)
    except Exception:  # OpenCC is a dependency, but the generator must not need it
        trad = text
    add(d / "big5.txt", trad.encode("big5", "ignore"), "doc", "Big5")
    add(d / "big5hkscs.txt", trad.encode("big5hkscs", "ignore"), "doc", "Big5-HKSCS")
    add(d / "euckr.txt", (KOREAN + "\n").encode("euc-kr") * 20, "doc", "EUC-KR")
    add(d / "shiftjis.txt", (JAPANESE + "\n").encode("shift_jis") * 20, "doc", "Shift-JIS")
    add(d / "eucjp.txt", (JAPANESE + "\n").encode("euc-jp") * 20, "doc", "EUC-JP")
    add(d / "gb18030.txt", text.encode("gb18030"), "doc", "GB18030")
    lines = text.splitlines()
    mixed = b"\n".join(line.encode("utf-8" if i % 2 else "gbk", "ignore") for i, line in enumerate(lines))
    add(d / "mixed_lines.txt", mixed, "doc", "UTF-8 and GBK lines")
    add(d / "mixed_in_line.txt", text[:200].encode() + text[200:400].encode("gbk"), "doc", "mixed in a line")
    raw = bytearray(text.encode())
    for _ in range(50):
        raw[rnd.randrange(len(raw))] = rnd.choice((0x80, 0xC3, 0xFF, 0xFE, 0xED))
    add(d / "invalid_utf8.txt", bytes(raw), "doc", "invalid UTF-8")
    add(d / "nul_binary.txt", bytes(rnd.randrange(256) for _ in range(20000)), "doc", "random binary")
    add(d / "nul_heavy.txt", (b"\x00" * 50 + "正文".encode()) * 400, "doc", "NUL-heavy")
    add(d / "million_line.txt", ("字" * 1_000_000).encode(), "doc", "one million-char line")
    add(d / "many_lines.txt", "一段正文。\n".encode() * 150_000, "doc", "150 000 lines")
    add(d / "empty.txt", b"", "doc", "empty")
    add(d / "only_bom.txt", b"\xef\xbb\xbf", "doc", "only a BOM")
    add(d / "only_bom16.txt", b"\xff\xfe", "doc", "only a UTF-16 BOM")
    add(d / "whitespace.txt", b" \n\t\r\n  ", "doc", "only white space")
    add(
        d / "bidi.txt",
        (f"关于开展工作的通知\n同志们：\n一、正文{BIDI}内容\n" * 5).encode(),
        "doc",
        "bidi controls",
    )
    add(d / "controls.txt", ("正文\x01\x02\x1b[31m红色\x7f\x0c内容\n" * 10).encode(), "doc", "C0 controls")
    add(d / "cr_only.txt", text.replace("\n", "\r").encode(), "doc", "CR line ends")
    add(d / "too_big.txt", b"a" * (21 * 1024 * 1024), "doc", "over the size limit")
    add(d / "pua.txt", ("\ue000\ue001" * 300).encode(), "doc", "private use only")
    add(d / "emoji.txt", ("😀🙃👍" * 200 + "\n正文").encode(), "doc", "astral characters")
    add(d / "pinyin.txt", "形態(tài)意識(shí)形態(tài)\n".encode() * 50, "doc", "pinyin annotations")
    for i in range(12):  # corpus text cut inside multi-byte characters, in every encoding
        enc = ("utf-8", "gb18030", "utf-16", "utf-8-sig")[i % 4]
        data = text.encode(enc)
        add(d / f"cut_{i:02}.txt", data[: rnd.randrange(3, len(data))], "doc", f"cut {enc}")
    for i in range(10):
        n = rnd.randrange(1, 5000)
        add(d / f"random_{i:02}.txt", bytes(rnd.randrange(256) for _ in range(n)), "doc", "random bytes")


def _draft(**over) -> dict:
    """A valid draft document (made by the core's own writer), with keys replaced."""
    from ideodesk.core.draft import Draft, Section, Signature
    from ideodesk.core.draftjson import draft_to_dict

    draft = Draft(
        genre="speech", title="在全县意识形态工作会议上的讲话", addressee="同志们：",
        variables={"单位": "某县委宣传部"},
        sections=[Section(type="opening", paragraphs=["开头。"]),
                  Section(type="measures", heading="下一步工作", paragraphs=["正文。"])],
        signature=Signature(issuer="中共某县委宣传部", date="2024年7月1日"),
    )  # fmt: skip
    return {**draft_to_dict(draft), **over}


def _nest(depth: int, kind: str) -> str:
    return ("[" * depth + "]" * depth) if kind == "array" else ('{"a":' * depth + "1" + "}" * depth)


def gen_json(d: Path, rnd: random.Random, add) -> None:
    def put(name: str, obj_or_text, label: str) -> None:
        text = (
            obj_or_text
            if isinstance(obj_or_text, (str, bytes))
            else json.dumps(obj_or_text, ensure_ascii=False)
        )
        add(
            d / f"{name}.json",
            text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"),
            "json",
            label,
        )

    put("valid", _draft(), "valid draft")
    base = json.dumps(_draft(), ensure_ascii=False)[:-1]
    for depth in (50, 100, 900, 5000, 100_000):
        for kind in ("array", "object"):
            put(f"deep_{kind}{depth}", base + f', "extra": {_nest(depth, kind)}}}', f"extra nested {depth}")
    put(
        "deep_sections",
        _draft(sections=json.loads("[" + '{"type":"general","children":[' * 60 + "]}" * 60 + "]")),
        "sections 60 deep",
    )
    put("nan_extra", base + ', "x": NaN}', "NaN")
    put("infinity", base + ', "x": -Infinity}', "Infinity")
    put("nan_only", _draft(title="", addressee="", sections=[], signature={}) | {"x": 1.5}, "empty draft")
    put("huge_title", _draft(title="关于" * 142 + "的讲话"), "285-char title")
    put("giant_title", _draft(title="字" * 200_000), "200 000-char title")
    put(
        "slot_growth",
        _draft(title="【单位】" * 80, variables={"单位": "某某县委宣传部办公室"}),
        "title grows with slots",
    )
    put("surrogate_title", base.replace('"在全县', '"\\ud800在全县') + "}", "lone surrogate in title")
    put("surrogate_extra", base + ', "x": "\\udfff", "\\ud800k": ["\\ud83d"]}', "lone surrogates in extra")
    put(
        "surrogate_para",
        _draft() | {"sections": [{"type": "opening", "paragraphs": ["\ud800正文"]}]},
        "surrogate para",
    )
    put("bidi_title", _draft(title=f"讲话{BIDI}标题"), "bidi controls")
    wrong = {
        "genre_int": {"genre": 5},
        "sections_dict": {"sections": {"a": 1}},
        "paragraphs_int": {"sections": [{"type": "opening", "paragraphs": [1, 2]}]},
        "level_str": {"sections": [{"type": "opening", "level": "1"}]},
        "level_wrong": {"sections": [{"type": "opening", "level": 3}]},
        "run_in_str": {"sections": [{"type": "opening", "run_in": "yes"}]},
        "children_null": {"sections": [{"type": "opening", "children": None}]},
        "type_unknown": {"sections": [{"type": "nonsense"}]},
        "numbering_unknown": {"child_numbering": "roman"},
        "variables_list": {"variables": ["a"]},
        "variable_int": {"variables": {"单位": 3}},
        "signature_str": {"signature": "某单位"},
        "format_other": {"format": "ideodesk-draft/99"},
        "genre_empty": {"genre": "  "},
        "genre_unknown": {"genre": "poem"},
        "title_list": {"title": ["a"]},
    }
    for name, over in wrong.items():
        put(f"wrong_{name}", _draft(**over), f"wrong type: {name}")
    missing = _draft()
    del missing["genre"]
    put("missing_genre", missing, "missing genre")
    put("missing_all", {}, "empty object")
    put("extra_keys", _draft(**{f"k{i}": {"v": [i, str(i)]} for i in range(500)}), "500 extra keys")
    put(
        "huge_array",
        _draft(sections=[{"type": "opening", "paragraphs": ["正文。"] * 300_000}]),
        "300 000 paragraphs",
    )
    put("huge_extra_array", base + ', "x": [' + ",".join(["0"] * 1_000_000) + "]}", "a million numbers")
    put("big_int", base + ', "x": ' + "9" * 6000 + "}", "6000-digit integer")
    put("top_array", [_draft()], "top-level array")
    put("top_string", '"只是字符串"', "top-level string")
    put("not_json", "这不是 JSON 文件", "not JSON")
    put("truncated", json.dumps(_draft(), ensure_ascii=False)[:120], "truncated")
    put("empty", b"", "empty")
    put("utf16", json.dumps(_draft(), ensure_ascii=False).encode("utf-16"), "UTF-16 JSON")
    put("gbk", json.dumps(_draft(), ensure_ascii=False).encode("gbk"), "GBK JSON")
    put("bom", b"\xef\xbb\xbf" + json.dumps(_draft(), ensure_ascii=False).encode(), "UTF-8 BOM")
    put("duplicate_keys", base + ', "genre": "summary"}', "duplicate key")
    put("nul_chars", _draft(title="标题\u0000\u0001"), "NUL in title")
    put("pack_as_draft", {"format": "ideodesk-phrasepack", "version": 1, "phrases": []}, "a pack")
    for i in range(8):
        text = bytearray(json.dumps(_draft(), ensure_ascii=False).encode())
        for _ in range(rnd.randint(1, 6)):
            text[rnd.randrange(len(text))] = rnd.randrange(256)
        put(f"flipped_{i}", bytes(text), "byte flips")


def _pack(phrases: list, *, count: int | None = None, sha: str | None = None, **over) -> bytes:
    canonical = json.dumps(phrases, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    doc = {
        "format": "ideodesk-phrasepack",
        "version": 1,
        "app": "IdeoDesk fuzz",
        "created": "2024-07-01T00:00:00+00:00",
        "count": len(phrases) if count is None else count,
        "sha256": sha or hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest(),
        "phrases": phrases,
    }
    doc.update(over)
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8", "surrogatepass")


def _entry(text: str, **over) -> dict:
    e = {
        "text": text,
        "kind": "sentence",
        "section_types": ["measures"],
        "genres": [],
        "tags": [],
        "source": "",
        "valid_from": None,
        "valid_until": None,
    }
    e.update(over)
    return e


def gen_packs(d: Path, rnd: random.Random, add) -> None:
    def put(name: str, data: bytes, label: str) -> None:
        add(d / f"{name}.ideopack", data, "pack", label)

    good = [_entry(f"压紧压实意识形态工作责任第{i}条") for i in range(20)]
    put("valid", _pack(good), "valid pack")
    put("wrong_checksum", _pack(good, sha="0" * 64), "wrong checksum")
    put("wrong_count", _pack(good, count=3), "wrong count")
    put("surrogate", _pack([_entry("\ud800压紧压实")]), "lone surrogate")
    put("surrogate_tag", _pack([_entry("压紧压实", tags=["\udfff"])]), "lone surrogate in a tag")
    put("bidi", _pack([_entry(f"压紧{BIDI}压实责任")]), "bidi controls")
    put("controls", _pack([_entry("压紧\x00\x01压实责任")]), "C0 controls")
    put("wrong_types", _pack([_entry(5)]), "text not a string")
    put("tags_dict", _pack([_entry("压紧压实", tags={"a": 1})]), "tags an object")
    put("bad_dates", _pack([_entry("压紧压实", valid_from="2025-13-45")]), "bad date")
    put("unknown_kind", _pack([_entry("压紧压实", kind="poem")]), "unknown kind")
    put("too_long", _pack([_entry("字" * 5000)]), "too long phrase")
    put("empty_text", _pack([_entry("  ")]), "empty phrase")
    put("newer_version", _pack(good, version=99), "newer version")
    put("no_version", _pack(good, version=None), "missing version")
    put("foreign_json", json.dumps({"name": "别的软件", "items": [1, 2]}).encode(), "foreign JSON")
    put("not_json", "只是一些文字".encode(), "not JSON")
    put("draft_file", json.dumps(_draft(), ensure_ascii=False).encode(), "a draft file")
    put("zip", make_zip_bytes(), "a zip")
    put("empty", b"", "empty")
    put("truncated", _pack(good)[:300], "truncated")
    put("gbk", _pack(good).decode().encode("gbk", "ignore"), "GBK")
    put("deep", b'{"format": "ideodesk-phrasepack", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", "deep nesting")
    put("nan", _pack(good)[:-2] + b', "x": NaN}\n', "NaN")
    from ideodesk.phrases.packs import MAX_ENTRIES, MAX_PACK_BYTES

    many = [_entry(f"第{i}条规范表述压紧压实意识形态工作责任") for i in range(MAX_ENTRIES)]
    put("max_entries", _pack(many), f"the allowed maximum ({MAX_ENTRIES})")
    put("over_max", _pack([*many, _entry("多出的一条规范表述")]), "one over the maximum")
    put("over_bytes", _pack(good)[:-3] + b" " * MAX_PACK_BYTES + b"}\n", "over the size limit")
    for i in range(6):
        data = bytearray(_pack(good))
        for _ in range(rnd.randint(1, 5)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        put(f"flipped_{i}", bytes(data), "byte flips")


def make_zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a.txt", "x")
    return out.getvalue()


def gen_special(d: Path, add_existing) -> None:
    if os.name != "posix":
        return
    valid_txt = corpus_text(2000).encode()
    for name in ("fifo.txt", "fifo.docx", "fifo.json", "fifo.ideopack"):
        os.mkfifo(d / name)
        add_existing(d / name, "special", "FIFO")
    for dev in ("/dev/zero", "/dev/urandom"):
        if os.path.exists(dev):
            for suffix in (".txt", ".docx", ".json", ".ideopack"):
                link = d / f"link_{Path(dev).name}{suffix}"
                link.symlink_to(dev)
                add_existing(link, "special", f"link to {dev}")
    for name in ("folder.txt", "folder.docx", "folder.json", "folder.ideopack"):
        (d / name).mkdir()
        add_existing(d / name, "special", "a folder")
    (d / "dangling.txt").symlink_to(d / "no-such-file.txt")
    add_existing(d / "dangling.txt", "special", "dangling link")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(d / "socket.txt"))
        add_existing(d / "socket.txt", "special", "a socket")
    except OSError:
        pass
    finally:
        sock.close()
    base = os.fsencode(d)
    for raw_name, data, label in (
        ("工作总结".encode("gbk") + b".txt", valid_txt, "GBK file name"),
        ("报告".encode("gbk") + b".docx", make_docx_bytes(["标题", "正文内容。"]), "GBK docx name"),
        (b"\xff\xfe\x80bad.txt", valid_txt, "undecodable name"),
        ("草稿".encode("gbk") + b".json", json.dumps(_draft()).encode(), "GBK json name"),
    ):
        path = base + b"/" + raw_name
        with open(path, "wb") as f:
            f.write(data)
        add_existing(Path(os.fsdecode(path)), "special", label)


def generate(out: Path, seed: int = 20241202) -> list[Input]:
    """Write every input into ``out`` (created); the same seed gives the same files."""
    out = Path(out)
    inputs: list[Input] = []

    def add(path: Path, data: bytes, kind: str, label: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        inputs.append(Input(str(path), kind, label))

    def add_existing(path: Path, kind: str, label: str) -> None:
        inputs.append(Input(str(path), kind, label))

    for sub, fn in (("docx", gen_docx), ("txt", gen_txt), ("json", gen_json), ("pack", gen_packs)):
        (out / sub).mkdir(parents=True, exist_ok=True)
        fn(out / sub, random.Random(f"{seed}-{sub}"), add)
    (out / "special").mkdir(parents=True, exist_ok=True)
    gen_special(out / "special", add_existing)
    return inputs


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/fuzz/gen_inputs.py DIR", file=sys.stderr)
        return 2
    inputs = generate(Path(argv[0]))
    print(f"{len(inputs)} inputs written to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
