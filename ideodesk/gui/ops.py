"""Background work for the GUI: one :class:`~ideodesk.worker.Worker` per store, with its
results and failures delivered on the GUI thread.

``ops.submit(fn, done=…)`` runs ``fn`` on the store's worker and then ``done(result)`` on
the GUI thread; a failure goes to ``failed`` if given, else to :attr:`GuiWorker.failed`,
which the main window shows.  Every failure is also in the log file of the data folder
(:func:`install_logging`).  Nothing on the GUI thread ever waits for a worker: what must
happen after a worker's job is queued as its continuation.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from ideodesk.errors import user_message
from ideodesk.gui import texts
from ideodesk.gui.qt import QObject, Signal
from ideodesk.worker import Task, Worker

log = logging.getLogger("ideodesk")


class GuiWorker(QObject):
    """A worker whose callbacks run on the GUI thread (queued through a signal)."""

    failed = Signal(str, str)  # what was being done, the message
    _deliver = Signal(object)  # a callable to run on the GUI thread

    def __init__(self, name: str, parent=None, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._deliver.connect(self._run_here)
        self.worker = worker or Worker(name)
        self.worker.on_error = self._unhandled

    def submit(
        self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None, *, label: str = "",
        key: Hashable | None = None,
    ) -> Task | None:  # fmt: skip
        if self.worker.closed:  # the window is closing: a late timer's lookup has no reader
            log.info("%s: %s after close, not run", self.worker.name, label or "task")
            return None
        return self.worker.submit(
            fn, label=label, key=key, done=self.on_gui(done) if done else None,
            failed=self.on_gui(failed) if failed else None,
        )  # fmt: skip

    def on_gui(self, fn: Callable[..., None]) -> Callable[..., None]:
        """``fn`` made callable from any thread: it runs later on the GUI thread."""

        def call(*args) -> None:
            self._deliver.emit(lambda: fn(*args))

        return call

    @property
    def idle(self) -> bool:
        return self.worker.idle

    def close(self, timeout: float = 5.0) -> bool:
        return self.worker.close(timeout)

    def _unhandled(self, task: Task, error: BaseException) -> None:
        self._deliver.emit(lambda: self.failed.emit(task.label or self.worker.name, user_message(error)))

    def _run_here(self, fn) -> None:
        fn()


class _Uncaught(QObject):
    """Carries an uncaught exception's message (from any thread) to the GUI thread."""

    raised = Signal(str)


uncaught = _Uncaught()  # the main window shows what it carries


def install_logging(log_file: Path) -> Path | None:
    """Log warnings and errors, with tracebacks, to ``log_file`` (kept small, rotated);
    uncaught exceptions on any thread go there too, and to :data:`uncaught` as a sentence
    for the user.  None when the file cannot be made (the app still runs; failures are
    still shown)."""
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root = logging.getLogger("ideodesk")
    for old in [h for h in root.handlers if getattr(h, "_ideodesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._ideodesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)

    def tell(value: BaseException) -> None:
        uncaught.raised.emit(
            texts.CRASH_MESSAGE.format(kind=type(value).__name__, error=value, log_file=log_file)
        )

    def excepthook(kind, value, tb) -> None:
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        sys.__excepthook__(kind, value, tb)
        if not issubclass(kind, KeyboardInterrupt):
            tell(value)

    def thread_excepthook(args) -> None:
        log.critical("uncaught exception in %s", args.thread.name if args.thread else "?",
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))  # fmt: skip
        if args.exc_value is not None:
            tell(args.exc_value)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    return log_file


def trim_heap() -> None:
    """Give freed memory back to the system after a burst of allocation (the phrase bank's
    index built, a long draft laid out).  glibc keeps freed blocks in the process (about
    12 MB after the 100 000-phrase bank opens); elsewhere this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl): nothing to do
        pass
