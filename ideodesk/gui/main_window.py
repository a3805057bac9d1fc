"""The main window: drafts library, the editing workspace, side panels, menus and jobs.

Every action calls the core (store, draft model, importer, exporter); long jobs run on a
worker thread with a progress dialog.  Nothing here holds document data of its own.
Here: building the window, its actions and its events; the drafts and versions
(``window_drafts``), files (``window_files``) and the phrase bank (``window_bank``) are
mixins beside it.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from ideodesk.errors import IdeoError
from ideodesk.gui import qt, texts
from ideodesk.gui.window_bank import BankMixin
from ideodesk.gui.window_drafts import DraftsMixin
from ideodesk.gui.window_files import FilesMixin
from ideodesk.store.folder import DataFolder

if TYPE_CHECKING:
    from ideodesk.store.drafts import DraftStore

# The window shows before the rest of the GUI is imported and built (start-up time):
# the heavy modules are imported in ``build`` and in the actions that need them.

IDLE_MS = 5000  # a pause this long is when background loading may take the interpreter


class MainWindow(DraftsMixin, FilesMixin, BankMixin, qt.QMainWindow):
    """``MainWindow(store, folder)`` builds at once; ``MainWindow(None, folder)`` shows an
    empty frame first and is completed by :meth:`build` (the app's start-up path)."""

    def __init__(self, store: DraftStore | None, folder: DataFolder | None = None) -> None:
        super().__init__()
        self.folder = folder or DataFolder(store.path.parent)
        self.setWindowTitle(texts.APP_TITLE)
        self.settings = qt.QSettings(str(self.folder.root / "settings.ini"), qt.QSettings.Format.IniFormat)
        self._place_on_screen()
        self.store = None
        self.ready = False  # True once the library is listed and the last draft reopened
        if store is not None:
            self.build(store)
        else:
            self.statusBar().showMessage(texts.OPENING_LIBRARY)

    def build(self, store: DraftStore) -> None:
        from ideodesk.gui.library import LibraryPanel
        from ideodesk.gui.workspace import Workspace
        from ideodesk.store.saver import BackgroundSaver

        self.store = store
        self.statusBar().clearMessage()  # "正在打开草稿库…" is over
        self.saver = BackgroundSaver(store.path, store.backups_dir)
        self.library = LibraryPanel(store)
        self.workspace = Workspace(self.saver)
        self.side = qt.QTabWidget()
        self.side.setMinimumWidth(260)
        split = qt.QSplitter()
        split.addWidget(self.library)
        split.addWidget(self.workspace)
        split.addWidget(self.side)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 7)
        split.setStretchFactor(2, 3)
        split.setSizes([190, 800, 330])
        self.setCentralWidget(split)
        self.save_label = qt.QLabel("")
        self.count_label = qt.QLabel("")
        self.type_label = qt.QLabel("")
        self.statusBar().addPermanentWidget(self.type_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.save_label)

        from ideodesk.gui.checks_panel import ChecksPanel
        from ideodesk.gui.phrase_panel import PhrasePanel

        self.phrase_panel = PhrasePanel(self.workspace)
        self.checks_panel = ChecksPanel(self.workspace)
        self.side.addTab(self.phrase_panel, texts.PHRASES_TAB)
        self.side.addTab(self.checks_panel, texts.CHECKS)
        self.bank = None
        self._may_quit = self._quit_pending = False
        self._segmenter_loading = False
        self._idle = qt.QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self._preload_segmenter)
        self.workspace.context_changed.connect(lambda: self._idle.start() if self.bank else None)
        for ops in (self.workspace.store_ops, self.phrase_panel.lookups, self.checks_panel.ops):
            ops.failed.connect(self._background_failed)
        qt.QTimer.singleShot(0, self._open_bank)  # after the window is up: start-up never waits
        self._build_actions()
        self.library.open_requested.connect(self.open_draft)
        self.workspace.save_state_changed.connect(self.save_label.setText)
        self.workspace.save_failed.connect(self._save_failed)
        # The character count renders the whole draft: not on every keystroke.
        self._count_timer = qt.QTimer(self, singleShot=True, interval=400)
        self._count_timer.timeout.connect(self._draft_changed)
        self.workspace.draft_changed.connect(self._count_timer.start)
        self._type_timer = qt.QTimer(self, singleShot=True, interval=100)
        self._type_timer.timeout.connect(self._show_cursor_type)
        self.workspace.context_changed.connect(self._type_timer.start)
        # The window shows first; the library fills in right after (start-up time).
        qt.QTimer.singleShot(0, self.finish_startup)

    def _place_on_screen(self) -> None:
        """Where the user left it (maximized included), else a size that fits the available
        screen — 1366×768 with a task bar included — centred on it."""
        saved = self.settings.value("window/geometry")
        if saved is not None and self.restoreGeometry(saved):
            return
        screen = qt.QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        avail = screen.availableGeometry()
        # the window frame (title bar, borders) comes on top of the size given here
        width, height = min(1280, avail.width() - 24), min(800, avail.height() - 48)
        self.resize(width, height)
        top = avail.y() + max(0, (avail.height() - height - 32) // 2)
        self.move(avail.x() + (avail.width() - width) // 2, top)

    def finish_startup(self) -> None:
        if self.ready or self._may_quit:  # done already, or the window closed first
            return
        self.ready = True
        self.library.refresh()
        self._reopen_last()

    # ------------------------------------------------------------ actions
    def _action(self, text: str, slot, key=None, menu=None) -> qt.QAction:
        act = qt.QAction(text, self)
        if key is not None:
            act.setShortcut(qt.QKeySequence(key))
        act.triggered.connect(lambda *_: slot())
        self.addAction(act)
        if menu is not None:
            menu.addAction(act)
        return act

    def _build_actions(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(texts.FILE_MENU)
        self.act_new = self._action(texts.NEW, self.new_draft, qt.QKeySequence.StandardKey.New, m)
        self.act_open = self._action(
            texts.OPEN, self.library.search.setFocus, qt.QKeySequence.StandardKey.Open, m
        )
        self.act_save = self._action(texts.SAVE, self.save_now, qt.QKeySequence.StandardKey.Save, m)
        self.act_version = self._action(texts.SAVE_VERSION, self.save_version, "Ctrl+Shift+S", m)
        self.act_history = self._action(texts.VERSION_HISTORY, self.show_versions, None, m)
        m.addSeparator()
        self.act_import = self._action(texts.IMPORT, self.import_files, "Ctrl+I", m)
        self.act_export = self._action(texts.EXPORT, self.export_draft, "Ctrl+E", m)
        self.act_save_as = self._action(texts.SAVE_AS_WORD, self.save_as, "Ctrl+Alt+S", m)
        self.act_print = self._action(texts.PRINT, self.print_preview, qt.QKeySequence.StandardKey.Print, m)
        self.act_pdf = self._action(texts.EXPORT_PDF, self.export_pdf, None, m)
        m.addSeparator()
        self.act_dup = self._action(texts.DUPLICATE, self.duplicate_draft, None, m)
        self.act_trash = self._action(texts.TRASH, self.trash_draft, None, m)
        self.act_restore = self._action(texts.RESTORE, self.restore_draft, None, m)
        m.addSeparator()
        self.act_quit = self._action(texts.QUIT, self.close, qt.QKeySequence.StandardKey.Quit, m)

        w = self.workspace
        ed = w.editor
        e = bar.addMenu(texts.EDIT_MENU)
        self.act_undo = self._action(texts.UNDO, self.undo, qt.QKeySequence.StandardKey.Undo, e)
        self.act_redo = self._action(texts.REDO, self.redo, "Ctrl+Y", e)
        e.addSeparator()
        for label, slot in (
            (texts.CUT, ed.cut),
            (texts.COPY, ed.copy),
            (texts.PASTE, ed.paste),
            (texts.SELECT_ALL, ed.selectAll),
        ):
            e.addAction(label).triggered.connect(lambda *_, f=slot: f())  # the editor's own keys do it there
        e.addSeparator()
        self.act_find = self._action(
            texts.FIND, lambda: w.findbar.open_bar(False), qt.QKeySequence.StandardKey.Find, e
        )
        self.act_replace = self._action(texts.REPLACE, lambda: w.findbar.open_bar(True), "Ctrl+H", e)
        self._action(texts.ZOOM_FIT_WIDTH, w.editor.reset_zoom, "Ctrl+Alt+0", e)
        self.act_find_draft = self._action(
            texts.FIND_IN_LIBRARY, self.library.search.setFocus, "Ctrl+Shift+F", e
        )

        o = bar.addMenu(texts.OUTLINE_MENU)
        self.act_add = self._action(texts.ADD_SIBLING, w.add_sibling, "Ctrl+Return", o)
        self.act_add_child = self._action(texts.ADD_CHILD, w.add_child, "Ctrl+Shift+Return", o)
        self.act_delete = self._action(texts.DELETE_SECTION, self._delete_section, None, o)
        o.addSeparator()
        self.act_up = self._action(texts.MOVE_UP, w.move_up, "Alt+Up", o)
        self.act_down = self._action(texts.MOVE_DOWN, w.move_down, "Alt+Down", o)
        self.act_promote = self._action(texts.PROMOTE, self._promote, "Alt+Left", o)
        self.act_demote = self._action(texts.DEMOTE, self._demote, "Alt+Right", o)
        o.addSeparator()
        self.act_split = self._action(texts.SPLIT_HERE, w.split_here, "Ctrl+Shift+K", o)
        self.act_merge = self._action(texts.MERGE_NEXT, w.merge_next, "Ctrl+Shift+M", o)
        o.addSeparator()
        for level in (1, 2, 3, 4):
            o.addAction(
                texts.SET_LEVEL_MENU.format(numeral=texts.LEVEL_NUMERALS[level - 1], level=level)
            ).triggered.connect(lambda *_, n=level: ed.set_level(n))
        o.addAction(texts.SET_BODY_MENU).triggered.connect(lambda *_: ed.set_level(0))
        self._action(texts.TOGGLE_RUN_IN, ed.toggle_run_in, None, o)
        from ideodesk.core.sections import SECTION_TYPES

        types = o.addMenu(texts.SECTION_TYPE_MENU)
        for type_id, label in SECTION_TYPES.items():
            self._action(label, lambda t=type_id: ed.set_type(t), None, types)
        numbering = o.addMenu(texts.NUMBERING_MENU)
        self._action(texts.NUMBERING_DEFAULT, lambda: w.set_numbering(None), None, numbering)
        from ideodesk.core.numbering import STYLES

        for style in STYLES.values():
            self._action(style.label, lambda s=style.id: w.set_numbering(s), None, numbering)

        tools = self.tools_menu = bar.addMenu(texts.TOOLS_MENU)
        self.act_check = self._action(texts.RUN_CHECKS, self.run_checks, "F7", tools)
        self.act_furniture = self._action(texts.EDIT_FURNITURE, self._edit_furniture, None, tools)
        self.act_add_phrase = self._action(texts.ADD_PHRASE, self.add_phrase, "Ctrl+Shift+P", tools)
        self.act_phrases = self._action(texts.MANAGE_PHRASES, self.manage_phrases, None, tools)
        h = bar.addMenu(texts.HELP_MENU)
        self.act_shortcuts = self._action(texts.SHOW_SHORTCUTS, self.show_shortcuts, "F1", h)
        self._action(texts.ABOUT, self._about, None, h)

        tb = self.addToolBar(texts.TOOLBAR)
        tb.setObjectName("main-toolbar")
        for act in (
            self.act_new,
            self.act_save,
            self.act_import,
            self.act_export,
            None,
            self.act_add,
            self.act_up,
            self.act_down,
            self.act_promote,
            self.act_demote,
        ):
            tb.addSeparator() if act is None else tb.addAction(act)
        ed.message.connect(lambda text: text and self.statusBar().showMessage(text, 4000))

    # ------------------------------------------------------------ undo
    def undo(self) -> None:
        """Ctrl+Z: a search box with focus undoes its own typing; everything else is the
        document's one history."""
        focus = qt.QApplication.focusWidget()
        if _text_history(focus, "undo"):
            focus.undo()
        else:
            self.workspace.editor.undo()

    def redo(self) -> None:
        focus = qt.QApplication.focusWidget()
        if _text_history(focus, "redo"):
            focus.redo()
        else:
            self.workspace.editor.redo()

    def _edit_furniture(self) -> None:
        from ideodesk.gui.furniture_dialog import edit_furniture

        edit_furniture(self)

    def _promote(self) -> None:
        """Alt+←: the heading(s) at the cursor one level up (the section with its text)."""
        if not self.workspace.editor.shift_level(-1):
            self.workspace.promote()

    def _demote(self) -> None:
        if not self.workspace.editor.shift_level(1):
            self.workspace.demote()

    # ------------------------------------------------------------ window events
    def changeEvent(self, event) -> None:  # noqa: N802
        if (
            getattr(self, "store", None) is not None
            and event.type() == qt.QEvent.Type.ActivationChange
            and not self.isActiveWindow()
        ):
            self.workspace.save_soon()  # focus left the app: save now
        super().changeEvent(event)

    def closeEvent(self, event: qt.QCloseEvent) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())  # maximized included
        if getattr(self, "store", None) is None:  # closed before the library was opened
            super().closeEvent(event)
            return
        ws = self.workspace
        if not self._may_quit:
            ws.save_soon()
            if not self.saver.idle:  # a save is on its way: quit once it is done, not wait here
                event.ignore()
                if not self._quit_pending:
                    self._quit_pending = True
                    self.statusBar().showMessage(texts.QUIT_AFTER_SAVE)
                    ws.after_save(self._quit_when_saved, texts.SAVE_BEFORE_QUIT)
                return
            if not self._unsaved_may_go():
                event.ignore()
                return
        self.saver.close()
        lookups, bank = self.phrase_panel.lookups, self.bank
        if bank is not None:  # on the bank's own worker, after any lookup still running

            def close_bank() -> None:
                with contextlib.suppress(IdeoError):  # a failed backup must not block quitting
                    bank.backup_if_due()
                bank.close()

            lookups.submit(close_bank, label=texts.CLOSE_BANK)
        lookups.close(10)
        self.checks_panel.ops.close(1)
        self._may_quit = True  # closed for good: a start-up step still queued does nothing
        super().closeEvent(event)

    def _quit_when_saved(self) -> None:
        self._quit_pending = False
        if self._unsaved_may_go():
            self._may_quit = True
            self.close()
        else:
            self.statusBar().showMessage(texts.QUIT_CANCELLED, 3000)

    def _unsaved_may_go(self) -> bool:
        """True when nothing is left unsaved, or the user accepts losing it."""
        if not (self.workspace.dirty or self.saver.unsaved):
            return True
        from ideodesk.gui.dialogs import confirm

        return confirm(self, texts.UNSAVED_TITLE, texts.UNSAVED_QUIT_ASK)


def _text_history(widget, kind: str) -> bool:
    """Whether ``widget`` is a text box with something to undo/redo."""
    if isinstance(widget, qt.QLineEdit):
        return widget.isUndoAvailable() if kind == "undo" else widget.isRedoAvailable()
    return False
