"""Rule ``traditional``: Traditional characters in a Simplified draft (OpenCC t2s).

Drafts are written in Simplified Chinese; Traditional output is an export option.  Text
pasted from Hong Kong or Taiwan sources, or from sites that serve Traditional pages, keeps
its characters; each run of them is reported with its Simplified form as the fix.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ideodesk.checks.model import WARNING, CheckContext, Finding

_MERGE_GAP = 2  # runs this close together are one finding (黨的…屆 → one span)


def _runs(text: str, simplified: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each changed stretch of ``text``."""
    if len(text) == len(simplified):
        out: list[list[int]] = []
        for i, (a, b) in enumerate(zip(text, simplified, strict=True)):
            if a != b:
                if out and i - out[-1][1] <= _MERGE_GAP:
                    out[-1][1] = i + 1
                else:
                    out.append([i, i + 1])
        return [(s, e, simplified[s:e]) for s, e in out]
    ops = SequenceMatcher(None, text, simplified, autojunk=False).get_opcodes()
    return [(i1, i2, simplified[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal" and i2 > i1]


def check_traditional(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for unit in ctx.units:
        if unit.simplified == unit.text:
            continue
        for s, e, fix in _runs(unit.text, unit.simplified):
            chars = "".join(a for a, b in zip(unit.text[s:e], fix, strict=False) if a != b) or unit.text[s:e]
            msg = f"繁体字“{chars}”，简体稿中应写作简体"
            out.append(ctx.finding("traditional", WARNING, unit, s, e, msg, fix))
    return out
