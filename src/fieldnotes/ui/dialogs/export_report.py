"""The "Export report…" dialog: choose edition, sections, page size and file; build in the
background with progress and cancel; then show any glyph warnings and offer to open the PDF.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import Cancelled, FieldnotesError
from fieldnotes.report.options import (
    EDITION_LABELS,
    SECTION_LABELS,
    Edition,
    PageSize,
    ReportOptions,
    Section,
)
from fieldnotes.services.missions import get_mission
from fieldnotes.services.report import export_report
from fieldnotes.store import Database
from fieldnotes.ui.workers import CancelToken, Runner

log = logging.getLogger(__name__)

UrlOpener = Callable[[QUrl], Any]


def default_file_name(title: str, edition: Edition) -> str:
    """``Expert mission to Belarus - external.pdf``: the title without characters that file
    systems refuse."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .") or "Mission report"
    return f"{' '.join(safe.split())} - {edition.value}.pdf"


class ExportReportDialog(QDialog):
    """Export one mission's report.

    ``runner`` runs the export off the GUI thread (tests pass a synchronous one);
    ``open_url`` opens the written PDF (default: the desktop's PDF viewer).
    """

    def __init__(
        self,
        database: Database,
        mission_id: str,
        *,
        runner: Runner,
        parent: QWidget | None = None,
        open_url: UrlOpener | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._mission_id = mission_id
        self._runner = runner
        self._open_url: UrlOpener = open_url or QDesktopServices.openUrl
        self._token: CancelToken | None = None
        self._written: Path | None = None
        with database.session() as session:
            self._mission_title = get_mission(session, mission_id).title
        self.setWindowTitle("Export report")
        self.setAccessibleName("Export report")
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        layout.addWidget(self._edition_box())
        layout.addWidget(self._sections_box())
        layout.addLayout(self._file_form())
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Export status")
        layout.addWidget(self.status_label)
        self.warnings_view = QPlainTextEdit()
        self.warnings_view.setReadOnly(True)
        self.warnings_view.setAccessibleName("Characters that cannot be drawn")
        self.warnings_view.hide()
        layout.addWidget(self.warnings_view)
        layout.addWidget(self._buttons())
        self._update_file_for_edition()

    # -- construction ------------------------------------------------------------------------

    def _edition_box(self) -> QGroupBox:
        box = QGroupBox("Edition")
        self.external_radio = QRadioButton(f"&{EDITION_LABELS[Edition.EXTERNAL]}")
        self.external_radio.setToolTip(
            "Leaves out every note, action and contact marked internal, and all contact "
            "e-mails and phone numbers."
        )
        self.internal_radio = QRadioButton(f"&{EDITION_LABELS[Edition.INTERNAL]}")
        self.internal_radio.setToolTip("Everything, marked Internal on every page.")
        self.external_radio.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.external_radio)
        group.addButton(self.internal_radio)
        self.external_radio.toggled.connect(self._update_file_for_edition)
        column = QVBoxLayout(box)
        column.addWidget(self.external_radio)
        column.addWidget(self.internal_radio)
        return box

    def _sections_box(self) -> QGroupBox:
        box = QGroupBox("Sections")
        grid = QGridLayout(box)
        self.section_checks: dict[Section, QCheckBox] = {}
        for index, section in enumerate(Section):
            check = QCheckBox(SECTION_LABELS[section])
            check.setChecked(True)
            self.section_checks[section] = check
            grid.addWidget(check, index // 2, index % 2)
        return box

    def _file_form(self) -> QFormLayout:
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self._mission_title)
        self.title_edit.setAccessibleName("Report title")
        form.addRow("&Title:", self.title_edit)
        self.page_size_combo = QComboBox()
        self.page_size_combo.setAccessibleName("Page size")
        self.page_size_combo.addItem("A4", PageSize.A4)
        self.page_size_combo.addItem("Letter", PageSize.LETTER)
        form.addRow("&Page size:", self.page_size_combo)
        self.logo_edit = QLineEdit()
        self.logo_edit.setAccessibleName("Logo file")
        self.logo_edit.setPlaceholderText("Optional PNG or JPEG for the cover")
        logo_button = QPushButton("Choose…")
        logo_button.clicked.connect(self._choose_logo)
        form.addRow("&Logo:", _row(self.logo_edit, logo_button))
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName("PDF file")
        file_button = QPushButton("Bro&wse…")
        file_button.clicked.connect(self._choose_file)
        form.addRow("&File:", _row(self.file_edit, file_button))
        return form

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.open_button = self.buttons.addButton(
            "&Open PDF", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self.open_pdf)
        self.close_button.clicked.connect(self.reject)
        return self.buttons

    # -- choices -----------------------------------------------------------------------------

    def edition(self) -> Edition:
        return Edition.INTERNAL if self.internal_radio.isChecked() else Edition.EXTERNAL

    def options(self) -> ReportOptions:
        logo = self.logo_edit.text().strip()
        return ReportOptions(
            edition=self.edition(),
            page_size=PageSize(self.page_size_combo.currentData()),
            sections=frozenset(s for s, check in self.section_checks.items() if check.isChecked()),
            title=self.title_edit.text().strip() or None,
            logo=Path(logo).expanduser() if logo else None,
        )

    def _update_file_for_edition(self) -> None:
        """Follow the edition in the proposed file name, so the two editions do not overwrite
        each other, unless the user picked a name of their own."""
        current = self.file_edit.text().strip()
        names = {default_file_name(self._mission_title, e) for e in Edition}
        if current and Path(current).name not in names:
            return
        folder = Path(current).parent if current else _documents_folder()
        name = default_file_name(self._mission_title, self.edition())
        self.file_edit.setText(str(folder / name))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save report as", self.file_edit.text(), "PDF documents (*.pdf)"
        )
        if path:
            self.file_edit.setText(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a logo", self.logo_edit.text(), "Images (*.png *.jpg *.jpeg)"
        )
        if path:
            self.logo_edit.setText(path)

    # -- export ------------------------------------------------------------------------------

    def start_export(self) -> None:
        target = self.file_edit.text().strip()
        if not target:
            self._show_status("Choose where to save the PDF.")
            return
        path = Path(target).expanduser()
        options = self.options()
        database, mission_id = self._database, self._mission_id
        self._set_busy(True)
        self.warnings_view.hide()
        self.open_button.hide()
        self._show_status("Building the report…")

        def job(token: CancelToken, progress: Callable[[int], None]) -> object:
            return export_report(
                database,
                mission_id,
                path,
                options,
                progress=lambda done, total: progress(int(100 * done / max(total, 1))),
                cancelled=token.cancelled,
            )

        self._token = self._runner.submit(
            job, self._export_done, self._export_failed, self.progress_bar.setValue
        )

    def cancel_export(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self._show_status("Cancelling…")

    def _export_done(self, result: Any) -> None:
        self._token = None
        self._set_busy(False)
        self._written = result.path
        pages = f"{result.page_count} page{'s' if result.page_count != 1 else ''}"
        self._show_status(f"The report was saved: {pages}, {result.path}.")
        warnings = result.glyph_warnings
        if warnings:
            self._show_status(
                f"The report was saved ({pages}), but {len(warnings)} character(s) cannot be "
                "drawn in the report's font and show as a replacement mark:"
            )
            self.warnings_view.setPlainText("\n".join(str(w) for w in warnings))
            self.warnings_view.show()
        self.open_button.show()
        self.open_button.setFocus()

    def _export_failed(self, error: BaseException) -> None:
        self._token = None
        self._set_busy(False)
        if isinstance(error, Cancelled):
            self._show_status("Export cancelled; no file was written.")
        elif isinstance(error, FieldnotesError):
            self._show_status(error.message)
        else:
            log.error("report export failed", exc_info=error)
            self._show_status(
                "The report could not be built because of an internal error (a bug, not your "
                "mistake); the details are in the log file."
            )

    def open_pdf(self) -> None:
        if self._written is not None:
            self._open_url(QUrl.fromLocalFile(str(self._written)))

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.progress_bar.setValue(0)
        self.export_button.setEnabled(not busy)
        for widget in (self.external_radio, self.internal_radio, self.file_edit):
            widget.setEnabled(not busy)
        self.close_button.setText("Cancel export" if busy else "Close")

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def reject(self) -> None:
        """Close, or while exporting, cancel the export first (the dialog stays open)."""
        if self._token is not None:
            self.cancel_export()
            return
        super().reject()


def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return row


def _documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
