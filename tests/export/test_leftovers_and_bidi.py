"""Temporary files left by a killed export are cleaned up (ours only, and only old ones);
bidi control characters never reach an exported file and the checks flag them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile

from ideodesk import atomic
from ideodesk.core.draftjson import loads
from ideodesk.export import export_txt
from tests.conftest import run_cli

BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c"
DRAFT = {
    "format": "ideodesk-draft/1",
    "genre": "notice",
    "title": f"关于{BIDI}开展工作的通知",
    "sections": [{"type": "opening", "heading": "", "paragraphs": [f"正文{BIDI}内容。"]}],
}


def test_old_temporary_files_of_ours_are_removed_by_the_next_export(child_env, tmp_path):
    old = tmp_path / f"{atomic.TEMP_PREFIX}0123456789ab.tmp"
    fresh = tmp_path / f"{atomic.TEMP_PREFIX}ba9876543210.tmp"
    others = [
        tmp_path / n for n in (f"{atomic.TEMP_PREFIX}notours.tmp", "x.tmp", ".~lock.a.docx#", "报告.docx")
    ]
    for p in (old, fresh, *others):
        p.write_bytes(b"half an export")
    hour_ago = time.time() - atomic.STALE_TEMP_AGE - 60
    for p in (old, *others):
        os.utime(p, (hour_ago, hour_ago))
    (tmp_path / "稿.json").write_text(json.dumps(DRAFT, ensure_ascii=False), encoding="utf-8")
    run_cli(child_env, "export", str(tmp_path / "稿.json"), "-o", str(tmp_path / "通知.docx"))
    assert not old.exists()
    assert fresh.exists() and all(p.exists() for p in others)


def test_a_temp_file_left_by_a_real_kill_is_cleaned_later(tmp_path):
    """kill -9 a process in the middle of writing: its temp file is left, then removed by
    a later export once it is old."""
    code = (
        "import sys, time\n"
        "from ideodesk.atomic import write_atomic\n"
        "def slow(f):\n"
        "    f.write(b'x'); f.flush(); print('writing', flush=True); time.sleep(60)\n"
        "write_atomic(sys.argv[1], slow)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "a.txt")], stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline() == b"writing\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    (left,) = [p for p in tmp_path.iterdir() if p.name.startswith(atomic.TEMP_PREFIX)]
    export_txt(loads(json.dumps(DRAFT)), tmp_path / "b.txt")
    assert left.exists()  # too young: it might be a live export
    old = time.time() - atomic.STALE_TEMP_AGE - 1
    os.utime(left, (old, old))
    export_txt(loads(json.dumps(DRAFT)), tmp_path / "b.txt")
    assert not left.exists()


def test_exports_never_contain_bidi_controls(child_env, tmp_path):
    (tmp_path / "稿.json").write_text(json.dumps(DRAFT, ensure_ascii=False), encoding="utf-8")
    for name in ("a.docx", "a.txt"):
        run_cli(child_env, "export", str(tmp_path / "稿.json"), "-o", str(tmp_path / name))
    with zipfile.ZipFile(tmp_path / "a.docx") as zf:
        xml = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml"))
    text = (tmp_path / "a.txt").read_bytes().decode("utf-8-sig")
    for ch in BIDI:
        assert ch not in xml and ch not in text
    assert "关于开展工作的通知" in text and "正文内容。" in text


def test_check_flags_bidi_controls_with_a_fix_that_removes_them(child_env, tmp_path):
    (tmp_path / "稿.json").write_text(json.dumps(DRAFT, ensure_ascii=False), encoding="utf-8")
    out = json.loads(run_cli(child_env, "check", str(tmp_path / "稿.json"), "--json").stdout)
    findings = out["findings"] if isinstance(out, dict) else out
    bidi = [f for f in findings if f["rule"] == "bidi_control"]
    assert len(bidi) == 2 and all(f["replacement"] == "" for f in bidi)
    from ideodesk.checks.runner import apply_fixes, run_checks

    draft = loads(json.dumps(DRAFT))
    fixed = apply_fixes(draft, [f for f in run_checks(draft) if f.rule == "bidi_control"])
    assert fixed.title == "关于开展工作的通知"


def test_import_and_packs_drop_bidi_controls(tmp_path):
    from ideodesk.core.outline import parse_outline
    from ideodesk.phrases.model import prepare

    (tmp_path / "a.txt").write_text(
        f"关于{BIDI}开展工作的通知\n各单位：\n正文{BIDI}内容。\n", encoding="utf-8"
    )
    draft = parse_outline(tmp_path / "a.txt")
    assert draft.title == "关于开展工作的通知"
    assert prepare(f"压紧{BIDI}压实责任", sections="measures").text == "压紧压实责任"
