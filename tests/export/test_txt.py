"""Plain-text export: what Windows Notepad opens correctly."""

from __future__ import annotations

import pytest

from ideodesk.export import export_txt
from tests.export import drafts


def test_utf8_with_bom_and_crlf(tmp_path):
    path = tmp_path / "讲话.txt"
    result = export_txt(drafts.small_draft(), path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert result.bytes == len(data) and result.format == "txt"
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # every line end is CRLF
    assert text.endswith("\r\n")


def test_layout_follows_the_printed_page(tmp_path):
    path = tmp_path / "讲话.txt"
    export_txt(drafts.small_draft(), path)
    lines = path.read_bytes()[3:].decode("utf-8").split("\r\n")
    assert lines[:5] == [
        "在全县意识形态工作会议上的讲话",
        "",  # the blank line under the title
        "同志们：",
        "\u3000\u3000今天，我们召开会议，部署下一阶段工作。",
        "\u3000\u3000一、肯定成绩，客观看待取得的成效",
    ]
    assert "\u3000\u3000一是工作机制不断健全。各级党组织履职尽责。" in lines
    assert "\u3000\u3000同志们，让我们携手奋进，\t再创佳绩！" in lines
    assert lines[-4:] == ["", "【讲话人】", "2024年7月1日", ""]


@pytest.mark.parametrize(("variant", "word"), [("s2t", "講話"), ("s2tw", "講話"), ("s2hk", "講話")])
def test_traditional_text(tmp_path, variant, word):
    path = tmp_path / "a.txt"
    export_txt(drafts.small_draft(), path, traditional=variant)
    text = path.read_bytes().decode("utf-8-sig")
    assert word in text and "讲话" not in text.replace("【講話人】", "")


def test_a_date_without_signature_still_gets_its_blank_line(tmp_path):
    draft = drafts.small_draft()
    draft.signature.issuer = ""
    path = tmp_path / "a.txt"
    export_txt(draft, path)
    assert path.read_bytes().decode("utf-8-sig").endswith("再创佳绩！\r\n\r\n2024年7月1日\r\n")
