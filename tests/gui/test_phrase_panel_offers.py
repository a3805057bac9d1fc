"""The phrase panel offers what fits at the cursor (issue 14), on the shipped bank."""

from __future__ import annotations

import pytest

from ideodesk.core.flatdoc import HEADING
from ideodesk.gui.phrase_panel import keep_places
from ideodesk.gui.qt import Qt
from tests.gui.conftest import type_chinese
from tests.gui.test_main_window import block_text, new_from_wizard, select_heading

pytestmark = pytest.mark.gui


def settle(panel, qtbot):
    panel.lookup()  # what the pending timer would do; now the newest generation is ours
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation, timeout=5000)
    return panel.hits


@pytest.fixture
def speech(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    qtbot.waitUntil(lambda: window.bank is not None, timeout=20000)
    select_heading(window, "加强理论武装")  # a measures section
    return window


def test_the_inserted_phrase_is_not_offered_again_and_a_full_stop_does_not_blank(speech, qtbot):
    ws, panel, body = speech.workspace, speech.phrase_panel, speech.workspace.editor
    body.setFocus()
    type_chinese(body, "要牢牢掌握意识形态")
    hits = settle(panel, qtbot)
    assert hits and all(h.completion for h in hits)
    assert "意识形态工作责任制" not in [h.text for h in hits]  # 掌握意识形态工作责任制: no
    first = hits[0]
    qtbot.keyClick(body, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert block_text(body).endswith("要牢牢掌握意识形态" + first.completion)
    assert first.id not in [h.id for h in settle(panel, qtbot)]
    type_chinese(body, "。")
    after = settle(panel, qtbot)
    assert after and all(h.kind != "heading" and not h.completion for h in after)
    assert first.id not in [h.id for h in after]
    assert all(ws.editor.current_type() in h.section_types or "general" in h.section_types for h in after)


def test_heading_line_offers_headings_only(speech, qtbot):
    ws, panel = speech.workspace, speech.phrase_panel
    body = ws.editor
    cursor = body.textCursor()
    while body.block_props().role != HEADING:  # up to the section's heading line
        cursor.movePosition(cursor.MoveOperation.PreviousBlock)
        body.setTextCursor(cursor)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    body.setTextCursor(cursor)
    cursor.movePosition(cursor.MoveOperation.StartOfBlock, cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    cursor.removeSelectedText()  # an empty heading line, still a heading
    assert panel.cursor().heading
    hits = settle(panel, qtbot)
    assert hits and {h.kind for h in hits} <= {"heading", "formulation"}


def test_all_sections_switch_lifts_the_section_filter(speech, qtbot):
    panel, body = speech.phrase_panel, speech.workspace.editor
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Return)
    type_chinese(body, "部分党员干部")
    own = settle(panel, qtbot)
    assert all("measures" in h.section_types or "general" in h.section_types for h in own)
    panel.all_sections.setChecked(True)
    every = settle(panel, qtbot)
    assert "全部栏目" in panel.context.text()
    assert any("problems" in h.section_types for h in every)


def test_alt_numbers_stay_while_the_context_does_not_change(speech, qtbot):
    panel, body = speech.phrase_panel, speech.workspace.editor
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Return)  # an empty paragraph: the section's list
    shown = [h.id for h in settle(panel, qtbot)]
    assert len(shown) >= 3
    speech.bank.record_use(shown[4])  # a use lifts its rank …
    assert [h.id for h in settle(panel, qtbot)] == shown  # … but not its number here
    panel.last_inserted = shown[0]  # as after inserting the first one elsewhere
    again = [h.id for h in settle(panel, qtbot)]
    assert again[1:] == shown[1:] and again[0] != shown[0]


def test_keep_places():
    class H:
        def __init__(self, i):
            self.id = i

    hits = [H(i) for i in (5, 3, 9, 7)]
    assert [h.id for h in keep_places([3, 4, 5], hits)] == [3, 9, 5, 7]
