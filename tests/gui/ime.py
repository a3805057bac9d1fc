"""Typing Chinese into a real widget as an input method does (QTest.keyClicks cannot);
used by the tests and by the child processes that drive the real window."""

from __future__ import annotations

from ideodesk.gui.qt import QInputMethodEvent


def type_chinese(widget, text: str) -> None:
    """What an input method does on commit."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    widget.inputMethodEvent(event)


def compose(widget, preedit: str) -> None:
    """An input method in the middle of composing (pinyin shown, nothing committed)."""
    widget.inputMethodEvent(QInputMethodEvent(preedit, []))
