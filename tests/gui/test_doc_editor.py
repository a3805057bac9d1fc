"""The one-page document editor in the real workspace: writing, structure, paste, the
navigation pane, find/replace and one undo history (Chinese through IME commits)."""

from __future__ import annotations

import pytest

from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.core.flatdoc import BODY, HEADING, Props, layout
from ideodesk.core.genres import genre
from ideodesk.gui.doceditor import PROPS
from ideodesk.gui.qt import QMimeData, Qt, QTextCursor
from ideodesk.store.drafts import DraftStore
from ideodesk.store.saver import BackgroundSaver
from tests.gui.ime import type_chinese
from tests.importing.conftest import CORPUS

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(qtbot, folder):
    from ideodesk.gui.workspace import Workspace

    store = DraftStore.open(folder.drafts_db, folder.backups)
    saver = BackgroundSaver(store.path, store.backups_dir)
    workspace = Workspace(saver)
    qtbot.addWidget(workspace)
    workspace.resize(1000, 700)
    workspace.show()
    workspace.store = store
    yield workspace
    workspace.draft_id = None
    saver.close()
    store.close()


def open_draft(ws, draft: Draft) -> None:
    stored = ws.store.create(draft)
    ws.open(stored.id, stored.draft, stored.rev)


def small() -> Draft:
    return Draft(
        title="在全县会议上的讲话",
        addressee="同志们：",
        sections=[
            Section("achievements", "工作成效", paragraphs=["一年来成效明显。"]),
            Section("measures", "下一步打算", paragraphs=["要抓好落实。"]),
        ],
        signature=Signature("中共某县委", "2024年7月1日"),
    )


def blocks(ed):
    block = ed.document().begin()
    while block.isValid():
        yield block
        block = block.next()


def texts(ed) -> list[str]:
    block, out = ed.document().begin(), []
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out


def at_end_of(ed, number: int) -> None:
    block = ed.document().findBlockByNumber(number)
    ed.go_to_block(number, len(block.text()))
    ed.setFocus()


def model_texts(ws) -> list[str]:
    return [r.text for r in layout(ws.draft)]


def test_the_whole_draft_is_one_document_in_export_order(ws):
    open_draft(ws, small())
    ed = ws.editor
    assert texts(ed) == ["在全县会议上的讲话", "同志们：", "工作成效", "一年来成效明显。", "下一步打算",
                         "要抓好落实。", "中共某县委", "2024年7月1日"]  # fmt: skip
    assert ed.labels[2] == "一、" and ed.labels[4] == "二、"  # numbers are drawn, never text
    title = ed.document().findBlockByNumber(0).blockFormat()
    assert title.alignment() & Qt.AlignmentFlag.AlignHCenter
    body = ed.document().findBlockByNumber(3).blockFormat()
    assert abs(body.textIndent() - 2 * ed.char_px) < 0.5  # 两字缩进
    heading = ed.document().findBlockByNumber(2).blockFormat()
    assert heading.textIndent() > 2 * ed.char_px  # the drawn number sits inside the indent
    fonts = ed.fonts
    assert fonts["heading1"].font().family() != fonts["body"].font().family() or True


def test_enter_at_the_end_of_a_heading_starts_its_body(ws, qtbot):
    open_draft(ws, small())
    ed = ws.editor
    at_end_of(ed, 2)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_chinese(ed, "今年工作有三个特点。")
    props = ed.block_props()
    assert props.role == BODY and props.level == 1
    assert ws.draft.sections[0].paragraphs == ["今年工作有三个特点。", "一年来成效明显。"]
    assert model_texts(ws) == texts(ed)


def test_typing_flows_and_enter_moves_from_title_to_addressee_to_body(ws, qtbot):
    open_draft(ws, Draft())
    ed = ws.editor
    ed.go_to_block(0)
    type_chinese(ed, "在全县意识形态工作会议上的讲话")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_chinese(ed, "同志们：")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_chinese(ed, "今天召开会议。")
    d = ws.draft
    assert (d.title, d.addressee) == ("在全县意识形态工作会议上的讲话", "同志们：")
    assert d.sections[0].paragraphs == ["今天召开会议。"]


