"""The main window's files: import, export (Word, text, PDF), print preview, the jobs
that run them, and the folder remembered per draft."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ideodesk.errors import IdeoError, user_message
from ideodesk.gui import qt, texts

if TYPE_CHECKING:
    from ideodesk.gui.workers import Job


class FilesMixin:
    """Import, export and printing of :class:`MainWindow`."""

    # ------------------------------------------------------------ import / export / print
    def run_job(self, title: str, job: Job, on_done) -> None:
        dialog = qt.QProgressDialog(title, texts.CANCEL, 0, 100, self)
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
                qt.QMessageBox.warning(
                    self, title, texts.UNEXPECTED_ERROR.format(kind=type(e).__name__, error=e)
                )

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
                self, texts.IMPORT_DIALOG_TITLE, "", texts.IMPORT_FILTER
            )
        if not paths:
            return
        from ideodesk.core.importer import ImportJob  # the importer loads only when used

        job_core = ImportJob([Path(p) for p in paths])

        def done(_):
            from ideodesk.gui.import_preview import ImportPreview

            # The clerk sees and mends the recovery before anything is stored.
            self.import_preview = preview = ImportPreview(job_core.files, self)
            preview.accepted.connect(lambda: self._store_imported(preview))
            preview.open()

        from ideodesk.gui.workers import Job

        self.run_job(texts.IMPORT_TITLE, Job(job_core.run), done)

    def _store_imported(self, preview) -> None:
        try:
            stored = self.store.create_many(preview.drafts())
        except IdeoError as e:
            qt.QMessageBox.warning(self, texts.IMPORT_TITLE, str(e))
            return
        self.library.refresh(select=stored[0].id if stored else None)
        if stored:
            self.open_draft(stored[0].id)
        self.statusBar().showMessage(texts.IMPORTED.format(n=len(stored)), 5000)

    def export_draft(self, path: str | None = None, choice=None) -> None:
        ws = self.workspace
        if ws.draft_id is None:
            return
        draft_id = ws.draft_id

        def go_on() -> None:
            if ws.draft_id == draft_id:
                self._export(path, choice)

        # The stored draft first (its "导出前" version), and a warning with current findings.
        ws.after_save(lambda: self.checks_panel.when_current(go_on), texts.EXPORT_TITLE)

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
            default = str(
                Path(self._export_folder()) / f"{ws.draft.title or texts.DEFAULT_FILE_NAME}{suffix}"
            )
            path, _ = qt.QFileDialog.getSaveFileName(self, texts.EXPORT_TO, default, f"*{suffix}")
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
            qt.QMessageBox.warning(self, texts.EXPORT_TITLE, str(e))
            return

        def done(_):
            result = job_core.result
            note = ""
            if result and result.unfilled:
                note = texts.UNFILLED_NOTE + "、".join(f"【{n}】" for n in result.unfilled)
            if result and result.warnings:
                note += "".join(f"\n\n{m}" for m in result.warnings)
            self.statusBar().showMessage(texts.EXPORTED.format(path=path), 5000)
            self.last_export = result
            self._offer_open(path, note)

        from ideodesk.gui.workers import Job

        def start(_=None) -> None:
            self.run_job(texts.EXPORT_TITLE, Job(job_core.run), done)

        def unsaved_version(e: BaseException) -> None:  # the export itself still goes ahead
            self.statusBar().showMessage(
                texts.VERSION_BEFORE_EXPORT_FAILED.format(message=user_message(e)), 8000
            )
            start()

        # A version of what is exported, then the export (both off the GUI thread).
        ws.store_call(
            lambda store: store.snapshot(draft_id, texts.VERSION_BEFORE_EXPORT),
            start,
            unsaved_version,
            texts.SAVE_VERSION_BEFORE_EXPORT,
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
            default = str(Path.home() / f"{ws.draft.title or texts.DEFAULT_FILE_NAME}.pdf")
            path, _ = qt.QFileDialog.getSaveFileName(self, texts.EXPORT_PDF_TITLE, default, "*.pdf")
            if not path:
                return
        from ideodesk.gui.printing import export_pdf

        export_pdf(ws.draft, path)
        self.statusBar().showMessage(texts.EXPORTED_PDF.format(path=path), 5000)

    def _show_cursor_type(self) -> None:
        """The status bar names the kind of section the cursor is in."""
        ws = self.workspace
        if ws.draft_id is None:
            self.type_label.setText("")
            return
        from ideodesk.core.sections import section_label

        opener = ws.editor.section_opener()
        self.type_label.setText(
            texts.SECTION_TYPE_STATUS.format(type=section_label(ws.editor.current_type()))
            if opener is not None
            else ""
        )

    def show_shortcuts(self) -> None:
        qt.QMessageBox.information(self, texts.SHORTCUTS_TITLE, texts.SHORTCUTS)

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
        box.setWindowTitle(texts.EXPORT_DONE_TITLE)
        box.setText(texts.EXPORTED_TO.format(path=path, note=note))
        open_file = box.addButton(texts.OPEN_FILE, qt.QMessageBox.ButtonRole.AcceptRole)
        open_dir = box.addButton(texts.OPEN_FOLDER, qt.QMessageBox.ButtonRole.ActionRole)
        box.addButton(texts.CLOSE, qt.QMessageBox.ButtonRole.RejectRole)

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
            texts.ABOUT_TITLE,
            texts.ABOUT_TEXT.format(version=__version__, folder=self.folder.root),
        )
