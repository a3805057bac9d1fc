"""Plain-text export for Windows Notepad: UTF-8 with a BOM (older Notepad guesses the
ANSI code page without it) and CRLF line ends.

The layout follows the printed page as far as plain text can: a blank line under the
title and above the signature, body and heading paragraphs indented by two ideographic
spaces (the 空两格 a clerk types), title, addressee, signature and date flush left.
"""

from __future__ import annotations

from collections.abc import Iterable

from ideodesk.core.draft import Block

BOM = "\ufeff"
NEWLINE = "\r\n"
INDENT = "\u3000\u3000"


def block_lines(block: Block) -> list[str]:
    """The lines one block contributes (a blank line is an empty string)."""
    text = block.text.replace("\r\n", "\n").replace("\r", "\n")
    if block.kind == "title":
        return [*text.split("\n"), ""]
    if block.kind == "issuer":
        return ["", text]
    if block.kind in ("addressee", "date"):
        return [text]
    return [INDENT + text]


def render(blocks: Iterable[Block]) -> str:
    lines: list[str] = []
    has_issuer = False
    for block in blocks:
        if block.kind == "date" and not has_issuer:
            lines.append("")  # the blank line above the signature block
        has_issuer = has_issuer or block.kind == "issuer"
        lines.extend(block_lines(block))
    return BOM + NEWLINE.join(line.replace("\n", NEWLINE) for line in lines) + NEWLINE


def encode(blocks: Iterable[Block]) -> bytes:
    return render(blocks).encode("utf-8")