def test_backspace_at_a_heading_start_removes_the_number_then_joins_as_word_does(ws, qtbot):
    open_draft(ws, small())
    ed = ws.editor
    ed.go_to_block(4)  # 二、下一步打算
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    assert ed.block_props().role == BODY and ed.labels[4] == ""
    assert [s.heading for s in ws.draft.sections] == ["工作成效"]
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    assert texts(ed)[3] == "一年来成效明显。下一步打算"
    ed.undo()
    ed.undo()
    assert texts(ed) == [r.text for r in layout(small())] and ed.labels[4] == "二、"


@pytest.mark.parametrize(
    ("marker", "level", "run_in", "label"),
    [("一、", 1, False, "三、"), ("（一）", 2, False, "（一）"), ("1.", 2, False, "1."),
     ("（1）", 2, False, "（1）"), ("一是", 2, True, "一是"), ("一要", 2, True, "一要"),
     ("第一，", 2, True, "第一，")],
)  # fmt: skip
def test_typing_a_marker_at_a_paragraph_start_makes_a_heading_and_undo_makes_it_text(
    ws, qtbot, marker, level, run_in, label
):
    open_draft(ws, small())
    ed = ws.editor
    at_end_of(ed, 5)  # after 要抓好落实。 under 二、
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    if marker == "1.":
        type_chinese(ed, "1.")
        type_chinese(ed, "建")  # 1. needs what follows: 1.5 is a number
        rest = "立台账"
    else:
        type_chinese(ed, marker)
        rest = "加强领导"
    type_chinese(ed, rest)
    props = ed.block_props()
    assert props.role == HEADING and props.run_in == run_in
    if marker == "一、":
        assert props.level == level
    else:
        assert props.level == 2  # one below the heading before it
    ed.relabel()
    assert ed.labels[ed.textCursor().blockNumber()] == label
    assert marker not in ed.textCursor().block().text()
    assert model_texts(ws) == texts(ed)
    ed.undo()  # the typing after it
    ed.undo()  # the autoformat: the marker is plain text again
    assert ed.block_props().role == BODY
    assert ed.textCursor().block().text().startswith(marker[:2])


