"""Import agenda…: choose a CSV, XLSX or .ics file, check the preview and column mapping, import.

Everything the dialog shows comes from :func:`preview_source`; the dialog only turns the
user's choices (file, columns, zone, new organisations) into :class:`ImportOptions`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import label
from fieldnotes.services.agenda_formats import AgendaSource, AgendaTable, read_agenda
from fieldnotes.services.agenda_import import (
    FIELDS,
    AgendaImportResult,
    AgendaPreview,
    ImportOptions,
    guess_columns,
    import_agenda,
    preview_source,
)
from fieldnotes.services.itinerary import zone_name
from fieldnotes.services.missions import get_mission
from fieldnotes.store import Database

FILE_FILTER = "Agenda files (*.csv *.xlsx *.ics);;CSV (*.csv);;Excel (*.xlsx);;Calendar (*.ics)"
_NO_COLUMN = "(not in the file)"
_FIELD_LABELS = {
    "date": "Date",
    "start": "Start",
    "end": "End",
    "title": "Title",
    "kind": "Kind",
    "venue": "Venue",
    "organisation": "Organisations",
    "agenda": "Agenda",
    "timezone": "Time zone",
}
COLUMNS = ("", "Date", "Start", "End", "Title", "Kind", "Venue", "Organisations", "Remarks")


class AgendaImportDialog(QDialog):
    """Preview and import of an agenda file into one mission's itinerary.

    Signals: ``imported(AgendaImportResult)`` after the meetings were written (the dialog is
    then accepted; :attr:`result_of_import` holds the same).
    """

    imported = Signal(object)

    def __init__(self, database: Database, mission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._mission_id = mission_id
        self._source: AgendaSource | None = None
        self._preview: AgendaPreview | None = None
        self._filling = False
        self.result_of_import: AgendaImportResult | None = None
        with database.session() as session:
            mission = get_mission(session, mission_id)
            self._host_zone = mission.timezone
            title = mission.title
        self.setWindowTitle(f"Import agenda into “{title}”")
        self.setAccessibleName("Import agenda")
        self.resize(900, 560)
        self.setAcceptDrops(True)  # drop a file from the file manager or a mail client
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        layout.addLayout(self._options_form())
        self.mapping_box = self._mapping_box()
        layout.addWidget(self.mapping_box)
        self.summary_label = QLabel("Choose a CSV, Excel (.xlsx) or calendar (.ics) file.")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Summary")
        layout.addWidget(self.summary_label)
        self.table = self._table()
        layout.addWidget(self.table, 1)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setAccessibleName("Problems")
        self.problems_label.setStyleSheet("font-weight: bold;")
        self.problems_label.hide()
        layout.addWidget(self.problems_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # -------------------------------------------------------------------- construction

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setAccessibleName("Agenda file")
        self.path_edit.setPlaceholderText("No file chosen")
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.clicked.connect(self._choose_file)
        row.addWidget(QLabel("File:"))
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        return row

    def _options_form(self) -> QFormLayout:
        form = QFormLayout()
        self.zone_combo = QComboBox()
        self.zone_combo.setEditable(True)
        self.zone_combo.setAccessibleName("Zone of times without one")
        self.zone_combo.addItem(f"Host time ({zone_name(self._host_zone)})", None)
        self.zone_combo.addItem("UTC", "UTC")
        self.zone_combo.setToolTip(
            "Times in the file without a zone are taken in this zone. Calendar events and "
            "cells that carry a zone are always converted to host time."
        )
        self.zone_combo.activated.connect(lambda _index: self._refresh())
        line = self.zone_combo.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._refresh)
        self.new_organisations_check = QCheckBox(
            "&Add organisations that the mission does not have yet"
        )
        self.new_organisations_check.setChecked(True)
        self.new_organisations_check.toggled.connect(lambda _on: self._refresh())
        form.addRow("Times without a zone are in:", self.zone_combo)
        form.addRow("", self.new_organisations_check)
        return form

    def _mapping_box(self) -> QGroupBox:
        box = QGroupBox("Columns")
        grid = QGridLayout(box)
        self.column_combos: dict[str, QComboBox] = {}
        for index, name in enumerate(FIELDS):
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {_FIELD_LABELS[name]}")
            combo.activated.connect(lambda _index: self._refresh())
            self.column_combos[name] = combo
            row, column = divmod(index, 3)
            grid.addWidget(QLabel(_FIELD_LABELS[name] + ":"), row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
        box.hide()  # only spreadsheets have columns
        return box

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setAccessibleName("Meetings found")
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        return table

    # ------------------------------------------------------------------------- actions

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load_file(Path(files[0]))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Import agenda", "", FILE_FILTER)
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read ``path`` and show its preview (also what drag and drop or a test calls)."""
        self.path_edit.setText(str(path))
        try:
            self._source = read_agenda(path)
        except FieldnotesError as exc:
            self._source = None
            self._show(None, exc.message)
            return
        self._fill_column_choices(self._source)
        self._refresh()

    def options(self) -> ImportOptions:
        """The user's choices as the service takes them."""
        mapping: dict[str, str] = {}
        if isinstance(self._source, AgendaTable):
            for name, combo in self.column_combos.items():
                # Index 0 is "not in the file": an empty name stops the service guessing.
                mapping[name] = str(combo.currentIndex()) if combo.currentIndex() > 0 else ""
        zone = self.zone_combo.currentData()
        typed = self.zone_combo.currentText().strip()
        if zone is None and typed and typed != self.zone_combo.itemText(0):
            zone = typed
        return ImportOptions(
            mapping=mapping,
            source_zone=zone,
            create_organisations=self.new_organisations_check.isChecked(),
        )

    def _fill_column_choices(self, source: AgendaSource) -> None:
        """Offer the file's columns for every field, preselecting the usual names."""
        self._filling = True
        try:
            is_table = isinstance(source, AgendaTable)
            self.mapping_box.setVisible(is_table)
            guessed = guess_columns(source.headers, {}) if isinstance(source, AgendaTable) else {}
            for name, combo in self.column_combos.items():
                combo.clear()
                combo.addItem(_NO_COLUMN)
                if isinstance(source, AgendaTable):
                    for number, header in enumerate(source.headers, start=1):
                        combo.addItem(header or f"Column {number}")
                combo.setCurrentIndex(guessed[name] + 1 if name in guessed else 0)
        finally:
            self._filling = False

    def _refresh(self) -> None:
        if self._filling or self._source is None:
            return
        try:
            with self._database.session() as session:
                preview = preview_source(session, self._mission_id, self._source, self.options())
                session.rollback()
        except FieldnotesError as exc:
            self._show(None, exc.message)
            return
        self._show(preview, "")

    def _show(self, preview: AgendaPreview | None, error: str) -> None:
        self._preview = preview
        self.table.setRowCount(0)
        if preview is None:
            self.summary_label.setText("Nothing to import.")
            self.problems_label.setText(error)
            self.problems_label.setVisible(bool(error))
            self.import_button.setEnabled(False)
            return
        self.summary_label.setText(
            preview.summary() + f" Times are shown in {zone_name(preview.zone)}."
        )
        dim = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for meeting in preview.meetings:
            remarks = [meeting.duplicate_of] if meeting.duplicate else []
            if meeting.source_time:
                remarks.append(f"from {meeting.source_time}")
            if meeting.new_organisations:
                remarks.append("new: " + "; ".join(meeting.new_organisations))
            remarks += list(meeting.warnings)
            cells = (
                "Skip" if meeting.duplicate else "Add",
                meeting.date.strftime("%a %d.%m.%Y"),
                meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
                meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
                meeting.title,
                label(meeting.kind),
                meeting.venue,
                str(len(meeting.organisation_ids) + len(meeting.new_organisations) or ""),
                "; ".join(r for r in remarks if r),
            )
            self._append_row(cells, dim if meeting.duplicate else None)
        problems = "\n".join(str(p) for p in preview.problems)
        self.problems_label.setText(
            f"Fix these rows in the file or choose other columns:\n{problems}" if problems else ""
        )
        self.problems_label.setVisible(bool(problems))
        self.import_button.setEnabled(preview.can_import)

    def _append_row(self, cells: tuple[str, ...], brush: QBrush | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if brush is not None:
                item.setForeground(brush)
            self.table.setItem(row, column, item)

    @property
    def preview(self) -> AgendaPreview | None:
        return self._preview

    def accept(self) -> None:
        if self._source is None or self._preview is None or not self._preview.can_import:
            return
        try:
            result = import_agenda(
                self._database, self._mission_id, self._source, self._preview.options
            )
        except FieldnotesError as exc:
            self.problems_label.setText(exc.message)
            self.problems_label.show()
            return
        self.result_of_import = result
        self.imported.emit(result)
        super().accept()
