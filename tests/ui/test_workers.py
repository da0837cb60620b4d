"""The background runner: results, errors and progress come back on the GUI thread."""

from __future__ import annotations

import threading

from fieldnotes.errors import Cancelled
from fieldnotes.ui.workers import SyncRunner, TaskRunner


def test_task_runner_posts_result_and_progress_to_the_gui_thread(qtbot):
    runner = TaskRunner(max_threads=1)
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {"progress": []}

    def job(token, progress):
        seen["job_thread"] = threading.get_ident()
        progress(50)
        return 42

    def done(result):
        seen["done_thread"] = threading.get_ident()
        seen["result"] = result

    runner.submit(job, done, lambda exc: seen.setdefault("error", exc), seen["progress"].append)
    qtbot.waitUntil(lambda: "result" in seen, timeout=3000)
    assert seen["result"] == 42
    assert seen["job_thread"] != gui_thread
    assert seen["done_thread"] == gui_thread
    qtbot.waitUntil(lambda: seen["progress"] == [50], timeout=1000)
    assert runner.active_jobs() == 0


def test_task_runner_reports_errors_and_cancellation(qtbot):
    runner = TaskRunner()
    errors: list[BaseException] = []
    started = threading.Event()
    release = threading.Event()

    def job(token, progress):
        started.set()
        release.wait(2)
        if token.cancelled():
            raise Cancelled("Stopped.")
        return "finished"

    token = runner.submit(job, lambda result: None, errors.append)
    assert started.wait(2)
    token.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert isinstance(errors[0], Cancelled)
    assert runner.wait_for_done(1000)


def test_sync_runner_runs_at_once():
    results, errors = [], []
    SyncRunner().submit(lambda token, progress: progress(10) or "ok", results.append, errors.append)
    SyncRunner().submit(lambda token, progress: 1 / 0, results.append, errors.append)
    assert results == ["ok"]
    assert isinstance(errors[0], ZeroDivisionError)
