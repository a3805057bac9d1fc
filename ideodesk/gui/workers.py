"""Long jobs off the GUI thread: a core generator driven by a thread, reported by signals.

``for done, total in job.run()`` is the core's contract (import, export); cancelling is
just stopping the iteration between steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from ideodesk.errors import IdeoError
from ideodesk.gui.qt import QObject, Signal


class Job(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # the value returned by ``result()``
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        steps: Callable[[], Iterator[tuple[int, int]]],
        result: Callable[[], object] = lambda: None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._steps, self._result = steps, result
        self._cancel = threading.Event()
        self.thread = threading.Thread(target=self._run, name="ideodesk-job", daemon=True)

    def start(self) -> Job:
        self.thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self) -> None:
        try:
            gen = self._steps()
            for done, total in gen:
                self.progress.emit(done, total)
                if self._cancel.is_set():
                    gen.close()
                    self.cancelled.emit()
                    return
            self.finished.emit(self._result())
        except IdeoError as e:
            self.failed.emit(str(e))
        except Exception as e:  # shown to the user, never swallowed silently
            self.failed.emit(f"发生意外错误：{type(e).__name__}: {e}")
