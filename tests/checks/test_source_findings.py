"""``check FILE.txt/.docx`` reports what import changed in the file itself (issue 13,
Build 5): half-width punctuation, a title with what a site added, web-page lines,
Traditional characters — so a clerk checking their own file sees them."""

from __future__ import annotations

import json
import subprocess
import sys

SOURCE = "\n".join(
    [
        "关于做好宣传工作的通知范文",
        "发布时间：2025-06-03",
        "各单位:",
        "现将有关事项通知如下:一是加强领导,二是压实责任.",
    ]
)


def check(path, *extra):
    cmd = [sys.executable, "-m", "ideodesk", "check", str(path), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_a_text_file_gets_findings_about_what_import_cleaned(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text(SOURCE, encoding="utf-8")
    out = check(path, "--json")
    assert out.returncode == 0, out.stderr
    found = [f for f in json.loads(out.stdout) if f["rule"] == "source_cleaned"]
    messages = [f["message"] for f in found]
    assert any("4 处半角标点" in m for m in messages)
    assert any("关于做好宣传工作的通知范文" in m for m in messages)
    assert any("发布信息 1 行" in m for m in messages)
    assert all(f["location"]["section"] == "原文件" for f in found)
    human = check(path).stdout
    assert "原文件  [警告] 原文件中有 4 处半角标点" in human


def test_a_clean_file_and_a_stored_draft_get_none(tmp_path):
    path = tmp_path / "干净.txt"
    path.write_text("关于做好宣传工作的通知\n各单位：\n现将有关事项通知如下。\n", encoding="utf-8")
    out = check(path, "--json")
    assert [f for f in json.loads(out.stdout) if f["rule"] == "source_cleaned"] == []
    traditional = tmp_path / "繁體.txt"
    traditional.write_text("關於做好宣傳工作的通知\n各單位：\n現將有關事項通知如下。\n", encoding="utf-8")
    found = [
        f["message"] for f in json.loads(check(traditional, "--json").stdout) if f["rule"] == "source_cleaned"
    ]
    assert found == ["原文件是繁体字，导入时已转为简体"]
