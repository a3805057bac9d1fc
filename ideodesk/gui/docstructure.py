"""The document editor's structure: where the cursor is in the outline, block properties
(level, run-in, type), and outline operations run through the draft model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ideodesk.core.draft import SLOT_RE, Draft, Path, TreeError
from ideodesk.core.flatdoc import (
    BODY,
    HEADING,
    TITLE,
    Props,
    layout,
    split_run_in,
    unflatten,
)
from ideodesk.gui import texts
from ideodesk.gui.docprops import (
    props_of,
)
from ideodesk.gui.qt import (
    QTextCursor,
)


class StructureMixin:
    """The outline at the cursor and operations on it, for :class:`DocEditor`."""

    # ------------------------------------------------------------ where the cursor is
    def block_props(self, number: int | None = None) -> Props:
        block = self.textCursor().block() if number is None else self.document().findBlockByNumber(number)
        return props_of(block)

    def section_opener(self):
        """The block that opens the section at the cursor (its heading, or the first
        paragraph of an unheaded section), or None in title/addressee/signature."""
        block = self.textCursor().block()
        if props_of(block).is_meta:
            return None
        while block.isValid():
            p = props_of(block)
            if p.opens_section or p.role == TITLE:
                return None if p.role == TITLE else block
            block = block.previous()
        return None

    def current_type(self) -> str:
        opener = self.section_opener()
        return props_of(opener).type if opener is not None else "general"

    def current_heading(self) -> str:
        opener = self.section_opener()
        if opener is None or props_of(opener).role != HEADING:
            return ""
        return split_run_in(opener.text())[0] if props_of(opener).run_in else opener.text()

    def current_path(self, stale_ok: bool = False) -> Path | None:
        """The section at the cursor; ``stale_ok``: from the last derived rows (what a view
        following the cursor may use between edits without rebuilding the draft)."""
        rows = self._rows[1] if stale_ok and self._rows is not None else self.rows()
        n = self.textCursor().blockNumber()
        return rows[n].path if n < len(rows) else None

    def text_before_cursor(self, limit: int = 40) -> str:
        cursor = self.textCursor()
        return cursor.block().text()[: cursor.positionInBlock()][-limit:]

    def block_of_path(self, path: Path) -> int | None:
        for n, row in enumerate(self.rows()):
            if row.path == path:
                return n
        return None

    def go_to_block(self, number: int, start: int = 0, end: int | None = None) -> None:
        self.commit()
        block = self.document().findBlockByNumber(number)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(start, block.length() - 1))
        if end is not None:
            cursor.setPosition(
                block.position() + min(end, block.length() - 1), QTextCursor.MoveMode.KeepAnchor
            )
        self.setTextCursor(cursor)
        self._cursor_before = cursor.position()
        # bring the block near the top, as Word's navigation pane does
        rect = self.document().documentLayout().blockBoundingRect(block)
        bar = self.verticalScrollBar()
        if not (bar.value() <= rect.top() <= bar.value() + self.viewport().height() - rect.height()):
            bar.setValue(int(rect.top() - self.viewport().height() / 4))
        self.ensureCursorVisible()

    # ------------------------------------------------------------ block properties
    def set_block_props(self, numbers: list[int], change: Callable[[Props], Props | None], text: str) -> bool:
        """Give blocks new props (level, role, run-in, type) as one undo step."""
        self.commit()
        if not numbers:
            return False
        first, last = min(numbers), max(numbers)
        old = self._state[first : last + 1]
        new = list(old)
        for n in numbers:
            p = Props.from_key(old[n - first][0])
            q = change(p)
            if q is not None and q != p:
                new[n - first] = (q.key(), old[n - first][1])
        if new == old:
            return False
        keep = (self.textCursor().anchor(), self.textCursor().position())
        self.change_blocks(first, last - first + 1, new, text, keep)
        return True

    def selected_blocks(self) -> list[int]:
        cursor = self.textCursor()
        doc = self.document()
        a = doc.findBlock(cursor.selectionStart()).blockNumber()
        b = doc.findBlock(cursor.selectionEnd()).blockNumber()
        return [n for n in range(a, b + 1) if not props_of(doc.findBlockByNumber(n)).is_meta]

    def set_level(self, level: int) -> None:
        """Ctrl+1…4: the paragraphs at the cursor become headings of ``level``; 0: body text."""
        opener_type = self.current_type()

        def change(p: Props) -> Props:
            if level == 0:
                return p.as_body() if p.role == HEADING else p
            if p.role == HEADING:
                return replace(p, level=level)
            return Props(HEADING, level, False, p.type if p.start else opener_type, auto=True)

        label = (
            texts.SET_BODY if level == 0 else texts.SET_LEVEL.format(numeral=texts.LEVEL_NUMERALS[level - 1])
        )
        if not self.set_block_props(self.selected_blocks(), change, label):
            self.message.emit(texts.CANNOT_BE_HEADING if level else "")

    def shift_level(self, delta: int) -> bool:
        """Tab/Shift+Tab, Alt+→/←: heading(s) one level down or up; False if none."""
        numbers = [n for n in self.selected_blocks() if self.block_props(n).role == HEADING]
        if not numbers:
            return False

        def change(p: Props) -> Props | None:
            level = p.level + delta
            return replace(p, level=level) if 1 <= level <= 4 else None

        if not self.set_block_props(numbers, change, texts.DEMOTE if delta > 0 else texts.PROMOTE):
            self.message.emit(texts.ALREADY_TOP_LEVEL if delta < 0 else texts.AT_MOST_FOUR_LEVELS)
        return True

    def toggle_run_in(self) -> None:
        numbers = [n for n in self.selected_blocks() if self.block_props(n).role == HEADING]
        on = not all(self.block_props(n).run_in for n in numbers)

        def change(p: Props) -> Props:
            return replace(p, run_in=on)

        self.set_block_props(numbers, change, texts.UNDO_RUN_IN if on else texts.UNDO_RUN_OUT)

    def set_type(self, type_id: str) -> None:
        opener = self.section_opener()
        if opener is None:
            self.message.emit(texts.CURSOR_NOT_IN_PARAGRAPH)
            return

        def change(p: Props) -> Props:
            return replace(p, type=type_id, auto=False)

        self.set_block_props([opener.blockNumber()], change, texts.UNDO_SECTION_TYPE)

    # ------------------------------------------------------------ structure via the model
    def restructure(self, op: Callable[[Draft, Path | None], object], text: str) -> bool:
        """A tree operation ``op(draft, path_at_cursor) -> TreeChange`` on the draft this
        document stands for; the document becomes the result as one undo step."""
        self.commit()
        rows, _ = self._derived()
        n = self.textCursor().blockNumber()
        path = rows[n].path if n < len(rows) else None
        d = unflatten(self.paragraphs(), self.meta)
        try:
            change = op(d, path)
        except TreeError as e:
            self.message.emit(str(e))
            return False
        new_rows = layout(d)
        target = getattr(change, "path", None)
        cursor = None
        if target is not None:
            number = next((i for i, r in enumerate(new_rows) if r.path == target), None)
            if number is not None:
                cursor = sum(len(r.text) + 1 for r in new_rows[:number])
        self.set_paragraphs([(r.props, r.text) for r in new_rows], text, cursor)
        self.relabel()
        return True

    # ------------------------------------------------------------ text operations
    def replace_range(self, number: int, start: int, end: int, text: str, label: str) -> None:
        """Replace characters of one block (a phrase, a fix) as one undo step.  A body
        paragraph the replacement empties is removed, as ``checks.apply_fixes`` does (a
        repeated paragraph taken out leaves no blank paragraph behind)."""
        self.commit()
        key, old = self._state[number]
        new = old[:start] + text + old[end:]
        block = self.document().findBlockByNumber(number)
        props = Props.from_key(key)
        if old.strip() and not new.strip() and props.role == BODY and not props.start and number > 0:
            self.change_blocks(number, 1, [], label, block.position() - 1)
            return
        after = block.position() + start + len(text)
        self.change_blocks(number, 1, [(key, new)], label, after)

    def insert_phrase(self, text: str, replace_chars: int = 0) -> None:
        """At the cursor (over a selection inside one paragraph), as one undo step."""
        cursor = self.textCursor()
        block = cursor.block()
        start = cursor.selectionStart() - block.position()
        end = cursor.selectionEnd() - block.position()
        if cursor.hasSelection() and self.document().findBlock(cursor.selectionEnd()) != block:
            end = start
        start = max(0, start - replace_chars)
        number = block.blockNumber()
        self.replace_range(number, start, end, text, texts.UNDO_INSERT_PHRASE)
        slot = SLOT_RE.search(text)
        if slot:  # a figure to fill in (【次数】): selected, so typing the number replaces it
            at = self.document().findBlockByNumber(number).position() + start + slot.start()
            cursor = self.textCursor()
            cursor.setPosition(at)
            cursor.setPosition(at + len(slot.group(0)), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
