"""Shared fixtures: a temporary data folder, offscreen Qt, and no network, ever."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


class NetworkAttemptError(AssertionError):
    """A test (or the code under test) tried to open a network connection."""


_ALLOWED_FAMILIES = {getattr(socket, "AF_UNIX", None)}


def _refuse(*args, **kwargs):
    raise NetworkAttemptError(f"network access attempted: {args!r}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail the test on any attempt to connect, resolve a name or send a datagram."""
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_sendto = socket.socket.sendto

    def guard(original):
        def method(self, *args, **kwargs):
            if self.family in _ALLOWED_FAMILIES:
                return original(self, *args, **kwargs)
            raise NetworkAttemptError(f"network access attempted: {self!r} {args!r}")

        return method

    monkeypatch.setattr(socket.socket, "connect", guard(original_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(original_connect_ex))
    monkeypatch.setattr(socket.socket, "sendto", guard(original_sendto))
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(socket, "gethostbyname", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    yield


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """An empty data folder, also exported as IDEODESK_DATA_DIR for child processes."""
    folder = tmp_path / "data"
    monkeypatch.setenv("IDEODESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def child_env(data_dir) -> dict[str, str]:
    """Environment for running ``python -m ideodesk`` in a child process."""
    env = dict(os.environ)
    guard = ROOT / "tests" / "netguard"  # its sitecustomize blocks the network in the child
    env["PYTHONPATH"] = os.pathsep.join([str(guard), str(ROOT), env.get("PYTHONPATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    env["IDEODESK_DATA_DIR"] = str(data_dir)
    return env


PYTHON = sys.executable


def run_cli(env: dict[str, str], *args: str, check: bool = True, timeout: int = 120, **options):
    """``python -m ideodesk ARGS`` in a child process, as a user runs it."""
    import subprocess

    proc = subprocess.run(
        [PYTHON, "-m", "ideodesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        **options,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc
