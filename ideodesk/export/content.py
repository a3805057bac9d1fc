"""What gets exported: the draft's paragraphs with variables filled, characters Word
cannot hold removed, and (optionally) converted to Traditional Chinese.

Both writers take these blocks, so .docx and .txt always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ideodesk.core.convert import convert
from ideodesk.core.draft import Block, Draft
from ideodesk.core.genres import GENRES
from ideodesk.core.text import is_han, strip_bidi, strip_unsafe
from ideodesk.errors import IdeoError
from ideodesk.export import furniture
from ideodesk.export.arrange import arrange
from ideodesk.export.layout import FontProfile

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
    seal: bool = False  # the 落款 of a sealed document (成文日期右空四字)


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
    placed = furniture.blocks(filled.furniture, genre.furniture if genre else None)
    arranged = arrange(list(filled.blocks()), byline=bool(genre and genre.byline))
    for block in _with_furniture(arranged, placed):
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
    seal = filled.furniture.seal and (genre is None or "seal" in genre.furniture)
    return Content(title=title, blocks=tuple(blocks), unfilled=unfilled, seal=seal)


def _with_furniture(blocks: list[Block], placed: furniture.Placed) -> list[Block]:
    """版头 first, 附件说明 before the 落款 (the signature or the date), 附注 after it,
    the 版记 last."""
    at = next((i for i, b in enumerate(blocks) if b.kind in ("issuer", "date")), len(blocks))
    return [*placed.head, *blocks[:at], *placed.attachments, *blocks[at:], *placed.tail, *placed.record]


def outside_gb2312(text: str) -> set[str]:
    """Han characters of ``text`` that GB2312 fonts (仿宋_GB2312 …) do not have."""
    out = set()
    for ch in text:
        if is_han(ch):
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                out.add(ch)
    return out


def font_warnings(content: Content, profile: FontProfile, traditional: str | None) -> tuple[str, ...]:
    """Traditional text in the GB2312 font profile: most Traditional characters are not in
    GB2312, and Word then sets them in some other font."""
    if not traditional or profile.id != "gb2312":
        return ()
    text = "".join(b.text for b in content.blocks)
    missing = outside_gb2312(text)
    if not missing:
        return ()
    count = sum(1 for ch in text if ch in missing)
    han = sum(1 for ch in text if is_han(ch))
    return (
        f"繁体输出中有 {count} 个字（共 {han} 个汉字，{len(missing)} 种）不在 GB2312 字符集中，"
        "仿宋_GB2312 等字体无法显示，Word 会改用其他字体；建议改用 Windows 自带字体方案（--fonts windows）",
    )
