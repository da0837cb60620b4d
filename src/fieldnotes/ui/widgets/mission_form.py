"""The mission overview: programme, dates, host time zone, objectives, team, outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import Mission, MissionStatus, label
from fieldnotes.services.itinerary import zone_name
from fieldnotes.services.missions import get_mission, update_mission
from fieldnotes.services.team import delete_member, list_members
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.confirm_deletion import confirm_deletion
from fieldnotes.ui.dialogs.member_dialog import MemberDialog
from fieldnotes.ui.models.team_table_model import MemberRow, TeamTableModel
from fieldnotes.ui.widgets.field_edits import (
    CommitPlainTextEdit,
    OptionalDateEdit,
    TimezoneCombo,
)
from fieldnotes.ui.widgets.rejected_field import RejectedField


class MissionForm(QWidget):
    """Edit the mission; each field is saved when the user leaves it (one write per field).

    A rejected value stays in its field, marked, with the reason shown above the form; the
    database keeps the last valid value.

    Signals: ``changed()`` after every successful write.
    """

    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.mission_id: str | None = None
        # Tests replace this to answer the question without a modal box.
        self.confirm_deletion: Callable[[QWidget | None, str, str], bool] = confirm_deletion
        self._saved: dict[str, Any] = {}
        self._loading = False
        self._dialog: MemberDialog | None = None
        self._build()
        self.set_mission(None)

    # construction

    def _build(self) -> None:
        self.heading = QLabel("Mission overview")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self._rejected = RejectedField()
        self.error_label = self._rejected.label

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.heading)
        column.addWidget(self.error_label)
        column.addWidget(self._build_facts())
        column.addWidget(self._build_objectives())
        column.addWidget(self._build_team())
        column.addWidget(self._build_outcome())
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _row(self, form: QFormLayout, text: str, field: QWidget, accessible: str = "") -> None:
        label_widget = QLabel(text)
        label_widget.setBuddy(field)
        field.setAccessibleName(accessible or text.replace("&", "").rstrip(":"))
        form.addRow(label_widget, field)

    def _text_edit(self, lines: int, placeholder: str = "") -> CommitPlainTextEdit:
        edit = CommitPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        return edit

    def _build_facts(self) -> QGroupBox:
        box = QGroupBox("Mission")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = QLineEdit()
        self.programme_edit = QLineEdit()
        self.programme_edit.setPlaceholderText("e.g. Prague Process")
        self.components_edit = self._text_edit(2, "One programme component per line")
        self.country_edit = QLineEdit()
        self.city_edit = QLineEdit()
        self.start_edit = OptionalDateEdit()
        self.end_edit = OptionalDateEdit()
        self.timezone_combo = TimezoneCombo()
        self.zone_hint = QLabel()
        self.zone_hint.setAccessibleName("Host time")
        self.status_combo = QComboBox()
        for status in MissionStatus:
            self.status_combo.addItem(label(status), status.value)
        self.status_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        place = QWidget()
        place_row = QHBoxLayout(place)
        place_row.setContentsMargins(0, 0, 0, 0)
        place_row.addWidget(self.country_edit, 1)
        city_label = QLabel("C&ity:")
        city_label.setBuddy(self.city_edit)
        self.city_edit.setAccessibleName("City")
        place_row.addWidget(city_label)
        place_row.addWidget(self.city_edit, 1)

        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(self.start_edit)
        end_label = QLabel("&to")
        end_label.setBuddy(self.end_edit)
        self.end_edit.setAccessibleName("End date")
        dates_row.addWidget(end_label)
        dates_row.addWidget(self.end_edit)
        dates_row.addStretch(1)

        zone = QWidget()
        zone_row = QHBoxLayout(zone)
        zone_row.setContentsMargins(0, 0, 0, 0)
        zone_row.addWidget(self.timezone_combo, 1)
        zone_row.addWidget(self.zone_hint)

        self._row(form, "&Title:", self.title_edit)
        self._row(form, "&Programme:", self.programme_edit)
        self._row(form, "Co&mponents:", self.components_edit, "Programme components")
        host_label = QLabel("Host &country:")
        host_label.setBuddy(self.country_edit)
        self.country_edit.setAccessibleName("Host country")
        form.addRow(host_label, place)
        dates_label = QLabel("&Dates:")
        dates_label.setBuddy(self.start_edit)
        self.start_edit.setAccessibleName("Start date")
        form.addRow(dates_label, dates)
        zone_label = QLabel("Host time &zone:")
        zone_label.setBuddy(self.timezone_combo)
        self.timezone_combo.setAccessibleName("Host time zone")
        form.addRow(zone_label, zone)
        self._row(form, "Stat&us:", self.status_combo, "Mission status")

        self._commit_on(self.title_edit.editingFinished, "title")
        self._commit_on(self.programme_edit.editingFinished, "programme")
        self._commit_on(self.components_edit.editing_finished, "components")
        self._commit_on(self.country_edit.editingFinished, "host_country")
        self._commit_on(self.city_edit.editingFinished, "city")
        for edit, field in ((self.start_edit, "start_date"), (self.end_edit, "end_date")):
            # Without keyboard tracking, dateChanged comes once per finished entry (Enter,
            # focus out, a calendar click, an arrow step), not for every digit typed.
            edit.setKeyboardTracking(False)
            self._commit_on(edit.dateChanged, field)
        self._commit_on(self.timezone_combo.lineEdit().editingFinished, "timezone")
        self._commit_on(self.timezone_combo.activated, "timezone")
        self._commit_on(self.status_combo.activated, "status")
        return box

    def _build_objectives(self) -> QGroupBox:
        box = QGroupBox("Objectives")
        layout = QVBoxLayout(box)
        self.objectives_edit = self._text_edit(4, "What the mission is meant to achieve")
        self.objectives_edit.setAccessibleName("Objectives")
        layout.addWidget(self.objectives_edit)
        self._commit_on(self.objectives_edit.editing_finished, "objectives")
        return box

    def _build_team(self) -> QGroupBox:
        box = QGroupBox("Team")
        layout = QVBoxLayout(box)
        self.team_model = TeamTableModel(self)
        self.team_view = QTableView()
        self.team_view.setModel(self.team_model)
        self.team_view.setAccessibleName("Team members")
        self.team_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.team_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.team_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team_view.setTabKeyNavigation(False)
        self.team_view.verticalHeader().hide()
        self.team_view.setAlternatingRowColors(True)
        header = self.team_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TeamTableModel.INSTITUTION, QHeaderView.ResizeMode.Stretch)
        self.team_view.setMinimumHeight(self.team_view.fontMetrics().lineSpacing() * 7)
        self.team_view.doubleClicked.connect(self.edit_member)
        for text, keys, slot in (
            ("Edit member…", "Return", self.edit_member),
            ("Remove member…", "Delete", self.remove_member),
        ):
            # Keys of the list, also offered in its context menu.
            action = QAction(text, self.team_view)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.team_view.addAction(action)
        self.team_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.add_member_button = QPushButton("Add mem&ber…")
        self.edit_member_button = QPushButton("&Edit member…")
        self.remove_member_button = QPushButton("Remo&ve member…")
        self.add_member_button.clicked.connect(self.add_member)
        self.edit_member_button.clicked.connect(self.edit_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.edit_member_button)
        buttons.addWidget(self.remove_member_button)
        buttons.addStretch(1)
        layout.addWidget(self.team_view)
        layout.addLayout(buttons)
        self.team_view.selectionModel().selectionChanged.connect(self._update_buttons)
        return box

    def _build_outcome(self) -> QGroupBox:
        box = QGroupBox("Outcome")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summary_edit = self._text_edit(3)
        self.conclusions_edit = self._text_edit(3)
        self.recommendations_edit = self._text_edit(3)
        self._row(form, "Summar&y:", self.summary_edit)
        self._row(form, "Co&nclusions:", self.conclusions_edit)
        self._row(form, "&Recommendations:", self.recommendations_edit)
        self._commit_on(self.summary_edit.editing_finished, "summary")
        self._commit_on(self.conclusions_edit.editing_finished, "conclusions")
        self._commit_on(self.recommendations_edit.editing_finished, "recommendations")
        return box

    def _commit_on(self, signal: Any, field: str) -> None:
        signal.connect(lambda *_: self._commit(field))

    # reading and writing

    def _widget_for(self, field: str) -> QWidget:
        return {
            "title": self.title_edit,
            "programme": self.programme_edit,
            "components": self.components_edit,
            "host_country": self.country_edit,
            "city": self.city_edit,
            "start_date": self.start_edit,
            "end_date": self.end_edit,
            "timezone": self.timezone_combo,
            "status": self.status_combo,
            "objectives": self.objectives_edit,
            "summary": self.summary_edit,
            "conclusions": self.conclusions_edit,
            "recommendations": self.recommendations_edit,
        }[field]

    def _value(self, field: str) -> Any:
        if field == "components":
            return [
                line.strip()
                for line in self.components_edit.toPlainText().splitlines()
                if line.strip()
            ]
        if field == "start_date":
            return self.start_edit.value()
        if field == "end_date":
            return self.end_edit.value()
        if field == "timezone":
            return self.timezone_combo.zone()
        if field == "status":
            return MissionStatus(self.status_combo.currentData())
        widget = self._widget_for(field)
        if isinstance(widget, CommitPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def _commit(self, field: str) -> None:
        if self._loading or self.mission_id is None:
            return
        value = self._value(field)
        if value == self._saved.get(field):
            self._rejected.clear(self._widget_for(field))  # back to the saved value
            return
        try:
            with self.database.session() as session:
                mission = update_mission(session, self.mission_id, **{field: value})
        except FieldnotesError as exc:
            self._rejected.mark(self._widget_for(field), exc.message)
            return
        self._rejected.clear(self._widget_for(field))
        self._load(mission, only=field)
        self.changed.emit()

    def _load(self, mission: Mission, only: str | None = None) -> None:
        """Show the stored values (all, or the one just saved, as the service cleaned it)."""
        values: dict[str, Any] = {
            "title": mission.title,
            "programme": mission.programme,
            "components": list(mission.components),
            "host_country": mission.host_country,
            "city": mission.city,
            "start_date": mission.start_date,
            "end_date": mission.end_date,
            "timezone": mission.timezone,
            "status": mission.status,
            "objectives": mission.objectives,
            "summary": mission.summary,
            "conclusions": mission.conclusions,
            "recommendations": mission.recommendations,
        }
        self._loading = True
        try:
            for field, value in values.items():
                if only is not None and field != only:
                    continue
                self._saved[field] = value
                self._show_value(field, value)
        finally:
            self._loading = False
        self._update_zone_hint(mission.timezone)

    def _show_value(self, field: str, value: Any) -> None:
        widget = self._widget_for(field)
        if field == "components":
            self.components_edit.set_text("\n".join(value))
        elif isinstance(widget, OptionalDateEdit):
            widget.set_value(value)
        elif field == "timezone":
            self.timezone_combo.set_zone(value)
        elif field == "status":
            self.status_combo.setCurrentIndex(self.status_combo.findData(value.value))
        elif isinstance(widget, CommitPlainTextEdit):
            widget.set_text(value)
        elif isinstance(widget, QLineEdit) and widget.text() != value:
            widget.setText(value)

    def _update_zone_hint(self, timezone: str) -> None:
        now = dt.datetime.now(ZoneInfo(timezone))
        self.zone_hint.setText(f"{zone_name(timezone)} · now {now:%H:%M}, UTC{_offset(now)}")

    # public interface

    def set_mission(self, mission_id: str | None) -> None:
        """Show ``mission_id`` (None: an empty, disabled form)."""
        self.mission_id = mission_id
        self._rejected.clear()
        self.refresh()

    def refresh(self) -> None:
        """Reload the mission and its team from the database."""
        mission = None
        members = []
        if self.mission_id is not None:
            with self.database.session() as session:
                try:
                    mission = get_mission(session, self.mission_id)
                    members = list_members(session, self.mission_id)
                except FieldnotesError:
                    self.mission_id = None
        self.setEnabled(mission is not None)
        if mission is None:
            self._saved.clear()
            self._loading = True
            for edit in (self.title_edit, self.programme_edit, self.country_edit, self.city_edit):
                edit.clear()
            for text in (
                self.components_edit,
                self.objectives_edit,
                self.summary_edit,
                self.conclusions_edit,
                self.recommendations_edit,
            ):
                text.set_text("")
            self.start_edit.set_value(None)
            self.end_edit.set_value(None)
            self._loading = False
            self.zone_hint.clear()
            self.heading.setText("No mission selected")
        else:
            self.heading.setText("Mission overview")
            self._load(mission)
        self._show_members([MemberRow.of(m) for m in members])

    # the team

    def _show_members(self, rows: list[MemberRow], select: str | None = None) -> None:
        current = select or self._selected_member_id()
        self.team_model.set_rows(rows)
        row = self.team_model.row_of(current) if current else -1
        if row >= 0:
            self.team_view.selectionModel().select(
                self.team_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.team_view.setCurrentIndex(self.team_model.index(row, 0))
        self._update_buttons()

    def _selected_member_id(self) -> str | None:
        rows = self.team_view.selectionModel().selectedRows()
        return self.team_model.row_at(rows[0].row()).id if rows else None

    def _update_buttons(self) -> None:
        chosen = self._selected_member_id() is not None
        self.edit_member_button.setEnabled(chosen)
        self.remove_member_button.setEnabled(chosen)

    def _open(self, dialog: MemberDialog) -> None:
        self._dialog = dialog
        dialog.saved.connect(self._member_saved)
        dialog.open()

    def _member_saved(self, member_id: str) -> None:
        with self.database.session() as session:
            members = list_members(session, self.mission_id or "")
        self._show_members([MemberRow.of(m) for m in members], select=member_id)
        self.changed.emit()

    def add_member(self) -> None:
        if self.mission_id is not None:
            self._open(MemberDialog(self.database, self.mission_id, parent=self))

    def edit_member(self) -> None:
        member_id = self._selected_member_id()
        if self.mission_id is not None and member_id is not None:
            self._open(MemberDialog(self.database, self.mission_id, member_id, parent=self))

    def remove_member(self) -> None:
        member_id = self._selected_member_id()
        if member_id is None:
            return
        row = self.team_model.row_at(self.team_model.row_of(member_id))
        if not self.confirm_deletion(
            self, f"{row.name} from the team", "Notes they have already written are kept."
        ):
            return
        try:
            with self.database.session() as session:
                delete_member(session, member_id)
                members = list_members(session, self.mission_id or "")
        except FieldnotesError as exc:
            self._rejected.mark(self.team_view, exc.message)
            return
        self._show_members([MemberRow.of(m) for m in members])
        self.changed.emit()


def _offset(now: dt.datetime) -> str:
    """``+03:00`` style UTC offset of an aware time."""
    offset = now.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
