"""Malformed and hostile inputs through the real CLI: one Chinese line, exit 2, nothing
stored; special files refused before they are opened; damaged .docx refused in every
command; names that are not UTF-8 imported."""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import zipfile

import pytest

from ideodesk.core import draftjson
from ideodesk.core.reading import MAX_HEADER_PARTS, ReadError, decode_text, read_source
from tests.conftest import run_cli
from tests.fuzz.gen_inputs import KOREAN, entry_span, header_xml, make_docx_bytes, rezip

DOC_COMMANDS = (["outline"], ["check"], ["export", "-o", "OUT"], ["import"], ["import", "--as-draft"])
posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs and device links are POSIX")


def refused(env, tmp_path, *args, words: str = "", timeout: int = 20):
    args = [str(tmp_path / "out.docx") if a == "OUT" else a for a in args]
    proc = run_cli(env, *args, check=False, timeout=timeout)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("ideodesk："), proc.stderr
    assert words in lines[0]
    return lines[0]


def zlib_damaged_docx(path) -> None:
    """A real .docx with bit flips inside the document's deflate stream, chosen so that
    inflating it fails the way a bad USB stick makes it fail (zlib.error)."""
    import zlib

    base = make_docx_bytes(["关于开展工作的通知", "一、正文内容。" * 30])
    start, end = entry_span(base, "word/document.xml")
    rnd = random.Random(7)
    for _ in range(500):
        buf = bytearray(base)
        buf[rnd.randrange(start + 2, end - 2)] ^= 1 << rnd.randrange(8)
        try:
            with zipfile.ZipFile(io.BytesIO(bytes(buf))) as zf:
                zf.read("word/document.xml")
        except zlib.error:
            path.write_bytes(bytes(buf))
            return
        except Exception:  # other damage: try another flip
            continue
    raise AssertionError("no flip gave zlib.error")


# ------------------------------------------------------------------ special files (F16, F9)
@posix
@pytest.mark.parametrize("suffix", [".txt", ".docx", ".json"])
def test_a_fifo_is_refused_without_blocking(child_env, tmp_path, suffix):
    fifo = tmp_path / f"管道{suffix}"
    os.mkfifo(fifo)
    refused(child_env, tmp_path, "check", str(fifo), words="管道（FIFO）", timeout=15)


@posix
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("suffix", [".txt", ".json"])
def test_a_link_to_a_device_is_refused_before_reading(child_env, tmp_path, device, suffix):
    link = tmp_path / f"设备{suffix}"
    link.symlink_to(device)
    refused(child_env, tmp_path, "export", str(link), "-o", "OUT", words="设备文件", timeout=15)


@posix
def test_a_pack_that_is_a_fifo_or_device_is_refused(child_env, tmp_path, data_dir):
    fifo = tmp_path / "包.ideopack"
    os.mkfifo(fifo)
    refused(child_env, tmp_path, "phrases", "import", str(fifo), words="未导入", timeout=15)
    (tmp_path / "zero.ideopack").symlink_to("/dev/zero")
    refused(child_env, tmp_path, "phrases", "import", str(tmp_path / "zero.ideopack"), words="设备文件")


@posix
def test_import_of_a_fifo_stores_nothing(child_env, tmp_path, data_dir):
    os.mkfifo(tmp_path / "f.txt")
    refused(child_env, tmp_path, "import", "--as-draft", str(tmp_path / "f.txt"), words="FIFO", timeout=15)
    assert not (data_dir / "drafts.sqlite3").exists()


def test_a_folder_named_like_a_file_and_a_dangling_link(child_env, tmp_path):
    (tmp_path / "文件夹.txt").mkdir()
    refused(child_env, tmp_path, "outline", str(tmp_path / "文件夹.txt"), words="文件夹")
    if os.name == "posix":
        (tmp_path / "断链.txt").symlink_to(tmp_path / "不存在.txt")
        refused(child_env, tmp_path, "check", str(tmp_path / "断链.txt"), words="失效的链接")


def test_reads_are_bounded_even_when_the_size_lies(tmp_path, monkeypatch):
    from ideodesk.core import safefile

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(ReadError, match="过大"):
        safefile.read_limited(path, 1000)
    assert safefile.read_limited(path, 5000) == b"x" * 5000


