"""The main window's phrase bank: opened on its own worker, a damaged bank handled, the
segmenter loaded in a pause, the bank manager."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ideodesk.errors import IdeoError
from ideodesk.gui import qt, texts
from ideodesk.gui.ops import trim_heap

if TYPE_CHECKING:
    pass


class BankMixin:
    """The phrase bank of :class:`MainWindow`."""

    # ------------------------------------------------------------ phrase bank
    def _open_bank(self) -> None:
        """Open the phrase bank on its own worker; the window is up and usable meanwhile."""
        import shiboken6

        folder = self.folder

        def work():
            from ideodesk.phrases.bank import PhraseBank

            bank = PhraseBank.open(folder.phrases_db, cache_dir=folder.cache)
            if not shiboken6.isValid(self):  # the window closed while the bank was opening
                bank.close()
            return bank

        def ready(bank) -> None:  # a PhraseBank, or the exception that stopped it opening
            if shiboken6.isValid(self):
                self._bank_ready(bank)

        self.phrase_panel.lookups.submit(work, ready, ready, label=texts.OPEN_BANK_JOB)

    def _preload_segmenter(self) -> None:
        """Load jieba's dictionary during a pause in typing (its load briefly holds the
        interpreter), so the first keyword search does not wait for it."""
        if self._segmenter_loading:
            return
        self._segmenter_loading = True
        from ideodesk.core import segment

        segment.preload_in_background()  # the same load a typing lookup would start

    def _bank_ready(self, bank) -> None:
        from ideodesk.store.errors import CorruptDatabaseError

        if isinstance(bank, CorruptDatabaseError):  # moved aside or gone: the user decides
            from ideodesk.gui.dialogs import ask_damaged
            from ideodesk.store import backup as backup_mod
            from ideodesk.store.sqlitefile import forget

            choice = ask_damaged(self, bank, texts.BANK_DAMAGED_TITLE, texts.BANK_LATER)
            try:
                if choice == "restore":
                    backup_mod.restore_backup(bank.backups[0], self.folder.phrases_db, texts.BANK_WHAT)
                elif choice == "empty":
                    forget(self.folder.phrases_db)
            except IdeoError as e:
                bank = e
            else:
                if choice != "quit":
                    self._open_bank()
                    return
                self.phrase_panel.context.setText(texts.BANK_CANNOT_OPEN.format(error=bank))
                return  # the user has read it in the box just now
        if isinstance(bank, Exception):
            self.phrase_panel.context.setText(texts.BANK_CANNOT_OPEN.format(error=bank))
            if isinstance(bank, IdeoError):
                qt.QMessageBox.warning(self, texts.BANK_DAMAGED_TITLE, str(bank))
            return
        trim_heap()  # the index is built: its temporaries go back to the system
        for message in bank.warnings:
            qt.QMessageBox.warning(self, texts.NOTICE_TITLE, message)
        self.bank = bank
        self.phrase_panel.set_bank(bank)
        self._idle.start()

    def add_phrase(self) -> None:
        self.side.setCurrentWidget(self.phrase_panel)
        self.phrase_panel.add_selection()

    def manage_phrases(self) -> None:
        if self.bank is None:
            qt.QMessageBox.information(self, texts.BANK_TITLE, texts.BANK_LOADING)
            return
        from ideodesk.gui.phrase_manager import PhraseManager

        PhraseManager(self.bank, self).exec()
        self.phrase_panel.lookup()

    def run_checks(self) -> None:
        self.side.setCurrentWidget(self.checks_panel)
        self.checks_panel.run_now()

    def genres(self):  # for tests and the wizard
        from ideodesk.core.genres import GENRES

        return GENRES
