"""Architecture rules: the core never imports Qt or the GUI; nothing opens the network."""

from __future__ import annotations

import ast
import socket
import subprocess

import pytest

from tests.conftest import PYTHON, ROOT, NetworkAttemptError

CORE_PACKAGES = ["core", "phrases", "store", "export", "checks"]
FORBIDDEN = ("PySide6", "ideodesk.gui", "shiboken6")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_modules_do_not_import_qt_or_gui():
    offenders = []
    files = [p for pkg in CORE_PACKAGES for p in (ROOT / "ideodesk" / pkg).rglob("*.py")]
    files += [ROOT / "ideodesk" / "errors.py", ROOT / "ideodesk" / "__init__.py"]
    assert len(files) > 8
    for path in files:
        for name in _imports(path):
            if name.startswith(FORBIDDEN):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_importing_the_core_and_running_the_cli_loads_no_qt():
    code = (
        "import sys, ideodesk.cli, ideodesk.store.drafts, ideodesk.core.genres;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','ideodesk.gui','jieba'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: socket.create_connection(("127.0.0.1", 9)),
        lambda: socket.getaddrinfo("example.com", 80),
        lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9)),
        lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9)),
    ],
)
def test_network_attempts_fail_the_test(attempt):
    with pytest.raises(NetworkAttemptError):
        attempt()


def test_child_processes_are_guarded_too(child_env):
    proc = subprocess.run(
        [PYTHON, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=child_env, capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 99 and "NETWORK ATTEMPT BLOCKED" in proc.stderr
