"""Run-in items inside one paragraph: ``（一）加强组织领导。一是……。二是……；三是……``.

Web copies and hurried typing put a whole list in one paragraph.  An item starts where a
numbering marker follows a sentence end (``。！？；：``); the markers found in one
paragraph count only as a list — one style, numbered 1, 2, 3 … without gaps, at least
two of them — so a lone ``一是`` in a sentence, an agenda ``一是…，二是…`` after commas or a
figure such as ``增长5.2%`` never splits a paragraph.  Sequence words (首先/其次/最后) are
left alone: in running text they order sentences, not sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ideodesk.core.markers import NUMERALS, marker_value, parse_marker
from ideodesk.core.text import HAN

_END = "。！？；：!?;:"
# A marker right after a sentence end (the lookbehind), named by its style.
_INLINE_MARKERS = re.compile(
    rf"(?<=[{_END}])\s*(?:"
    rf"(?P<yishi>[{NUMERALS}]{{1,3}}是(?=[^\s，。]))|"
    rf"(?P<yiyao>[{NUMERALS}]{{1,3}}要(?=[^\s，。求素]))|"
    rf"(?P<diyi>第[{NUMERALS}]{{1,3}}[，、])|"
    rf"(?P<cn_paren>[（(][{NUMERALS}]{{1,3}}[）)])|"
    rf"(?P<arabic_paren>[（(]\d{{1,2}}[）)])|"
    rf"(?P<cn>[{NUMERALS}]{{1,3}}、)|"
    r"(?P<arabic>\d{1,2}[.．、](?!\d)))"
)
# After a lost line break: ``一、总体情况一是通过……`` (a heading glued to its first item).
_GLUED_START = re.compile(rf"(?<=[{HAN}])(?=一是|（一）|1\.(?!\d))")


def _list_starts(text: str) -> list[int]:
    """Where the items of the one numbered list inside ``text`` start (empty: no list)."""
    by_style: dict[str, list[tuple[int, int]]] = {}
    if (m := _INLINE_MARKERS.match("。" + text, 1)) and m.start(m.lastgroup or 0) == 1:
        by_style[m.lastgroup or ""] = [(0, marker_value(text[:6]))]  # the line opens the list
    for m in _INLINE_MARKERS.finditer(text):
        style = m.lastgroup or ""
        start = m.start(style)
        by_style.setdefault(style, []).append((start, marker_value(text[start : start + 6])))
    best: list[int] = []
    for found in by_style.values():
        run: list[int] = []
        for start, value in found:
            if value == len(run) + 1:
                run.append(start)
            elif value == 1:
                run = [start]  # a second list of the same style restarts at 1
        if len(run) >= 2 and len(run) > len(best):
            best = run
    return best


def split_run_in(lines: Iterable[str]) -> Iterator[str]:
    """Each paragraph, with a run-in list inside it split into one line per item."""
    for line in lines:
        starts = _list_starts(line)
        if not starts or starts == [0]:
            yield from _split_glued(line)
            continue
        pieces = [line[a:b].strip() for a, b in zip([0, *starts], [*starts, len(line)], strict=True)]
        for piece in pieces:
            if piece:
                yield from _split_glued(piece)


def _split_glued(line: str) -> Iterator[str]:
    m = parse_marker(line)
    if m:
        rest = m[1]
        hit = _GLUED_START.search(rest)
        if hit and 2 <= hit.start() <= 30 and not re.search("[。，；：！？]", rest[: hit.start()]):
            yield line[: len(line) - len(rest) + hit.start()]
            yield rest[hit.start() :]
            return
    yield line
