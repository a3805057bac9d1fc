"""The real main window, offscreen: wizard, typing, outline editing, undo, export, restart."""

from __future__ import annotations

import docx
import pytest

from ideodesk.gui.dialogs import ExportChoice, NewDraftDialog
from ideodesk.gui.main_window import MainWindow
from ideodesk.gui.qt import QDialog, Qt
from ideodesk.store.drafts import DraftStore
from tests.gui.conftest import compose, type_chinese

pytestmark = pytest.mark.gui


def new_from_wizard(window, monkeypatch, genre_id="speech", title="在全县意识形态工作会议上的讲话"):
    def fake_exec(dialog):
        dialog.genre.setCurrentIndex(dialog.genre.findData(genre_id))
        dialog.title.setText(title)
        values = {"会议名称": "全县意识形态工作会议", "工作主题": "意识形态工作"}
        for name, value in values.items():
            if name in dialog.fields:
                dialog.fields[name].setText(value)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDraftDialog, "exec", fake_exec)
    window.act_new.trigger()


def select_heading(window, heading):
    """The cursor at the end of that section's own text, as a click there would put it."""
    ws = window.workspace
    for path, sec in ws.draft.walk():
        if sec.heading == heading:
            ws.cursor_to_end_of(path)
            return path
    raise AssertionError(heading)


def block_text(editor) -> str:
    return editor.textCursor().block().text()


def test_wizard_creates_a_typed_skeleton(window, monkeypatch):
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    assert ws.draft.title == "在全县意识形态工作会议上的讲话"
    assert ws.draft.variables["会议名称"] == "全县意识形态工作会议"
    assert window.library.list.count() == 1
    top = [ws.model.index(r, 0).data() for r in range(ws.model.rowCount())]
    assert (
        any(t.startswith("一、") for t in top) and ws.model.index(1, 1).data() == "重要意义"
    )  # the short label; the tip has 重要意义/思想认识


def test_typing_chinese_autosaves_and_survives_a_restart(window, monkeypatch, qtbot, folder):
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    select_heading(window, "提高政治站位，充分认识做好意识形态工作的重要意义")
    body = ws.editor
    type_chinese(body, "要牢牢掌握意识形态工作领导权。")
    assert ws.current_section().paragraphs[-1].endswith("要牢牢掌握意识形态工作领导权。")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存"), timeout=5000)
    draft_id = ws.draft_id
    window.close()
    store = DraftStore.open(folder.drafts_db)
    assert "要牢牢掌握意识形态工作领导权。" in store.load(draft_id).draft.plain_text()
    again = MainWindow(store, folder)
    again.finish_startup()
    qtbot.addWidget(again)
    assert again.workspace.draft_id == draft_id, "the last draft is reopened"
    assert "要牢牢掌握意识形态工作领导权。" in again.workspace.draft.plain_text()
    again.close()
    store.close()


