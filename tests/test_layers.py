"""The layers point one way (issue 18): core ← store ← phrases/checks/export ← commands ←
gui ← the entry points, with the neutral utilities (errors, atomic writing, the worker)
and the package root below everything.  Every import counts, also those inside functions;
imports only for type checkers (``if TYPE_CHECKING:``) are not run and are left out."""

from __future__ import annotations

import ast
from collections import defaultdict

from tests.conftest import ROOT

RANK = {"root": 0, "util": 0, "core": 1, "store": 2, "phrases": 3, "checks": 3, "export": 3,
        "commands": 4, "gui": 5, "entry": 6}  # fmt: skip
UTILITIES = {"errors", "atomic", "worker"}
ENTRY = {"cli", "__main__"}


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    if parts[1] in UTILITIES:
        return "util"
    return "entry" if parts[1] in ENTRY else parts[1]


def _module(path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _runtime_imports(tree: ast.AST):
    """(line, module) of every ideodesk import that runs (TYPE_CHECKING blocks skipped)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("ideodesk"):
                yield node.lineno, name


def _graph():
    files = sorted((ROOT / "ideodesk").rglob("*.py"))
    modules = {_module(p) for p in files}
    graph: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], str] = {}
    for path in files:
        here = _module(path)
        for line, name in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            # ``from ideodesk.phrases import schema`` inside ideodesk.phrases.bank names a
            # sibling through its own package: an edge to the sibling, not to the package
            if name in modules and name != here and not here.startswith(name + "."):
                graph[here].add(name)
                where.setdefault((here, name), f"{path.relative_to(ROOT)}:{line}")
    return modules, graph, where


def test_every_import_points_down_the_layers():
    modules, graph, where = _graph()
    assert len(modules) > 60
    wrong = [
        f"{where[a, b]}: {a} ({_layer(a)}) imports {b} ({_layer(b)})"
        for a in graph
        for b in graph[a]
        if _layer(a) != _layer(b) and RANK[_layer(a)] <= RANK[_layer(b)]
    ]
    assert wrong == []


def test_no_import_cycles_between_modules():
    modules, graph, _ = _graph()
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(" → ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for module in sorted(modules):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_one_definition_of_han_characters():
    """Han characters are ``core.text.HAN`` everywhere (issue 18): no module spells out
    its own range, which would drift (Extension A and the supplementary planes)."""
    spelled = []
    for path in sorted((ROOT / "ideodesk").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() == "ideodesk/core/text.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "\\u4e00" in line or "\\u9fff" in line or "\\u9fa5" in line or "\u4e00-\u9fff" in line:
                spelled.append(f"{path.relative_to(ROOT)}:{n}")
    assert spelled == []
