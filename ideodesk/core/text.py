"""Small text rules shared by everything that takes text in."""

from __future__ import annotations

import re

# Han characters, the one definition of the app: Extension A, the unified block, the
# compatibility ideographs, and the supplementary planes (Extensions B–H: rare names and
# place names).  A regex character-class body: use as f"[{HAN}]".
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")


def is_han(ch: str) -> bool:
    """One Han character (an empty string is not)."""
    return len(ch) == 1 and HAN_RE.match(ch) is not None


# What Word's XML cannot hold: C0 controls except tab/newline/CR, lone surrogates, U+FFFE/FFFF.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Bidi controls: marks, embeddings, overrides and isolates.  They reorder what is shown
# (U+202E makes "txt.exe" look like "exe.txt") and have no place in an official document.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi(text: str) -> str:
    return _BIDI_RE.sub("", text)


def has_bidi(text: str) -> bool:
    return _BIDI_RE.search(text) is not None


def strip_unsafe(text: str) -> str:
    """Drop the characters a .docx (and UTF-8) cannot carry."""
    return _UNSAFE_RE.sub("", text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE_RE.search(text) is not None
