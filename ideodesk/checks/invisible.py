"""Invisible characters that change what a reader sees: bidi controls (U+202E and the
like) reorder text on screen, so a sentence can display differently from what it says."""

from __future__ import annotations

import re

from ideodesk.checks.model import ERROR, CheckContext, Finding
from ideodesk.core.text import BIDI_CONTROLS

_RUN_RE = re.compile(f"[{BIDI_CONTROLS}]+")


def check_bidi(ctx: CheckContext) -> list[Finding]:
    """Each run of bidi control characters, with a fix that removes it."""
    out: list[Finding] = []
    for unit in ctx.units:
        for m in _RUN_RE.finditer(unit.text):
            codes = "、".join(f"U+{ord(c):04X}" for c in dict.fromkeys(m.group()))
            msg = f"含有 {len(m.group())} 个不可见的文字方向控制符（{codes}），会让文字显示错乱，应删除"
            out.append(ctx.finding("bidi_control", ERROR, unit, m.start(), m.end(), msg, ""))
    return out
