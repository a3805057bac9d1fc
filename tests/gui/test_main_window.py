"""The main window on the real library, offscreen."""

from __future__ import annotations

import pytest

from ideodesk.core.genres import genre
from ideodesk.gui.dialogs import NewDraftDialog
from ideodesk.gui.main_window import MainWindow
from ideodesk.store.drafts import DraftStore

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    store = DraftStore.open(tmp_path / "drafts.sqlite3")
    store.create(genre("summary").create(title="上半年防汛工作总结"))
    store.create(genre("speech").create(title="在党建工作会议上的讲话"))
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    yield w
    store.close()


def test_lists_newest_first_and_shows_numbered_text(window):
    assert window.drafts.count() == 2
    assert window.drafts.item(0).text().startswith("在党建工作会议上的讲话")
    assert "一、" in window.view.toPlainText()


def test_new_draft_through_the_dialog(window, monkeypatch):
    monkeypatch.setattr(
        NewDraftDialog, "ask", classmethod(lambda cls, parent=None: (("notice", "关于召开会议的通知"), True))
    )
    window.act_new.trigger()
    assert window.drafts.count() == 3
    assert window.drafts.currentItem().text().startswith("关于召开会议的通知")
    assert "特此通知。" in window.view.toPlainText()


def test_search_trash_and_restore(window, qtbot):
    window.search.setText("防汛")
    qtbot.waitUntil(lambda: window.drafts.count() == 1)
    window.search.clear()
    qtbot.waitUntil(lambda: window.drafts.count() == 2)
    window.drafts.setCurrentRow(0)
    window.act_trash.trigger()
    assert window.drafts.count() == 1
    window.act_show_trash.trigger()
    assert window.drafts.count() == 1 and window.act_restore.isEnabled()
    window.act_restore.trigger()
    window.act_show_trash.trigger()
    assert window.drafts.count() == 2
