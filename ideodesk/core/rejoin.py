"""Hard-wrapped lines rejoined: paragraphs that a PDF, an e-mail or a fixed-width page
broke into lines.

A line is a fragment of the next when it ends where no paragraph ends — after a comma or
an enumeration comma, after 40 characters or more without a sentence end, or mid-word in
a file whose lines share one width (the wrap width: at least three lines of the same
length, give or take a few characters).  A numbering marker alone on a line (``一、``)
goes with the line after it.  A join never swallows a numbered item or a date.
"""

from __future__ import annotations

import re
from collections import Counter

from ideodesk.core.markers import parse_marker

_ENDS = tuple("。！？；：…”’」』）)】》!?;:")
_BARE_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])$"
)
_DATE = re.compile(r"^\d{4}年\d{1,2}月(?:\d{1,2}日)?$")


def _wrap_width(lines: list[str]) -> int | None:
    lengths = Counter(len(line) for line in lines if len(line) >= 20 and not line.endswith(_ENDS))
    if not lengths:
        return None
    width, count = lengths.most_common(1)[0]
    near = sum(n for w, n in lengths.items() if abs(w - width) <= 2)
    return width if count >= 2 and near >= 3 else None


def _continues(line: str, nxt: str, width: int | None) -> bool:
    if not nxt or parse_marker(nxt) or _DATE.match(nxt) or line.endswith(_ENDS):
        return False
    if line.endswith(("，", "、", ",")) and len(line) >= 8:
        return True
    if len(line) >= 40 and not parse_marker(line):
        return True  # no heading or title runs this long without a stop: a broken sentence
    return width is not None and len(line) >= 20 and abs(len(line) - width) <= 2 and not parse_marker(line)


def rejoin(lines: list[str]) -> list[str]:
    """The lines with hard wraps undone."""
    width = _wrap_width(lines)
    out: list[str] = []
    for line in lines:
        if out and (_BARE_MARKER.match(out[-1]) or _continues(out[-1], line, width)):
            out[-1] += line
        else:
            out.append(line)
    return out
