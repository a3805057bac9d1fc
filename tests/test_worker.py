"""The one background-work mechanism: order, newest-wins keys, nothing else dropped,
failures reported and logged, the thread surviving them, CPU work in a child process."""

from __future__ import annotations

import logging
import os
import threading

from ideodesk.errors import IdeoError
from ideodesk.worker import ChildProcess, Worker


def _gate(worker: Worker) -> threading.Event:
    """Hold the worker busy until the returned event is set."""
    release = threading.Event()
    started = threading.Event()
    worker.submit(lambda: (started.set(), release.wait(10)), label="hold")
    assert started.wait(5)
    return release


def test_tasks_run_in_order_and_a_newer_keyed_task_replaces_the_waiting_one():
    worker, ran = Worker("t"), []
    release = _gate(worker)
    worker.submit(lambda: ran.append("save 1"), key="save")
    worker.submit(lambda: ran.append("use A"))  # no key: never dropped
    worker.submit(lambda: ran.append("save 2"), key="save")  # replaces "save 1", in its place
    worker.submit(lambda: ran.append("use B"))
    assert worker.pending("save") and worker.has("save") and not worker.idle
    release.set()
    assert worker.wait_idle(5)
    assert ran == ["save 2", "use A", "use B"]
    assert worker.close()


def test_a_failure_goes_to_its_callback_and_the_log_and_the_worker_goes_on(caplog):
    worker, seen, ran = Worker("t"), [], []
    caplog.set_level(logging.WARNING, logger="ideodesk.worker")
    worker.submit(lambda: 1 / 0, label="除法", failed=seen.append)
    worker.submit(lambda: (_ for _ in ()).throw(IdeoError("磁盘空间不足")), label="保存")
    worker.on_error = lambda task, e: seen.append((task.label, str(e)))
    worker.submit(lambda: ran.append("after"))
    assert worker.wait_idle(5)
    assert isinstance(seen[0], ZeroDivisionError)
    assert ran == ["after"], "the thread survived both failures"
    assert "除法 failed" in caplog.text and "ZeroDivisionError" in caplog.text  # with the traceback
    worker.submit(lambda: (_ for _ in ()).throw(IdeoError("磁盘空间不足")), label="保存")
    assert worker.wait_idle(5)
    assert ("保存", "磁盘空间不足") in seen
    worker.close()


def test_a_broken_done_callback_is_a_reported_failure_too():
    worker, seen = Worker("t"), []
    worker.submit(lambda: 1, done=lambda r: 1 / 0, failed=seen.append)
    assert worker.wait_idle(5)
    assert isinstance(seen[0], ZeroDivisionError)
    worker.close()


def test_a_dead_thread_is_replaced_when_work_comes():
    worker, ran = Worker("t"), []
    worker._stop = True  # the thread ends as if something had killed it
    with worker._cond:
        worker._cond.notify_all()
    worker._thread.join(5)
    assert not worker._thread.is_alive()
    worker._stop = False
    worker.submit(lambda: ran.append(1))
    assert worker.wait_idle(5) and ran == [1]
    worker.close()


def _pid_and_sum(n: int) -> tuple[int, int]:
    return os.getpid(), sum(range(n))


def test_cpu_work_runs_in_one_kept_child_process():
    child = ChildProcess("t")
    try:
        pid1, total = child(_pid_and_sum, 1000)
        pid2, _ = child(_pid_and_sum, 10)
        assert total == 499500 and pid1 == pid2 != os.getpid()
    finally:
        child.close(wait=True)


def test_without_a_child_process_the_work_runs_here():
    child = ChildProcess("t")
    child._broken = True  # a PC where no process may be started
    assert child(_pid_and_sum, 10) == (os.getpid(), 45)


def test_the_child_process_ends_when_the_app_is_killed(tmp_path):
    """kill -9 of the app must not leave the checks' child running (holding memory and the
    pipes of whatever started the app)."""
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    script = tmp_path / "app.py"
    script.write_text(
        "import os, sys, time\n"
        "from ideodesk.worker import ChildProcess\n"
        "if __name__ == '__main__':\n"
        "    child = ChildProcess('t')\n"
        "    print(child(os.getpid), flush=True)\n"
        "    time.sleep(60)\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    child_pid = int(proc.stdout.readline())
    assert child_pid != proc.pid
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=15)  # returns only once every holder of its pipes is gone
    deadline = time.monotonic() + 10
    while _alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child_pid), "the child outlived the killed app"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in f)
    except FileNotFoundError:
        return False
