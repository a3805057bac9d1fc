"""The phrase panel: standard formulations that fit the section being written.

It follows the cursor: the section's type, the draft's genre and date, whether the
cursor is on a heading line, and the committed text before the cursor; what may be
offered there is decided by :mod:`ideodesk.phrases.offers` (continuations only of a
true prefix, whole sentences only at a sentence start, headings only on a heading line,
never the phrase just inserted).  "全部栏目" lifts the section filter.  While the typed
context stays the same the Alt numbers stay where they were.  Lookups run on the
phrase bank's worker (the newest lookup waiting replaces the one before it), so typing
never waits for the bank — not even for jieba's first load.  Insertion is one undo
step in the editor and is recorded as a use on the same worker, queued so that no
lookup can drop it; rankings learn.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ideodesk.core.draft import SLOT_RE
from ideodesk.core.flatdoc import DATE, HEADING
from ideodesk.core.sections import section_label
from ideodesk.gui import texts
from ideodesk.gui.docprops import props_of
from ideodesk.gui.ops import GuiWorker
from ideodesk.gui.qt import (
    QCheckBox,
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
from ideodesk.phrases.offers import Cursor, draft_date, offers, search_offers

_HIT = Qt.ItemDataRole.UserRole
LIMIT = 9  # Alt+1…9


class PhrasePanel(QWidget):
    inserted = Signal(str)

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.bank = None
        self.hits: list = []
        self.last_inserted: int | None = None  # never offered again right away
        self._asked_key: tuple | None = None  # the context of the lookup on its way
        self._shown_key: tuple | None = None  # the context the list was made for
        self.generation = 0
        self.shown_generation = 0
        self.search = QLineEdit(placeholderText=texts.PHRASE_SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.context = QLabel(texts.BANK_LOADING_STATUS)
        self.context.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.add_button = QPushButton(texts.ADD_SELECTION_BUTTON)
        self.all_sections = QCheckBox(texts.ALL_SECTIONS)
        self.all_sections.setToolTip(texts.ALL_SECTIONS_TIP)
        row = QHBoxLayout()
        row.addWidget(self.all_sections)
        row.addWidget(self.add_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.search)
        col.addWidget(self.context)
        col.addWidget(self.list, 1)
        col.addLayout(row)
        self.lookups = GuiWorker("phrases")  # the bank's worker; no parent, as it outlives us
        self.lookups.failed.connect(
            lambda what, message: self.context.setText(texts.JOB_FAILED.format(what=what, message=message))
        )
        self._follow = QTimer(self, singleShot=True, interval=0)  # coalesce a burst of events
        self._follow.timeout.connect(self.lookup)
        workspace.context_changed.connect(self._follow.start)
        workspace.editor.insert_requested.connect(self.insert_nth)
        self.search.textChanged.connect(lambda _: self._follow.start())
        self.search.returnPressed.connect(lambda: self.insert_nth(max(0, self.list.currentRow())))
        self.list.itemActivated.connect(lambda item: self.insert_nth(self.list.row(item)))
        self.list.itemDoubleClicked.connect(lambda item: self.insert_nth(self.list.row(item)))
        self.add_button.clicked.connect(self.add_selection)
        self.all_sections.toggled.connect(lambda _: self._follow.start())

    def set_bank(self, bank) -> None:
        self.bank = bank
        self.context.setText(texts.BANK_READY)
        self.lookup()

    def close(self) -> bool:
        self.lookups.close(2)
        return super().close()

    def _ask(self, fn, mode: str) -> None:
        """Run one lookup on the bank's worker; a newer one waiting replaces it."""
        generation = self.generation
        self.lookups.submit(
            fn, done=lambda hits: self._show(generation, hits, mode),
            failed=lambda e: self._show(generation, e, mode), label=texts.PHRASE_LOOKUP_JOB, key="lookup",
        )  # fmt: skip

    # ------------------------------------------------------------ lookup
    def cursor(self) -> Cursor:
        """Where the clerk is typing, for :func:`ideodesk.phrases.offers.offers`."""
        exclude = frozenset() if self.last_inserted is None else frozenset({self.last_inserted})
        if self.ws.draft_id is None:
            return Cursor(all_sections=True, exclude=exclude)
        editor = self.ws.editor
        before, props = editor.text_before_cursor(), editor.block_props()
        # A run-in heading (一是压实责任。正文…) is a heading up to its first 。 or ；
        line = editor.text_before_cursor(limit=1000) if props.run_in else ""
        on_heading = props.role == HEADING and not re.search("[。；]", line)
        return Cursor(
            before=before,
            section=editor.current_type(),
            genre=self.ws.genre,
            date=self._draft_date(),
            heading=on_heading,
            heading_text=editor.current_heading(),
            all_sections=self.all_sections.isChecked(),
            exclude=exclude,
        )

    def _draft_date(self) -> str | None:
        """The draft's signature date (the last blocks) or its 日期/年份 variables."""
        editor = self.ws.editor
        block, signed = editor.document().lastBlock(), ""
        for _ in range(3):
            if not block.isValid():
                break
            if props_of(block).role == DATE:
                signed = block.text()
                break
            block = block.previous()
        return draft_date(signed, editor.meta.variables)

    def lookup(self) -> None:
        if self.bank is None:
            return
        self.generation += 1
        cur = self.cursor()
        query = self.search.text().strip()
        bank = self.bank
        self._asked_key = (query, replace(cur, exclude=frozenset()))
        if query:
            self._ask(lambda: search_offers(bank, query, cur, LIMIT), "search")
        else:
            self._ask(lambda: offers(bank, cur, LIMIT), "typing" if cur.before.strip() else "section")

    def _show(self, generation: int, hits, mode: str) -> None:
        if generation != self.generation:
            return  # a newer lookup is on its way
        if isinstance(hits, Exception):
            self.context.setText(texts.LOOKUP_FAILED.format(error=hits))
            return
        self.shown_generation = generation
        hits = list(hits)
        if self._asked_key == self._shown_key:  # same context: the numbers stay put
            hits = keep_places([h.id for h in self.hits], hits)
        self._shown_key = self._asked_key
        self.hits = hits
        label = section_label(self.ws.editor.current_type()) if self.ws.draft_id is not None else ""
        if self.all_sections.isChecked():
            label = texts.ALL_SECTIONS
        self.context.setText(
            {
                "search": texts.OFFERS_SEARCH,
                "typing": texts.OFFERS_TYPING,
                "section": texts.OFFERS_SECTION,
            }.get(mode, "")
            + (f" · {label}" if label else "")
        )
        self.list.clear()
        for n, hit in enumerate(self.hits, 1):
            tags = []
            if hit.status != "current":
                tags.append(texts.OLD_FORMULATION)
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
        self.lookups.submit(lambda: bank.record_use(hit.id), label=texts.RECORD_USE_JOB)  # never dropped
        self.last_inserted = hit.id
        self.inserted.emit(text)
        self.search.clear()

    def add_selection(self) -> str | None:
        """Add the selected editor text to the bank under the current section type."""
        text = self.ws.editor.textCursor().selectedText().replace("\u2029", "").strip()
        if not text or self.bank is None:
            self.context.setText(texts.SELECT_TEXT_FIRST)
            return None
        section = self.ws.editor.current_type()
        kind = "heading" if len(text) <= 20 and not re.search("[。！？]", text) else "sentence"
        try:
            result = self.bank.add(text, section, kind)
        except Exception as e:  # a Chinese message from the bank
            self.context.setText(str(e))
            return None
        self.context.setText((texts.PHRASE_ADDED if result.created else texts.PHRASE_PRESENT) + text[:20])
        return text


def keep_places(shown: list[int], hits: list) -> list:
    """``hits`` arranged so that every phrase already shown keeps its number; the places
    of those gone (the phrase just inserted) go to the best new ones, in rank order."""
    new = {h.id: h for h in hits}
    fresh = iter([h for h in hits if h.id not in set(shown)])
    out = []
    for pid in shown:
        hit = new.get(pid) or next(fresh, None)
        if hit is not None:
            out.append(hit)
    out.extend(fresh)
    return out[: len(hits)]