# ------------------------------------------------------------------ damaged .docx (F7, F17)
@pytest.mark.parametrize("command", DOC_COMMANDS, ids=lambda c: "-".join(c))
def test_a_docx_with_a_damaged_deflate_stream_is_refused_in_every_command(
    child_env, tmp_path, data_dir, command
):
    path = tmp_path / "损坏.docx"
    zlib_damaged_docx(path)
    refused(child_env, tmp_path, *command, str(path), words="已损坏")
    assert not (data_dir / "drafts.sqlite3").exists()


def test_a_docx_with_a_bad_crc_is_refused(tmp_path):
    stored = rezip(make_docx_bytes(["标题", "正文内容。" * 50]), stored=True)
    start, end = entry_span(stored, "word/document.xml")
    buf = bytearray(stored)
    buf[(start + end) // 2] ^= 1
    (tmp_path / "crc.docx").write_bytes(bytes(buf))
    with pytest.raises(ReadError, match="已损坏"):
        read_source(tmp_path / "crc.docx")


def test_xml_errors_are_one_line(tmp_path):
    base = make_docx_bytes(["标题", "正文"])
    bad = rezip(base, {"word/document.xml": b"<w:document>\n<a>&#x110000;</a>\n</w:document>"})
    (tmp_path / "x.docx").write_bytes(bad)
    with pytest.raises(ReadError) as err:
        read_source(tmp_path / "x.docx")
    assert "\n" not in str(err.value) and "不是有效的 XML" in str(err.value)


def test_thousands_of_header_parts_are_refused_quickly(child_env, tmp_path):
    base = make_docx_bytes(["标题", "正文内容。"])
    n = MAX_HEADER_PARTS + 50
    headers = {f"word/header{i}.xml": header_xml(f"页眉{i}") for i in range(1, n + 1)}
    (tmp_path / "页眉.docx").write_bytes(rezip(base, headers))
    refused(child_env, tmp_path, "outline", str(tmp_path / "页眉.docx"), words="页眉页脚部件过多", timeout=10)


def test_a_normal_docx_with_a_few_headers_still_reads(tmp_path):
    base = make_docx_bytes(["关于开展工作的通知", "正文内容。"], header="某县委宣传部")
    headers = {f"word/header{i}.xml": header_xml("某县委宣传部") for i in range(2, 7)}
    (tmp_path / "ok.docx").write_bytes(rezip(base, headers))
    texts = [line.text for line in read_source(tmp_path / "ok.docx").lines]
    assert texts.count("某县委宣传部") == 1 and "正文内容。" in texts


# ------------------------------------------------------------------ draft JSON (F8, F11, F10, F24)
def _draft_json(path, **over) -> None:
    doc = {
        "format": "ideodesk-draft/1",
        "genre": "speech",
        "title": "讲话",
        "sections": [{"type": "opening", "heading": "", "paragraphs": ["正文。"]}],
    }
    doc.update(over)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_a_title_over_255_characters_exports_to_docx(child_env, tmp_path):
    import docx

    title = "关于进一步加强和改进新时代意识形态工作" * 15  # 285 characters
    assert len(title) > 255
    _draft_json(tmp_path / "长标题.json", title=title)
    out = tmp_path / "长标题.docx"
    run_cli(child_env, "export", str(tmp_path / "长标题.json"), "-o", str(out))
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == title  # the body keeps the whole title
    assert doc.core_properties.title == title[:255]


def test_a_library_draft_with_a_long_title_exports(child_env, tmp_path):
    title = "标题" * 150
    run_cli(child_env, "drafts", "new", "--genre", "speech", "--title", title)
    run_cli(child_env, "export", "1", "-o", str(tmp_path / "a.docx"))


@pytest.mark.parametrize("depth", [100, 900, 5000])
def test_deeply_nested_extra_keys_are_refused_naming_the_file(child_env, tmp_path, depth):
    path = tmp_path / "深.json"
    _draft_json(path)
    text = path.read_text(encoding="utf-8")[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    path.write_text(text, encoding="utf-8")
    line = refused(child_env, tmp_path, "export", str(path), "-o", "OUT", words="嵌套过深")
    assert "深.json" in line


def test_moderate_nesting_in_extra_keys_round_trips():
    nested = {"a": [{"b": [1, 2, {"c": "d"}]}]}
    text = json.dumps({"genre": "speech", "x": nested})
    assert draftjson.loads(text).extra["x"] == nested


def test_nan_and_lone_surrogates_in_draft_json(tmp_path):
    with pytest.raises(draftjson.DraftFormatError, match="NaN"):
        draftjson.loads('{"genre": "speech", "x": NaN}', "a.json")
    draft = draftjson.loads('{"genre": "speech", "title": "\\ud800讲话", "x": {"\\udfffk": ["\\ud83d"]}}')
    assert draft.title == "讲话" and draft.extra["x"] == {"k": [""]}


def test_an_empty_draft_names_the_file_it_came_from(child_env, tmp_path):
    _draft_json(tmp_path / "空稿.json", title="", sections=[])
    refused(
        child_env,
        tmp_path,
        "export",
        str(tmp_path / "空稿.json"),
        "-o",
        "OUT",
        words="空稿.json：草稿没有任何内容",
    )


def test_a_pack_with_a_lone_surrogate_is_refused(child_env, tmp_path, data_dir):
    pack = tmp_path / "坏.ideopack"
    pack.write_text(
        '{"format": "ideodesk-phrasepack", "version": 1, "count": 1, "sha256": "0",'
        ' "phrases": [{"text": "\\ud800压紧压实责任"}]}',
        encoding="utf-8",
    )
    refused(child_env, tmp_path, "phrases", "import", str(pack), words="代理项")


# ------------------------------------------------------------------ file names (F12)
@pytest.mark.skipif(os.name != "posix" or os.uname().sysname == "Darwin", reason="byte file names")
def test_import_as_draft_of_a_gbk_named_file(child_env, tmp_path, data_dir):
    raw = os.fsencode(tmp_path) + b"/" + "工作总结".encode("gbk") + b".txt"
    with open(raw, "wb") as f:
        f.write("关于开展工作的通知\n一、正文内容。\n".encode())
    path = os.fsdecode(raw)
    proc = run_cli(child_env, "import", "--as-draft", path, "--json")
    (doc,) = json.loads(proc.stdout)
    assert doc["source"].endswith("工作总结.txt")  # the GBK name read as Chinese
    con = sqlite3.connect(data_dir / "drafts.sqlite3")
    try:
        stored = " ".join(str(v) for row in con.execute("SELECT * FROM drafts") for v in row)
    finally:
        con.close()
    assert "工作总结.txt" in stored
    bad = os.fsencode(tmp_path) + b"/\xff\xfe\x80.txt"
    with open(bad, "wb") as f:
        f.write("关于开展工作的通知\n正文内容。\n".encode())
    run_cli(child_env, "import", "--as-draft", os.fsdecode(bad))
    refused(child_env, tmp_path, "outline", os.fsdecode(bad) + "x", words="不存在")


# ------------------------------------------------------------------ encodings (F25)
TEXT = (
    "关于开展意识形态工作专项检查的通知\n各单位：\n一、检查内容\n认真落实意识形态工作责任制，加强阵地管理。\n"
)


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, enc):
    (tmp_path / "a.txt").write_bytes((TEXT * 5).encode(enc))
    src = read_source(tmp_path / "a.txt")
    assert src.lines[0].text == "关于开展意识形态工作专项检查的通知" and src.warnings == []


def test_big5_is_read_with_a_warning(tmp_path):
    from ideodesk.core.convert import convert

    (tmp_path / "繁.txt").write_bytes(convert(TEXT * 5, "s2t").encode("big5"))
    src = read_source(tmp_path / "繁.txt")
    assert src.lines[0].text == convert("关于开展意识形态工作专项检查的通知", "s2t")
    assert any("Big5" in w for w in src.warnings)


@pytest.mark.parametrize(
    ("text", "enc", "words"), [(KOREAN, "euc-kr", "韩文"), ("この会議を開きます。" * 20, "shift_jis", "日文")]
)
def test_korean_and_japanese_encodings_are_refused(tmp_path, text, enc, words):
    with pytest.raises(ReadError, match=words):
        decode_text((text * 5).encode(enc), "k.txt")


def test_gbk_text_is_still_gbk(tmp_path):
    assert decode_text((TEXT * 3).encode("gbk"))[0] == TEXT * 3
