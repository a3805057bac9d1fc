"""导入预览: the recovered outline of every imported file, before anything is stored.

The clerk sees each document's title, addressee and sections with their levels and
types, the lines cleaning removed (grey, with the reason) and what recovery is unsure of.
A section can be promoted, demoted or given another type; ticking a grey line restores it
(the file is recovered again with that line kept).  导入 stores what the tree shows.
"""

from __future__ import annotations

from pathlib import Path

from ideodesk.core.draft import Draft
from ideodesk.core.importer import ImportedFile
from ideodesk.core.sections import SECTION_TYPES, section_label
from ideodesk.errors import IdeoError
from ideodesk.gui import qt, texts
from ideodesk.gui.qt import Qt

_ROLE = Qt.ItemDataRole.UserRole  # ("section", file, doc, path) | ("removed", file, line)
_GREY = "#8a8a8a"


class ImportPreview(qt.QDialog):
    """Non-modal for the caller: ``accepted`` means store :meth:`drafts`."""

    def __init__(self, files: list[ImportedFile], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.IMPORT_PREVIEW_TITLE)
        self.files = files
        # the clerk's edits, replayed after a restore recovers a file again:
        # (file, document, heading, "up" | "down" | type id)
        self.edits: list[tuple[int, int, str, str]] = []
        self.resize(760, 620)
        hint = qt.QLabel(texts.IMPORT_PREVIEW_HINT)
        hint.setWordWrap(True)
        self.tree = qt.QTreeWidget()
        self.tree.setHeaderLabels([texts.COLUMN_CONTENT, texts.COLUMN_LEVEL, texts.COLUMN_TYPE])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, qt.QHeaderView.ResizeMode.Stretch)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._sync_controls())
        self.up = qt.QPushButton(texts.LEVEL_UP)
        self.down = qt.QPushButton(texts.LEVEL_DOWN)
        self.type_box = qt.QComboBox()
        for type_id, label in SECTION_TYPES.items():
            self.type_box.addItem(label, type_id)
        self.up.clicked.connect(lambda: self._change_level(up=True))
        self.down.clicked.connect(lambda: self._change_level(up=False))
        self.type_box.activated.connect(self._change_type)
        controls = qt.QHBoxLayout()
        for w in (
            qt.QLabel(texts.LEVEL_LABEL),
            self.up,
            self.down,
            qt.QLabel(texts.SECTION_TYPE_LABEL),
            self.type_box,
        ):
            controls.addWidget(w)
        controls.addStretch(1)
        self.notes = qt.QListWidget()
        self.notes.setMaximumHeight(110)
        self.buttons = qt.QDialogButtonBox(
            qt.QDialogButtonBox.StandardButton.Ok | qt.QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(qt.QDialogButtonBox.StandardButton.Cancel).setText(texts.CANCEL)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = qt.QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(controls)
        layout.addWidget(qt.QLabel(texts.IMPORT_NOTES_LABEL))
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self.rebuild()

    # ------------------------------------------------------------ what is imported
    def drafts(self) -> list[Draft]:
        return [rec.draft for f in self.files for rec in f.recovery.documents]

    # ------------------------------------------------------------ the tree
    def rebuild(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self.notes.clear()
        for fi, f in enumerate(self.files):
            for di, rec in enumerate(f.recovery.documents):
                self._add_document(fi, di, rec.draft)
                for note in rec.warnings:
                    self.notes.addItem(f"{Path(f.name).name}：{note}")
            for note in f.recovery.warnings:
                self.notes.addItem(note)
            self._add_removed(fi, f)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        count = len(self.drafts())
        self.buttons.button(qt.QDialogButtonBox.StandardButton.Ok).setText(
            texts.IMPORT_COUNT_BUTTON.format(n=count)
        )
        self.buttons.button(qt.QDialogButtonBox.StandardButton.Ok).setEnabled(count > 0)
        self._sync_controls()

    def _add_document(self, fi: int, di: int, draft: Draft) -> None:
        name = Path(self.files[fi].name).name
        many = len(self.files[fi].recovery.documents) > 1
        top = qt.QTreeWidgetItem(
            [
                texts.IMPORT_DRAFT_ITEM.format(
                    name=name,
                    nth=texts.IMPORT_NTH.format(n=di + 1) if many else "",
                    title=draft.title or texts.UNTITLED,
                )
            ]
        )
        top.setText(2, texts.IMPORT_GENRE.format(genre=_genre_label(draft.genre)))
        self.tree.addTopLevelItem(top)
        if draft.addressee:
            top.addChild(qt.QTreeWidgetItem([texts.IMPORT_ADDRESSEE.format(addressee=draft.addressee)]))
        items: dict[tuple[int, ...], qt.QTreeWidgetItem] = {}
        for path, sec in draft.walk():
            text = (
                draft.numbered_heading(path)
                if sec.headed
                else texts.IMPORT_BODY_PARAGRAPHS.format(n=len(sec.paragraphs))
            )
            item = qt.QTreeWidgetItem([text, str(len(path)) if sec.headed else "", section_label(sec.type)])
            item.setData(0, _ROLE, ("section", fi, di, path))
            (items.get(path[:-1]) or top).addChild(item)
            items[path] = item
        sig = " ".join(x for x in (draft.signature.issuer, draft.signature.date) if x)
        if sig:
            top.addChild(qt.QTreeWidgetItem([texts.IMPORT_SIGNATURE.format(signature=sig)]))

    def _add_removed(self, fi: int, f: ImportedFile) -> None:
        removed = f.recovery.removed
        if not removed:
            return
        group = qt.QTreeWidgetItem(
            [texts.IMPORT_REMOVED_GROUP.format(file=Path(f.name).name, n=len(removed))]
        )
        group.setForeground(0, qt.QColor(_GREY))
        self.tree.addTopLevelItem(group)
        for line, reason in removed:
            item = qt.QTreeWidgetItem([line, "", reason])
            item.setForeground(0, qt.QColor(_GREY))
            item.setForeground(2, qt.QColor(_GREY))
            item.setToolTip(0, texts.IMPORT_REMOVED_REASON.format(reason=reason))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setData(0, _ROLE, ("removed", fi, line))
            group.addChild(item)

    # ------------------------------------------------------------ edits
    def _selected(self) -> tuple[Draft, tuple[int, ...]] | None:
        item = self.tree.currentItem()
        data = item.data(0, _ROLE) if item else None
        if not data or data[0] != "section":
            return None
        _, fi, di, path = data
        return self.files[fi].recovery.documents[di].draft, tuple(path)

    def _sync_controls(self) -> None:
        chosen = self._selected()
        for w in (self.up, self.down, self.type_box):
            w.setEnabled(chosen is not None)
        if chosen:
            draft, path = chosen
            self.type_box.setCurrentIndex(max(0, self.type_box.findData(draft.section(path).type)))

    def _change_level(self, up: bool) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        draft, path = chosen
        try:
            change = draft.promote(path) if up else draft.demote(path)
        except IdeoError as e:
            self.notes.addItem(str(e))
            return
        self._record(draft.section(change.path or path), "up" if up else "down")
        self.rebuild()
        self._select(draft, getattr(change, "path", None) or path)

    def _change_type(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        draft, path = chosen
        sec = draft.section(path)
        sec.type = self.type_box.currentData()
        sec.extra["confidence"] = 1.0  # the user said so
        self._record(sec, sec.type)
        self.tree.currentItem().setText(2, section_label(sec.type))

    def _record(self, sec, what: str) -> None:
        fi, di, _ = self.tree.currentItem().data(0, _ROLE)[1:]
        self.edits.append((fi, di, sec.heading, what))

    def _replay(self, fi: int) -> None:
        """The clerk's level and type changes on a file recovered again (by heading)."""
        for efi, di, heading, what in self.edits:
            docs = self.files[fi].recovery.documents
            if efi != fi or di >= len(docs):
                continue
            draft = docs[di].draft
            path = next((p for p, s in draft.walk() if s.headed and s.heading == heading), None)
            if path is None:
                continue
            try:
                if what in ("up", "down"):
                    draft.promote(path) if what == "up" else draft.demote(path)
                else:
                    draft.section(path).type = what
                    draft.section(path).extra["confidence"] = 1.0
            except IdeoError:
                continue

    def _item_changed(self, item, column: int) -> None:
        data = item.data(0, _ROLE)
        if column != 0 or not data or data[0] != "removed":
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            self.files[data[1]].restore(data[2])
            self._replay(data[1])
            self.rebuild()

    def _select(self, draft: Draft, path) -> None:
        for item in _items(self.tree):
            data = item.data(0, _ROLE)
            if data and data[0] == "section":
                _, fi, di, p = data
                if self.files[fi].recovery.documents[di].draft is draft and tuple(p) == tuple(path):
                    self.tree.setCurrentItem(item)
                    return


def _items(tree):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        yield item
        stack[:0] = [item.child(i) for i in range(item.childCount())]


def _genre_label(genre_id: str) -> str:
    from ideodesk.core.genres import GENRES

    genre = GENRES.get(genre_id)
    return genre.label if genre else genre_id
