"""The phrase bank manager: browse by section type and kind, edit, hide, favourite,
review imported candidates, and share packs."""

from __future__ import annotations

from ideodesk.core.sections import SECTION_TYPES, section_label
from ideodesk.errors import IdeoError
from ideodesk.gui.qt import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

KIND_LABELS = {
    "heading": "标题",
    "sentence": "句子",
    "提法": "提法",
    "transition": "过渡句",
    "closing": "结束语",
}
_ID = Qt.ItemDataRole.UserRole


class PhraseManager(QDialog):
    def __init__(self, bank, parent=None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.setWindowTitle("规范表述库")
        self.resize(900, 620)
        tabs = QTabWidget()
        tabs.addTab(self._browse_tab(), "浏览与编辑")
        tabs.addTab(self._review_tab(), "审核导入的候选")
        col = QVBoxLayout(self)
        col.addWidget(tabs)
        self.status = QLabel()
        col.addWidget(self.status)
        self.refresh()
        self.refresh_review()

    # ------------------------------------------------------------ browse
    def _browse_tab(self) -> QWidget:
        page = QWidget()
        self.section = QComboBox()
        self.section.addItem("全部段落类型", None)
        for type_id in SECTION_TYPES:
            self.section.addItem(section_label(type_id), type_id)
        self.kind = QComboBox()
        self.kind.addItem("全部种类", None)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.filter = QLineEdit(placeholderText="筛选文字")
        self.show_hidden = QComboBox()
        self.show_hidden.addItems(["不含隐藏的", "含隐藏的"])
        self.list = QListWidget()
        self.list.setWordWrap(True)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("修改…")
        self.hide_button = QPushButton("隐藏/取消隐藏")
        self.fav_button = QPushButton("收藏/取消收藏")
        self.export_button = QPushButton("导出词包…")
        self.import_button = QPushButton("导入词包…")
        for b in (
            self.edit_button,
            self.hide_button,
            self.fav_button,
            self.export_button,
            self.import_button,
        ):
            buttons.addWidget(b)
        top = QHBoxLayout()
        for w in (self.section, self.kind, self.show_hidden, self.filter):
            top.addWidget(w)
        col = QVBoxLayout(page)
        col.addLayout(top)
        col.addWidget(self.list, 1)
        col.addLayout(buttons)
        for box in (self.section, self.kind, self.show_hidden):
            box.currentIndexChanged.connect(lambda _: self.refresh())
        self.filter.textChanged.connect(lambda _: self.refresh())
        self.edit_button.clicked.connect(self.edit_current)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.fav_button.clicked.connect(self.toggle_favourite)
        self.export_button.clicked.connect(lambda: self.export_pack())
        self.import_button.clicked.connect(lambda: self.import_pack())
        return page

    def refresh(self) -> None:
        section, kind, text = self.section.currentData(), self.kind.currentData(), self.filter.text().strip()
        phrases = self.bank.phrases(include_hidden=self.show_hidden.currentIndex() == 1)
        shown = [
            p
            for p in phrases
            if (section is None or section in p.section_types)
            and (kind is None or p.kind == kind)
            and (not text or text in p.text)
        ]
        self.list.clear()
        for p in shown[:2000]:
            marks = "".join(m for m, on in (("★", p.favourite), ("（隐藏）", p.hidden)) if on)
            types = "、".join(section_label(t) for t in p.section_types)
            item = QListWidgetItem(
                f"{marks}{p.text}\n{KIND_LABELS.get(p.kind, p.kind)} · {types} · 用过 {p.uses} 次"
            )
            item.setData(_ID, p.id)
            self.list.addItem(item)
        self.status.setText(f"共 {len(shown)} 条")

    def _current(self) -> int | None:
        item = self.list.currentItem()
        return item.data(_ID) if item else None

    def _guard(self, fn) -> None:
        """Run a bank change; show its message (or its error) after the list is re-read."""
        message = None
        try:
            message = fn()
        except IdeoError as e:
            QMessageBox.warning(self, "规范表述库", str(e))
        self.refresh()
        if isinstance(message, str):
            self.status.setText(message)

    def edit_current(self, new_text: str | None = None) -> None:
        pid = self._current()
        if pid is None:
            return
        phrase = self.bank.get(pid)
        if new_text is None:
            new_text, ok = QInputDialog.getText(self, "修改词条", "文字：", text=phrase.text)
            if not ok:
                return
        self._guard(lambda: self.bank.edit(pid, text=new_text))

    def toggle_hidden(self) -> None:
        pid = self._current()
        if pid is not None:
            self._guard(lambda: self.bank.hide(pid, not self.bank.get(pid).hidden))

    def toggle_favourite(self) -> None:
        pid = self._current()
        if pid is not None:
            self._guard(lambda: self.bank.set_favourite(pid, not self.bank.get(pid).favourite))

    def export_pack(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "导出词包", "我的规范表述.json", "词包 (*.json)")
            if not path:
                return

        def run():
            return f"已导出 {self.bank.export_pack(path)} 条到 {path}"

        self._guard(run)

    def import_pack(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "导入词包", "", "词包 (*.json);;所有文件 (*)")
            if not path:
                return

        def run():
            result = self.bank.import_pack(path)
            return f"词包共 {result.total} 条：新增 {len(result.added)} 条，已有 {result.present} 条"

        self._guard(run)

    # ------------------------------------------------------------ review queue
    def _review_tab(self) -> QWidget:
        page = QWidget()
        self.review = QListWidget()
        self.review.setWordWrap(True)
        accept, reject = QPushButton("收下"), QPushButton("不要（以后不再提示）")
        row = QHBoxLayout()
        row.addWidget(accept)
        row.addWidget(reject)
        col = QVBoxLayout(page)
        col.addWidget(QLabel("从导入的文稿中提取的标题、提法和过渡句，审核后才进入词库："))
        col.addWidget(self.review, 1)
        col.addLayout(row)
        accept.clicked.connect(lambda: self.decide(True))
        reject.clicked.connect(lambda: self.decide(False))
        return page

    def refresh_review(self) -> None:
        self.review.clear()
        for c in self.bank.review_list("pending"):
            types = "、".join(section_label(t) for t in c.section_types)
            item = QListWidgetItem(f"{c.text}\n{KIND_LABELS.get(c.kind, c.kind)} · {types} · 来自 {c.source}")
            item.setData(_ID, c.id)
            self.review.addItem(item)

    def decide(self, accept: bool) -> None:
        item = self.review.currentItem()
        if item is None:
            return
        cid = item.data(_ID)
        self._guard(lambda: self.bank.accept(cid) if accept else self.bank.reject(cid))
        self.refresh_review()
