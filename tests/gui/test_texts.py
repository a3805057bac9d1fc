"""The GUI's user-visible strings live in ideodesk/gui/texts.py (issue 18): no GUI module
writes a Chinese string of its own, and texts.py holds no string nobody uses."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from ideodesk.gui import texts

ROOT = Path(__file__).resolve().parents[2] / "ideodesk"
GUI = ROOT / "gui"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Chinese strings that are data, not UI text, left in place on purpose: (module, string).
DATA_STRINGS = {
    # the heading text a new outline section starts with: it goes into the document
    ("workspace.py", "新标题"),
}
# Tables whose Chinese strings are all data: (module, assigned name).
DATA_TABLES = {
    # font family names as the operating systems know them (仿宋, 黑体, 楷体_GB2312 …)
    ("docprops.py", "FAMILIES"),
}


def _modules() -> list[Path]:
    return sorted(p for p in GUI.glob("*.py") if not p.name.startswith("texts"))


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _in_data_tables(tree: ast.AST, module: str) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if any((module, name) in DATA_TABLES for name in names):
                found.update(id(n) for n in ast.walk(node.value))
    return found


def inline_strings(path: Path) -> list[str]:
    """``line: 'text'`` for every string constant with Han characters in ``path`` (f-string
    parts included) that is neither a docstring nor listed above as data."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _in_data_tables(tree, path.name)
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and HAN.search(node.value)
        and id(node) not in skip
        and (path.name, node.value) not in DATA_STRINGS
    ]


def test_no_inline_chinese_ui_strings():
    found = [hit for path in _modules() for hit in inline_strings(path)]
    assert not found, "user-visible strings belong in ideodesk/gui/texts.py:\n" + "\n".join(found)


def test_allowlists_are_still_needed():
    for module, text in DATA_STRINGS:
        assert text in (GUI / module).read_text(encoding="utf-8"), (module, text)
    for module, name in DATA_TABLES:
        assert f"\n{name} = " in (GUI / module).read_text(encoding="utf-8"), (module, name)


def _constants() -> dict[str, object]:
    return {name: value for name, value in vars(texts).items() if name.isupper()}


def _imports_texts(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        if node.module == "ideodesk.gui.texts":
            return True
        return node.module == "ideodesk.gui" and any(a.name == "texts" for a in node.names)
    return isinstance(node, ast.Import) and any(a.name == "ideodesk.gui.texts" for a in node.names)


def _uses() -> set[str]:
    """Names read as ``texts.NAME`` (or imported from texts) in the modules of ideodesk/
    that import it (elsewhere ``texts`` may be a local list)."""
    used = set()
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(_imports_texts(node) for node in ast.walk(tree)):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "texts":
                used.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.module == "ideodesk.gui.texts":
                used.update(alias.name for alias in node.names)
    return used


def test_every_text_is_used_and_exists():
    constants, used = set(_constants()), _uses()
    assert not constants - used, f"unused strings in texts.py: {sorted(constants - used)}"
    assert not used - constants, f"texts.py lacks: {sorted(used - constants)}"


def test_format_strings_name_their_fields():
    for name, value in _constants().items():
        for text in value.values() if isinstance(value, dict) else [value]:
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
            assert all(f and not f.isdigit() for f in fields), (name, text)
