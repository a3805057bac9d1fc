"""How the paragraphs of a draft are set as a document of its genre (DESIGN §6).

- A speech (讲话) or remarks carry the speaker and the date under the title, centred,
  the date in brackets ``（2026年12月2日）``, and have no 落款.
- Dates in Arabic numerals are written without zero padding (``2024年7月1日``); dates
  in Chinese numerals are left as the user wrote them.
- A title too long for one line is broken between words into balanced lines; so is a
  署名 too long to sit right of the text (it is then set right-aligned, 右空二字).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ideodesk.core.draft import Block
from ideodesk.export import layout
from ideodesk.export.lines import balanced_lines

SPEAKER = "speaker"  # block kinds of the byline under a speech's title
SPEECH_DATE = "speech_date"

_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DATE_RE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_BRACKETS = ("（", "）")
# A 署名 up to this width is squeezed onto its line; a longer one is broken.
SIGNATURE_SQUEEZE_CHARS = 30


def signature_width() -> int:
    """Characters a 署名 may take on one line: the line less 右空二字."""
    return layout.CHARS_PER_LINE - layout.SIGNATURE_RIGHT_CHARS


def normalise_date(text: str) -> str:
    """``2024年07月01日``, ``2024-7-1`` or ``２０２４.07.01`` → ``2024年7月1日``; any other
    text (``二〇二四年七月一日``, ``2024年上半年``) unchanged."""
    core = text.strip()
    opened = core.startswith(("（", "(")) and core.endswith(("）", ")"))
    if opened:
        core = core[1:-1].strip()
    m = _DATE_RE.fullmatch(core.translate(_FULL_DIGITS))
    if not m:
        return text
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return text
    date = f"{year}年{month}月{day}日"
    return f"（{date}）" if opened else date


def bracketed(date: str) -> str:
    date = date.strip()
    if date.startswith(("（", "(")) and date.endswith(("）", ")")):
        date = date[1:-1]
    return _BRACKETS[0] + date + _BRACKETS[1]


def arrange(blocks: list[Block], byline: bool) -> list[Block]:
    """The blocks of a document of its genre: dates normalised, the title broken into
    balanced lines, a long 署名 broken, and for a speech the byline under the title."""
    out: list[Block] = []
    signature: list[Block] = []
    for block in blocks:
        if block.kind == "title":
            lines = balanced_lines(block.text, layout.TITLE_CHARS_PER_LINE)
            block = replace(block, text="\n".join(lines))
        elif block.kind == "date":
            block = replace(block, text=normalise_date(block.text))
        elif block.kind == "issuer" and not byline:
            block = replace(block, text=_issuer_lines(block.text))
        if block.kind in ("issuer", "date") and byline:
            signature.append(block)
        else:
            out.append(block)
    if signature:
        at = 1 if out and out[0].kind == "title" else 0
        out[at:at] = [_byline(b) for b in signature]
    return out


def _byline(block: Block) -> Block:
    if block.kind == "date":
        return Block(SPEECH_DATE, bracketed(block.text))
    return Block(SPEAKER, block.text)


def _issuer_lines(issuer: str) -> str:
    if layout.text_width_chars(issuer) <= SIGNATURE_SQUEEZE_CHARS or "\n" in issuer:
        return issuer
    return "\n".join(line.strip() for line in balanced_lines(issuer, signature_width()))
