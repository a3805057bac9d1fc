"""Text pasted into the editor: the importer's cleaning and outline recovery on the pasted
lines, as paragraphs with props ready to replace the plain paste."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ideodesk.core.cleaning import clean_lines
from ideodesk.core.flatdoc import HEADING, Props, layout
from ideodesk.core.numbering import MAX_LEVEL
from ideodesk.core.outline import recover


@dataclass
class Pasted:
    title: str
    addressee: str
    issuer: str
    date: str
    numbering: str | None  # the style of the pasted top-level numbers
    paragraphs: list[tuple[Props, str]]


def recover_paragraphs(lines: list[str], context_level: int = 0) -> Pasted | None:
    """The outline in pasted lines, or None when there is none (the plain paste stays).

    ``context_level`` is the level of the heading the paste lands under: pasted
    ``（一）`` items there become its children rather than level-1 headings.
    """
    cleaned, _ = clean_lines(lines)
    if not cleaned:
        return None
    draft = recover(cleaned)
    if not any(s.headed for _, s in draft.walk()):
        return None
    rows = layout(draft)[2:-2]
    top = draft.child_numbering
    shift = 0
    if context_level and top not in (None, "cn"):
        shift = min(context_level, MAX_LEVEL - max(r.props.level for r in rows))
    paras = []
    seen_heading = False
    for r in rows:
        p = r.props
        seen_heading = seen_heading or p.role == HEADING
        if not seen_heading:  # text before the first heading goes on the section pasted into
            paras.append(
                (replace(p, start=False, level=max(context_level, p.level if not shift else 1)), r.text)
            )
            continue
        if shift:
            p = replace(p, level=p.level + shift)
        if p.role == HEADING:
            p = replace(p, auto=False)
        paras.append((p, r.text))
    return Pasted(
        draft.title,
        draft.addressee,
        draft.signature.issuer,
        draft.signature.date,
        None if shift else top,
        paras,
    )