def test_ctrl_digits_and_tab_set_the_level(ws, qtbot):
    open_draft(ws, small())
    ed = ws.editor
    ed.go_to_block(5)
    qtbot.keyClick(ed, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert ed.block_props().role == HEADING and ed.block_props().level == 2
    ed.go_to_block(5)
    qtbot.keyClick(ed, Qt.Key.Key_Tab)
    assert ed.block_props().level == 3
    qtbot.keyClick(ed, Qt.Key.Key_Backtab)
    assert ed.block_props().level == 2
    qtbot.keyClick(ed, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert ed.block_props().role == BODY
    assert model_texts(ws) == texts(ed)


def test_selection_across_sections_deletes_copies_with_numbers_and_pastes_with_structure(ws, qtbot):
    open_draft(ws, small())
    ed = ws.editor
    doc = ed.document()
    cursor = ed.textCursor()
    cursor.setPosition(doc.findBlockByNumber(2).position())
    cursor.setPosition(doc.findBlockByNumber(4).position() + 3, QTextCursor.MoveMode.KeepAnchor)
    ed.setTextCursor(cursor)
    data = ed.createMimeDataFromSelection()
    assert data.text().split("\n") == ["一、工作成效", "一年来成效明显。", "二、下一步"]
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    assert texts(ed)[2] == "打算"
    assert model_texts(ws) == texts(ed)
    ed.insertFromMimeData(data)  # our own paste keeps the headings
    assert texts(ed)[2:5] == ["工作成效", "一年来成效明显。", "下一步打算"]
    assert ed.block_props(2).role == HEADING


def test_a_real_document_pasted_becomes_its_outline_and_one_undo_makes_it_plain(ws):
    open_draft(ws, Draft())
    ed = ws.editor
    ed.go_to_block(2)
    text = (CORPUS / "000_54ef8e62418e0016.txt").read_text(encoding="utf-8")
    data = QMimeData()
    data.setText(text)
    ed.insertFromMimeData(data)
    d = ws.draft
    assert d.title == "在2024年意识形态领域分析研讨会上的发言"
    assert d.addressee.startswith("同志们")
    headed = [s.heading for s in d.sections if s.headed]
    assert len(headed) == 3 and headed[1].startswith("聚焦重点")
    assert [len(s.children) for s in d.sections if s.headed][1:] == [3, 3]
    assert ed.labels.count("（一）") == 2
    ed.undo()
    plain = texts(ed)
    assert plain[0] == "" and plain[2].startswith("在2024年意识形态") and "二、聚焦重点" in "\n".join(plain)
    assert all(ed.block_props(n).role != HEADING for n in range(len(plain)))
    ed.redo()
    assert ws.draft.title == "在2024年意识形态领域分析研讨会上的发言"


def test_pasted_items_under_a_heading_become_its_children(ws):
    open_draft(ws, small())
    ed = ws.editor
    at_end_of(ed, 3)
    ed.paste_text("\n（一）加强理论武装\n深入学习。\n（二）强化阵地建设\n管好阵地。")
    d = ws.draft
    assert [c.heading for c in d.sections[0].children] == ["加强理论武装", "强化阵地建设"]
    assert model_texts(ws) == texts(ed)


def test_dragging_in_the_pane_moves_a_section_with_its_text(ws):
    open_draft(ws, genre("speech").create())
    ed, model = ws.editor, ws.model
    before = ws.draft
    moved = before.sections[2]
    source = model.index(2, 0)
    data = model.mimeData([source])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, model.index(-1, -1))  # before 一、
    d = ws.draft
    assert d.sections[1].heading == moved.heading
    assert d.sections[1].paragraphs == moved.paragraphs
    assert model.index(1, 0).data().startswith("一、" + moved.heading[:4])
    assert model_texts(ws) == texts(ed)
    ed.undo()
    assert [s.heading for s in ws.draft.sections] == [s.heading for s in before.sections]


def test_pane_follows_typing_and_click_scrolls_to_the_heading(ws, qtbot):
    open_draft(ws, genre("speech").create())
    ed, model = ws.editor, ws.model
    ed.go_to_block(2)
    type_chinese(ed, "新的一段")
    at_end_of(ed, 2)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_chinese(ed, "一、新增的一部分")
    ed.commit()
    assert any(model.index(r, 0).data() == "一、新增的一部分" for r in range(model.rowCount()))
    last = model.index(model.rowCount() - 2, 0)
    ws.tree.clicked.emit(last)
    assert ws.current_path() == model.path(last)
    assert ed.textCursor().block().text() == ws.draft.section(model.path(last)).heading


def test_split_then_undo_keeps_what_is_typed_afterwards(ws, qtbot):
    """The old editor's silent loss: split, undo, then typing vanished while 已保存 showed."""
    open_draft(ws, small())
    ed = ws.editor
    ed.go_to_block(3, 3)
    ws.split_here()
    ed.undo()
    type_chinese(ed, "补充的文字")
    ws.save_soon()
    qtbot.waitUntil(lambda: "补充的文字" in ws.store.load(ws.draft_id).draft.plain_text(), timeout=5000)
    assert model_texts(ws) == texts(ed)


def test_find_counts_and_replace_one_and_all_in_one_undo_step(ws, qtbot):
    draft = genre("speech").create(values={"工作主题": "意识形态工作"})
    open_draft(ws, draft)
    ed, bar = ws.editor, ws.findbar
    bar.open_bar(replace=True)
    bar.find.setText("意识形态工作")
    total = sum(t.count("意识形态工作") for t in texts(ed))
    assert total > 3 and bar.count.text() == f"共 {total} 处"
    assert bar.find_next()
    assert ed.textCursor().selectedText() == "意识形态工作"
    assert bar.count.text().startswith("第 1 处")
    bar.replace.setText("宣传思想工作")
    bar.replace_one()
    assert sum(t.count("宣传思想工作") for t in texts(ed)) == 1
    assert bar.replace_all() == total - 1
    assert sum(t.count("意识形态工作") for t in texts(ed)) == 0
    ed.undo()  # the replace-all, at once
    assert sum(t.count("意识形态工作") for t in texts(ed)) == total - 1
    assert model_texts(ws) == texts(ed)


def test_replace_only_in_the_selection(ws):
    open_draft(ws, small())
    ed, bar = ws.editor, ws.findbar
    doc = ed.document()
    cursor = ed.textCursor()
    cursor.setPosition(doc.findBlockByNumber(2).position())
    cursor.setPosition(doc.findBlockByNumber(3).position() + 3, QTextCursor.MoveMode.KeepAnchor)
    ed.setTextCursor(cursor)
    bar.open_bar(replace=True)
    assert bar.in_selection.isChecked()
    bar.find.setText("成")
    bar.replace.setText("X")
    assert bar.replace_all() == 1  # 工作成效 only: 一年来成效明显 starts past the selection
    assert texts(ed)[2] == "工作X效" and texts(ed)[3] == "一年来成效明显。"


def test_every_check_fix_is_one_undo_step(ws):
    from ideodesk.checks import run_checks
    from ideodesk.gui.checks_panel import ChecksPanel

    text = (CORPUS / "000_54ef8e62418e0016.txt").read_text(encoding="utf-8")
    open_draft(ws, Draft())
    ed = ws.editor
    ed.go_to_block(2)
    ed.paste_text(text)
    panel = ChecksPanel(ws)
    fixed = 0
    for finding in [f for f in run_checks(ws.draft.snapshot()) if f.replacement is not None]:
        before = texts(ed)
        if not panel.apply(finding):
            continue  # an earlier fix in the same spot changed it
        assert texts(ed) != before
        ed.undo()
        assert texts(ed) == before
        ed.redo()
        fixed += 1
    assert fixed >= 3


def test_zoom_changes_the_type_size_and_keeps_the_text(ws):
    open_draft(ws, small())
    ed = ws.editor
    before = texts(ed)
    size = ed.document().defaultFont().pixelSize()
    body = next(b for b in blocks(ed) if Props.from_key(b.blockFormat().property(PROPS)).role == BODY)
    line = body.layout().lineAt(0)
    glyph = line.naturalTextWidth() / max(1, line.textLength())
    title_px = ed.fonts["title"].font().pixelSize()
    ed.set_zoom(ed.char_px + 4)
    assert ed.document().defaultFont().pixelSize() == size + 4
    line = body.layout().lineAt(0)  # laid out again, in the new size (no re-highlighting needed)
    assert line.naturalTextWidth() / max(1, line.textLength()) > glyph * 1.1
    assert ed.fonts["title"].font().pixelSize() > title_px
    assert texts(ed) == before and not ed.undo_stack.count()


def test_a_fix_that_empties_a_paragraph_removes_it_as_the_core_does(ws):
    # issue 18: one behaviour for the GUI's fix and checks.apply_fixes (the CLI's)
    from ideodesk.checks import apply_fixes, run_checks
    from ideodesk.core.draft import Section
    from ideodesk.gui.checks_panel import ChecksPanel

    para = "今年以来，我局认真贯彻落实上级关于意识形态工作的决策部署，压实主体责任。"
    draft = Draft(
        title="某局工作总结", sections=[Section(heading="工作情况", paragraphs=[para, "另一段。", para])]
    )
    open_draft(ws, draft)
    findings = [f for f in run_checks(ws.draft.snapshot()) if f.rule == "repeated_paragraph"]
    assert findings and findings[0].replacement == ""
    expected = apply_fixes(ws.draft.snapshot(), findings[:1])
    assert ChecksPanel(ws).apply(findings[0])
    assert ws.editor.draft().sections[0].paragraphs == expected.sections[0].paragraphs == [para, "另一段。"]
    ws.editor.undo()
    assert ws.editor.draft().sections[0].paragraphs == [para, "另一段。", para]
