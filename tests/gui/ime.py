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


def type_until_killed(app, workspace, draft_id: int, type_one, on_saved, interval_ms: int) -> None:
    """For the crash children: call ``type_one`` every ``interval_ms``, report each save
    through ``on_saved(draft_id, rev)``, say ``ready`` to the parent, run until killed."""
    from ideodesk.gui.qt import QTimer

    workspace.saved.connect(on_saved)
    timer = QTimer(interval=interval_ms)
    timer.timeout.connect(type_one)
    timer.start()
    print(f"ready {draft_id}", flush=True)
    app.exec()
