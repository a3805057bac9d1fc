"""IdeoDesk (公文组稿台): assemble, keep, check and export Chinese official materials."""

from __future__ import annotations

import sys
from pathlib import Path

__version__ = "0.1.0"
APP_NAME = "IdeoDesk"


def resources_dir() -> Path:
    """The ``resources/`` folder: inside a PyInstaller bundle or beside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
