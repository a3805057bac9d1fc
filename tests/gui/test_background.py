"""Background work in the real window: usage records never dropped, a failing save told and
retried with the text kept, the GUI thread never waiting for a worker, failures logged."""

from __future__ import annotations

import ast
import logging
import sys
import threading
import time

from ideodesk.gui.qt import Qt
from ideodesk.store.drafts import DraftStore
from tests.gui.conftest import type_chinese
from tests.gui.test_main_window import block_text, new_from_wizard, select_heading


def hold(worker) -> threading.Event:
    """Keep ``worker`` busy (as a slow lookup or a slow disk would) until the event is set."""
    release, started = threading.Event(), threading.Event()
    worker.submit(lambda: (started.set(), release.wait(20)), label="慢操作")
    assert started.wait(5)
    return release


def test_a_usage_record_is_never_dropped_while_a_lookup_runs(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    qtbot.waitUntil(lambda: window.bank is not None, timeout=20000)
    panel, body = window.phrase_panel, window.workspace.editor
    select_heading(window, "加强理论武装")
    body.setFocus()
    type_chinese(body, "要牢牢掌握意识形态")
    qtbot.waitUntil(lambda: bool(panel.hits and panel.hits[0].completion), timeout=5000)
    first = panel.hits[0]
    uses = window.bank.get(first.id).uses
    release = hold(panel.lookups.worker)  # a lookup that takes its time
    qtbot.keyClick(body, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # inserted: a use queued
    for text in ("，", "不断", "增强"):  # more lookups queue behind it, each replacing the last
        type_chinese(body, text)
        panel.lookup()
    assert window.bank.get(first.id).uses == uses  # still waiting behind the slow lookup
    release.set()
    qtbot.waitUntil(lambda: window.bank.get(first.id).uses == uses + 1, timeout=5000)
    assert block_text(body).endswith(first.completion + "，不断增强")


def test_a_failing_save_is_told_keeps_the_text_and_saving_resumes_by_itself(window, monkeypatch, qtbot):
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    draft_id = ws.draft_id
    broken = threading.Event()
    broken.set()
    real_save = DraftStore.save

    def save(store, *args):
        if broken.is_set():  # the disk went away: an error no code expects
            raise OSError(5, "Input/output error")
        return real_save(store, *args)

    monkeypatch.setattr(DraftStore, "save", save)
    select_heading(window, "加强理论武装")
    type_chinese(ws.editor, "断电前写下的这句话。")
    ws.save_soon()
    qtbot.waitUntil(lambda: "未保存" in window.save_label.text(), timeout=5000)
    assert "OSError" in window.save_label.text() and "重试" in window.save_label.text()
    assert window.save_box.isVisible() and not window.save_box.isModal()  # told, typing goes on
    assert "断电前写下的这句话。" in ws.draft.plain_text() and ws.dirty
    type_chinese(ws.editor, "又写一句。")  # still writing while the disk is gone
    broken.clear()  # the disk is back: nobody presses anything
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存"), timeout=8000)
    stored = window.store.load(draft_id).draft.plain_text()
    assert "断电前写下的这句话。又写一句。" in stored


def test_the_gui_thread_never_waits_for_a_busy_saver(window, monkeypatch, qtbot):
    from ideodesk.gui.dialogs import VersionsDialog
    from ideodesk.gui.qt import QDialog

    monkeypatch.setattr(VersionsDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    new_from_wizard(window, monkeypatch)
    ws = window.workspace
    draft_id = ws.draft_id
    select_heading(window, "加强理论武装")
    type_chinese(ws.editor, "慢盘上写的字。")
    release = hold(ws.saver.worker)  # a save stuck on a slow network drive
    started = time.perf_counter()
    window.save_now()
    window.save_version()
    window.show_versions()  # opens once the save is through (the dialog is not reached here)
    window.close()
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"the GUI thread waited {elapsed:.2f} s"
    assert window.isVisible(), "quitting goes on after the save, the window does not freeze"
    assert "保存完即退出" in window.statusBar().currentMessage()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=8000)
    store = DraftStore.open(window.folder.drafts_db)
    try:
        assert "慢盘上写的字。" in store.load(draft_id).draft.plain_text()
        assert "手动" in [v.label for v in store.versions(draft_id)]
    finally:
        store.close()


def test_no_gui_code_pumps_events_or_sleeps():
    """Waiting in a handler (processEvents loops, sleeps, flushes) is what froze the GUI."""
    from tests.conftest import ROOT

    offenders = []
    for path in (ROOT / "ideodesk" / "gui").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            waits = {"processEvents", "sleep", "flush", "wait_idle"}
            if isinstance(node, ast.Attribute) and node.attr in waits:
                offenders.append(f"{path.name}:{node.lineno} {node.attr}")
    assert offenders == []


def test_a_background_failure_reaches_the_user_and_the_log_file(window, qtbot, monkeypatch):
    from ideodesk.gui.ops import install_logging

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log_file = install_logging(window.folder.log_file)
    try:
        window.checks_panel.ops.submit(lambda: {}["缺少的键"], label="校对")
        qtbot.waitUntil(lambda: "校对失败" in window.statusBar().currentMessage(), timeout=5000)
        assert "KeyError" in window.statusBar().currentMessage()
        for handler in logging.getLogger("ideodesk").handlers:
            handler.flush()
        logged = log_file.read_text(encoding="utf-8")
        assert "校对 failed" in logged and "Traceback" in logged and "KeyError: '缺少的键'" in logged
    finally:
        root = logging.getLogger("ideodesk")
        for handler in [h for h in root.handlers if getattr(h, "_ideodesk", False)]:
            root.removeHandler(handler)
            handler.close()


def test_an_uncaught_error_is_logged_and_told_without_blocking(window, qtbot, monkeypatch):
    from ideodesk.gui.ops import install_logging, uncaught

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log_file = install_logging(window.folder.log_file)
    uncaught.raised.connect(window.show_uncaught)
    try:
        try:
            raise RuntimeError("某个按钮的处理出错")
        except RuntimeError as e:
            sys.excepthook(type(e), e, e.__traceback__)  # as Qt calls it for a slot's error
        thread = threading.Thread(target=lambda: 1 / 0, name="某个线程")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: getattr(window, "uncaught_box", None) is not None, timeout=3000)
        box = window.uncaught_box
        assert box.isVisible() and not box.isModal()
        assert "某个按钮的处理出错" in box.text() and str(log_file) in box.text() and "文字仍在" in box.text()
        for handler in logging.getLogger("ideodesk").handlers:
            handler.flush()
        logged = log_file.read_text(encoding="utf-8")
        assert "RuntimeError: 某个按钮的处理出错" in logged and "ZeroDivisionError" in logged
    finally:
        uncaught.raised.disconnect(window.show_uncaught)
        root = logging.getLogger("ideodesk")
        for handler in [h for h in root.handlers if getattr(h, "_ideodesk", False)]:
            root.removeHandler(handler)
            handler.close()
