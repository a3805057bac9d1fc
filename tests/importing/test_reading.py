"""Reading .txt in every expected encoding and .docx safely; each kind of bad input refused."""

from __future__ import annotations

import zipfile

import pytest

from ideodesk.core.reading import MAX_LINE_CHARS, ReadError, decode_text, read_source
from tests.importing.conftest import make_docx

TEXT = "在全县意识形态工作会议上的讲话\n同志们：\n一、提高政治站位"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "gb18030", "gbk"],
)
def test_text_encodings(tmp_path, encode):
    path = tmp_path / "稿子.txt"
    path.write_bytes(encode(TEXT))
    src = read_source(path)
    assert [line.text for line in src.lines] == TEXT.split("\n")
    assert src.warnings == []


def test_crlf_and_cr_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("甲\r\n乙\r丙".encode())
    assert [line.text for line in read_source(path).lines] == ["甲", "乙", "丙"]


def test_mixed_encoding_in_one_line_imports_with_a_counted_warning():
    data = "前半部分是UTF-8编码的正文。".encode() + "后半部分是GBK编码的文字".encode("gbk")
    text, warnings = decode_text(data, "混合.txt")
    assert text.startswith("前半部分是UTF-8编码的正文。")
    assert len(warnings) == 1 and "混合.txt" in warnings[0] and "个字符无法识别" in warnings[0]


def test_mixed_encoding_by_line_is_read_line_by_line():
    data = "第一行是UTF-8编码的正文。\n".encode() + "第二行是GBK编码的正文。".encode("gbk")
    text, warnings = decode_text(data, "混合.txt")
    assert text == "第一行是UTF-8编码的正文。\n第二行是GBK编码的正文。"
    assert len(warnings) == 1 and "逐行" in warnings[0]


def test_damaged_utf16_counts_replacements():
    data = "意识形态".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate at the end
    text, warnings = decode_text(data, "坏.txt")
    assert text.startswith("意识形态") and "无法识别" in warnings[0]


def test_docx_paragraphs_tables_headers_and_heading_styles(tmp_path):
    path = make_docx(
        tmp_path / "报告.docx",
        [("关于上半年工作的报告", "Title"), ("总体情况", "Heading 1"), ("正文第一段。", None)],
        table=[["单元格一", "单元格二"]],
        header="某县委办公室",
    )
    src = read_source(path)
    texts = [line.text for line in src.lines if line.text]
    assert texts == [
        "某县委办公室",
        "关于上半年工作的报告",
        "总体情况",
        "正文第一段。",
        "单元格一",
        "单元格二",
    ]
    heading = next(line for line in src.lines if line.text == "总体情况")
    assert heading.level_hint == 1


# ---------------------------------------------------------------- bad input, one test each
def _expect(path, words):
    with pytest.raises(ReadError) as err:
        read_source(path)
    assert str(path) in str(err.value) and words in str(err.value)


def test_empty_file(tmp_path):
    (tmp_path / "空.txt").write_bytes(b"")
    _expect(tmp_path / "空.txt", "空的")
    (tmp_path / "空白.txt").write_bytes(b"  \n\n ")
    _expect(tmp_path / "空白.txt", "空的")
    (tmp_path / "空.docx").write_bytes(b"")
    _expect(tmp_path / "空.docx", "空的")


def test_binary_renamed_txt(tmp_path):
    (tmp_path / "图片.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    _expect(tmp_path / "图片.txt", "不是文本文件")


def test_binary_renamed_docx(tmp_path):
    (tmp_path / "图片.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    _expect(tmp_path / "图片.docx", "不是 Word")


def test_docx_renamed_txt_is_told_apart(tmp_path):
    path = make_docx(tmp_path / "真.docx", [("正文", None)])
    (tmp_path / "假.txt").write_bytes(path.read_bytes())
    _expect(tmp_path / "假.txt", ".docx")


@pytest.mark.parametrize("name", ["旧格式.doc", "加密.docx"])
def test_doc_or_encrypted_docx(tmp_path, name):
    (tmp_path / name).write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 1024)
    _expect(tmp_path / name, "另存为")


def test_truncated_zip(tmp_path):
    whole = make_docx(tmp_path / "完整.docx", [("正文" * 200, None)]).read_bytes()
    (tmp_path / "截断.docx").write_bytes(whole[: len(whole) // 2])
    _expect(tmp_path / "截断.docx", "已损坏")


def test_zip_with_an_oversized_entry_refused_by_declared_size(tmp_path):
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b"a" * (60 * 1024 * 1024) + b"/>")
    assert path.stat().st_size < 1024 * 1024  # small on disk, huge inside
    _expect(path, "声明的大小过大")


def test_xml_with_doctype_and_entities(tmp_path):
    path = tmp_path / "实体.docx"
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&y;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    _expect(path, "DOCTYPE")


def test_zip_without_a_document(tmp_path):
    path = tmp_path / "压缩包.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    _expect(path, "不是 Word 文档")


def test_fifty_megabyte_text_file(tmp_path):
    path = tmp_path / "巨大.txt"
    with open(path, "wb") as f:
        line = ("意识形态工作责任制落实情况。" * 20 + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    _expect(path, "文件过大")


def test_a_line_of_a_million_characters(tmp_path):
    path = tmp_path / "长行.txt"
    path.write_text("标题\n" + "字" * 1_000_000 + "\n", encoding="utf-8")
    _expect(path, "行过长")
    assert MAX_LINE_CHARS < 1_000_000


def test_missing_file_and_folder_and_unknown_type(tmp_path):
    _expect(tmp_path / "没有.txt", "不存在")
    _expect(tmp_path, "文件夹")
    (tmp_path / "表格.xlsx").write_bytes(b"PK\x03\x04")
    _expect(tmp_path / "表格.xlsx", "不支持的文件类型")
