"""Small text rules shared by everything that takes text in."""

from __future__ import annotations

import re

# What Word's XML cannot hold: C0 controls except tab/newline/CR, lone surrogates, U+FFFE/FFFF.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_unsafe(text: str) -> str:
    """Drop the characters a .docx (and UTF-8) cannot carry."""
    return _UNSAFE_RE.sub("", text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE_RE.search(text) is not None
