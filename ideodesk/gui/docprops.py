"""What the document editor's parts share: the block property holding a paragraph's
structure, the font roles with their print fallbacks, the placeholders."""

from __future__ import annotations

from functools import lru_cache

from ideodesk.core.flatdoc import ADDRESSEE, DATE, HEADING, ISSUER, TITLE, Props
from ideodesk.gui import texts
from ideodesk.gui.qt import Qt, QTextFormat

PROPS = QTextFormat.Property.UserProperty + 1
MIME = "application/x-ideodesk-paragraphs"
TYPING_PAUSE_MS = 1000  # a pause this long ends one undo step of typing
CHARS_PER_LINE = 28
DEFAULT_CHAR_PX = 20.0  # 三号 at 96 dpi is 21.3 px; a little smaller reads well on 1366×768

FAMILIES = {  # font roles of DESIGN §6, with what Windows, UOS/Kylin and Debian have
    "body": ["仿宋", "FangSong", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "serif"],
    "title": ["方正小标宋简体", "宋体", "SimSun", "Noto Serif CJK SC", "serif"],
    "heading1": ["黑体", "SimHei", "Noto Sans CJK SC", "sans-serif"],
    "heading2": ["楷体", "KaiTi", "楷体_GB2312", "STKaiti", "AR PL UKai CN", "AR PL UKai", "serif"],
}
PLACEHOLDERS = {
    TITLE: texts.TITLE,
    ADDRESSEE: texts.ADDRESSEE_PLACEHOLDER,
    ISSUER: texts.ISSUER_PLACEHOLDER,
    DATE: texts.DATE_PLACEHOLDER,
    HEADING: texts.HEADING_PLACEHOLDER,
}
NAV_KEYS = {
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
}  # fmt: skip
Block = tuple[str, str]  # (props key, text)


def props_of(block) -> Props:
    key = block.blockFormat().property(PROPS)
    return Props.from_key(key) if key else Props()


@lru_cache(maxsize=16)
def _installed() -> frozenset[str]:
    from ideodesk.gui.qt import QFontDatabase

    return frozenset(QFontDatabase.families())


def installed_family(families: list[str]) -> str:
    """The first of ``families`` this machine has (the highlighter's formats take one
    family, not a fallback list)."""
    have = _installed()
    return next((f for f in families if f in have), families[-1])


def heading_family(level: int) -> str:
    return "heading1" if level == 1 else "heading2" if level == 2 else "body"
