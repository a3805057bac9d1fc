"""Long jobs off the GUI thread: a core generator driven by a thread, reported by signals.

``for done, total in job.run()`` is the core's contract (import, export); cancelling is
just stopping the iteration between steps.  Jobs run one after another on one
:class:`~ideodesk.worker.Worker` (the app's one mechanism for background work); a failure
is logged with its traceback and shown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator

from ideodesk.errors import IdeoError
from ideodesk.gui import texts
from ideodesk.gui.qt import QObject, Signal
from ideodesk.worker import Worker

log = logging.getLogger("ideodesk.jobs")
_jobs: Worker | None = None


def jobs_worker() -> Worker:
    global _jobs
    if _jobs is None:
        _jobs = Worker("jobs")
    return _jobs


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

    def start(self) -> Job:
        jobs_worker().submit(self._run, label=texts.BACKGROUND_JOB)
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
            log.error("job failed", exc_info=e)
            self.failed.emit(texts.UNEXPECTED_ERROR.format(kind=type(e).__name__, error=e))
