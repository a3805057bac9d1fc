"""Starting the app: damaged library offered its backup, second instance refused."""

from __future__ import annotations

import pytest

from ideodesk.core.draft import Draft
from ideodesk.gui import app as app_mod
from ideodesk.gui.qt import QMessageBox
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder

pytestmark = pytest.mark.gui


def test_damaged_library_is_restored_from_the_newest_backup(qtbot, tmp_path, monkeypatch):
    folder = DataFolder(tmp_path).ensure()
    store = DraftStore.open(folder.drafts_db, folder.backups)
    store.create(Draft(genre="notice", title="备份里的稿子"))
    store.backup()
    store.close()
    folder.drafts_db.write_bytes(b"damaged" * 500)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    restored = app_mod.open_library(folder)
    assert "已损坏" in asked[0] and "备份" in asked[0]
    assert [s.title for s in restored.list()] == ["备份里的稿子"]
    assert len(list((tmp_path / "corrupt").glob("*.sqlite3"))) == 1
    restored.close()


def test_damaged_library_declined_starts_empty_and_keeps_the_damaged_file(qtbot, tmp_path, monkeypatch):
    folder = DataFolder(tmp_path).ensure()
    with DraftStore.open(folder.drafts_db, folder.backups) as store:
        store.backup()
    folder.drafts_db.write_bytes(b"damaged" * 500)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    fresh = app_mod.open_library(folder)
    assert fresh.count() == 0
    assert next((tmp_path / "corrupt").glob("*.sqlite3")).read_bytes().startswith(b"damaged")
    fresh.close()


def test_second_instance_is_refused_politely(qtbot, tmp_path, monkeypatch):
    folder = DataFolder(tmp_path).ensure()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    with folder.lock():
        assert app_mod.run_app(folder) == 1
    assert "正被另一个 IdeoDesk 使用" in shown[0]


def test_new_draft_wizard_fills_variables(qtbot):
    from ideodesk.gui.dialogs import NewDraftDialog

    dialog = NewDraftDialog()
    qtbot.addWidget(dialog)
    dialog.genre.setCurrentIndex(dialog.genre.findData("report"))
    dialog.fields["单位"].setText("某县委宣传部")
    choice = dialog.choice()
    assert choice.genre == "report" and choice.values["单位"] == "某县委宣传部"
    assert "某县委宣传部" in dialog.preview.text()
