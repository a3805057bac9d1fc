"""pyinstaller.spec, checked without building: its data lists point at files that exist,
every CLI subcommand is collected, nothing the app imports is excluded, and the filter
keeps what the bundle needs (and drops what it does not) on Linux and Windows paths.

The bundle build itself is ``packaging/build_linux.sh`` (about a minute; not run by pytest).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "pyinstaller.spec"


def _run_spec(monkeypatch, minimal: bool = False) -> dict:
    """Execute the spec with stand-ins for PyInstaller's build classes (Linux code path)."""
    if minimal:
        monkeypatch.setenv("IDEODESK_BUNDLE", "minimal")
    else:
        monkeypatch.delenv("IDEODESK_BUNDLE", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    calls: dict = {"EXE": []}

    def analysis(scripts, **kw):
        calls["Analysis"] = {"scripts": scripts, **kw}
        return SimpleNamespace(datas=[], binaries=[], pure=[], scripts=[])

    def exe(*args, **kw):
        calls["EXE"].append(kw)
        return kw["name"]

    ns = {
        "SPECPATH": str(ROOT),
        "Analysis": analysis,
        "PYZ": lambda *a, **kw: "pyz",
        "EXE": exe,
        "COLLECT": lambda *a, **kw: calls.setdefault("COLLECT", kw),
        "__name__": "__main__",
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), ns)
    calls["ns"] = ns
    return calls


@pytest.fixture
def spec(monkeypatch):
    return _run_spec(monkeypatch)


def test_data_sources_exist_and_land_in_their_folders(spec):
    datas = spec["Analysis"]["datas"]
    assert datas, "no app data listed"
    for src, dest in datas:
        assert Path(src).is_file(), src
        # inside the package, where ideodesk.data_dir finds them (as in a wheel)
        top = Path(dest).as_posix().split("/")[:2]
        assert "/".join(top) in {"ideodesk/resources", "ideodesk/phrasebank"}, dest
    dests = {(Path(src).name, Path(dest).as_posix()) for src, dest in datas}
    assert ("ideodesk.svg", "ideodesk/resources") in dests
    assert ("jieba_userdict.txt", "ideodesk/resources") in dests
    assert ("speech.json", "ideodesk/resources/templates") in dests  # genre templates (issue 16)
    shipped = {p.name for p in (ROOT / "phrasebank").iterdir() if p.is_file() and p.name != "README.md"}
    assert shipped <= {name for name, dest in dests if dest == "ideodesk/phrasebank"}


def test_entry_script_and_minimal_script_exist(spec, monkeypatch):
    assert Path(spec["Analysis"]["scripts"][0]) == ROOT / "ideodesk" / "__main__.py"
    minimal = _run_spec(monkeypatch, minimal=True)
    assert Path(minimal["Analysis"]["scripts"][0]).is_file()
    assert minimal["COLLECT"]["name"] == "minimal"
    # the baseline is built with the same options
    for key in ("excludes", "module_collection_mode", "optimize"):
        assert minimal["Analysis"][key] == spec["Analysis"][key]


def test_every_cli_subcommand_is_collected(spec):
    from ideodesk.cli import COMMANDS

    hidden = set(spec["Analysis"]["hiddenimports"])
    present = [n for n in COMMANDS if (ROOT / "ideodesk" / "commands" / f"{n}.py").is_file()]
    assert present
    assert {f"ideodesk.commands.{n}" for n in present} <= hidden
    assert {"PySide6.QtWidgets", "PySide6.QtPrintSupport", "PySide6.QtSvg"} <= hidden


def _top_level_imports() -> set[str]:
    names = set()
    for path in (ROOT / "ideodesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def test_nothing_the_app_imports_is_excluded(spec):
    excluded = set(spec["Analysis"]["excludes"])
    clash = {m for m in _top_level_imports() if any(m == e or m.startswith(e + ".") for e in excluded)}
    assert not clash, f"pyinstaller.spec excludes modules the app imports: {sorted(clash)}"


@pytest.mark.parametrize(
    ("dest", "typecode"),
    [
        ("jieba/dict.txt", "DATA"),
        ("opencc/clib/share/opencc/t2s.json", "DATA"),
        ("opencc/clib/share/opencc/STPhrases.ocd2", "DATA"),
        ("opencc/clib/opencc_clib.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
        ("docx/templates/default.docx", "DATA"),
        ("docx/templates/default-footer.xml", "DATA"),
        ("docx/parts/hdrftr.py", "DATA"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "BINARY"),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", "BINARY"),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", "BINARY"),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", "BINARY"),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "BINARY"),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "DATA"),
        ("PySide6\\plugins\\platforms\\qwindows.dll", "BINARY"),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", "BINARY"),
        ("PySide6\\plugins\\imageformats\\qsvg.dll", "BINARY"),
        ("PySide6\\plugins\\printsupport\\windowsprintersupport.dll", "BINARY"),
        ("PySide6\\Qt6Widgets.dll", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "BINARY"),
        ("pypinyin/pinyin_dict.json", "DATA"),
    ],
)
def test_filter_keeps(spec, dest, typecode):
    assert spec["ns"]["keep"]((dest, "/src/" + dest, typecode))


@pytest.mark.parametrize(
    "dest",
    [
        "jieba/analyse/idf.txt",
        "jieba/lac_small/model_baseline/params",
        "jieba/posseg/prob_emit.p",
        "opencc/clib/bin/opencc",
        "opencc/clib/lib64/libopencc.a",
        "opencc/clib/include/opencc/opencc.h",
        "docx/templates/default-docx-template/word/document.xml",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\plugins\\platforms\\qdirect2d.dll",
        "PySide6\\plugins\\networkinformation\\qnetworklistmanager.dll",
        "PySide6\\opengl32sw.dll",
        "PySide6\\Qt6Network.dll",
        "PySide6\\Qt6Quick.dll",
        "PySide6\\translations\\qtbase_fr.qm",
    ],
)
def test_filter_drops(spec, dest):
    assert not spec["ns"]["keep"]((dest, "/src/" + dest, "BINARY" if "." not in dest[-4:] else "DATA"))


def test_symlink_follows_its_target(spec):
    keep = spec["ns"]["keep"]
    assert keep(("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"))
    assert not keep(("libqgtk3.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "SYMLINK"))
    links = [("a.so", "PySide6/Qt/lib/a.so", "SYMLINK"), ("b.so", "PySide6/Qt/lib/b.so", "SYMLINK")]
    assert spec["ns"]["without_dangling_links"](links, {"PySide6/Qt/lib/a.so"}) == links[:1]


def test_the_windows_workflow_installs_only_runtime_dependencies_and_checks_the_spec_output(spec):
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    installs = [line for line in workflow.splitlines() if "pip install" in line]
    assert installs and not any("[test]" in line or "pypinyin" in line for line in installs)
    assert "packaging\\smoke_cli.py dist\\ideodesk\\ideodesk.exe" in workflow
    # every bundle path the workflow checks is one the spec produces
    dests = {(Path(dest) / Path(src).name).as_posix() for src, dest in spec["Analysis"]["datas"]}
    for checked in ("ideodesk/phrasebank/formulations.tsv", "ideodesk/resources/ideodesk.svg"):
        assert checked in dests and "_internal\\" + checked.replace("/", "\\") in workflow
    iss = (ROOT / "packaging" / "windows" / "ideodesk.iss").read_text("utf-8")
    assert '#define BundleDir "..\\..\\dist\\ideodesk"' in iss and "{app}\\ideodeskw.exe" in iss