def test_keys_are_left_alone_while_an_input_method_composes(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    body = window.workspace.editor
    body.setFocus()
    seen = []
    body.insert_requested.connect(seen.append)
    compose(body, "yi'shi")
    qtbot.keyClick(body, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert seen == [] and body.composing
    type_chinese(body, "意识")
    assert not body.composing
    qtbot.keyClick(body, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert seen == [0]


def test_move_promote_demote_renumber_and_undo(window, monkeypatch):
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    model = ws.model
    select_heading(window, "做好风险防范")  # （三） under 四、
    window.act_up.trigger()
    assert ws.draft.numbered_heading(ws.current_path()) == "（二）做好风险防范"
    window.act_promote.trigger()
    path = ws.current_path()
    assert len(path) == 1 and ws.draft.numbered_heading(path) == "五、做好风险防范"
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "六、加强组织领导，确保各项工作落到实处" in labels
    window.act_undo.trigger()  # one history for text and structure
    assert ws.draft.numbered_heading(ws.current_path()) == "（二）做好风险防范"
    window.act_redo.trigger()
    assert ws.draft.numbered_heading(ws.current_path()) == "五、做好风险防范"
    window.act_demote.trigger()
    assert len(ws.current_path()) == 2


def test_typing_undo_is_one_step_per_insertion(window, monkeypatch):
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    select_heading(window, "提高政治站位，充分认识做好意识形态工作的重要意义")
    body = ws.editor
    before = body.toPlainText()
    paragraphs = ws.current_section().paragraphs
    body.insert_phrase("坚持党管意识形态原则。")
    assert block_text(body).endswith("……坚持党管意识形态原则。")
    body.setFocus()
    window.act_undo.trigger()
    assert body.toPlainText() == before
    assert ws.current_section().paragraphs == paragraphs


def test_an_inserted_phrase_with_a_figure_slot_selects_it_for_the_number(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    select_heading(window, "提高政治站位，充分认识做好意识形态工作的重要意义")
    body = ws.editor
    body.insert_phrase("全年召开专题会议【次数】次，研判形势【次数】次。")
    assert body.textCursor().selectedText() == "【次数】"  # the first slot
    qtbot.keyClicks(body, "12")  # digits type as they are (no input method)
    assert block_text(body).endswith("全年召开专题会议12次，研判形势【次数】次。")
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert "专题会议" not in block_text(body)


def test_export_docx_and_reopen(window, monkeypatch, tmp_path, qtbot):
    new_from_wizard(window, monkeypatch)
    out = tmp_path / "讲话.docx"
    window.export_draft(str(out), ExportChoice("docx", "windows", None))
    qtbot.waitUntil(out.exists, timeout=10000)
    qtbot.waitUntil(lambda: getattr(window, "last_export", None) is not None, timeout=10000)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "在全县意识形态工作会议上的讲话"
    assert any(t.startswith("一、提高政治站位") for t in texts)
    versions = window.store.versions(window.workspace.draft_id)
    assert versions and versions[0].label == "导出前"


def test_import_through_the_dialog(window, qtbot):
    from tests.importing.conftest import CORPUS

    window.import_files([str(CORPUS / "000_54ef8e62418e0016.txt")])
    qtbot.waitUntil(lambda: getattr(window, "import_preview", None) is not None, timeout=10000)
    window.import_preview.accept()
    qtbot.waitUntil(
        lambda: window.workspace.draft.title == "在2024年意识形态领域分析研讨会上的发言", timeout=10000
    )


def test_library_search_and_trash(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch, "summary", "上半年防汛工作总结")
    new_from_wizard(window, monkeypatch, "speech", "在党建工作会议上的讲话")
    window.workspace.save_soon()
    qtbot.waitUntil(lambda: window.workspace.settled, timeout=5000)
    window.library.search.setText("防汛")
    qtbot.waitUntil(lambda: window.library.list.count() == 1, timeout=3000)
    window.library.search.clear()
    qtbot.waitUntil(lambda: window.library.list.count() == 2, timeout=3000)
    window.library.list.setCurrentRow(0)
    window.act_trash.trigger()
    assert window.library.list.count() == 1
    window.library.trash_box.setChecked(True)
    assert window.library.list.count() == 1
    window.library.list.setCurrentRow(0)
    window.act_restore.trigger()
    window.library.trash_box.setChecked(False)
    assert window.library.list.count() == 2


def test_version_history_restore(window, monkeypatch, qtbot):
    from ideodesk.gui.dialogs import VersionsDialog

    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    window.save_version()
    path = select_heading(window, "提高政治站位，充分认识做好意识形态工作的重要意义")
    ws.select_path(path)  # the cursor at the start of the heading
    type_chinese(ws.editor, "改过的标题")
    monkeypatch.setattr(VersionsDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    window.show_versions()  # after the pending save, without waiting for it
    qtbot.waitUntil(lambda: "改过的标题" not in ws.draft.plain_text(), timeout=5000)
    assert "改过的标题" not in ws.draft.plain_text()
    labels = [v.label for v in window.store.versions(ws.draft_id)]
    assert "恢复前" in labels and "手动" in labels


def test_checks_follow_typing_jump_and_fix(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    select_heading(window, "提高政治站位，充分认识做好意识形态工作的重要意义")
    body = ws.editor
    qtbot.keyClick(body, Qt.Key.Key_Return)
    type_chinese(body, "我们要坚持以*思想为指导，做好各项工作。")
    panel = window.checks_panel
    qtbot.waitUntil(lambda: any(f.rule == "damaged_formulation" for f in panel.findings), timeout=10000)
    index = next(i for i, f in enumerate(panel.findings) if f.rule == "damaged_formulation")
    panel.list.setCurrentRow(index)
    panel.jump(panel.findings[index])
    assert body.textCursor().selectedText() == panel.findings[index].text
    assert panel.fix_button.isEnabled()
    panel.fix_button.click()
    assert "坚持以习近平新时代中国特色社会主义思想为指导" in ws.current_section().paragraphs[-1]
    window.act_undo.trigger()  # a fix is one undo step
    assert "坚持以*思想为指导" in ws.current_section().paragraphs[-1]
    window.act_redo.trigger()
    panel.run_now()
    qtbot.waitUntil(lambda: panel.current, timeout=10000)
    assert not any(f.rule == "damaged_formulation" for f in panel.findings)


def test_export_warns_when_findings_remain(window, monkeypatch, tmp_path, qtbot):
    from ideodesk.gui.dialogs import ExportOptionsDialog

    new_from_wizard(window, monkeypatch)
    seen = {}

    def fake_ask(cls, parent=None, warning=""):
        seen["warning"] = warning
        return ExportChoice("docx", "windows", None), False

    monkeypatch.setattr(ExportOptionsDialog, "ask", classmethod(fake_ask))
    window.export_draft()  # goes on once the save is done and the findings are current
    qtbot.waitUntil(lambda: "warning" in seen, timeout=10000)
    assert "校对还有" in seen["warning"]  # the skeleton's unfilled 【讲话人】 is a finding


def test_phrase_panel_follows_the_section_and_inserts_as_one_undo_step(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    qtbot.waitUntil(lambda: window.bank is not None, timeout=20000)
    ws, panel = window.workspace, window.phrase_panel
    select_heading(window, "加强理论武装")  # a measures section
    assert ws.editor.current_type() == "measures"
    body = ws.editor
    body.setFocus()
    before = block_text(body)
    type_chinese(body, "要牢牢掌握意识形态")
    qtbot.waitUntil(lambda: bool(panel.hits and panel.hits[0].completion), timeout=5000)
    first = panel.hits[0]
    assert first.completion and "牢牢掌握意识形态工作领导权".startswith(first.text[: first.overlap + 2])
    assert "下一步打算" in panel.context.text() or "工作措施" in panel.context.text()
    uses = window.bank.get(first.id).uses
    qtbot.keyClick(body, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert block_text(body) == before + "要牢牢掌握意识形态" + first.completion
    qtbot.waitUntil(lambda: window.bank.get(first.id).uses == uses + 1, timeout=5000)
    window.act_undo.trigger()
    assert block_text(body) == before + "要牢牢掌握意识形态"


def test_problems_section_offers_problem_formulations(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch, "summary", "上半年工作总结")
    qtbot.waitUntil(lambda: window.bank is not None, timeout=20000)
    panel = window.phrase_panel
    select_heading(window, "存在的问题及原因分析")
    panel.search.setText("不够")
    panel.lookup()  # what the pending timer would do; now the newest generation is ours
    qtbot.waitUntil(lambda: bool(panel.hits) and panel.shown_generation == panel.generation, timeout=5000)
    top = panel.hits[:3]
    assert all("problems" in h.section_types or "general" in h.section_types for h in top)
    panel.search.setText("llzw")
    qtbot.waitUntil(lambda: bool(panel.hits) and panel.hits[0].text.startswith("牢牢"), timeout=5000)


def test_add_selected_text_to_the_bank(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    qtbot.waitUntil(lambda: window.bank is not None, timeout=20000)
    ws = window.workspace
    select_heading(window, "加强理论武装")
    body = ws.editor
    qtbot.keyClick(body, Qt.Key.Key_Return)
    type_chinese(body, "我们要把学习成果转化为推动发展的实际行动")
    cursor = body.textCursor()
    cursor.movePosition(cursor.MoveOperation.StartOfBlock, cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    window.act_add_phrase.trigger()
    found = window.bank.search("学习成果转化为推动发展", "measures")
    assert found and found[0].text == "我们要把学习成果转化为推动发展的实际行动"


def test_phrase_manager_edit_hide_favourite_and_packs(window, qtbot, tmp_path):
    from ideodesk.gui.phrase_manager import PhraseManager

    qtbot.waitUntil(lambda: window.bank is not None, timeout=20000)
    bank = window.bank
    bank.add("坚持把理论武装作为首要任务", "measures", "提法")
    manager = PhraseManager(bank, window)
    qtbot.addWidget(manager)
    manager.filter.setText("坚持把理论武装作为首要任务")
    assert manager.list.count() == 1
    manager.list.setCurrentRow(0)
    pid = manager._current()
    manager.toggle_favourite()
    assert bank.get(pid).favourite
    manager.list.setCurrentRow(0)
    manager.edit_current("坚持把理论武装作为首要政治任务")
    assert bank.get(pid).text == "坚持把理论武装作为首要政治任务"
    manager.filter.setText("坚持把理论武装作为首要政治任务")
    manager.list.setCurrentRow(0)
    manager.toggle_hidden()
    assert bank.get(pid).hidden and manager.list.count() == 0
    bank.add("把意识形态工作纳入年度考核", "requirements", "提法")
    pack = tmp_path / "词包.json"
    manager.export_pack(str(pack))
    assert pack.exists() and "已导出" in manager.status.text()
    manager.import_pack(str(pack))
    assert "新增 0 条" in manager.status.text()


def test_labels_used_by_the_checks_panel_match_the_checks_package():
    from ideodesk.checks import SEVERITY_LABELS
    from ideodesk.checks.model import HEADING, PARAGRAPH
    from ideodesk.gui import checks_panel

    assert checks_panel.SEVERITY_LABELS == SEVERITY_LABELS
    assert (checks_panel.HEADING, checks_panel.PARAGRAPH) == (HEADING, PARAGRAPH)


def test_first_run_shows_a_clear_empty_state_and_compiles_the_bank(window, qtbot, folder):
    ws = window.workspace
    assert window.library.list.count() == 0
    assert ws.pages.currentWidget() is ws.empty and "Ctrl+N" in ws.empty.text()
    qtbot.waitUntil(lambda: window.bank is not None, timeout=20000)
    assert folder.phrases_db.exists() and window.bank.stats()["total"] >= 1500


def test_a_draft_damaged_on_disk_offers_its_newest_good_version(window, messages):
    from ideodesk.core.genres import genre

    store = window.store
    stored = store.create(genre("notice").create(title="关于防汛工作的通知", values={}))
    good = store.snapshot(stored.id, "手动")
    body = store.conn.execute("SELECT body FROM drafts WHERE id = ?", (stored.id,)).fetchone()[0]
    flipped = body.replace("通知", "通矢", 1)  # what a flipped bit in a data page does
    store.conn.execute("UPDATE drafts SET body = ? WHERE id = ?", (flipped, stored.id))
    window.library.refresh()
    window.open_draft(stored.id)  # the messages fixture answers the question "Yes"
    asked = [text for kind, text in messages if kind == "question"]
    assert asked and "正文已损坏" in asked[0] and f"恢复到版本 {good}" in asked[0]
    assert window.workspace.draft_id == stored.id
    assert window.workspace.draft.title == "关于防汛工作的通知"
    assert store.versions(stored.id)[0].label == "恢复前"  # the damaged text is kept


def test_the_window_fits_the_available_screen_and_remembers_maximized(qtbot, folder):
    from ideodesk.gui.qt import QApplication, Qt

    store = DraftStore.open(folder.drafts_db, folder.backups)
    first = MainWindow(store, folder)
    qtbot.addWidget(first)
    first.show()
    avail = QApplication.primaryScreen().availableGeometry()
    assert first.frameGeometry().height() <= avail.height()
    assert first.minimumSizeHint().height() <= 768 - 48  # 1366×768 with a task bar
    first.showMaximized()
    qtbot.waitUntil(lambda: bool(first.windowState() & Qt.WindowState.WindowMaximized), timeout=3000)
    first.close()
    again = MainWindow(store, folder)
    qtbot.addWidget(again)
    again.show()
    assert again.windowState() & Qt.WindowState.WindowMaximized, "maximized is remembered"
    again.close()
    store.close()


def test_qt_dialogs_speak_chinese(qtbot):
    from ideodesk.gui.app import install_qt_translations
    from ideodesk.gui.qt import QApplication, QDialogButtonBox

    assert install_qt_translations(QApplication.instance())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert any("取消" in t for t in texts), texts


def test_the_checks_list_belongs_to_the_open_draft(window, qtbot):
    """Opening another draft replaces the findings at once: never the previous draft's
    findings, never 未发现问题 for a draft full of problems."""
    from ideodesk.core.draft import Draft, Section

    store, panel = window.store, window.checks_panel
    damaged = "我们要坚持以*思想为指导，做好各项工作。"
    faulty = store.create(Draft(genre="notice", title="关于加强管理的通知", sections=[
        Section(heading="一、总体要求", paragraphs=[damaged])]))  # fmt: skip
    clean = store.create(Draft(genre="notice", title="关于召开会议的通知", sections=[
        Section(heading="一、会议时间", paragraphs=["会议定于下周一上午召开。"])]))  # fmt: skip
    window.library.refresh()
    window.open_draft(faulty.id)
    qtbot.waitUntil(lambda: any(f.rule == "damaged_formulation" for f in panel.findings), timeout=10000)
    window.open_draft(clean.id)
    assert panel.findings == [] and panel.list.count() == 0 and panel.summary.text() == "正在校对…"
    qtbot.waitUntil(lambda: panel.summary.text() != "正在校对…", timeout=10000)
    assert not any(f.rule == "damaged_formulation" for f in panel.findings)
    window.open_draft(faulty.id)
    panel.run_now()  # a run started for this draft …
    window.open_draft(clean.id)  # … and another draft opened before it ends
    qtbot.waitUntil(lambda: panel.current and panel.summary.text() != "正在校对…", timeout=10000)
    assert not any(f.rule == "damaged_formulation" for f in panel.findings), "stale findings shown"
