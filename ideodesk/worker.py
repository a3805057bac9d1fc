"""One background thread per store: tasks run in the order given, failures never vanish.

The app's one mechanism for background work (as Anki's CollectionOp): each store — the
drafts library, the phrase bank, the checker — gets one :class:`Worker`, so its
operations never race each other, and a continuation queued with :meth:`Worker.submit`
after a save runs only once that save is done.  The GUI wraps it (``gui/ops.py``) so that
results and failures arrive on the GUI thread; here it is plain threading, usable from
the command line and from tests.

A task may carry a ``key``: a task still waiting with the same key is replaced by the
new one (the newest lookup, the newest snapshot of a draft), keeping its place in the
queue.  Tasks without a key are never dropped (a usage record, a version snapshot).
Whatever a task raises is logged with its traceback and handed to its ``failed``
callback (or the worker's ``on_error``); the thread itself survives, and is restarted if
something ever kills it.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from ideodesk.errors import IdeoError

log = logging.getLogger("ideodesk.worker")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class Task:
    fn: Callable[[], Any]
    label: str = ""
    key: Hashable | None = None
    done: Done | None = None
    failed: Failed | None = None
    cancelled: bool = field(default=False, compare=False)


class Worker:
    def __init__(self, name: str, on_error: Callable[[Task, BaseException], None] | None = None) -> None:
        self.name = name
        self.on_error = on_error
        self._cond = threading.Condition()
        self._queue: deque[Task] = deque()
        self._busy = False
        self._running: Task | None = None
        self._stop = False
        self._thread: threading.Thread | None = None
        self._start_thread()

    # ------------------------------------------------------------ giving work
    def submit(
        self, fn: Callable[[], Any], *, label: str = "", key: Hashable | None = None,
        done: Done | None = None, failed: Failed | None = None,
    ) -> Task:  # fmt: skip
        task = Task(fn, label, key, done, failed)
        with self._cond:
            if self._stop:
                raise RuntimeError(f"worker {self.name} is closed")
            if key is not None:
                for n, waiting in enumerate(self._queue):
                    if waiting.key == key:
                        waiting.cancelled = True
                        self._queue[n] = task  # the newest wins, in the old one's place
                        break
                else:
                    self._queue.append(task)
            else:
                self._queue.append(task)
            if self._thread is None or not self._thread.is_alive():
                self._start_thread()  # never left without a thread to run the queue
            self._cond.notify_all()
        return task

    def pending(self, key: Hashable) -> bool:
        """A task with ``key`` is waiting (not yet running)."""
        with self._cond:
            return any(t.key == key for t in self._queue)

    def has(self, key: Hashable) -> bool:
        """A task with ``key`` is waiting or running."""
        with self._cond:
            running = self._running is not None and self._running.key == key
            return running or any(t.key == key for t in self._queue)

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._queue and not self._busy

    @property
    def closed(self) -> bool:
        return self._stop

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until everything queued has run (command line, tests and shutdown only:
        the GUI queues a continuation instead)."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._queue and not self._busy, timeout)

    def close(self, timeout: float = 10.0) -> bool:
        """Run what is queued, then stop; False when that took longer than ``timeout``."""
        ok = self.wait_idle(timeout)
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return ok

    # ------------------------------------------------------------ the thread
    def _start_thread(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"ideodesk-{self.name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._stop)
                if not self._queue:
                    return  # stopped and nothing left
                task = self._queue.popleft()
                self._busy, self._running = True, task
            try:
                self._execute(task)
            finally:
                with self._cond:
                    self._busy, self._running = False, None
                    self._cond.notify_all()

    def _execute(self, task: Task) -> None:
        try:
            result = task.fn()
        except BaseException as e:  # reported, and the thread lives on
            if isinstance(e, IdeoError):  # an expected failure, said in Chinese
                log.warning("%s: %s failed: %s", self.name, task.label or "task", e)
            else:
                log.error("%s: %s failed", self.name, task.label or "task", exc_info=e)
            self._report(task, e)
            return
        if task.done is not None:
            try:
                task.done(result)
            except Exception as e:  # a broken callback is a failure of the task too
                log.error("%s: %s: callback failed", self.name, task.label or "task", exc_info=e)
                self._report(task, e)

    def _report(self, task: Task, error: BaseException) -> None:
        handler = task.failed
        try:
            if handler is not None:
                handler(error)
            elif self.on_error is not None:
                self.on_error(task, error)
        except Exception:  # the last resort is the log
            log.exception("%s: reporting a failure failed", self.name)


class ChildProcess:
    """Calls of a picklable function in one child process, started on first use and kept.

    Pure CPU work (the checks over a long draft) run on a thread would hold the
    interpreter lock for its whole run and starve the GUI thread and the other workers; in
    a child process it runs on another core.  The caller's thread just waits for the
    answer (a worker thread, never the GUI thread).  When no child can be started (a
    locked-down PC), the call runs in this process instead, and that is logged once.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._pool = None
        self._broken = False
        self._lock = threading.Lock()

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Any:
        pool = self._get_pool()
        if pool is None:
            return fn(*args)
        from concurrent.futures.process import BrokenProcessPool

        try:
            return pool.submit(fn, *args).result()
        except BrokenProcessPool as e:  # the child died (killed, out of memory): once more here
            log.warning("%s: child process lost (%s); running in this process", self.name, e)
            with self._lock:
                self._pool = None
            return fn(*args)

    def _get_pool(self):
        with self._lock:
            if self._pool is None and not self._broken:
                try:
                    import multiprocessing
                    from concurrent.futures import ProcessPoolExecutor

                    self._pool = ProcessPoolExecutor(
                        1, mp_context=multiprocessing.get_context("spawn"), initializer=_end_with_parent
                    )
                    import atexit

                    atexit.register(self.close, wait=True)  # before the interpreter goes
                except (OSError, ImportError, ValueError) as e:
                    log.warning("%s: no child process (%s); running in this process", self.name, e)
                    self._broken = True
            return self._pool

    def close(self, wait: bool = False) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)


def _end_with_parent() -> None:
    """In the child: exit as soon as the app is gone, even when it was killed (kill -9, a
    crash).  Left alone, a pool's worker holds its own queue's write end and would wait
    forever, keeping the app's memory and the pipes of whoever started the app."""
    import multiprocessing
    import multiprocessing.connection
    import os

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="ideodesk-parent-watch", daemon=True).start()
