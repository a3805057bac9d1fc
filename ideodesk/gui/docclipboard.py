"""The document editor's clipboard: copy with structure, paste with cleaning and outline
recovery (one undo step back to the plain paste), files dropped in."""

from __future__ import annotations

from dataclasses import replace

from ideodesk.core import autoformat
from ideodesk.core.flatdoc import (
    BODY,
    HEADING,
    TITLE,
    Props,
)
from ideodesk.gui import texts
from ideodesk.gui.docprops import (
    MIME,
    PROPS,
    props_of,
)
from ideodesk.gui.qt import (
    QMimeData,
)


class ClipboardMixin:
    """Copy, paste and dropped files of :class:`DocEditor`."""

    # ------------------------------------------------------------ clipboard
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        """Plain text with the numbers (what other programs get) and the paragraphs with
        their props (what this editor pastes back)."""
        cursor = self.textCursor()
        doc = self.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        a, b = doc.findBlock(start), doc.findBlock(end)
        import json

        parts, plain = [], []
        block = a
        while block.isValid():
            s = start - block.position() if block == a else 0
            e = end - block.position() if block == b else len(block.text())
            text = block.text()[s:e]
            n = block.blockNumber()
            label = self.labels[n] if n < len(self.labels) and s == 0 else ""
            parts.append([block.blockFormat().property(PROPS) or Props().key(), text])
            plain.append(label + text)
            if block == b:
                break
            block = block.next()
        data = QMimeData()
        data.setText("\n".join(plain))
        data.setData(MIME, json.dumps(parts, ensure_ascii=False).encode())
        return data

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802
        return source.hasText() or source.hasFormat(MIME) or source.hasUrls()

    def insertFromMimeData(self, source) -> None:  # noqa: N802
        import json

        if source.hasFormat(MIME):
            parts = json.loads(bytes(source.data(MIME)).decode())
            self.insert_paragraphs([(Props.from_key(k), t) for k, t in parts], texts.EDIT_PASTE)
            return
        paths = [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []
        paths = [p for p in paths if p.lower().endswith((".txt", ".docx"))]
        if paths:
            self.insert_files(paths)
            return
        if source.hasText():
            self.paste_text(source.text())

    def insert_paragraphs(self, paras: list[tuple[Props, str]], label: str, keep_first: bool = True) -> int:
        """Put paragraphs at the cursor (replacing the selection) as one step; the first
        joins the text before the cursor and the last the text after it.  Returns the
        number of the first block touched."""
        self.commit()
        cursor = self.textCursor()
        doc = self.document()
        a = doc.findBlock(cursor.selectionStart())
        b = doc.findBlock(cursor.selectionEnd())
        first, last = a.blockNumber(), b.blockNumber()
        before = a.text()[: cursor.selectionStart() - a.position()]
        after = b.text()[cursor.selectionEnd() - b.position() :]
        paras = [(p, t) for p, t in paras] or [(props_of(a), "")]
        first_key = self._state[first][0]
        pk = Props.from_key(first_key)
        blocks = []
        for i, (p, t) in enumerate(paras):
            if i == 0:
                key = first_key if keep_first or pk.is_meta else p.key()
                blocks.append((key, before + t))
            else:
                blocks.append((p.key(), t))
        if len(blocks) > 1 and Props.from_key(blocks[-1][0]).is_meta:
            blocks[-1] = (Props(BODY, pk.level).key(), blocks[-1][1])
        end_pos = sum(len(t) + 1 for _, t in self._state[:first]) + sum(len(t) + 1 for _, t in blocks) - 1
        blocks[-1] = (blocks[-1][0], blocks[-1][1] + after)
        self.change_blocks(first, last - first + 1, blocks, label, end_pos)
        return first

    def paste_text(self, text: str) -> None:
        """A plain paste (one step), then the importer's cleaning and outline recovery on
        the pasted lines as a second step: one Ctrl+Z gives the plain paste back."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").split("\n")
        here = props_of(self.textCursor().block())
        whole = len([t for t in lines if t.strip()]) > 1 and not any(t for _, t in self.paragraphs())
        if here.is_meta and whole:
            self.go_to_block(2)  # a whole document pasted into an empty draft fills the draft
            here = props_of(self.textCursor().block())
        if here.is_meta:  # title, addressee, issuer and date are one line each
            self.insert_paragraphs([(here, "".join(line.strip() for line in lines))], texts.EDIT_PASTE)
            return
        body = here.as_body()
        if here.role == BODY:
            body = Props(BODY, here.level, type=here.type)
        first = self.insert_paragraphs([(body, line) for line in lines], texts.EDIT_PASTE)
        if len([line for line in lines if line.strip()]) < 2 and not autoformat.typed_marker(lines[0], 0):
            return
        self.recover_pasted(first, len(lines))

    def recover_pasted(self, first: int, count: int) -> None:
        """The outline in just-pasted blocks as its own step (the plain paste before it)."""
        from ideodesk.core.pasting import recover_paragraphs

        pasted = recover_paragraphs(
            [t for _, t in self._state[first : first + count]], self._level_before(first)
        )
        if pasted is None:
            return
        state = self._state
        whole = (
            first == 2 and first + count == len(state) - 2 and not any(t for _, t in state[:2] + state[-2:])
        )
        new = [(p.key(), t) for p, t in pasted.paragraphs]
        if whole:  # an old document pasted into an empty draft: it fills the draft
            title = Props(TITLE, numbering=pasted.numbering).key()
            head = [(title, pasted.title), (state[1][0], pasted.addressee)]
            tail = [(state[-2][0], pasted.issuer), (state[-1][0], pasted.date)]
            blocks = head + new + tail
            first, count = 0, len(state)
        else:
            level = self._level_before(first)
            extra = [(Props(BODY, max(level, 1)).key(), t) for t in (pasted.title, pasted.addressee) if t]
            closing = [(Props(BODY, max(level, 1)).key(), t) for t in (pasted.issuer, pasted.date) if t]
            blocks = extra + new + closing
            if pasted.numbering and not level:
                key0 = replace(Props.from_key(state[0][0]), numbering=pasted.numbering).key()
                blocks = [(key0, state[0][1]), *state[1:first], *blocks]
                count += first
                first = 0
        end_pos = sum(len(t) + 1 for _, t in self._state[:first]) + sum(len(t) + 1 for _, t in blocks) - 1
        if whole:
            end_pos = sum(len(t) + 1 for _, t in blocks[:-2]) - 1
        self.change_blocks(first, count, blocks, texts.UNDO_RECOGNISE_OUTLINE, end_pos)
        self.relabel()

    def _level_before(self, n: int) -> int:
        """The level of the heading that owns paragraph ``n`` (0 at the top)."""
        block = self.document().findBlockByNumber(n)
        while block.isValid():
            p = props_of(block)
            if p.role == HEADING and block.text().strip():
                return p.level
            if p.role == TITLE:
                return 0
            block = block.previous()
        return 0

    def insert_files(self, paths: list[str]) -> None:
        from ideodesk.core.reading import read_source
        from ideodesk.errors import IdeoError

        lines: list[str] = []
        for path in paths:
            try:
                source = read_source(path)
            except IdeoError as e:
                self.message.emit(str(e))
                return
            lines.extend(line.text for line in source.lines)
        self.paste_text("\n".join(lines))

    def dropEvent(self, event) -> None:  # noqa: N802
        self.commit()
        super().dropEvent(event)
        self.commit(texts.UNDO_DRAG_TEXT)
