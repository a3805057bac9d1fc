"""Typing a numbering marker at the start of a paragraph makes it a heading (as Word's
AutoFormat does): which markers count, and which level and parent style they imply.

Pure functions over the editor's flat paragraphs (see ``flatdoc``); the GUI applies the
result as its own undo step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ideodesk.core.flatdoc import HEADING, TITLE, Para
from ideodesk.core.numbering import DEFAULT_BY_LEVEL, MAX_LEVEL, STYLES, style_for

_NUM = "一二三四五六七八九十"
# (style, pattern matching the whole marker typed so far)
_TYPED: list[tuple[str, re.Pattern]] = [
    ("cn", re.compile(rf"^[{_NUM}]{{1,3}}、")),
    ("cn_paren", re.compile(rf"^[（(][{_NUM}]{{1,3}}[）)]")),
    ("arabic_paren", re.compile(r"^[（(]\d{1,2}[）)]")),
    ("arabic", re.compile(r"^\d{1,2}[.．](?=[^\d\s.．])")),  # 1. and then a non-digit: not 1.5
    ("yishi", re.compile(rf"^[{_NUM}]{{1,3}}是")),
    ("yiyao", re.compile(rf"^[{_NUM}]{{1,3}}要")),
    ("diyi", re.compile(rf"^第[{_NUM}]{{1,3}}，")),
]
_LEVEL_OF_STYLE = {style: level for level, style in DEFAULT_BY_LEVEL.items()}


@dataclass(frozen=True)
class Marker:
    style: str
    length: int  # characters of the marker at the start of the text


def typed_marker(text: str, cursor: int, before: int | None = None) -> Marker | None:
    """The marker at the start of ``text`` that the typing from ``before`` to ``cursor``
    completed (``before`` defaults to one character back).  ``1.`` counts only once a
    non-digit follows it, so that 1.5 stays a number."""
    before = cursor - 1 if before is None else before
    for style, pattern in _TYPED:
        m = pattern.match(text)
        if not m:
            continue
        need = m.end() + (1 if style == "arabic" else 0)
        return Marker(style, m.end()) if before < need <= cursor else None
    return None


@dataclass(frozen=True)
class Placement:
    """Where a marked paragraph goes: its level, run-in flag, and the style its parent
    (``parent`` = index of the parent heading paragraph, or of the title for level 1)
    must give its children (None: keep the parent's)."""

    level: int
    run_in: bool
    parent: int | None
    parent_numbering: str | None
    set_parent: bool


def place(paras: list[Para], index: int, style: str) -> Placement:
    """The level a marker of ``style`` gets at paragraph ``index``: the level its style
    stands for by default (一、 1, （一） 2, 1. 3, （1） 4), but never more than one below
    the heading before it; 一是/一要/第一， are run-in items one level below that heading."""
    prev_level = 0
    for i in range(index - 1, -1, -1):
        props = paras[i][0]
        if props.role == HEADING and paras[i][1].strip():
            prev_level = props.level
            break
    run_in = STYLES[style].run_in
    level = min(prev_level + 1, MAX_LEVEL) if run_in else min(_LEVEL_OF_STYLE[style], prev_level + 1)
    parent = _parent_of(paras, index, level)
    owner = paras[parent][0].numbering if parent is not None else None
    if style_for(level, owner).id == style:
        return Placement(level, run_in, parent, owner, False)
    numbering = None if DEFAULT_BY_LEVEL[level] == style else style
    return Placement(level, run_in, parent, numbering, True)


def _parent_of(paras: list[Para], index: int, level: int) -> int | None:
    """The heading (or for level 1 the title) whose children a level-``level`` heading at
    ``index`` joins."""
    for i in range(index - 1, -1, -1):
        props = paras[i][0]
        if level == 1:
            if props.role == TITLE:
                return i
        elif props.role == HEADING and props.level == level - 1:
            return i
        elif props.role == HEADING and props.level < level - 1:
            return None  # a skipped level: an unheaded container owns it
    return None
