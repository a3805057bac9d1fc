"""The checks panel: findings refresh after a pause in typing, click jumps, “修正” fixes.

Checks run on the checker's worker over a snapshot of the draft, in a child process (a
cold run over a long draft would otherwise hold the interpreter lock and stall typing);
results that arrive after the draft changed again are dropped and the run repeats, so the
list always matches the text.  What needs current findings (export's warning) is queued
with :meth:`ChecksPanel.when_current`; nothing waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ideodesk.errors import user_message
from ideodesk.gui import texts
from ideodesk.gui.ops import GuiWorker
from ideodesk.gui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ideodesk.worker import ChildProcess

if TYPE_CHECKING:
    from ideodesk.checks import Finding

# ideodesk.checks loads its formulation table: imported on the first run, not at start-up.
PAUSE_MS = 700
SEVERITY_LABELS = {
    "error": texts.SEVERITY_ERROR,
    "warning": texts.SEVERITY_WARNING,
    "info": texts.SEVERITY_INFO,
}
HEADING, PARAGRAPH = "heading", "paragraph"
_FINDING = Qt.ItemDataRole.UserRole


_child = ChildProcess("checks")  # one for the app, started on the first check


def _run_checks(draft):
    """On the checker's worker: the checks, in the child process.  The function sent
    there is the core's own, so the child imports the checks and nothing of Qt."""
    from ideodesk.checks.runner import run_checks

    return _child(run_checks, draft)


