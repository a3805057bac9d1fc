"""Breaking a title (or a long 发文机关标志 or 署名) into lines at word boundaries.

GB/T 9704 §7.3.1: a title of several lines keeps words whole and is set in lines of
fitting, symmetric lengths (梯形或菱形) — not a full first line and a short tail.  The
words come from jieba (with the genre's user dictionary), loaded only when a text is
too long for one line.
"""

from __future__ import annotations

import itertools
import math

from ideodesk.export.layout import text_width_chars

# A line should not start with these (they lean on the word before) …
_LEANS_BACK = set("的之和与及等了、，。：；）》”’")
# … nor end with these (they lean on the word after).
_LEANS_ON = set("（《“‘")
_ENDS_BADLY = ("关于", "在", "对", "把", "为", "与", "和", "及")
MAX_BREAKS = 4  # five lines at most; longer texts are left to the renderer
_MAX_CANDIDATES = 24  # boundaries considered per text (keeps the search small)


def words(text: str) -> list[str]:
    from ideodesk.core import segment  # jieba: loaded only when a break is needed

    return segment.cut(text)


def balanced_lines(text: str, width: float) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words, as even
    in length as possible (ties go to a longer upper line).  A text that fits stays one
    line; a word longer than a line is left for the renderer to wrap."""
    total = text_width_chars(text)
    if total <= width or "\n" in text:
        return text.split("\n")
    need = math.ceil(total / width)
    if need > MAX_BREAKS + 1:  # not a title any more: the renderer wraps it (and no jieba)
        return [text]
    # Names set apart by spaces (joint 署名: 机关 机关) break at the spaces if they can.
    spaced = [i + 1 for i, ch in enumerate(text) if ch == " "]
    for make in (lambda: spaced, lambda: _word_bounds(text, width)):
        bounds = make()
        for n in range(need, min(need + 2, MAX_BREAKS + 2)):
            best = _best(text, bounds, n, width) if bounds else None
            if best is not None:
                return best
    return [text]


def _word_bounds(text: str, width: float) -> list[int]:
    bounds = list(itertools.accumulate(len(t) for t in words(text)))[:-1]
    if len(bounds) > _MAX_CANDIDATES:  # keep the boundaries near the even split points
        bounds = _near_even(text, bounds, width)
    return bounds


def _best(text: str, bounds: list[int], n: int, width: float) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    for cut in itertools.combinations(bounds, n - 1):
        edges = (0, *cut, len(text))
        lines = [text[a:b] for a, b in itertools.pairwise(edges)]
        widths = [text_width_chars(x) for x in lines]
        if max(widths) > width:
            continue
        score = _score(lines, widths)
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best else None


def _score(lines: list[str], widths: list[float]) -> float:
    score = max(widths) - min(widths)
    for i, line in enumerate(lines):
        if i and line[0] in _LEANS_BACK:
            score += 6
        if i < len(lines) - 1 and (line[-1] in _LEANS_ON or line.endswith(_ENDS_BADLY)):
            score += 6
    # Shapes: prefer a longer upper line (正梯形) or a widest middle (菱形) to a short
    # first line over a long second.
    if len(widths) == 2 and widths[0] < widths[1]:
        score += 0.5
    return score


def _near_even(text: str, bounds: list[int], width: float) -> list[int]:
    n = math.ceil(text_width_chars(text) / width)
    targets = [len(text) * k / n for k in range(1, n)]
    keep = sorted(bounds, key=lambda b: min(abs(b - t) for t in targets))[:_MAX_CANDIDATES]
    return sorted(keep)
