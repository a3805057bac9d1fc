"""Editing one draft: outline tree, section editor, whole-document view, undo and autosave.

The Draft object is the single source of truth; widgets write into it and re-read it.
Outline operations go through the core (which keeps the tree valid) as undoable
commands holding cheap snapshots.  Saving happens on a background thread shortly
after typing stops, on focus loss, and before export and quit.
"""

from __future__ import annotations

import datetime as _dt
import html

from ideodesk.core.draft import Draft, Path, Section, TreeChange, TreeError
from ideodesk.gui.editor import SectionEditor
from ideodesk.gui.outline_model import OutlineModel
from ideodesk.gui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QObject,
    QSplitter,
    QStackedWidget,
    Qt,
    QTabWidget,
    QTextBrowser,
    QTimer,
    QTreeView,
    QUndoCommand,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ideodesk.store.saver import BackgroundSaver

EMPTY_STATE = (
    "还没有打开草稿。\n\n"
    "按 Ctrl+N 按文种新建（讲话、研讨发言、工作总结、分析研判报告、会议记录、通知），\n"
    "或按 Ctrl+I 导入已有的 .txt / .docx 文稿；左侧列表中单击草稿即可打开。"
)
AUTOSAVE_MS = 800  # after the last keystroke (DESIGN §8: ≤ 1 s)
AUTOSAVE_MAX_MS = 3000  # and at least this often while typing goes on without a pause
SNAPSHOT_EVERY = _dt.timedelta(minutes=10)


class _Bridge(QObject):
    """Carries the saver thread's callbacks onto the GUI thread."""

    saved = Signal(int, int)
    failed = Signal(int, str)


class _TreeCommand(QUndoCommand):
    def __init__(self, ws: Workspace, before: Draft, after: Draft, focus: int | None, text: str) -> None:
        super().__init__(text)
        self.ws, self.before, self.after, self.focus = ws, before, after, focus
        self._first = True

    def redo(self) -> None:
        if self._first:  # the operation itself already ran
            self._first = False
            return
        self.ws._restore(self.after.snapshot(), self.focus)

    def undo(self) -> None:
        self.ws._restore(self.before.snapshot(), self.focus)


