"""The "Export report…" dialog driven through its widgets (synchronous runner)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import QPoint, QUrl
from pytestqt.qtbot import QtBot

from fieldnotes.report.options import Edition, PageSize, Section
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.export_report import ExportReportDialog, default_file_name
from fieldnotes.ui.workers import CancelToken, SyncRunner

from .conftest import write_mission

# The offscreen platform's own chatter when a window is shown (see tests/ui/conftest.py).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class CancellingRunner:
    """Runs the job at once, with the token already cancelled (the user pressed Cancel)."""

    def submit(self, job: Any, on_done: Any, on_error: Any, on_progress: Any = None) -> CancelToken:
        token = CancelToken()
        token.cancel()
        try:
            on_done(job(token, on_progress or (lambda _p: None)))
        except Exception as exc:
            on_error(exc)
        return token


def make_dialog(qtbot: QtBot, db: Database, runner: Any, opened: list[QUrl]) -> ExportReportDialog:
    fx = write_mission(db, extra_note="Not in the font: 中")
    dialog = ExportReportDialog(db, fx.mission_id, runner=runner, open_url=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_export_internal_letter_then_open(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, db, SyncRunner(), opened)
    assert dialog.file_edit.text().endswith(
        default_file_name("Expert mission to Belarus", Edition.EXTERNAL)
    )
    # On the indicator: a radio button reacts to its indicator and label, not its full width.
    radio = dialog.internal_radio
    qtbot.mouseClick(radio, qtbot_left(), pos=QPoint(6, radio.height() // 2))
    assert radio.isChecked()
    assert dialog.file_edit.text().endswith("- internal.pdf")  # follows the edition
    dialog.page_size_combo.setCurrentIndex(dialog.page_size_combo.findData(PageSize.LETTER))
    dialog.section_checks[Section.PROGRAMME].setChecked(False)
    target = tmp_path / "report.pdf"
    dialog.file_edit.clear()
    qtbot.keyClicks(dialog.file_edit, str(target))
    qtbot.mouseClick(dialog.export_button, qtbot_left())

    assert target.is_file()
    reader = pypdf.PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    text = "".join(p.extract_text() for p in reader.pages)
    assert "INTERNAL" in text and "Programme of the mission" not in text
    assert "pages" in dialog.status_label.text()
    assert dialog.warnings_view.isVisibleTo(dialog)
    assert "U+4E2D" in dialog.warnings_view.toPlainText()
    assert dialog.open_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.open_button, qtbot_left())
    assert opened == [QUrl.fromLocalFile(str(target))]


def test_cancelled_export_writes_nothing(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, db, CancellingRunner(), [])
    target = tmp_path / "report.pdf"
    dialog.file_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, qtbot_left())
    assert "cancelled" in dialog.status_label.text()
    assert not target.exists()
    assert dialog.export_button.isEnabled()
    assert not dialog.open_button.isVisibleTo(dialog)


def test_user_error_is_shown_in_the_dialog(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, db, SyncRunner(), [])
    dialog.file_edit.setText(str(tmp_path / "missing" / "report.pdf"))
    qtbot.mouseClick(dialog.export_button, qtbot_left())
    assert "does not exist" in dialog.status_label.text()


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
