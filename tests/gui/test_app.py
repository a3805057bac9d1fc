"""Starting the app: damaged library offered its backup, second instance refused."""

from __future__ import annotations

import pytest

from ideodesk.core.draft import Draft
from ideodesk.gui import app as app_mod
from ideodesk.gui import texts
from ideodesk.gui.qt import QApplication, QMessageBox, QTimer
from ideodesk.phrases.bank import PhraseBank
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder

pytestmark = pytest.mark.gui
MY_PHRASE = "这是我自己积累的一条表述，恢复后不能少"


def _answer_with(button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` in the message box the app is about to show (the real box)."""

    tries = iter(range(1000))  # 20 s at most

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(20, click)


def _damaged_folder(tmp_path, title: str | None = None) -> DataFolder:
    folder = DataFolder(tmp_path).ensure()
    with DraftStore.open(folder.drafts_db, folder.backups) as store:
        if title:
            store.create(Draft(genre="notice", title=title))
        store.backup()
    folder.drafts_db.write_bytes(b"damaged" * 500)
    return folder


def test_damaged_library_is_restored_from_the_newest_backup(qtbot, tmp_path):
    folder = _damaged_folder(tmp_path, "备份里的稿子")
    asked: list[str] = []
    _answer_with(texts.CORRUPT_RESTORE, asked)
    restored = app_mod.open_library(folder)
    assert "已损坏" in asked[0] and "备份" in asked[0]
    assert [s.title for s in restored.list()] == ["备份里的稿子"]
    assert len(list((tmp_path / "corrupt").glob("*.sqlite3"))) == 1
    restored.close()


def test_damaged_library_declined_starts_empty_and_keeps_the_damaged_file(qtbot, tmp_path):
    folder = _damaged_folder(tmp_path)
    _answer_with(texts.CORRUPT_START_EMPTY, [])
    fresh = app_mod.open_library(folder)
    assert fresh.count() == 0
    assert next((tmp_path / "corrupt").glob("*.sqlite3")).read_bytes().startswith(b"damaged")
    fresh.close()


def test_damaged_library_quit_changes_nothing_further(qtbot, tmp_path):
    folder = _damaged_folder(tmp_path, "留着")
    _answer_with(texts.CORRUPT_QUIT, [])
    assert app_mod.open_library(folder) is None
    assert not folder.drafts_db.exists()  # moved aside, kept, not recreated
    assert len(list((tmp_path / "corrupt").glob("*.sqlite3"))) == 1
    asked: list[str] = []
    _answer_with(texts.CORRUPT_QUIT, asked)
    assert app_mod.open_library(folder) is None  # the next start asks again, never starts empty
    assert "不见了" in asked[0]


def _damaged_bank(folder: DataFolder) -> None:
    with PhraseBank.open(folder.phrases_db, cache_dir=folder.cache) as bank:
        bank.add(MY_PHRASE, "general")
        assert bank.backup_if_due() is not None
    folder.phrases_db.write_bytes(folder.phrases_db.read_bytes()[:8192])  # truncated


def _window(qtbot, folder: DataFolder):
    from ideodesk.gui.main_window import MainWindow

    store = DraftStore.open(folder.drafts_db, folder.backups)
    window = MainWindow(store, folder)
    window.finish_startup()
    qtbot.addWidget(window)
    window.show()
    return window, store


def _close(window, store) -> None:
    window.close()
    window.saver.close()
    store.close()


def test_a_damaged_phrase_bank_is_restored_in_the_app_with_the_users_phrases(qtbot, tmp_path):
    folder = DataFolder(tmp_path).ensure()
    _damaged_bank(folder)
    asked: list[str] = []
    _answer_with(texts.CORRUPT_RESTORE, asked)
    window, store = _window(qtbot, folder)
    qtbot.waitUntil(lambda: window.bank is not None, timeout=30000)
    assert "已损坏" in asked[0] and "phrases-" in asked[0]
    assert MY_PHRASE in {p.text for p in window.bank.phrases(origins=["user"])}
    assert len(list((tmp_path / "corrupt").glob("phrases*.sqlite3"))) == 1  # the damaged one kept
    _close(window, store)


def test_a_damaged_phrase_bank_left_for_later_is_asked_about_again(qtbot, tmp_path):
    folder = DataFolder(tmp_path).ensure()
    _damaged_bank(folder)
    _answer_with(texts.BANK_LATER, [])
    window, store = _window(qtbot, folder)
    qtbot.waitUntil(lambda: "无法打开" in window.phrase_panel.context.text(), timeout=30000)
    assert window.bank is None and not folder.phrases_db.exists()  # not replaced by an empty bank
    _close(window, store)
    asked: list[str] = []
    _answer_with(texts.BANK_LATER, asked)
    window, store = _window(qtbot, folder)
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    assert "不见了" in asked[0]
    _close(window, store)


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
