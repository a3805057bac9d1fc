"""The main window: drafts library, the editing workspace, side panels, menus and jobs.

Every action calls the core (store, draft model, importer, exporter); long jobs run on a
worker thread with a progress dialog.  Nothing here holds document data of its own.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from ideodesk.errors import IdeoError
from ideodesk.gui import qt, texts
from ideodesk.gui.ops import describe, trim_heap
from ideodesk.store.folder import DataFolder

if TYPE_CHECKING:
    from ideodesk.gui.workers import Job
    from ideodesk.store.drafts import DraftStore

# The window shows before the rest of the GUI is imported and built (start-up time):
# the heavy modules are imported in ``build`` and in the actions that need them.

IDLE_MS = 5000  # a pause this long is when background loading may take the interpreter


class MainWindow(qt.QMainWindow):
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
            self.statusBar().showMessage("正在打开草稿库…")

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
        self.side.addTab(self.phrase_panel, "规范表述")
        self.side.addTab(self.checks_panel, "校对")
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
            "打开(&O)…", self.library.search.setFocus, qt.QKeySequence.StandardKey.Open, m
        )
        self.act_save = self._action("保存(&S)", self.save_now, qt.QKeySequence.StandardKey.Save, m)
        self.act_version = self._action("保存版本(&V)", self.save_version, "Ctrl+Shift+S", m)
        self.act_history = self._action("版本历史(&H)…", self.show_versions, None, m)
        m.addSeparator()
        self.act_import = self._action("导入(&I)…", self.import_files, "Ctrl+I", m)
        self.act_export = self._action("导出(&E)…", self.export_draft, "Ctrl+E", m)
        self.act_save_as = self._action("另存为 Word 文档(&A)…", self.save_as, "Ctrl+Alt+S", m)
        self.act_print = self._action(
            "打印预览/打印(&P)…", self.print_preview, qt.QKeySequence.StandardKey.Print, m
        )
        self.act_pdf = self._action("导出 PDF…", self.export_pdf, None, m)
        m.addSeparator()
        self.act_dup = self._action(texts.DUPLICATE, self.duplicate_draft, None, m)
        self.act_trash = self._action(texts.TRASH, self.trash_draft, None, m)
        self.act_restore = self._action(texts.RESTORE, self.restore_draft, None, m)
        m.addSeparator()
        self.act_quit = self._action(texts.QUIT, self.close, qt.QKeySequence.StandardKey.Quit, m)

        w = self.workspace
        ed = w.editor
        e = bar.addMenu("编辑(&E)")
        self.act_undo = self._action("撤销(&U)", self.undo, qt.QKeySequence.StandardKey.Undo, e)
        self.act_redo = self._action("重做(&R)", self.redo, "Ctrl+Y", e)
        e.addSeparator()
        for label, slot in (
            ("剪切(&T)", ed.cut),
            ("复制(&C)", ed.copy),
            ("粘贴(&P)", ed.paste),
            ("全选(&A)", ed.selectAll),
        ):
            e.addAction(label).triggered.connect(lambda *_, f=slot: f())  # the editor's own keys do it there
        e.addSeparator()
        self.act_find = self._action(
            "查找(&F)…", lambda: w.findbar.open_bar(False), qt.QKeySequence.StandardKey.Find, e
        )
        self.act_replace = self._action("替换(&H)…", lambda: w.findbar.open_bar(True), "Ctrl+H", e)
        self._action("缩放：适应页宽", w.editor.reset_zoom, "Ctrl+Alt+0", e)
        self.act_find_draft = self._action(
            "在草稿库中查找(&L)", self.library.search.setFocus, "Ctrl+Shift+F", e
        )

        o = bar.addMenu("提纲(&O)")
        self.act_add = self._action("新增同级标题", w.add_sibling, "Ctrl+Return", o)
        self.act_add_child = self._action("新增下级标题", w.add_child, "Ctrl+Shift+Return", o)
        self.act_delete = self._action("删除段落", self._delete_section, None, o)
        o.addSeparator()
        self.act_up = self._action("上移", w.move_up, "Alt+Up", o)
        self.act_down = self._action("下移", w.move_down, "Alt+Down", o)
        self.act_promote = self._action("升级", self._promote, "Alt+Left", o)
        self.act_demote = self._action("降级", self._demote, "Alt+Right", o)
        o.addSeparator()
        self.act_split = self._action("在光标处拆分", w.split_here, "Ctrl+Shift+K", o)
        self.act_merge = self._action("与下一段合并", w.merge_next, "Ctrl+Shift+M", o)
        o.addSeparator()
        for level in (1, 2, 3, 4):
            o.addAction(f"设为{'一二三四'[level - 1]}级标题\tCtrl+{level}").triggered.connect(
                lambda *_, n=level: ed.set_level(n)
            )
        o.addAction("设为正文\tCtrl+0").triggered.connect(lambda *_: ed.set_level(0))
        self._action("标题与正文同段（如：一是……。正文）", ed.toggle_run_in, None, o)
        from ideodesk.core.sections import SECTION_TYPES

        types = o.addMenu("本节类型")
        for type_id, label in SECTION_TYPES.items():
            self._action(label, lambda t=type_id: ed.set_type(t), None, types)
        numbering = o.addMenu("下级编号样式")
        self._action("按层级默认（一、（一）1.（1））", lambda: w.set_numbering(None), None, numbering)
        from ideodesk.core.numbering import STYLES

        for style in STYLES.values():
            self._action(style.label, lambda s=style.id: w.set_numbering(s), None, numbering)

        tools = self.tools_menu = bar.addMenu("工具(&T)")
        self.act_check = self._action("校对(&C)", self.run_checks, "F7", tools)
        self.act_add_phrase = self._action("把选中文字加入词库", self.add_phrase, "Ctrl+Shift+P", tools)
        self.act_phrases = self._action("规范表述库管理(&M)…", self.manage_phrases, None, tools)
        h = bar.addMenu("帮助(&H)")
        self.act_shortcuts = self._action("快捷键一览(&K)", self.show_shortcuts, "F1", h)
        self._action("关于 IdeoDesk", self._about, None, h)

        tb = self.addToolBar("常用")
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

    # ------------------------------------------------------------ drafts
    def open_draft(self, draft_id: int) -> None:
        if draft_id == self.workspace.draft_id:
            return
        self.workspace.save_soon()
        if self.saver.worker.has(("save", draft_id)):  # left a moment ago, still being saved:
            self.workspace.after_save(lambda: self.open_draft(draft_id), "打开草稿")  # load it then
            return
        from ideodesk.store.errors import DamagedDraftError

        try:
            stored = self.store.load(draft_id)
        except DamagedDraftError as e:
            stored = self._offer_good_version(e)
            if stored is None:
                return
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(e))
            return
        self.workspace.open(stored.id, stored.draft, stored.rev)
        qt.QTimer.singleShot(0, trim_heap)  # the old draft's layout is freed now
        self.library.select(stored.id)
        self.settings.setValue("last_draft", stored.id)
        self._draft_changed()

    def _offer_good_version(self, e):
        """A draft whose stored text the disk altered: offer its newest intact version (the
        damaged text is kept as a version too).  The restored draft, or None."""
        from ideodesk.gui.dialogs import confirm

        if not e.good_versions:
            qt.QMessageBox.warning(self, texts.DAMAGED_DRAFT_TITLE, str(e))
            return None
        v = e.good_versions[0]
        from ideodesk.gui.dialogs import local_time

        ask = texts.DAMAGED_DRAFT_ASK.format(
            message=e.summary, version=v.id, when=local_time(v.created), label=v.label
        )
        if not confirm(self, texts.DAMAGED_DRAFT_TITLE, ask):
            return None
        try:
            self.store.restore_version(e.draft_id, v.id, self.store.current_rev(e.draft_id))
            return self.store.load(e.draft_id)
        except IdeoError as err:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(err))
            return None

    def _reopen_last(self) -> None:
        last = self.settings.value("last_draft")
        ids = [s.id for s in self.store.list(limit=1)]
        try:
            target = int(last) if last is not None else (ids[0] if ids else None)
        except (TypeError, ValueError):
            target = ids[0] if ids else None
        if target is not None:
            try:
                stored = self.store.load(target)
            except IdeoError:
                return
            if stored.trashed is None:
                self.open_draft(target)

    def new_draft(self) -> None:
        from ideodesk.core.genres import genre
        from ideodesk.gui.dialogs import NewDraftDialog

        choice, ok = NewDraftDialog.ask(self)
        if not ok:
            return
        try:
            draft = genre(choice.genre).create(title=choice.title or None, values=choice.values)
            stored = self.store.create(draft)
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(e))
            return
        self.library.refresh(select=stored.id)
        self.open_draft(stored.id)

    def duplicate_draft(self) -> None:
        draft_id = self.library.current_id()
        if draft_id is None:
            return
        if draft_id == self.workspace.draft_id and not self.workspace.settled:
            self.workspace.after_save(self.duplicate_draft, "复制草稿")  # copy what was typed
            return
        try:
            stored = self.store.duplicate(draft_id)
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(e))
            return
        self.library.refresh(select=stored.id)
        self.open_draft(stored.id)

    def trash_draft(self) -> None:
        draft_id = self.library.current_id()
        if draft_id is None:
            return
        if draft_id == self.workspace.draft_id:
            self.workspace.close_draft()
        self.store.trash(draft_id)
        self.library.refresh()

    def restore_draft(self) -> None:
        draft_id = self.library.current_id()
        if draft_id is not None and self.library.showing_trash:
            self.store.restore(draft_id)
            self.library.refresh()

    def _delete_section(self) -> None:
        sec = self.workspace.current_section()
        if sec is None:
            return
        text = sec.heading or "".join(sec.paragraphs)[:20]
        from ideodesk.gui.dialogs import confirm

        if confirm(self, "删除段落", f"删除“{text}”及其下级内容？（可用 Ctrl+Z 撤销）"):
            self.workspace.delete_current()

    # ------------------------------------------------------------ saving and versions
    def save_now(self) -> None:
        ws = self.workspace
        if ws.draft_id is None:
            return
        ws.dirty = True
        ws.saver.retry()  # drafts left while saving failed: Ctrl+S tries them too

        def saved() -> None:
            if not ws.dirty:
                self.statusBar().showMessage("已保存", 2000)

        ws.after_save(saved, "保存")

    def save_version(self, label: str = "手动") -> None:
        draft_id = self.workspace.draft_id
        if draft_id is None:
            return

        def done(_) -> None:
            self.workspace.last_snapshot = _dt.datetime.now()
            self.statusBar().showMessage(f"已保存版本（{label}）", 3000)

        self.workspace.store_call(
            lambda store: store.snapshot(draft_id, label), done,
            lambda e: qt.QMessageBox.warning(self, texts.ERROR_TITLE, describe(e)), label="保存版本",
        )  # fmt: skip

    def show_versions(self) -> None:
        draft_id = self.workspace.draft_id
        if draft_id is None:
            return
        if not self.workspace.settled:
            self.workspace.after_save(self.show_versions, "版本记录")  # list what was typed, too
            return
        versions = self.store.versions(draft_id)
        from ideodesk.gui.dialogs import VersionsDialog

        chosen, ok = VersionsDialog.ask(versions, lambda vid: self.store.load_version(vid).plain_text(), self)
        if not ok or chosen is None:
            return
        rev = self.saver.revision(draft_id) or self.store.load(draft_id).rev
        try:
            self.store.restore_version(draft_id, chosen, rev)
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.ERROR_TITLE, str(e))
            return
        stored = self.store.load(draft_id)
        self.workspace.draft_id = None  # force a reload
        self.workspace.open(stored.id, stored.draft, stored.rev)
        self.statusBar().showMessage("已恢复所选版本（恢复前的内容也已存为版本）", 4000)

    def _save_failed(self, message: str) -> None:
        box = qt.QMessageBox(qt.QMessageBox.Icon.Warning, "未能保存",
                             message + "\n\n文字仍在编辑器中，程序会自动重试；解决后也可按 Ctrl+S 重试。",
                             qt.QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setModal(False)  # typing goes on; the status bar keeps the state
        box.show()
        self.save_box = box

    def show_uncaught(self, message: str) -> None:
        """An error nobody expected: said once in a box that does not block typing."""
        box = getattr(self, "uncaught_box", None)
        if box is not None and box.isVisible():
            return  # a burst of the same failure: one box is enough
        box = qt.QMessageBox(qt.QMessageBox.Icon.Critical, "意外错误", message,
                             qt.QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setModal(False)
        box.show()
        self.uncaught_box = box

    def _background_failed(self, what: str, message: str) -> None:
        """A background job failed with nobody to handle it: the user is told (and the
        log file has the details)."""
        self.statusBar().showMessage(f"{what}失败：{message}", 10000)

    def _draft_changed(self) -> None:
        ws = self.workspace
        if ws.draft_id is None:
            self.count_label.setText("")
            return
        chars = ws.editor.char_count()
        self.count_label.setText(f"{chars} 字")
        from ideodesk.gui.workspace import SNAPSHOT_EVERY

        if ws.last_saved and _dt.datetime.now() - ws.last_snapshot > SNAPSHOT_EVERY:
            ws.last_snapshot = _dt.datetime.now()
            self.save_version("自动")
        self.library.update_item(ws.draft_id, ws.editor.paragraphs()[0][1], ws.genre, chars)

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

    def _promote(self) -> None:
        """Alt+←: the heading(s) at the cursor one level up (the section with its text)."""
        if not self.workspace.editor.shift_level(-1):
            self.workspace.promote()

    def _demote(self) -> None:
        if not self.workspace.editor.shift_level(1):
            self.workspace.demote()

    # ------------------------------------------------------------ import / export / print
    def run_job(self, title: str, job: Job, on_done) -> None:
        dialog = qt.QProgressDialog(title, "取消", 0, 100, self)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(qt.Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        job.progress.connect(lambda d, t: dialog.setValue(d * 100 // max(t, 1)))
        dialog.canceled.connect(job.cancel)

        def finish(result):
            dialog.reset()
            # The job's last step runs here, on the GUI thread (the import stores its drafts):
            # a failure there (a full disk: StoreFullError) must reach the user too.
            try:
                on_done(result)
            except IdeoError as e:
                qt.QMessageBox.warning(self, title, str(e))
            except Exception as e:  # shown to the user, never only a traceback on stderr
                qt.QMessageBox.warning(self, title, f"发生意外错误：{type(e).__name__}: {e}")

        def fail(message):
            dialog.reset()
            qt.QMessageBox.warning(self, title, message)

        job.finished.connect(finish)
        job.failed.connect(fail)
        job.cancelled.connect(dialog.reset)
        self._job = job.start()

    def import_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths, _ = qt.QFileDialog.getOpenFileNames(
                self, "导入文稿", "", "文稿 (*.txt *.docx);;所有文件 (*)"
            )
        if not paths:
            return
        from ideodesk.core.importer import ImportJob  # the importer loads only when used

        job_core = ImportJob([Path(p) for p in paths])

        def done(_):
            stored = self.store.create_many([d.draft for d in job_core.documents])
            self.library.refresh(select=stored[0].id if stored else None)
            if stored:
                self.open_draft(stored[0].id)
            warn = "\n".join(job_core.warnings)
            msg = f"已导入 {len(stored)} 篇草稿。" + (f"\n\n注意：\n{warn}" if warn else "")
            qt.QMessageBox.information(self, "导入完成", msg)

        from ideodesk.gui.workers import Job

        self.run_job("导入", Job(job_core.run), done)

    def export_draft(self, path: str | None = None, choice=None) -> None:
        ws = self.workspace
        if ws.draft_id is None:
            return
        draft_id = ws.draft_id

        def go_on() -> None:
            if ws.draft_id == draft_id:
                self._export(path, choice)

        # The stored draft first (its "导出前" version), and a warning with current findings.
        ws.after_save(lambda: self.checks_panel.when_current(go_on), "导出")

    def _export(self, path: str | None, choice) -> None:
        ws = self.workspace
        warning = self.findings_warning()
        if choice is None:
            from ideodesk.gui.dialogs import ExportOptionsDialog

            choice, ok = ExportOptionsDialog.ask(self, warning)
            if not ok:
                return
        if path is None:
            suffix = f".{choice.format}"
            default = str(Path(self._export_folder()) / f"{ws.draft.title or '草稿'}{suffix}")
            path, _ = qt.QFileDialog.getSaveFileName(self, "导出到", default, f"*{suffix}")
            if not path:
                return
            self._remember_folder(path)
        from ideodesk.export import Export  # python-docx loads only when exporting

        draft_id = ws.draft_id
        try:
            job_core = Export(
                ws.draft.snapshot(),
                path,
                format=choice.format,
                fonts=choice.fonts,
                traditional=choice.traditional,
            )
        except IdeoError as e:
            qt.QMessageBox.warning(self, "导出", str(e))
            return

        def done(_):
            result = job_core.result
            note = ""
            if result and result.unfilled:
                note = "\n\n以下变量尚未填写，已原样保留：" + "、".join(f"【{n}】" for n in result.unfilled)
            self.statusBar().showMessage(f"已导出：{path}", 5000)
            self.last_export = result
            self._offer_open(path, note)

        from ideodesk.gui.workers import Job

        def start(_=None) -> None:
            self.run_job("导出", Job(job_core.run), done)

        def unsaved_version(e: BaseException) -> None:  # the export itself still goes ahead
            self.statusBar().showMessage(f"导出前未能保存版本：{describe(e)}", 8000)
            start()

        # A version of what is exported, then the export (both off the GUI thread).
        ws.store_call(
            lambda store: store.snapshot(draft_id, "导出前"), start, unsaved_version, "导出前保存版本"
        )

    def findings_warning(self) -> str:
        """A sentence for the export dialog when checks still report findings (panel-owned)."""
        panel = getattr(self, "checks_panel", None)
        return panel.export_warning() if panel is not None else ""

    def print_preview(self) -> None:
        if self.workspace.draft_id is None:
            return
        from ideodesk.gui.printing import preview

        preview(self.workspace.draft, self)

    def export_pdf(self, path: str | None = None) -> None:
        ws = self.workspace
        if ws.draft_id is None:
            return
        if path is None:
            default = str(Path.home() / f"{ws.draft.title or '草稿'}.pdf")
            path, _ = qt.QFileDialog.getSaveFileName(self, "导出 PDF", default, "*.pdf")
            if not path:
                return
        from ideodesk.gui.printing import export_pdf

        export_pdf(ws.draft, path)
        self.statusBar().showMessage(f"已导出 PDF：{path}", 5000)

    def _show_cursor_type(self) -> None:
        """The status bar names the kind of section the cursor is in."""
        ws = self.workspace
        if ws.draft_id is None:
            self.type_label.setText("")
            return
        from ideodesk.core.sections import section_label

        opener = ws.editor.section_opener()
        self.type_label.setText(
            f"本节：{section_label(ws.editor.current_type())}" if opener is not None else ""
        )

    def show_shortcuts(self) -> None:
        qt.QMessageBox.information(self, "快捷键一览", texts.SHORTCUTS)

    def save_as(self) -> None:
        """Export as Word to a file the user picks (the folder is remembered per draft)."""
        from ideodesk.gui.dialogs import ExportChoice

        self.export_draft(choice=ExportChoice("docx", "windows", None))

    def _export_folder(self) -> str:
        ws = self.workspace
        folder = self.settings.value(f"export_dir/{ws.draft_id}") or self.settings.value("export_dir")
        return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())

    def _remember_folder(self, path: str) -> None:
        folder = str(Path(path).parent)
        self.settings.setValue(f"export_dir/{self.workspace.draft_id}", folder)
        self.settings.setValue("export_dir", folder)

    def _offer_open(self, path: str, note: str = "") -> None:
        """After an export: 打开文件 / 打开所在文件夹 (local files only; no network)."""
        box = qt.QMessageBox(self)
        box.setWindowTitle("导出完成")
        box.setText(f"已导出到：{path}{note}")
        open_file = box.addButton("打开文件", qt.QMessageBox.ButtonRole.AcceptRole)
        open_dir = box.addButton("打开所在文件夹", qt.QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", qt.QMessageBox.ButtonRole.RejectRole)

        def clicked(button) -> None:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            if button is open_file:
                QDesktopServices.openUrl(QUrl.fromLocalFile(path))
            elif button is open_dir:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

        box.buttonClicked.connect(clicked)
        box.setModal(False)
        self.export_box = box
        box.show()

    def _about(self) -> None:
        from ideodesk import __version__

        qt.QMessageBox.about(
            self,
            "关于",
            f"IdeoDesk 公文组稿台 {__version__}\n离线使用，不联网。\n数据文件夹：{self.folder.root}",
        )

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
                    self.statusBar().showMessage("正在保存，保存完即退出…")
                    ws.after_save(self._quit_when_saved, "退出前保存")
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

            lookups.submit(close_bank, label="关闭规范表述库")
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
            self.statusBar().showMessage("已取消退出", 3000)

    def _unsaved_may_go(self) -> bool:
        """True when nothing is left unsaved, or the user accepts losing it."""
        if not (self.workspace.dirty or self.saver.unsaved):
            return True
        from ideodesk.gui.dialogs import confirm

        return confirm(self, "尚未保存", "最近的修改没能保存（见状态栏）。仍要退出吗？未保存的修改将丢失。")

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

        self.phrase_panel.lookups.submit(work, ready, ready, label="打开规范表述库")

    def _preload_segmenter(self) -> None:
        """Load jieba's dictionary during a pause in typing (its load briefly holds the
        interpreter), so the first keyword search does not wait for it."""
        if self._segmenter_loading:
            return
        self._segmenter_loading = True
        from ideodesk.core import segment
        from ideodesk.worker import Worker

        self._segmenter = Worker("segmenter")  # its own: lookups do not queue behind the load
        self._segmenter.submit(segment.preload, label="载入分词词典")

    def _bank_ready(self, bank) -> None:
        from ideodesk.store.errors import CorruptDatabaseError

        if isinstance(bank, CorruptDatabaseError):  # moved aside or gone: the user decides
            from ideodesk.gui.dialogs import ask_damaged
            from ideodesk.store import backup as backup_mod
            from ideodesk.store.sqlitefile import forget

            choice = ask_damaged(self, bank, texts.BANK_DAMAGED_TITLE, texts.BANK_LATER)
            try:
                if choice == "restore":
                    backup_mod.restore_backup(bank.backups[0], self.folder.phrases_db, "词库")
                elif choice == "empty":
                    forget(self.folder.phrases_db)
            except IdeoError as e:
                bank = e
            else:
                if choice != "quit":
                    self._open_bank()
                    return
                self.phrase_panel.context.setText(f"规范表述库无法打开：{bank}")
                return  # the user has read it in the box just now
        if isinstance(bank, Exception):
            self.phrase_panel.context.setText(f"规范表述库无法打开：{bank}")
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
            qt.QMessageBox.information(self, "规范表述库", "词库正在载入，请稍候。")
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


def _text_history(widget, kind: str) -> bool:
    """Whether ``widget`` is a text box with something to undo/redo."""
    if isinstance(widget, qt.QLineEdit):
        return widget.isUndoAvailable() if kind == "undo" else widget.isRedoAvailable()
    return False
