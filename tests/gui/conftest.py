from __future__ import annotations

import pytest

from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder
from tests.gui.ime import compose, type_chinese

__all__ = ["compose", "type_chinese"]


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Message boxes never block a test: they are recorded and answered Yes/OK."""
    from ideodesk.gui.qt import QMessageBox

    log: list[tuple[str, str]] = []

    def record(kind, answer):
        def box(parent, title, text, *args, **kwargs):
            log.append((kind, f"{title}：{text}"))
            return answer

        return box

    monkeypatch.setattr(QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "about", record("about", None))
    return log


@pytest.fixture
def folder(tmp_path) -> DataFolder:
    return DataFolder(tmp_path / "data").ensure()


@pytest.fixture
def window(qtbot, folder):
    from ideodesk.gui.main_window import MainWindow

    store = DraftStore.open(folder.drafts_db, folder.backups)
    w = MainWindow(store, folder)
    w.finish_startup()
    qtbot.addWidget(w)
    w.show()
    yield w
    if w.isVisible():
        w.close()
    w.saver.close()
    store.close()
