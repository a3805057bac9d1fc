"""The checks panel: findings refresh after a pause in typing, click jumps, “修正” fixes.

Checks run on a worker thread over a snapshot of the draft; results that arrive after the
draft changed again are dropped and the run repeats, so the list always matches the text.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ideodesk.gui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from ideodesk.checks import Finding

# ideodesk.checks loads its formulation table: imported on the first run, not at start-up.
PAUSE_MS = 700
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
HEADING, PARAGRAPH = "heading", "paragraph"
_FINDING = Qt.ItemDataRole.UserRole


class _Bridge(QObject):
    done = Signal(int, object)  # generation, findings


class ChecksPanel(QWidget):
    """Lists findings for the workspace's draft and applies fixes to it."""

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.findings: list[Finding] = []
        self.generation = 0
        self._running = False
        self.summary = QLabel("尚未校对")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.fix_button = QPushButton("修正所选")
        self.fix_button.setEnabled(False)
        self.run_button = QPushButton("立即校对")
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addWidget(self.fix_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.summary)
        col.addWidget(self.list, 1)
        col.addLayout(row)
        self._bridge = _Bridge()  # no parent: a worker's late emit must find it alive
        self._bridge.done.connect(self._show)
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
        self.summary.setText("正在校对…" if self.ws.draft_id is not None else "尚未打开草稿")
        if self.ws.draft_id is not None:
            self._timer.start()

    def _edited(self) -> None:
        self.generation += 1
        self._timer.start()

    def run_now(self) -> None:
        if self.ws.draft_id is None:
            self.findings = []
            self.list.clear()
            self.summary.setText("尚未打开草稿")
            return
        if self._running:
            self._timer.start()  # one run at a time; try again after this one
            return
        self._running = True
        generation, snapshot = self.generation, self.ws.draft.snapshot()

        bridge = self._bridge

        def work():
            try:
                from ideodesk.checks import run_checks

                findings = run_checks(snapshot)
            except Exception as e:  # shown in the panel, never silently lost
                findings = e
            bridge.done.emit(generation, findings)

        threading.Thread(target=work, name="ideodesk-checks", daemon=True).start()

    def wait(self, timeout_ms: int = 10000) -> None:
        """Tests and export: run now and wait for the result."""
        from ideodesk.gui.qt import QApplication

        self._timer.stop()
        self.run_now()
        import time

        deadline = time.monotonic() + timeout_ms / 1000
        while self._running and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)

    def _show(self, generation: int, findings) -> None:
        self._running = False
        if isinstance(findings, Exception):
            self.summary.setText(f"校对出错：{findings}")
            return
        if generation != self.generation:
            self._timer.start()  # the text changed meanwhile: these results are stale
            return
        self.findings = findings
        self.list.clear()
        for f in findings:
            fix = f"\n→ 改为：{f.replacement}" if f.replacement else ""
            item = QListWidgetItem(
                f"[{SEVERITY_LABELS.get(f.severity, f.severity)}] {_where(f)}\n{f.message}{fix}"
            )
            item.setData(_FINDING, f)
            self.list.addItem(item)
        errors = sum(1 for f in findings if f.severity == "error")
        self.summary.setText(f"发现 {len(findings)} 处问题（错误 {errors} 处）" if findings else "未发现问题")

    def export_warning(self) -> str:
        if not self.findings:
            return ""
        errors = sum(1 for f in self.findings if f.severity == "error")
        return f"校对还有 {len(self.findings)} 处问题（其中错误 {errors} 处），建议修正后再导出。"

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
            self.summary.setText("该处文字已不在原位，请重新校对")
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
            self.summary.setText("该处文字已改动，请重新校对")
            return False
        number, start, end = place
        self.ws.editor.replace_range(number, start, end, finding.replacement, "校对修正")
        return True


def _where(f: Finding) -> str:
    loc = f.location
    if loc.section is None:
        return f.section_label or loc.field
    if loc.field == HEADING:
        return f"{f.section_label} 标题"
    return f"{f.section_label} 第{loc.paragraph}段"
