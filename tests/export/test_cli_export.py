"""``ideodesk export`` as a user runs it: a real child process."""

from __future__ import annotations

import json
import resource
import zipfile

import pytest

from ideodesk.core import draftjson
from tests.conftest import run_cli
from tests.export import drafts


def run(env, *args, check=True, **options):
    return run_cli(env, *args, check=check, **options)


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "draft.json"
    path.write_text(draftjson.dumps(drafts.small_draft()), encoding="utf-8")
    return path


def test_export_a_draft_json_to_docx_reports_unfilled_slots(child_env, source, tmp_path):
    out = tmp_path / "讲话.docx"
    proc = run(child_env, "export", str(source), "-o", str(out))
    assert out.read_bytes().startswith(b"PK\x03\x04")
    assert "已导出" in proc.stdout and str(out) in proc.stdout
    warning = proc.stderr.strip().splitlines()
    assert len(warning) == 1 and "警告" in warning[0] and "【讲话人】" in warning[0]
    doc = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "全县意识形态工作会议" in doc and "【讲话人】" in doc


def test_export_a_library_draft_by_id_in_traditional_txt(child_env, tmp_path):
    created = json.loads(
        run(child_env, "drafts", "new", "--genre", "notice", "--title", "关于开展学习的通知", "--json").stdout
    )
    out = tmp_path / "通知"
    proc = run(
        child_env, "export", str(created["id"]), "-o", str(out), "--format", "txt", "--traditional", "s2hk"
    )
    written = tmp_path / "通知.txt"
    assert written.exists() and not out.exists()
    text = written.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and b"\r\n" in text
    assert "關於開展學習的通知" in text.decode("utf-8-sig")
    assert "警告" in proc.stderr  # the notice template leaves slots to fill


def test_windows_fonts_option(child_env, source, tmp_path):
    out = tmp_path / "a.docx"
    run(child_env, "export", str(source), "-o", str(out), "--fonts", "windows")
    styles = zipfile.ZipFile(out).read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋"' in styles and "GB2312" not in styles


def one_chinese_line(proc) -> str:
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])
    return lines[0]


@pytest.mark.parametrize(
    ("make_source", "words"),
    [
        (lambda d: str(d / "nothing.json"), "文件不存在"),
        (
            lambda d: (d / "bad.json").write_text("{not json", encoding="utf-8") and str(d / "bad.json"),
            "不是有效的 JSON",
        ),
        (
            lambda d: (d / "bad.json").write_bytes(b"\xff\xfe\x00garbage") and str(d / "bad.json"),
            "不是 UTF-8",
        ),
        (
            lambda d: (
                (d / "shape.json").write_text('{"genre": 3}', encoding="utf-8") and str(d / "shape.json")
            ),
            "genre",
        ),
        (lambda d: "42", "草稿 42 不存在"),
        (lambda d: str(d), "文件夹"),
    ],
)
def test_bad_sources_are_one_chinese_line_exit_2_nothing_written(child_env, tmp_path, make_source, words):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    line = one_chinese_line(
        run(child_env, "export", make_source(tmp_path), "-o", str(out_dir / "a.docx"), check=False)
    )
    assert words in line
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("no-such-folder/a.docx", "不存在"),
        ("a-file/a.docx", "不是文件夹"),
        ("a.doc", "不支持导出为 .doc"),
        ("a.txt --format docx", "不一致"),
    ],
)
def test_unwritable_targets_are_one_chinese_line_exit_2(child_env, source, tmp_path, target, words):
    (tmp_path / "a-file").write_text("x")
    before = sorted(p.name for p in tmp_path.iterdir())
    name, *extra = target.split()
    line = one_chinese_line(
        run(child_env, "export", str(source), "-o", str(tmp_path / name), *extra, check=False)
    )
    assert words in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_full_disk_in_a_real_process_keeps_the_earlier_file(child_env, source, tmp_path):
    """The kernel refuses to grow a file past RLIMIT_FSIZE (EFBIG), as a full disk or
    quota would: the write really fails part-way."""
    out = tmp_path / "讲话.docx"
    out.write_bytes(b"earlier")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = run(child_env, "export", str(source), "-o", str(out), check=False, preexec_fn=limit)
    line = one_chinese_line(proc)
    assert "磁盘空间或配额不足" in line and "原文件未改动" in line
    assert out.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json", "讲话.docx"]  # no temporary file


def test_target_open_in_word(child_env, source, tmp_path):
    out = tmp_path / "讲话.docx"
    out.write_bytes(b"earlier")
    (tmp_path / "~$讲话.docx").write_bytes(b"owner")
    line = one_chinese_line(run(child_env, "export", str(source), "-o", str(out), check=False))
    assert "正在 Word 或 WPS 中打开" in line
    assert out.read_bytes() == b"earlier"


def test_help_lists_the_options(child_env):
    text = run(child_env, "export", "--help").stdout
    for option in ("--traditional", "--format", "--fonts", "s2tw", "gb2312"):
        assert option in text


def test_export_straight_from_a_corpus_text_file(child_env, tmp_path):
    import docx

    from tests.importing.conftest import CORPUS

    out = tmp_path / "发言.docx"
    proc = run_cli(child_env, "export", str(CORPUS / "000_54ef8e62418e0016.txt"), "-o", str(out))
    assert "已导出" in proc.stdout
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "在2024年意识形态领域分析研讨会上的发言"
    assert any(t.startswith("一、统一思想、提高认识") for t in texts)


def test_a_compilation_file_is_refused_with_advice(child_env, tmp_path):
    from tests.importing.conftest import CORPUS

    source, out = str(CORPUS / "004_62d75050e1561ae2.txt"), str(tmp_path / "x.docx")
    proc = run_cli(child_env, "export", source, "-o", out, check=False)
    assert proc.returncode == 2 and "import --as-draft" in proc.stderr
    assert not (tmp_path / "x.docx").exists()


def test_traditional_docx_in_gb2312_fonts_warns_about_coverage(child_env, source, tmp_path):
    proc = run(child_env, "export", str(source), "-o", str(tmp_path / "t.docx"), "--traditional", "s2t")
    assert "GB2312" in proc.stderr and "--fonts windows" in proc.stderr
    proc = run(
        child_env, "export", str(source), "-o", str(tmp_path / "w.docx"), "--traditional", "s2t",
        "--fonts", "windows",
    )  # fmt: skip
    assert "GB2312" not in proc.stderr
