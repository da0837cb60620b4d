"""The one background runner: long jobs off the GUI thread, results back on it.

Usage from a widget::

    self._runner.submit(
        lambda token, progress: build_report(..., cancelled=token.cancelled, progress=progress),
        on_done=self._report_written,        # called on the GUI thread with the result
        on_error=self._report_failed,        # called on the GUI thread with the exception
        on_progress=self._progress_bar.setValue,  # optional, GUI thread, int 0..100
    )

The job gets a :class:`CancelToken` (check ``token.cancelled()`` between steps and raise
:class:`fieldnotes.errors.Cancelled`) and a ``progress(percent)`` callable. Jobs must not
touch widgets; they open their own database session. Tests pass a :class:`SyncRunner`,
which runs the job at once on the calling thread, so threaded code stays deterministic.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer

from fieldnotes.errors import Cancelled

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]
Job = Callable[["CancelToken", ProgressCallback], Any]


class CancelToken:
    """Set by the GUI (``cancel()``), read by the job (``cancelled()``); thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def cancelled(self) -> bool:
        return self._event.is_set()


class Runner(Protocol):
    def submit(
        self,
        job: Job,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: ProgressCallback | None = None,
    ) -> CancelToken: ...


POLL_MS = 40


@dataclass
class _Job:
    future: Future[Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]
    on_progress: ProgressCallback | None
    progress: list[int]  # the latest percent, written by the pool thread
    reported: int = -1


def _run_job(job: Job, token: CancelToken, progress: list[int]) -> Any:
    def report(percent: int) -> None:
        progress[0] = int(percent)  # one list item: an atomic write under the GIL

    return job(token, report)


class TaskRunner(QObject):
    """Runs jobs on a thread pool; callbacks run on the thread that created the runner.

    Pool threads never touch Qt: the runner's thread polls the running jobs with a timer
    (every 40 ms, only while jobs run) and calls the callbacks. This is deliberate: PySide6
    6.12 loses a reference to ``True`` on queued signals carrying Python objects, on
    auto-deleted ``QRunnable`` objects and on some signal emissions from foreign threads,
    and the interpreter aborts at exit after a few hundred of them.
    """

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="fieldnotes")
        self._jobs: list[_Job] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def submit(
        self,
        job: Job,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: ProgressCallback | None = None,
    ) -> CancelToken:
        """Start ``job(token, progress)`` in the background; return its cancel token."""
        token = CancelToken()
        progress = [-1]
        future = self._pool.submit(_run_job, job, token, progress)
        self._jobs.append(_Job(future, on_done, on_error, on_progress, progress))
        self._timer.start()
        return token

    def active_jobs(self) -> int:
        return len(self._jobs)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every job has returned (at exit); True if they all did in time.

        The callbacks of jobs that finished run before this returns.
        """
        futures = [j.future for j in self._jobs]
        _, not_done = wait(futures, timeout=None if msecs < 0 else msecs / 1000)
        self._poll()
        return not not_done

    def shutdown(self) -> None:
        """Accept no more jobs; the threads end once their job has returned."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _poll(self) -> None:
        for job in list(self._jobs):
            percent = job.progress[0]
            if job.on_progress is not None and percent != job.reported and percent >= 0:
                job.reported = percent
                job.on_progress(percent)
            if not job.future.done():
                continue
            self._jobs.remove(job)
            if job.future.cancelled():  # the runner shut down before the job started
                job.on_error(Cancelled("The job was stopped before it started."))
                continue
            error = job.future.exception()
            if error is not None:
                job.on_error(error)
            else:
                job.on_done(job.future.result())
        if not self._jobs:
            self._timer.stop()


class SyncRunner:
    """Runs each job at once on the calling thread (tests; no event loop needed)."""

    def submit(
        self,
        job: Job,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: ProgressCallback | None = None,
    ) -> CancelToken:
        token = CancelToken()
        try:
            result = job(token, on_progress or (lambda _percent: None))
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)
        return token
