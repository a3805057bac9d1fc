"""A failure in the last step of a GUI job (storing imported drafts) reaches the user as a
message box, not only as a traceback on stderr."""

from __future__ import annotations

import pytest

from ideodesk.store.errors import StoreFullError
from tests.importing.conftest import CORPUS

pytestmark = pytest.mark.gui


def test_a_full_store_during_import_is_shown_in_a_message_box(window, qtbot, messages, monkeypatch):
    # A full disk cannot be made portably inside a test; the store's own error is raised
    # where SQLite would raise it (this test is about the window, not the store).
    def full(*args, **kwargs):
        raise StoreFullError("保存草稿失败：磁盘空间不足，未导入任何草稿")

    monkeypatch.setattr(window.store, "create_many", full)
    before = window.library.list.count()
    window.import_files([str(CORPUS / "000_54ef8e62418e0016.txt")])
    qtbot.waitUntil(lambda: getattr(window, "import_preview", None) is not None, timeout=10000)
    window.import_preview.accept()  # 导入 in the preview: the drafts are stored now
    qtbot.waitUntil(lambda: any("磁盘空间不足" in text for _, text in messages), timeout=10000)
    assert ("warning", "导入：保存草稿失败：磁盘空间不足，未导入任何草稿") in messages
    assert window.library.list.count() == before


def test_an_unreadable_file_in_the_import_dialog_is_one_message(window, qtbot, messages, tmp_path):
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    window.import_files([str(tmp_path / "坏.docx")])
    qtbot.waitUntil(lambda: any("坏.docx" in text for _, text in messages), timeout=10000)
    (kind, text) = next(m for m in messages if "坏.docx" in m[1])
    assert kind == "warning" and "\n" not in text


def test_an_unexpected_error_after_export_is_shown(window, qtbot, messages, monkeypatch, tmp_path):
    from ideodesk.gui.workers import Job

    def boom(_):
        raise RuntimeError("坏了")

    window.run_job("导出", Job(lambda: iter([(1, 1)])), boom)
    qtbot.waitUntil(lambda: any("发生意外错误" in text for _, text in messages), timeout=10000)
