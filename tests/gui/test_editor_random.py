"""Random operations on the real document editor: after every step the editor shows what
the draft model holds, every undo/redo goes back to exactly the state it recorded, and a
save and reopen gives the model back."""

from __future__ import annotations

import random

import pytest

from ideodesk.core.flatdoc import layout
from ideodesk.core.genres import genre
from ideodesk.gui.qt import Qt, QTextCursor
from ideodesk.store.drafts import DraftStore
from ideodesk.store.saver import BackgroundSaver
from tests.gui.ime import type_chinese

pytestmark = pytest.mark.gui

WORDS = ["加强领导", "全面落实", "。", "，", "意识形态", "我们要", "！", "；", "一是", "（一）", "1."]
PASTES = [
    "一、总体情况\n今年以来，工作扎实推进。\n（一）主要做法\n一是加强领导。二是压实责任。",
    "（一）加强理论武装\n深入学习。\n（二）强化阵地建设\n管好用好各类阵地。",
    "普通的一段话。\n又一段话。",
    "1.建立台账\n2.定期研判",
]


def doc_blocks(editor) -> list[str]:
    block, out = editor.document().begin(), []
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out


def snapshot(editor):
    block, out = editor.document().begin(), []
    while block.isValid():
        out.append((block.blockFormat().property(editor_props()), block.text()))
        block = block.next()
    return out


def editor_props():
    from ideodesk.gui.doceditor import PROPS

    return PROPS