class DraftInfo(QWidget):
    """Title, addressee, issuer and date: the draft-level fields, edited in place."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.draft: Draft | None = None
        self.title = QLineEdit(placeholderText="标题")
        self.addressee = QLineEdit(placeholderText="称谓或主送（如：同志们：）")
        self.issuer = QLineEdit(placeholderText="落款单位")
        self.date = QLineEdit(placeholderText="成文日期（如：2024年7月1日）")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold")
        row = QHBoxLayout()
        for w in (self.addressee, self.issuer, self.date):
            row.addWidget(w)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 4)
        col.addWidget(self.title)
        col.addLayout(row)
        self.fields = {
            "title": self.title,
            "addressee": self.addressee,
            "issuer": self.issuer,
            "date": self.date,
        }
        for name, edit in self.fields.items():
            edit.textEdited.connect(lambda text, n=name: self._edited(n, text))

    def load(self, draft: Draft) -> None:
        self.draft = None
        self.title.setText(draft.title)
        self.addressee.setText(draft.addressee)
        self.issuer.setText(draft.signature.issuer)
        self.date.setText(draft.signature.date)
        self.draft = draft

    def _edited(self, name: str, text: str) -> None:
        if self.draft is None:
            return
        if name in ("title", "addressee"):
            setattr(self.draft, name, text)
        else:
            setattr(self.draft.signature, name, text)
        self.changed.emit()

    def focus_field(self, field: str, start: int, end: int) -> None:
        edit = self.fields.get(field)
        if edit is not None:
            edit.setFocus()
            edit.setSelection(start, end - start)


class Workspace(QWidget):
    """The editing area for the open draft."""

    save_state_changed = Signal(str)  # Chinese status text
    save_failed = Signal(str)
    draft_changed = Signal()  # any edit (title/headings may have changed)
    draft_opened = Signal()  # another draft (or none) is now in the workspace
    context_changed = Signal()  # the phrase panel follows this

    def __init__(self, saver: BackgroundSaver, parent=None) -> None:
        super().__init__(parent)
        self.saver = saver
        self.draft_id: int | None = None
        self.draft = Draft()
        self.dirty = False
        self.last_saved: _dt.datetime | None = None
        self.last_snapshot = _dt.datetime.now()
        self.undo_stack = QUndoStack(self)

        self.model = OutlineModel(self.draft, self)
        self.model.move_handler = self.move_section
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.editor = SectionEditor()
        self.info = DraftInfo()
        self.document = QTextBrowser()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.editor, "分段编辑")
        self.tabs.addTab(self.document, "全文")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([300, 520])
        self.tree.setColumnWidth(0, 220)
        editing = QWidget()
        inner = QVBoxLayout(editing)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.info)
        inner.addWidget(split, 1)
        self.empty = QLabel(EMPTY_STATE)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; font-size: 12pt")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(editing)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.pages)

        self._bridge = _Bridge()  # no parent: a worker's late emit must find it alive
        self._bridge.saved.connect(self._on_saved)
        self._bridge.failed.connect(self._on_failed)
        saver.on_saved = self._bridge.saved.emit
        saver.on_failed = self._bridge.failed.emit
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_soon)
        self._autosave_max = QTimer(self, singleShot=True, interval=AUTOSAVE_MAX_MS)
        self._autosave_max.timeout.connect(self.save_soon)
        self._refresh_labels = QTimer(self, singleShot=True, interval=150)
        self._refresh_labels.timeout.connect(self._refresh_outline_text)

        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.editor.changed.connect(self._text_edited)
        self.info.changed.connect(self._text_edited)
        self.editor.structure_changed.connect(self._refresh_labels.start)
        self.editor.context_changed.connect(self.context_changed)
        self.tabs.currentChanged.connect(lambda i: self._render_document() if i == 1 else None)
        self.pages.setCurrentIndex(0)

    # ------------------------------------------------------------ open/close
    def open(self, draft_id: int, draft: Draft, rev: int) -> None:
        self.flush()
        self.draft_id, self.draft = draft_id, draft
        self.saver.track(draft_id, rev)
        self.undo_stack.clear()
        self.dirty = False
        self.model.set_draft(draft)
        self.info.load(draft)
        self.tree.expandAll()
        self.setEnabled(True)
        self.pages.setCurrentIndex(1)
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        else:
            self.editor.set_section(None, "")
        self.save_state_changed.emit("已打开")
        self._render_document()
        self.draft_opened.emit()

    def close_draft(self) -> None:
        self.flush()
        self.draft_id = None
        self.draft = Draft()
        self.model.set_draft(self.draft)
        self.editor.set_section(None, "")
        self.undo_stack.clear()
        self.pages.setCurrentIndex(0)
        self.draft_opened.emit()

    # ------------------------------------------------------------ selection
    def current_path(self) -> Path | None:
        index = self.tree.currentIndex()
        return self.model.path(index) if index.isValid() else None

    def current_section(self) -> Section | None:
        return self.editor.section

    def select_uid(self, uid: int | None) -> None:
        index = self.model.index_of(uid) if uid is not None else self.model.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _current_changed(self, current, _previous) -> None:
        sec = self.model.section(current)
        path = self.model.path(current) if sec else ()
        self.editor.set_section(sec, self.draft.label(path) if sec else "")
        self.context_changed.emit()

    # ------------------------------------------------------------ edits
    def _text_edited(self) -> None:
        # Outline undo restores snapshots; after typing, that would drop the new text.
        # So typing ends the outline undo history (the editor keeps its own text undo).
        if self.undo_stack.count():
            self.undo_stack.clear()
        self._edited()

    def mark_edited(self) -> None:
        """Something outside the editors changed the draft (a fix, a phrase insertion)."""
        self._text_edited()

    def reload_current(self) -> None:
        """Re-read the current section into the editor after the draft changed under it."""
        path = self.current_path()
        sec = self.draft.section(path) if path else None
        self.editor.set_section(sec, self.draft.label(path) if path else "")
        self._refresh_outline_text()

    def _edited(self) -> None:
        self.dirty = True
        self.save_state_changed.emit("未保存的修改")
        self._autosave.start()
        if not self._autosave_max.isActive():
            self._autosave_max.start()
        self.draft_changed.emit()
        if self.tabs.currentIndex() == 1:
            self._render_document()

    def _refresh_outline_text(self) -> None:
        """Headings or types changed: repaint the tree without losing the selection."""
        self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, 1))
        self.tree.viewport().update()
        path = self.current_path()
        if path:
            self.editor.set_number(self.draft.label(path))

    def apply(self, text: str, op) -> bool:
        """Run a tree operation ``op(draft) -> TreeChange`` as one undoable step."""
        before = self.draft.snapshot()
        try:
            change = op(self.draft)
        except TreeError as e:
            self.save_state_changed.emit(str(e))
            return False
        after = self.draft.snapshot()
        focus = self.draft.section(change.path).uid if change.path else None
        self.undo_stack.push(_TreeCommand(self, before, after, focus, text))
        self._after_structure_change(focus)
        return True

    def _restore(self, draft: Draft, focus: int | None) -> None:
        """Put a snapshot in place (undo/redo of a tree operation)."""
        self.draft.sections = draft.sections
        self.draft.child_numbering = draft.child_numbering
        self._after_structure_change(focus)

    def _after_structure_change(self, focus: int | None) -> None:
        self.model.refresh()
        self.tree.expandAll()
        self.select_uid(focus)
        if focus is None:
            self.editor.set_section(self.editor.section, "")
        self._edited()

    # tree operations on the current section ------------------------------
    def _path_or_end(self) -> Path:
        return self.current_path() or (len(self.draft.sections) - 1,)

    def add_sibling(self) -> None:
        path = self.current_path()
        target = (*path[:-1], path[-1] + 1) if path else (len(self.draft.sections),)
        sec_type = self.current_section().type if self.current_section() else "general"
        self.apply("新增同级标题", lambda d: d.insert(target, Section(type=sec_type, heading="新标题")))

    def add_child(self) -> None:
        path = self.current_path()
        if not path:
            return self.add_sibling()
        n = len(self.draft.section(path).children)
        sec_type = self.draft.section(path).type
        self.apply("新增下级标题", lambda d: d.insert((*path, n), Section(type=sec_type, heading="新标题")))

    def delete_current(self) -> None:
        if (path := self.current_path()) is not None:
            self.apply("删除段落", lambda d: d.delete(path))

    def move_up(self) -> None:
        if (path := self.current_path()) is not None:
            self.apply("上移", lambda d: d.move_up(path))

    def move_down(self) -> None:
        if (path := self.current_path()) is not None:
            self.apply("下移", lambda d: d.move_down(path))

    def promote(self) -> None:
        if (path := self.current_path()) is not None:
            self.apply("升级", lambda d: d.promote(path))

    def demote(self) -> None:
        if (path := self.current_path()) is not None:
            self.apply("降级", lambda d: d.demote(path))

    def merge_next(self) -> None:
        if (path := self.current_path()) is not None:
            self.apply("与下一段合并", lambda d: d.merge(path))

    def split_here(self) -> None:
        path = self.current_path()
        if path is None:
            return
        cursor = self.editor.body.textCursor()
        paragraph, offset = cursor.blockNumber(), cursor.positionInBlock()
        self.apply("在光标处拆分", lambda d: d.split(path, paragraph, offset or None))

    def move_section(self, path: Path, new_parent: Path, index: int) -> None:
        self.apply("拖动调整位置", lambda d: d.move(path, new_parent, index))

    def set_numbering(self, style: str | None) -> None:
        """The numbering style the current section gives its children."""
        path = self.current_path()
        owner = self.draft.section(path) if path else None

        def op(d: Draft):
            if owner is None:
                d.child_numbering = style
            else:
                d.section(path).child_numbering = style
            return TreeChange("numbering", path, path, (path or (),))

        self.apply("更改编号样式", op)

    # ------------------------------------------------------------ saving
    def save_soon(self) -> None:
        """Hand the current state to the saver thread (typing never waits)."""
        self._autosave.stop()
        self._autosave_max.stop()
        if self.draft_id is None or not self.dirty:
            return
        self.dirty = False
        self.saver.request(self.draft_id, self.draft.snapshot())
        self.save_state_changed.emit("正在保存…")

    def flush(self, timeout: float = 10.0) -> bool:
        """Save now and wait: before export, version snapshots and quit."""
        self.save_soon()
        ok = self.saver.flush(timeout)
        from ideodesk.gui.qt import QApplication

        QApplication.processEvents()  # deliver the saved/failed signals
        return ok and not self.dirty

    def _on_saved(self, draft_id: int, rev: int) -> None:
        if draft_id != self.draft_id:
            return
        self.last_saved = _dt.datetime.now()
        if not self.dirty:
            self.save_state_changed.emit(f"已保存 {self.last_saved:%H:%M:%S}")

    def _on_failed(self, draft_id: int, message: str) -> None:
        if draft_id == self.draft_id:
            self.dirty = True  # the text stays in memory; the next edit or Ctrl+S retries
            self.save_state_changed.emit("未保存：" + message)
            self.save_failed.emit(message)

    # ------------------------------------------------------------ whole document
    def _render_document(self) -> None:
        if self.tabs.currentIndex() != 1:
            return
        parts = []
        for b in self.draft.filled().blocks():
            text = html.escape(b.text)
            if b.kind == "title":
                parts.append(f'<p align="center" style="font-size:20pt; font-weight:bold">{text}</p>')
            elif b.kind == "heading":
                weight = "bold" if b.level == 1 else "normal"
                parts.append(f'<p style="font-size:14pt; font-weight:{weight}">{text}</p>')
            elif b.kind in ("issuer", "date"):
                parts.append(f'<p align="right" style="font-size:14pt">{text}</p>')
            elif b.head_len:
                head, rest = html.escape(b.text[: b.head_len]), html.escape(b.text[b.head_len :])
                parts.append(f'<p style="font-size:14pt">　　<b>{head}</b>{rest}</p>')
            elif b.kind == "addressee":
                parts.append(f'<p style="font-size:14pt">{text}</p>')
            else:
                parts.append(f'<p style="font-size:14pt">　　{text}</p>')
        self.document.setHtml("".join(parts))
