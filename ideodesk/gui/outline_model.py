"""The outline tree as a Qt item model over a core Draft (no data of its own).

Items are identified by the sections' uids; after any structural change the model is
reset and views restore their selection by uid.  Drag and drop moves sections through
``Draft.move`` so the core keeps the tree valid (depth ≤ 4).
"""

from __future__ import annotations

from ideodesk.core.draft import Draft, Path, Section, TreeError
from ideodesk.core.sections import section_label
from ideodesk.gui import texts
from ideodesk.gui.qt import QAbstractItemModel, QColor, QMimeData, QModelIndex, Qt

MIME = "application/x-ideodesk-section"
_ROOT = QModelIndex()  # the invisible root, as Qt's default argument
_UID_ROLE = Qt.ItemDataRole.UserRole + 1
_TYPE_ROLE = Qt.ItemDataRole.UserRole + 2


class OutlineModel(QAbstractItemModel):
    """Column 0: numbered heading (or a preview of unheaded text); column 1: section type."""

    def __init__(self, draft: Draft | None = None, parent=None) -> None:
        super().__init__(parent)
        self.draft = draft or Draft()
        self._parents: dict[int, int | None] = {}
        self._sections: dict[int, Section] = {}
        self._rebuild()
        self.move_handler = None  # set by the owner: (path, new_parent, index) -> None

    # ------------------------------------------------------------ structure
    def set_draft(self, draft: Draft) -> None:
        self.beginResetModel()
        self.draft = draft
        self._rebuild()
        self.endResetModel()

    def refresh(self) -> None:
        """The draft changed shape or numbering: re-read it."""
        self.set_draft(self.draft)

    def _rebuild(self) -> None:
        self._parents.clear()
        self._sections.clear()

        def walk(items: list[Section], parent: int | None) -> None:
            for s in items:
                self._parents[s.uid] = parent
                self._sections[s.uid] = s
                walk(s.children, s.uid)

        walk(self.draft.sections, None)

    def _children(self, uid: int | None) -> list[Section]:
        return self.draft.sections if uid is None else self._sections[uid].children

    def section(self, index: QModelIndex) -> Section | None:
        return self._sections.get(index.internalId()) if index.isValid() else None

    def path(self, index: QModelIndex) -> Path:
        sec = self.section(index)
        return self.draft.path_of(sec) if sec is not None else ()

    def index_of(self, uid: int, column: int = 0) -> QModelIndex:
        if uid not in self._sections:
            return QModelIndex()
        parent = self._parents[uid]
        row = next(i for i, s in enumerate(self._children(parent)) if s.uid == uid)
        return self.createIndex(row, column, uid)

    def index_of_path(self, path: Path) -> QModelIndex:
        try:
            return self.index_of(self.draft.section(path).uid)
        except TreeError:
            return QModelIndex()

    # ------------------------------------------------------------ Qt API
    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        children = self._children(parent.internalId() if parent.isValid() else None)
        if 0 <= row < len(children) and 0 <= column < 2:
            return self.createIndex(row, column, children[row].uid)
        return QModelIndex()

    def parent(self, index: QModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._parents.get(index.internalId())
        return self.index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent.internalId() if parent.isValid() else None))

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802
        return 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        sec = self.section(index)
        if sec is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 1:  # the short form in the pane, the full label as a tip
                label = section_label(sec.type)
                return label.split("/")[0] if role == Qt.ItemDataRole.DisplayRole else label
            if sec.headed:
                return self.draft.label(self.path(index)) + sec.heading
            preview = "".join(sec.paragraphs)[:24]
            return (
                texts.OUTLINE_PREVIEW.format(preview=preview or texts.EMPTY_PARAGRAPH)
                if sec.paragraphs or not sec.children
                else texts.UNNAMED_GROUP
            )
        if role == _UID_ROLE:
            return sec.uid
        if role == _TYPE_ROLE:
            return sec.type
        if role == Qt.ItemDataRole.ForegroundRole and not sec.headed and index.column() == 0:
            return QColor("#666666")
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (texts.OUTLINE_COLUMN, texts.COLUMN_TYPE)[section]
        return None

    def flags(self, index: QModelIndex):
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    # ------------------------------------------------------------ drag and drop
    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        valid = [i for i in indexes if i.isValid() and i.column() == 0]
        if valid:
            data.setData(MIME, str(valid[0].internalId()).encode())
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not data.hasFormat(MIME) or self.move_handler is None:
            return False
        uid = int(bytes(data.data(MIME)).decode())
        if uid not in self._sections:
            return False
        target_parent = self.path(parent) if parent.isValid() else ()
        if row < 0:
            row = len(self._children(parent.internalId() if parent.isValid() else None))
        self.move_handler(self.draft.path_of(self._sections[uid]), target_parent, row)
        return False  # the move already happened; Qt must not remove the source row itself