class Runner:
    def __init__(self, qtbot, ws, store, draft_id, seed):
        self.qtbot, self.ws, self.ed, self.store = qtbot, ws, ws.editor, store
        self.draft_id, self.rev = draft_id, store.load(draft_id).rev
        self.rng = random.Random(seed)
        self.states = {0: snapshot(self.ed)}
        self.log: list[str] = []
        stack = self.ed.undo_stack
        push = stack.push

        def recording_push(command):  # every step the editor makes is recorded as it lands
            push(command)
            index = stack.index()
            self.states = {k: v for k, v in self.states.items() if k < index}
            self.states[index] = snapshot(self.ed)

        stack.push = recording_push

    # ------------------------------------------------------------ helpers
    def place(self, anywhere=True):
        doc = self.ed.document()
        n = self.rng.randrange(doc.blockCount())
        block = doc.findBlockByNumber(n)
        cursor = QTextCursor(block)
        at = self.rng.randint(0, len(block.text())) if anywhere else 0
        cursor.setPosition(block.position() + at)
        self.ed.setTextCursor(cursor)
        self.ed._cursor_before = cursor.position()
        return n, at

    def words(self, k=3):
        return "".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, k)))

    # ------------------------------------------------------------ operations
    def op_type(self):
        self.place()
        type_chinese(self.ed, self.words())

    def op_enter(self):
        self.place()
        self.qtbot.keyClick(self.ed, Qt.Key.Key_Return)

    def op_backspace_join(self):
        self.place(anywhere=False)
        self.qtbot.keyClick(self.ed, Qt.Key.Key_Backspace)

    def op_delete_across(self):
        doc = self.ed.document()
        a, b = sorted(self.rng.randrange(doc.characterCount() - 1) for _ in range(2))
        cursor = self.ed.textCursor()
        cursor.setPosition(a)
        cursor.setPosition(min(b, a + 80), QTextCursor.MoveMode.KeepAnchor)
        self.ed.setTextCursor(cursor)
        self.qtbot.keyClick(self.ed, Qt.Key.Key_Backspace)

    def op_paste(self):
        self.place()
        self.ed.paste_text(self.rng.choice(PASTES))

    def op_autoformat(self):
        self.place()
        self.qtbot.keyClick(self.ed, Qt.Key.Key_Return)
        type_chinese(self.ed, self.rng.choice(["一、", "（一）", "（1）", "一是", "第一，"]) + "加强领导")

    def op_level(self):
        self.place()
        key = self.rng.choice([Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4])
        self.qtbot.keyClick(self.ed, key, Qt.KeyboardModifier.ControlModifier)

    def op_tree(self):
        self.place()
        getattr(
            self.ws,
            self.rng.choice(["move_up", "move_down", "promote", "demote", "merge_next", "split_here"]),
        )()

    def op_undo(self):
        for _ in range(self.rng.randint(1, 3)):
            self.ed.undo()
            self.expect_recorded()

    def op_redo(self):
        for _ in range(self.rng.randint(1, 3)):
            self.ed.redo()
            self.expect_recorded()

    def op_phrase(self):
        self.place()
        self.ed.insert_phrase("坚持党管意识形态原则。", self.rng.randint(0, 2))

    def op_fix(self):
        from ideodesk.checks import run_checks

        findings = [f for f in run_checks(self.ws.draft.snapshot()) if f.replacement is not None]
        if findings:
            from ideodesk.gui.checks_panel import ChecksPanel

            ChecksPanel(self.ws).apply(self.rng.choice(findings))

    def op_save_reopen(self):
        model = self.ws.draft
        self.rev = self.store.save(self.draft_id, model.snapshot(), self.rev)
        stored = self.store.load(self.draft_id).draft
        assert list(stored.blocks()) == list(model.blocks()), "the stored draft is the model"
        self.ed.load(stored)
        assert doc_blocks(self.ed) == [r.text for r in layout(model)]
        self.states = {0: snapshot(self.ed)}

    # ------------------------------------------------------------ checks
    def expect_recorded(self):
        index = self.ed.undo_stack.index()
        assert snapshot(self.ed) == self.states[index], f"undo/redo to {index} after {self.log[-12:]}"

    def check(self):
        self.ed.commit()
        model = self.ws.draft
        rows = layout(model)
        assert doc_blocks(self.ed) == [r.text for r in rows], f"editor ≠ model after {self.log[-12:]}"
        assert [r.props.role for r in rows][:2] == ["title", "addressee"]
        assert [r.props.role for r in rows][-2:] == ["issuer", "date"]
        assert snapshot(self.ed) == self.states[self.ed.undo_stack.index()], "an edit outside the history"

    def run(self, steps):
        ops = [
            ("type", 6), ("enter", 3), ("backspace_join", 3), ("delete_across", 2), ("paste", 1),
            ("autoformat", 2), ("level", 2), ("tree", 3), ("undo", 3), ("redo", 2), ("phrase", 1),
            ("fix", 0.3), ("save_reopen", 0.5),
        ]  # fmt: skip
        names = [n for n, _ in ops]
        weights = [w for _, w in ops]
        for _ in range(steps):
            name = self.rng.choices(names, weights)[0]
            self.log.append(name)
            getattr(self, f"op_{name}")()
            self.check()
        # and everything undone and redone again ends where it was
        end, end_index = snapshot(self.ed), self.ed.undo_stack.index()
        while self.ed.undo_stack.canUndo():
            self.ed.undo()
            self.expect_recorded()
        while self.ed.undo_stack.index() < end_index:
            self.ed.redo()
            self.expect_recorded()
        assert snapshot(self.ed) == end


@pytest.mark.parametrize("seed", range(20))
def test_random_operations_keep_editor_model_and_store_equal(qtbot, folder, seed):
    from ideodesk.gui.workspace import Workspace

    store = DraftStore.open(folder.drafts_db, folder.backups)
    saver = BackgroundSaver(store.path, store.backups_dir)
    ws = Workspace(saver)
    qtbot.addWidget(ws)
    ws.resize(900, 700)
    ws.show()
    draft = genre(["speech", "summary", "report", "notice"][seed % 4]).create()
    stored = store.create(draft)
    ws.open(stored.id, stored.draft, stored.rev)
    try:
        Runner(qtbot, ws, store, stored.id, seed).run(120)
    finally:
        ws.draft_id = None  # no autosave racing the test's own saves
        saver.close()
        store.close()
