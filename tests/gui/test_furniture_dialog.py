"""The 公文要素 dialog in the real window: the genre's fields, checked input, the values
kept through typing, saved, and in the export."""

from __future__ import annotations

import zipfile

import pytest

from ideodesk.core.furniture import Furniture
from ideodesk.gui import texts
from ideodesk.gui.dialogs import ExportChoice
from ideodesk.gui.furniture_dialog import FurnitureDialog
from ideodesk.gui.qt import QDialog
from tests.gui.conftest import type_chinese
from tests.gui.test_main_window import new_from_wizard

pytestmark = pytest.mark.gui


def fill(values):
    def fake_exec(dialog):
        for name, value in values.items():
            widget = dialog.widgets[name]
            if hasattr(widget, "setChecked"):
                widget.setChecked(value)
            elif hasattr(widget, "setPlainText"):
                widget.setPlainText("\n".join(value))
            else:
                widget.setText(value)
        return QDialog.DialogCode.Accepted

    return fake_exec


def test_notice_furniture_is_edited_kept_saved_and_exported(window, monkeypatch, qtbot, tmp_path):
    new_from_wizard(window, monkeypatch, "notice", "关于召开全县意识形态工作会议的通知")
    values = {
        "issuer_mark": "中共某县委宣传部文件",
        "doc_number": "某宣发[2026]3号",
        "attachments": ["参会回执"],
        "cc": "县委办公室",
        "printer": "中共某县委宣传部办公室",
        "print_date": "2026年12月2日",
    }
    monkeypatch.setattr(FurnitureDialog, "exec", fill(values))
    window.act_furniture.trigger()
    ws = window.workspace
    assert ws.draft.furniture.issuer_mark == "中共某县委宣传部文件"
    assert ws.dirty
    type_chinese(ws.editor, "补充")  # typing rebuilds the draft from the text: the furniture stays
    assert ws.draft.furniture.attachments == ["参会回执"]
    ws.save_soon()
    qtbot.waitUntil(lambda: ws.settled, timeout=10000)
    stored = window.store.load(ws.draft_id)
    assert stored.draft.furniture.doc_number == "某宣发[2026]3号"
    out = tmp_path / "通知.docx"
    window.export_draft(str(out), ExportChoice("docx", "windows", None))
    qtbot.waitUntil(lambda: getattr(window, "last_export", None) is not None, timeout=10000)
    doc = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "中共某县委宣传部文件" in doc and "某宣发〔2026〕3号" in doc and "附件：参会回执" in doc


def test_the_dialog_offers_the_genres_fields_and_refuses_bad_values(qtbot):
    notice = FurnitureDialog(Furniture(), "notice")
    qtbot.addWidget(notice)
    assert "issuer_mark" in notice.widgets and "signers" not in notice.widgets  # a notice goes down
    report = FurnitureDialog(Furniture(), "report")
    qtbot.addWidget(report)
    assert "signers" in report.widgets
    report.widgets["copy_number"].setText("12a")
    report._accept()
    assert report.result() != QDialog.DialogCode.Accepted
    assert "份号" in report.error.text()
    speech = FurnitureDialog(Furniture(), "speech")
    qtbot.addWidget(speech)
    assert not speech.widgets
    assert any(
        texts.FURNITURE_NONE_OFFERED.split("（")[0] in w.text()
        for w in speech.findChildren(type(speech.error))
    )
