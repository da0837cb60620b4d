"""Answer the next modal dialog as a user would: the code under test blocks in ``exec()``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

POLL_MS = 10
GIVE_UP_MS = 5_000


def answer_next_modal(act: Callable[[QWidget], None]) -> list[QWidget]:
    """Call ``act`` with the next modal widget once it shows; the list receives that widget.

    If none shows within five seconds the list stays empty, so the test fails on its
    assertion instead of hanging.
    """
    seen: list[QWidget] = []
    waited = [0]

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            waited[0] += POLL_MS
            if waited[0] < GIVE_UP_MS:
                QTimer.singleShot(POLL_MS, poll)
            return
        seen.append(widget)
        act(widget)

    QTimer.singleShot(0, poll)
    return seen
