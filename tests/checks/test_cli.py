"""``ideodesk check SOURCE [--json]`` in a child process."""

from __future__ import annotations

import json

from ideodesk.core import draftjson
from tests.checks.helpers import CORPUS, draft_of
from tests.conftest import run_cli


def _write(tmp_path, draft):
    path = tmp_path / "draft.json"
    path.write_text(draftjson.dumps(draft), encoding="utf-8")
    return path


def test_json_output_lists_findings_with_location_and_fix(child_env, tmp_path):
    path = _write(tmp_path, draft_of("坚持以*思想为指导,各级党w（党组）要落实。", date="2024年7月1日"))
    proc = run_cli(child_env, "check", str(path), "--json")
    found = json.loads(proc.stdout)
    assert proc.returncode == 0
    first = found[0]
    assert {"rule", "severity", "message", "text", "replacement", "location"} <= set(first)
    assert set(first["location"]) >= {"section", "paragraph", "start", "end"}
    rules = {}
    for f in found:
        rules.setdefault(f["rule"], f)
    assert rules["damaged_formulation"]["replacement"] == "坚持以习近平新时代中国特色社会主义思想为指导"
    assert rules["halfwidth_punct"]["replacement"] == "，"


def test_human_output_names_place_and_fix(child_env, tmp_path):
    path = _write(tmp_path, draft_of("深入学习贯彻党的十九大精神,,做好工作。", date="2024年7月1日"))
    out = run_cli(child_env, "check", str(path)).stdout
    assert "发现" in out and "第1部分 第1段" in out and "→ 改为：党的二十大" in out


def test_clean_draft_exits_zero(child_env, tmp_path):
    path = _write(tmp_path, draft_of("全面落实意识形态工作责任制。"))
    proc = run_cli(child_env, "check", str(path))
    assert proc.returncode == 0 and "未发现问题" in proc.stdout
    assert json.loads(run_cli(child_env, "check", str(path), "--json").stdout) == []


def test_draft_id_from_the_library(child_env):
    run_cli(child_env, "drafts", "new", "--genre", "speech", "--title", "测试", "--var", "会议名称=全县会议")
    found = json.loads(run_cli(child_env, "check", "1", "--json").stdout)
    assert any(f["rule"] == "slot" and f["text"] == "【工作主题】" for f in found)


def test_date_option_decides_what_is_outdated(child_env, tmp_path):
    path = _write(tmp_path, draft_of("深入学习贯彻党的十九大精神。", date=""))
    early = json.loads(run_cli(child_env, "check", str(path), "--json", "--date", "2020-01-01").stdout)
    late = json.loads(run_cli(child_env, "check", str(path), "--json", "--date", "2023-01-01").stdout)
    assert early == [] and [f["rule"] for f in late] == ["outdated"]


def test_unreadable_input_exits_2_with_one_line(child_env, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    for args in ([str(bad)], [str(tmp_path / "missing.json")], ["99"], [str(bad), "--date", "2024-13-01"]):
        proc = run_cli(child_env, "check", *args, check=False)
        assert proc.returncode == 2 and proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1


def test_a_text_file_is_recovered_and_checked(child_env):
    source = next(CORPUS.glob("000_*.txt"))
    proc = run_cli(child_env, "check", str(source), "--json", "--date", "2024-12-01", check=False)
    if proc.returncode == 2 and "outline" in proc.stderr:  # outline recovery not installed
        return
    found = json.loads(proc.stdout)
    assert any(f["rule"] == "damaged_formulation" and f["text"] == "深入学习贯彻党的精神" for f in found)
