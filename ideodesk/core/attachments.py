"""Attachments at the end of a document: the 附件说明 above the 落款 (``附件：1.…`` with
the further items on their own lines) and the attachment pages after it (``附件1`` and
the attachment's title), read back into the draft's furniture.

An attachment page that holds more than its title keeps its text in the document: only
what the furniture field can say again on export is taken out.
"""

from __future__ import annotations

import re

from ideodesk.core.opening import DATE_RE

_NOTE_FIRST = re.compile(r"^附件[：:]\s*(?:1\s*[.．、]\s*)?(.+)$")
_NOTE_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*(.+)$")
_PAGE_MARK = re.compile(r"^附件\s*[\d一二三四五六七八九十]*$")


def take_attachment_pages(lines: list[str]) -> list[str]:
    """Pages after the 落款 that only repeat an attachment's name: their names, and they
    are removed from ``lines``."""
    last_date = max((i for i, line in enumerate(lines) if DATE_RE.match(line.rstrip("。"))), default=None)
    if last_date is None or last_date + 1 >= len(lines) or not _PAGE_MARK.match(lines[last_date + 1]):
        return []
    tail = lines[last_date + 1 :]
    names: list[str] = []
    i = 0
    while i < len(tail):
        if not _PAGE_MARK.match(tail[i]) or i + 1 >= len(tail) or _PAGE_MARK.match(tail[i + 1]):
            return []  # a page with text of its own: left in the document
        names.append(tail[i + 1])
        i += 2
    del lines[last_date + 1 :]
    return names


def take_attachment_note(lines: list[str]) -> list[str]:
    """The 附件说明 at the end of the text (the 落款 already taken off), removed from
    ``lines``: ``附件：1.…`` and the items below it."""
    for start in range(len(lines) - 1, max(-1, len(lines) - 12), -1):
        m = _NOTE_FIRST.match(lines[start])
        if not m:
            continue
        items = [m.group(1).strip()]
        for line in lines[start + 1 :]:
            item = _NOTE_ITEM.match(line)
            if not item:
                return []
            items.append(item.group(1).strip())
        del lines[start:]
        return items
    return []