class ChecksPanel(QWidget):
    """Lists findings for the workspace's draft and applies fixes to it."""

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.findings: list[Finding] = []
        self.generation = 0
        self.shown_generation = -1
        self.error = ""
        self._waiting: list = []  # called once findings match the text
        self.summary = QLabel(texts.NOT_CHECKED)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        # Laid out a batch at a time between events: a long draft's thousand findings
        # never hold the GUI thread (30 ms at once for 1 500 wrapped rows, 3 ms a batch).
        self.list.setLayoutMode(QListWidget.LayoutMode.Batched)
        self.list.setBatchSize(60)
        self.fix_button = QPushButton(texts.FIX_SELECTED)
        self.fix_button.setEnabled(False)
        self.run_button = QPushButton(texts.CHECK_NOW)
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addWidget(self.fix_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.summary)
        col.addWidget(self.list, 1)
        col.addLayout(row)
        self.ops = GuiWorker("checks")  # no parent: a late result must find it alive
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.run_now)
        workspace.draft_changed.connect(self._edited)
        workspace.draft_opened.connect(self._reset)
        self.list.currentItemChanged.connect(self._selected)
        self.list.itemActivated.connect(lambda item: self.jump(item.data(_FINDING)))
        self.list.itemClicked.connect(lambda item: self.jump(item.data(_FINDING)))
        self.fix_button.clicked.connect(self.fix_selected)
        self.run_button.clicked.connect(self.run_now)

    # ------------------------------------------------------------ running
    def _reset(self) -> None:
        """Another draft: the old findings go at once (a run still going is stale), the new
        draft is checked after the usual pause."""
        self.generation += 1
        self.findings = []
        self.list.clear()
        self.fix_button.setEnabled(False)
        self.summary.setText(texts.CHECKING if self.ws.draft_id is not None else texts.NO_DRAFT_OPEN)
        if self.ws.draft_id is not None:
            self._timer.start()

    def _edited(self) -> None:
        self.generation += 1
        self._timer.start()

    def run_now(self) -> None:
        if self.ws.draft_id is None:
            self.findings = []
            self.list.clear()
            self.summary.setText(texts.NO_DRAFT_OPEN)
            self._release()
            return
        generation, snapshot = self.generation, self.ws.draft.snapshot()
        self.ops.submit(
            lambda: _run_checks(snapshot), done=lambda found: self._show(generation, found),
            failed=lambda e: self._failed(generation, e), label=texts.CHECKS, key="check",
        )  # fmt: skip

    @property
    def current(self) -> bool:
        """The list shows the findings of the text as it is now."""
        return self.shown_generation == self.generation

    def when_current(self, then) -> None:
        """Call ``then()`` once the findings match the text (at once if they do)."""
        if self.current or self.ws.draft_id is None:
            then()
            return
        self._waiting.append(then)
        self._timer.stop()
        self.run_now()

    def _release(self) -> None:
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self.generation:
            self._timer.start()
            return
        self.error = user_message(error)
        self.summary.setText(texts.CHECK_FAILED.format(error=self.error))
        self.shown_generation = generation  # nothing better will come for this text
        self._release()

    def _show(self, generation: int, findings) -> None:
        if generation != self.generation:
            self._timer.start()  # the text changed meanwhile: these results are stale
            return
        self.error = ""
        self.shown_generation = generation
        self.findings = findings
        self.list.clear()
        for f in findings:
            fix = texts.FINDING_FIX.format(replacement=f.replacement) if f.replacement else ""
            item = QListWidgetItem(
                f"[{SEVERITY_LABELS.get(f.severity, f.severity)}] {_where(f)}\n{f.message}{fix}"
            )
            item.setData(_FINDING, f)
            self.list.addItem(item)
        errors = sum(1 for f in findings if f.severity == "error")
        self.summary.setText(
            texts.FINDINGS_SUMMARY.format(n=len(findings), errors=errors) if findings else texts.NO_FINDINGS
        )
        self._release()

    def export_warning(self) -> str:
        if self.error:
            return texts.EXPORT_CHECK_FAILED.format(error=self.error)
        if not self.findings:
            return ""
        errors = sum(1 for f in self.findings if f.severity == "error")
        return texts.EXPORT_FINDINGS_LEFT.format(n=len(self.findings), errors=errors)

    # ------------------------------------------------------------ jump and fix
    def _selected(self, item, _prev=None) -> None:
        finding = item.data(_FINDING) if item else None
        self.fix_button.setEnabled(bool(finding and finding.replacement is not None))

    def jump(self, finding: Finding | None) -> None:
        """Select the finding's exact span in the document."""
        if finding is None:
            return
        place = self._place(finding)
        if place is None:
            self.summary.setText(texts.FINDING_MOVED)
            return
        number, start, end = place
        self.ws.editor.go_to_block(number, start, end)
        self.ws.editor.setFocus()

    def _place(self, finding: Finding) -> tuple[int, int, int] | None:
        """(block number, start, end) of a finding's span in the document now, or None."""
        from ideodesk.checks.model import ADDRESSEE, DATE, ISSUER, TITLE

        loc = finding.location
        rows = self.ws.editor.rows()
        fields = {TITLE: 0, ADDRESSEE: 1, ISSUER: len(rows) - 2, DATE: len(rows) - 1}
        if loc.field in fields:
            number, offset = fields[loc.field], 0
        else:
            para = -1 if loc.field == HEADING else (loc.paragraph or 1) - 1
            match = None
            for n, row in enumerate(rows):
                if row.path != tuple(loc.section or ()):
                    continue
                if para == -1 and row.props.role == "heading":
                    match = (n, 0)  # a heading (run-in or not) starts its block
                    break
                if para >= 0 and row.para == para:
                    match = (n, row.offset)
                    break
            if match is None:
                return None
            number, offset = match
        text = rows[number].text
        start, end = offset + loc.start, offset + loc.end
        if text[start:end] != finding.text:
            return None
        return number, start, end

    def fix_selected(self) -> None:
        item = self.list.currentItem()
        finding = item.data(_FINDING) if item else None
        if finding is None or finding.replacement is None:
            return
        if self.apply(finding):
            self.list.takeItem(self.list.row(item))
            self.findings = [f for f in self.findings if f is not finding]

    def apply(self, finding: Finding) -> bool:
        """Apply one fix in the document as one undo step; False when the text has
        changed since the check ran."""
        place = self._place(finding)
        if place is None:
            self.summary.setText(texts.FINDING_CHANGED)
            return False
        number, start, end = place
        self.ws.editor.replace_range(number, start, end, finding.replacement, texts.CHECK_FIX_UNDO)
        return True


def _where(f: Finding) -> str:
    loc = f.location
    if loc.section is None:
        return f.section_label or loc.field
    if loc.field == HEADING:
        return texts.FINDING_AT_HEADING.format(section=f.section_label)
    return texts.FINDING_AT_PARAGRAPH.format(section=f.section_label, paragraph=loc.paragraph)
