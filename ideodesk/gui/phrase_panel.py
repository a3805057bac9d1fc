"""The phrase panel: standard formulations that fit the section being written.

It follows the cursor: the section's type, the draft's genre and the committed text
before the cursor.  Lookups run on the phrase bank's worker (the newest lookup waiting
replaces the one before it), so typing never waits for the bank — not even for jieba's
first load.  Insertion is one undo step in the editor and is recorded as a use on the
same worker, queued so that no lookup can drop it; rankings learn.
"""

from __future__ import annotations

import re

from ideodesk.core.draft import SLOT_RE
from ideodesk.core.sections import section_label
from ideodesk.gui.ops import GuiWorker
from ideodesk.gui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

_HIT = Qt.ItemDataRole.UserRole
LIMIT = 9  # Alt+1…9


class PhrasePanel(QWidget):
    inserted = Signal(str)

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.bank = None
        self.hits: list = []
        self._section_cache: dict[tuple, list] = {}  # (section, genre, heading) → hits
        self.generation = 0
        self.shown_generation = 0
        self.search = QLineEdit(placeholderText="检索规范表述：词语、拼音首字母（如 llzw）")
        self.search.setClearButtonEnabled(True)
        self.context = QLabel("正在载入规范表述库…")
        self.context.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.add_button = QPushButton("把选中的文字加入词库")
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.search)
        col.addWidget(self.context)
        col.addWidget(self.list, 1)
        col.addLayout(row)
        self.lookups = GuiWorker("phrases")  # the bank's worker; no parent, as it outlives us
        self.lookups.failed.connect(lambda what, message: self.context.setText(f"{what}失败：{message}"))
        self._follow = QTimer(self, singleShot=True, interval=0)  # coalesce a burst of events
        self._follow.timeout.connect(self.lookup)
        workspace.context_changed.connect(self._follow.start)
        workspace.editor.insert_requested.connect(self.insert_nth)
        self.search.textChanged.connect(lambda _: self._follow.start())
        self.search.returnPressed.connect(lambda: self.insert_nth(max(0, self.list.currentRow())))
        self.list.itemActivated.connect(lambda item: self.insert_nth(self.list.row(item)))
        self.list.itemDoubleClicked.connect(lambda item: self.insert_nth(self.list.row(item)))
        self.add_button.clicked.connect(self.add_selection)

    def set_bank(self, bank) -> None:
        self.bank = bank
        self._section_cache.clear()
        self.context.setText("规范表述库已就绪")
        self.lookup()

    def close(self) -> bool:
        self.lookups.close(2)
        return super().close()

    def _ask(self, fn, mode: str) -> None:
        """Run one lookup on the bank's worker; a newer one waiting replaces it."""
        generation = self.generation
        self.lookups.submit(
            fn, done=lambda hits: self._show(generation, hits, mode),
            failed=lambda e: self._show(generation, e, mode), label="检索规范表述", key="lookup",
        )  # fmt: skip

    # ------------------------------------------------------------ lookup
    def lookup(self) -> None:
        if self.bank is None:
            return
        self.generation += 1
        section = self.ws.editor.current_type() if self.ws.draft_id is not None else None
        genre = self.ws.genre if self.ws.draft_id is not None else None
        query = self.search.text().strip()
        bank = self.bank
        if query:
            self._ask(lambda: bank.search(query, section, genre, LIMIT), "search")
            return
        before = self.ws.editor.text_before_cursor() if self.ws.draft_id is not None else ""
        if not before.strip():
            # Nothing typed on this line: formulations for the section, by its heading.
            key = (section, genre, self.ws.editor.current_heading())
            if key in self._section_cache:
                self._show(self.generation, self._section_cache[key], "section")
                return

            def fetch(key=key):
                hits = _for_section(bank, *key)
                self._section_cache[key] = hits
                return hits

            self._ask(fetch, "section")
            return
        self._ask(lambda: bank.suggest(before, section, genre, LIMIT, wait_for_words=False), "typing")

    def _show(self, generation: int, hits, mode: str) -> None:
        if generation != self.generation:
            return  # a newer lookup is on its way
        if isinstance(hits, Exception):
            self.context.setText(f"检索出错：{hits}")
            return
        self.shown_generation = generation
        self.hits = list(hits)
        label = section_label(self.ws.editor.current_type()) if self.ws.draft_id is not None else ""
        self.context.setText(
            {"search": "检索结果", "typing": "续写与相关表述", "section": "本段常用表述"}.get(mode, "")
            + (f" · {label}" if label else "")
        )
        self.list.clear()
        for n, hit in enumerate(self.hits, 1):
            tags = []
            if hit.status != "current":
                tags.append("旧提法")
            if hit.favourite:
                tags.append("★")
            shown = hit.text if not hit.completion else f"{hit.text[: hit.overlap]}【{hit.completion}】"
            item = QListWidgetItem(f"Alt+{n}  {shown}" + (f"  （{'，'.join(tags)}）" if tags else ""))
            item.setData(_HIT, hit)
            self.list.addItem(item)

    # ------------------------------------------------------------ insert
    def insert_nth(self, n: int) -> None:
        if not (0 <= n < len(self.hits)) or self.ws.draft_id is None:
            return
        hit = self.hits[n]
        text = hit.completion or hit.text
        values = {k: v for k, v in self.ws.draft.variables.items() if v}
        text = SLOT_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        body = self.ws.editor
        body.setFocus()
        body.insert_phrase(text)  # one undo step
        bank = self.bank
        self.lookups.submit(lambda: bank.record_use(hit.id), label="记录表述的使用")  # never dropped
        self._section_cache.clear()  # rankings learn from this use
        self.inserted.emit(text)
        self.search.clear()

    def add_selection(self) -> str | None:
        """Add the selected editor text to the bank under the current section type."""
        text = self.ws.editor.textCursor().selectedText().replace("\u2029", "").strip()
        if not text or self.bank is None:
            self.context.setText("请先在正文中选中要加入的文字")
            return None
        section = self.ws.editor.current_type()
        kind = "heading" if len(text) <= 20 and not re.search("[。！？]", text) else "sentence"
        try:
            result = self.bank.add(text, section, kind)
        except Exception as e:  # a Chinese message from the bank
            self.context.setText(str(e))
            return None
        self.context.setText(("已加入词库：" if result.created else "词库中已有：") + text[:20])
        return text


def _for_section(bank, section, genre, heading: str = ""):
    """With nothing typed yet: formulations that fit the section — first those sharing
    the heading's words, then the section's commonest headings and transitions."""
    hits, seen = [], set()

    def take(found):
        for hit in found:
            if hit.id not in seen and (section is None or section in hit.section_types):
                seen.add(hit.id)
                hits.append(hit)

    if len(heading) >= 2:
        take(bank.search(heading[-8:], section, genre, LIMIT))
    for probe in ("要", "是", "的"):  # characters nearly every formulation contains
        if len(hits) >= LIMIT:
            break
        take(bank.search(probe, section, genre, LIMIT * 2))
    return hits[:LIMIT]
