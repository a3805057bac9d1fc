"""IdeoDesk (公文组稿台): assemble, keep, check and export Chinese official materials."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"
APP_NAME = "IdeoDesk"


def data_dir(name: str) -> Path:
    """``resources/`` or ``phrasebank/``: the one resolver for every way the app is installed.

    A wheel and the PyInstaller bundle carry both as package data inside ``ideodesk/``
    (``importlib.resources`` finds them there); a source checkout (an editable install)
    keeps them beside the package, at the top of the repository.
    """
    from importlib.resources import files

    inside = Path(str(files(__name__) / name))
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / name


def resources_dir() -> Path:
    """Icons, the jieba user dictionary, the pinyin table."""
    return data_dir("resources")


def phrasebank_dir() -> Path:
    """The curated phrase bank and the table of standard formulations."""
    return data_dir("phrasebank")
