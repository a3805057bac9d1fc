"""What a normal install needs (issue 15): the wheel's package list and data files are
complete, data is found through one resolver, and nothing imported at run time comes only
from the test extra (the CI's wheel stage installs the built wheel and runs it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import ideodesk
from tests.conftest import PYTHON, ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_of_the_app_is_in_the_wheel():
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "ideodesk").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    listed = set(SETUPTOOLS["packages"])
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert listed - found == {"ideodesk.resources", "ideodesk.phrasebank"}


def test_every_data_file_the_app_reads_is_package_data():
    import fnmatch

    for package, folder in SETUPTOOLS["package-dir"].items():
        patterns = SETUPTOOLS["package-data"][package]
        for path in (ROOT / folder).rglob("*"):
            if path.suffix == ".md" or not path.is_file():  # maintainers' notes are not read
                continue
            rel = path.relative_to(ROOT / folder).as_posix()  # templates/speech.json
            assert any(fnmatch.fnmatch(rel, pat) for pat in patterns), f"{path} is not shipped"


def test_one_resolver_finds_the_data_in_a_checkout():
    assert ideodesk.resources_dir() == ROOT / "resources"
    assert ideodesk.phrasebank_dir() == ROOT / "phrasebank"
    from ideodesk.checks import formulations
    from ideodesk.phrases import bankfiles

    assert bankfiles.default_bank_dir() == ideodesk.phrasebank_dir()
    assert "phrasebank_dir" in vars(formulations)  # the table is read from the same place


def test_the_resolver_prefers_data_inside_the_package(tmp_path):
    """As in a wheel or the bundle: ``ideodesk/resources`` beside ``__init__.py``."""
    pkg = tmp_path / "site" / "ideodesk"
    (pkg / "resources").mkdir(parents=True)
    (pkg / "__init__.py").write_text((ROOT / "ideodesk" / "__init__.py").read_text("utf-8"), "utf-8")
    code = "import ideodesk; print(ideodesk.resources_dir())"
    out = subprocess.run(
        [PYTHON, "-I", "-c", f"import sys; sys.path.insert(0, {str(pkg.parent)!r}); {code}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert Path(out.strip()) == pkg / "resources"


def test_letter_masks_are_repaired_without_pypinyin(tmp_path):
    """pypinyin is a development tool here (it generates the table): the check must work
    without it, as in an install without the test extra."""
    src = tmp_path / "masked.txt"
    src.write_text("关于落实责任制的通知\n\n各级党w（党组）要切实履行主体责任。\n", "utf-8")
    code = (
        "import sys; sys.modules['pypinyin'] = None\n"
        "from ideodesk.cli import main\n"
        f"sys.exit(main(['check', '--json', {str(src)!r}]))"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    assert "党委（党组）" in proc.stdout and "Traceback" not in proc.stderr


def test_heteronyms_have_the_initials_of_all_their_readings():
    from ideodesk.core.pinyin import reading_initials

    assert reading_initials("长") == {"c", "z"}
    assert reading_initials("委") == {"w"}
    assert reading_initials("a") == frozenset()


def test_the_windows_app_has_a_console_free_entry_point():
    assert PYPROJECT["project"]["gui-scripts"]["ideodeskw"] == "ideodesk.cli:main"
