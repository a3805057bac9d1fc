"""Where one file holds several documents: collections (``…篇一``, ``篇一：…``, ``第1篇：…``,
numbered ``name（position）`` reports) and documents run together without a marker."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ideodesk.core.markers import NUMERALS, parse_marker
from ideodesk.core.opening import DATE_RE, is_salutation, is_strong_title, is_title
from ideodesk.core.text import HAN

_PART_RE = re.compile(rf"^(.{{2,50}}?)[（(]?篇\s*([{NUMERALS}]+|\d+)[）)]?[：:]?$")


@dataclass
class Split:
    parts: list[tuple[str, list[str]]]  # (part title, lines)
    before: list[str] = field(default_factory=list)  # a collection's introduction


_PART_HEAD_RE = re.compile(
    rf"^(?:篇\s*([{NUMERALS}]+|\d+)|第\s*([{NUMERALS}]+|\d+)\s*篇)\s*(?:[：:、.．]\s*(.*))?$"
)
# ``1.孙某某（党委副书记、纪委书记）``: the header of one person's report in a compilation
_PERSON_HEAD_RE = re.compile(
    rf"^(\d{{1,2}})[.．、]\s*([{HAN}][{HAN}\s]{{1,5}})\s*[（(]([^（）()]{{2,24}})[）)]$"
)
_COLLECTION_RE = re.compile(r"[（(]?\s*\d{1,3}\s*篇\s*[）)]?$")


def split_documents(lines: list[str]) -> Split:
    """Several documents in one file (``…篇一``, ``篇一：…``, ``第1篇：…``).

    A stem marker (``…总结篇1``) counts when two share a stem or a collection title
    (``…总结15篇``, ``…报告（3篇）``) announced the collection; a marker that starts the line
    (``篇一：标题``, ``第一篇``) always counts.  Lines before the first marker are the
    collection's introduction, not a document.
    """
    announced = any(_COLLECTION_RE.search(line) and len(line) <= 60 for line in lines[:12])
    marks: list[tuple[int, str]] = []
    stems: list[str] = []
    for i, line in enumerate(lines):
        if (m := _PART_HEAD_RE.match(line)) and len(line) <= 60:
            marks.append((i, (m.group(3) or "").strip()))
        elif (m := _PART_RE.match(line)) and not _COLLECTION_RE.search(line):
            marks.append((i, m.group(1).strip()))
            stems.append(m.group(1).strip())
    marks = [(i, stem) for i, stem in marks if stem not in stems or stems.count(stem) >= 2 or announced]
    if not marks:
        marks = _person_heads(lines)
    if not marks:
        return Split([("", lines)])
    parts = []
    for n, (i, stem) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(lines)
        parts.append((stem, lines[i + 1 : end]))
    before = lines[: marks[0][0]]
    if len(before) > 3 and any(parse_marker(x) or is_salutation(x) for x in before):
        return Split([("", before), *parts])  # a document of its own before the collection
    return Split(parts, before)


def _person_heads(lines: list[str]) -> list[tuple[int, str]]:
    """Numbered ``name（position）`` lines 1, 2, 3 … : one person's report each."""
    found = [(i, m) for i, line in enumerate(lines) if (m := _PERSON_HEAD_RE.match(line))]
    if len(found) < 2 or [int(m.group(1)) for _, m in found] != list(range(1, len(found) + 1)):
        return []
    return [(i, re.sub(r"\s+", "", m.group(2)) + f"（{m.group(3)}）") for i, m in found]


_OPENING_FORMULA = re.compile(
    r"(?:现将|现就|现把|特将|现对|^现).{0,60}?(?:报告|汇报|总结|通报|通知|研判|分析)[^。：]{0,20}?如下[：:。]?|(?:报告|汇报)如下"
)


def split_embedded(lines: list[str]) -> list[list[str]]:
    """Documents run together without a 篇 marker (web compilations).

    A new document starts at an opening formula (``现将……汇报如下：``) or a salutation
    once the current one already has numbered sections, and after a date line that
    closes a signature.  A title-like line just before the start goes with the new one.
    A strong title repeated through the file (each report of a compilation under the same
    title) starts a document at each repetition.  A part that then opens with neither a
    title, a salutation nor an opening formula (an attachment list after the 落款, a
    contact block, the rest of a report) goes back to the document before it.
    """
    docs: list[list[str]] = [[]]
    has_sections = False
    counts = Counter(lines)
    repeated = {x for x, n in counts.items() if n >= 2 and is_title(x) and is_strong_title(x)}
    for line in lines:
        cur = docs[-1]
        if line in repeated and len(cur) > 2:
            docs.append([line])  # every report of a compilation repeats its common title
            has_sections = False
            continue
        marker = parse_marker(line)
        starts = has_sections and not marker and (_OPENING_FORMULA.search(line) or is_salutation(line))
        if starts:
            carry = [cur.pop()] if cur and (is_title(cur[-1]) or is_salutation(cur[-1])) else []
            if is_salutation(line) and carry and is_salutation(carry[0]):
                carry = []
            docs.append([*carry, line])
            has_sections = False
            continue
        cur.append(line)
        if marker and marker[0] != "dash":
            has_sections = True
        if DATE_RE.match(line.rstrip("。")) and len(cur) > 3:
            docs.append([])
            has_sections = False
    docs = [d for d in docs if any(not DATE_RE.match(x.rstrip("。")) for x in d)]
    merged: list[list[str]] = []
    for doc in docs:
        if merged and not _opens_document(doc):
            merged[-1] += doc
        else:
            merged.append(doc)
    return merged


def _opens_document(lines: list[str]) -> bool:
    first = lines[:3]
    return any(is_salutation(x) or (is_title(x) and is_strong_title(x)) for x in first) or bool(
        lines and _OPENING_FORMULA.search(lines[0])
    )
