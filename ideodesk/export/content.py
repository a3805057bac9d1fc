"""What gets exported: the draft's paragraphs with variables filled, characters Word
cannot hold removed, and (optionally) converted to Traditional Chinese.

Both writers take these blocks, so .docx and .txt always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ideodesk.core.convert import convert
from ideodesk.core.draft import Block, Draft
from ideodesk.core.genres import GENRES
from ideodesk.core.text import strip_bidi, strip_unsafe
from ideodesk.errors import IdeoError
from ideodesk.export.arrange import arrange

TRADITIONAL_VARIANTS = {
    "s2t": "繁体（OpenCC 标准）",
    "s2tw": "繁体（台湾）",
    "s2hk": "繁体（香港）",
}


class EmptyDraftError(IdeoError):
    """Nothing to export; the caller names the source (file or draft number) in front."""

    def __init__(self) -> None:
        super().__init__("草稿没有任何内容（标题、正文、署名都为空），未导出")


def _clean(text: str) -> str:
    # The last line of defence for every writer: nothing Word cannot hold, and no bidi
    # controls (U+202E and friends reorder text on screen: display spoofing).
    return strip_bidi(strip_unsafe(text))


@dataclass(frozen=True)
class Content:
    """The blocks to write, the draft's title for the file properties, and the names of
    the 【变量】 slots that had no value and are left visible in the text."""

    title: str
    blocks: tuple[Block, ...]
    unfilled: tuple[str, ...]


def check_variant(traditional: str | None) -> None:
    if traditional is not None and traditional not in TRADITIONAL_VARIANTS:
        choices = "、".join(TRADITIONAL_VARIANTS)
        raise IdeoError(f"未知的繁体转换方式 {traditional!r}，可选：{choices}")


def prepare(draft: Draft, traditional: str | None = None) -> Content:
    """Fill the variables, then clean and convert every paragraph."""
    check_variant(traditional)
    filled = draft.filled()
    unfilled = tuple(filled.slots())
    blocks = []
    genre = GENRES.get(filled.genre)
    for block in arrange(list(filled.blocks()), byline=bool(genre and genre.byline)):
        head, rest = block.text[: block.head_len], block.text[block.head_len :]
        head, rest = _clean(head), _clean(rest)
        if traditional:
            # Heading sentence and the rest separately, so head_len stays exact even
            # if a phrase conversion changed a length.
            head, rest = convert(head, traditional), convert(rest, traditional)
        blocks.append(replace(block, text=head + rest, head_len=len(head)))
    if not blocks:
        raise EmptyDraftError()
    title = _clean(filled.title)
    if traditional:
        title = convert(title, traditional)
    return Content(title=title, blocks=tuple(blocks), unfilled=unfilled)
