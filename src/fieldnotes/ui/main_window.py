"""The main window: navigator | meeting and notes | counterparts met and actions.

It opens where the user most likely writes next: the meeting happening now in host time
(or the next one), with the cursor in the user's own note. The status bar always tells
whether everything typed is saved.

The window also takes today's backup in the background (at start and hourly) and, after a
restore from a backup, hands over to a fresh window on the restored database: every panel
holds the database it was built with, so a new window is the one clean way to show it.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fieldnotes import __version__
from fieldnotes.errors import FieldnotesError
from fieldnotes.services.backups import daily_backup
from fieldnotes.services.itinerary import host_now, list_meetings, meeting_at
from fieldnotes.services.missions import get_mission, list_missions
from fieldnotes.services.profile import get_profile
from fieldnotes.services.search import SearchHit
from fieldnotes.store import Database
from fieldnotes.ui.autosave import NoteAutosaver, SaveState
from fieldnotes.ui.clock import Clock, host_time_text, system_clock
from fieldnotes.ui.dialogs.meeting_dialog import MeetingDialog
from fieldnotes.ui.dialogs.new_mission_dialog import NewMissionDialog
from fieldnotes.ui.icons import icon
from fieldnotes.ui.models.navigator_model import Entry
from fieldnotes.ui.team_exchange import TeamExchange
from fieldnotes.ui.widgets.actions_panel import ActionsPanel
from fieldnotes.ui.widgets.attachments_panel import AttachmentsPanel
from fieldnotes.ui.widgets.counterparts_panel import CounterpartsPanel
from fieldnotes.ui.widgets.meeting_form import MeetingForm
from fieldnotes.ui.widgets.mission_form import MissionForm
from fieldnotes.ui.widgets.navigator import NavigatorView
from fieldnotes.ui.widgets.note_editor import NoteEditorPanel
from fieldnotes.ui.widgets.search_panel import SearchPanel
from fieldnotes.ui.workers import Runner, TaskRunner

if TYPE_CHECKING:
    from fieldnotes.services.agenda_import import AgendaImportResult
    from fieldnotes.store.recovery import RestoreOutcome

log = logging.getLogger(__name__)

EXPORT_DIALOG_MODULE = "fieldnotes.ui.dialogs.export_report"
SEARCH_DELAY_MS = 200
CLOCK_REFRESH_MS = 15_000
MESSAGE_MS = 6_000
BACKUP_CHECK_MS = 60 * 60 * 1000  # daily_backup is a folder listing unless today's is due
RELEASE_WAIT_MS = 5_000  # how long a restore waits for background work to end


MissionPanel = MissionForm | MeetingForm | CounterpartsPanel | ActionsPanel


class MainWindow(QMainWindow):
    """The one window of the app.

    ``clock`` returns the current UTC instant (tests inject a moment of the mission);
    ``runner`` runs long jobs off the GUI thread (tests pass a synchronous one).

    Signals:
        mission_opened(str): the window now shows that mission.
        window_replaced(MainWindow): after a restore from a backup, this window hands over
            to the one emitted (shown on the restored database) and closes.
    """

    mission_opened = Signal(str)
    window_replaced = Signal(object)

    def __init__(
        self,
        database: Database,
        *,
        clock: Clock = system_clock,
        runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.data_dir = database.path.parent
        self.clock = clock
        self._given_runner = runner
        self.runner: Runner = runner or TaskRunner(self)
        # Replaced in tests: where to write the agenda (None: the user cancelled).
        self.choose_ics_path: Callable[[Path], Path | None] = self._choose_ics_path
        self._database_released = False
        self._backup_running = False
        self._backup_was_on = False
        self.autosaver = NoteAutosaver(database, self)
        self._mission_id: str | None = None
        self._timezone = "UTC"
        self._meeting_id: str | None = None
        self.setWindowTitle("fieldnotes")
        self.setWindowIcon(icon("app"))
        self.resize(1400, 860)
        self._build_actions()
        self._build_exchange()
        self._build_central()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.autosaver.state_changed.connect(self._show_save_state)
        self.autosaver.note_created.connect(lambda _id: self._refresh_side_panels())
        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._update_host_time)
        self._clock_timer.start(CLOCK_REFRESH_MS)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.run_daily_backup)
        self.reload_missions()

    # -- construction -------------------------------------------------------------------

    def _make_action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Any,
        icon_name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_mission_action = self._make_action(
            "New &mission…", "Ctrl+Shift+N", self.new_mission, "new-mission"
        )
        self.new_meeting_action = self._make_action(
            "New &meeting…", QKeySequence.StandardKey.New, self.new_meeting, "new-meeting"
        )
        self.new_meeting_action.setToolTip("Add a meeting to the programme (Ctrl+N)")
        self.now_action = self._make_action("&Now", "Ctrl+J", self.go_now, "now")
        self.now_action.setToolTip("Go to the meeting happening now, host time (Ctrl+J)")
        self.find_action = self._make_action(
            "&Find…", QKeySequence.StandardKey.Find, self.focus_search
        )
        self.save_action = self._make_action(
            "&Save now", QKeySequence.StandardKey.Save, self.save_now
        )
        self.quit_action = self._make_action("&Quit", "Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.export_report_action = self._make_action(
            "&Export report…", "Ctrl+E", self.export_report, "export"
        )
        self.export_report_action.setToolTip("Build the mission report as a PDF (Ctrl+E)")
        self.about_action = self._make_action("&About fieldnotes", None, self.show_about)
        self.restore_backup_action = self._make_action(
            "&Restore from backup…", None, self.restore_from_backup
        )
        self.restore_backup_action.setToolTip(
            "Go back to a backup of your fieldnotes database (the current one is kept)"
        )
        self.import_agenda_action = self._make_action("&Import agenda…", None, self.import_agenda)
        self.import_agenda_action.setToolTip(
            "Add the programme's meetings from a CSV, Excel or calendar (.ics) file"
        )
        self.export_agenda_action = self._make_action(
            "&Export agenda as .ics…", None, self.export_agenda
        )
        self.export_agenda_action.setToolTip("Write the programme as a calendar file")

    def _build_exchange(self) -> None:
        """Import/merge, export package, conflicts and shared-folder sync (own module)."""
        self.exchange = TeamExchange(
            self.database, self.runner, self, clock=self.clock, flush=self.autosaver.flush
        )
        self.exchange.message.connect(self.show_message)
        self.exchange.data_changed.connect(lambda: self._data_changed(self))
        self.exchange.missions_changed.connect(lambda: self.reload_missions())

    def _build_central(self) -> None:
        db = self.database
        self.navigator = NavigatorView(db)
        self.navigator.meeting_selected.connect(self.show_meeting)
        self.navigator.section_selected.connect(self.show_section)
        self.search_panel = SearchPanel(db)
        self.search_panel.hit_activated.connect(self.open_hit)
        self.search_panel.closed.connect(self.close_search)
        self.left = QStackedWidget()
        self.left.addWidget(self.navigator)
        self.left.addWidget(self.search_panel)

        self.mission_form = MissionForm(db)
        self.meeting_form = MeetingForm(db)
        self.meeting_form.meeting_deleted.connect(self._meeting_deleted)
        # The full pages show the whole mission; the side panels follow the meeting shown.
        self.counterparts_page = CounterpartsPanel(db)
        self.actions_page = ActionsPanel(db)
        self.side_counterparts = CounterpartsPanel(db)
        self.side_actions = ActionsPanel(db)
        self.note_editor = NoteEditorPanel(db, self.autosaver, clock=self.clock)
        self.note_editor.status_message.connect(self.show_message)
        # Small tiles: a strip under the notes, not a gallery; new files go with the user's note.
        self.attachments_panel = AttachmentsPanel(
            db, compact=True, note_for_new=self.note_editor.note_for_attachments
        )
        self.attachments_panel.changed.connect(self._attachments_changed)
        self.note_editor.set_attach(self.attachments_panel.add_from_mime)
        self.note_editor.flags_changed.connect(self._note_flags_changed)
        self._panels: list[MissionPanel] = [
            self.mission_form,
            self.meeting_form,
            self.counterparts_page,
            self.actions_page,
            self.side_counterparts,
            self.side_actions,
        ]
        for panel in self._panels:
            panel.changed.connect(lambda p=panel: self._data_changed(p))
        for actions in (self.actions_page, self.side_actions):
            actions.meeting_selected.connect(self.show_meeting)
        self.note_editor.changed.connect(lambda: self._data_changed(self.note_editor))

        self.mission_notes_header = _header(
            "Mission notes",
            "Your overall assessment of the mission (expert feedback), and notes that belong "
            "to no single meeting.",
        )
        self.header_stack = QStackedWidget()
        self.header_stack.addWidget(self.meeting_form)
        self.header_stack.addWidget(self.mission_notes_header)
        self.notes_page = QSplitter(Qt.Orientation.Vertical)
        self.notes_page.setChildrenCollapsible(False)
        self.notes_page.addWidget(self.header_stack)
        self.notes_page.addWidget(self._notes_and_attachments())
        self.notes_page.setStretchFactor(0, 0)
        self.notes_page.setStretchFactor(1, 1)

        self.empty_page = self._build_empty_page()
        self.center = QStackedWidget()
        for page in (
            self.mission_form,
            self.notes_page,
            self.counterparts_page,
            self.actions_page,
            self.empty_page,
        ):
            self.center.addWidget(page)

        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setChildrenCollapsible(False)
        self.right.addWidget(self.side_counterparts)
        self.right.addWidget(self.side_actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([300, 700, 400])
        self.setCentralWidget(self.splitter)

    def _notes_and_attachments(self) -> QWidget:
        """The note editor, with the meeting's attachments as a strip below it.

        The strip sits under the notes, not between header and notes, so the text being
        written never moves when the strip grows; it stays one line high (title, Add,
        Paste, and a drop target) until the meeting has attachments.
        """
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.note_editor, 1)
        panel = self.attachments_panel
        panel.setContentsMargins(4, 0, 4, 2)
        panel.setToolTip("Drop files here, or paste a picture (Ctrl+V), to attach them")
        layout.addWidget(panel)
        return widget

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel("<h2>No mission yet</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Create the mission you are preparing or taking part in. "
            "You can add the programme, the team and the counterparts afterwards."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton(icon("new-mission"), "New mission…")
        button.clicked.connect(self.new_mission)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_meeting_action)
        toolbar.addAction(self.now_action)
        toolbar.addSeparator()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search notes, meetings, people (Ctrl+F)")
        self.search_box.setAccessibleName("Search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setMinimumWidth(320)
        self.search_box.setMaximumWidth(460)
        self.search_box.textChanged.connect(self._search_text_changed)
        self.search_box.returnPressed.connect(self._search_return)
        self.search_box.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        toolbar.addWidget(self.search_box)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.mission_selector = QComboBox()
        self.mission_selector.setAccessibleName("Mission")
        self.mission_selector.setMinimumContentsLength(28)
        self.mission_selector.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mission_selector.activated.connect(self._mission_chosen)
        self._selector_action = toolbar.addWidget(self.mission_selector)
        toolbar.addSeparator()
        toolbar.addAction(self.exchange.import_action)
        if importlib.util.find_spec(EXPORT_DIALOG_MODULE) is not None:
            toolbar.addAction(self.export_report_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_mission_action)
        file_menu.addAction(self.save_action)
        if importlib.util.find_spec(EXPORT_DIALOG_MODULE) is not None:
            file_menu.addSeparator()
            file_menu.addAction(self.export_report_action)
        file_menu.addSeparator()
        file_menu.addAction(self.exchange.import_action)
        file_menu.addAction(self.exchange.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.restore_backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.find_action)
        mission_menu = bar.addMenu("M&ission")
        mission_menu.addAction(self.new_mission_action)
        mission_menu.addSeparator()
        mission_menu.addAction(self.import_agenda_action)
        mission_menu.addAction(self.export_agenda_action)
        mission_menu.addSeparator()
        mission_menu.addAction(self.exchange.conflicts_action)
        mission_menu.addAction(self.exchange.sync_now_action)
        mission_menu.addAction(self.exchange.sync_settings_action)
        meeting_menu = bar.addMenu("&Meeting")
        meeting_menu.addAction(self.new_meeting_action)
        meeting_menu.addAction(self.now_action)
        note_menu = bar.addMenu("&Note")
        editor = self.note_editor
        for action in (editor.bold_action, editor.italic_action, editor.heading_action):
            note_menu.addAction(action)
        note_menu.addAction(editor.bullet_action)
        note_menu.addAction(editor.numbered_action)
        note_menu.addSeparator()
        note_menu.addAction(editor.insert_time_action)
        note_menu.addAction(editor.add_action_action)
        note_menu.addAction(editor.new_note_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        # Window-wide shortcuts also work while the menu bar is hidden (no menu bar on some
        # desktops' global-menu setups); Qt ignores the duplicate registration otherwise.
        for action in (
            self.new_mission_action,
            self.new_meeting_action,
            self.now_action,
            self.find_action,
            self.save_action,
            self.quit_action,
            self.export_report_action,
            self.exchange.import_action,
        ):
            self.addAction(action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.save_label = QLabel()
        self.save_label.setAccessibleName("Save status")
        self.message_label = QLabel()
        self.message_label.setAccessibleName("Message")
        self.user_label = QLabel()
        self.user_label.setAccessibleName("You")
        self.host_time_label = QLabel()
        self.host_time_label.setAccessibleName("Host time")
        for label in (self.save_label, self.message_label, self.user_label, self.host_time_label):
            label.setContentsMargins(6, 0, 6, 0)
        # showMessage() would hide the save state: transient messages get their own label.
        status.addWidget(self.save_label)
        status.addWidget(self.message_label, 1)
        status.addPermanentWidget(self.exchange.sync_label)
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.host_time_label)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        self._show_save_state(self.autosaver.state, "")

    # -- missions -----------------------------------------------------------------------

    def reload_missions(self, select: str | None = None) -> None:
        """Read the missions and the profile; open ``select`` or the most relevant mission."""
        with self.database.session() as session:
            missions = [
                (m.id, m.title, m.start_date, m.end_date, m.timezone)
                for m in list_missions(session)
            ]
            profile = get_profile(session)
        where = f" ({profile.country})" if profile.country else ""
        self.user_label.setText(f"{profile.name}{where}" if profile.name else "")
        self.mission_selector.blockSignals(True)
        self.mission_selector.clear()
        for mission_id, title, *_ in missions:
            self.mission_selector.addItem(title, mission_id)
        self.mission_selector.blockSignals(False)
        self._selector_action.setVisible(len(missions) > 1)
        ids = [m[0] for m in missions]
        target = select if select in ids else self._mission_id if self._mission_id in ids else None
        if target is None and missions:
            target = self._most_relevant(missions)
        if target is None:
            self._show_no_mission()
        elif target != self._mission_id:
            self.open_mission(target)
        else:
            self._select_in_selector(target)

    def _most_relevant(self, missions: list[tuple[Any, ...]]) -> str:
        """The mission under way today (host date), else the newest (first in the list)."""
        for mission_id, _title, start, end, timezone in missions:
            if start is None:
                continue
            today = host_now(timezone, self.clock()).date()
            if start <= today <= (end or start):
                return str(mission_id)
        return str(missions[0][0])

    def _show_no_mission(self) -> None:
        self._mission_id = None
        self.navigator.set_mission(None)
        for panel in self._panels:
            panel.set_mission(None)
        self.note_editor.set_meeting(None, None)
        self._show_attachments(None)
        self.center.setCurrentWidget(self.empty_page)
        self.right.hide()
        self.setWindowTitle("fieldnotes")
        self._set_mission_actions(False)
        self.exchange.set_mission(None)
        self._update_host_time()

    def _set_mission_actions(self, enabled: bool) -> None:
        for action in (
            self.new_meeting_action,
            self.now_action,
            self.export_report_action,
            self.import_agenda_action,
            self.export_agenda_action,
        ):
            action.setEnabled(enabled)

    def open_mission(self, mission_id: str) -> None:
        """Show ``mission_id`` and go to its meeting happening now."""
        self.autosaver.flush()
        with self.database.session() as session:
            mission = get_mission(session, mission_id)
            title, self._timezone = mission.title, mission.timezone
        self._mission_id = mission_id
        self._meeting_id = None
        self.setWindowTitle(f"{title} — fieldnotes")
        self._select_in_selector(mission_id)
        self.navigator.set_mission(mission_id)
        # The side panels and the attachments strip get the mission with their meeting, in
        # go_now below: one read each instead of two.
        for panel in (
            self.mission_form,
            self.meeting_form,
            self.counterparts_page,
            self.actions_page,
        ):
            panel.set_mission(mission_id)
        self.search_panel.set_current_mission(mission_id)
        self._set_mission_actions(True)
        self.exchange.set_mission(mission_id)
        self._update_host_time()
        self.go_now()
        self.mission_opened.emit(mission_id)

    def _select_in_selector(self, mission_id: str) -> None:
        index = self.mission_selector.findData(mission_id)
        if index >= 0:
            self.mission_selector.setCurrentIndex(index)

    def _mission_chosen(self, index: int) -> None:
        mission_id = self.mission_selector.itemData(index)
        if mission_id and mission_id != self._mission_id:
            self.open_mission(str(mission_id))

    @property
    def mission_id(self) -> str | None:
        return self._mission_id

    @property
    def meeting_id(self) -> str | None:
        return self._meeting_id

    # -- navigation ---------------------------------------------------------------------

    def current_meeting_now(self) -> str | None:
        """The meeting happening now in host time, or the next one (None: no meetings)."""
        if self._mission_id is None:
            return None
        with self.database.session() as session:
            meetings = list_meetings(session, self._mission_id)
            found = meeting_at(meetings, host_now(self._timezone, self.clock()))
            return found.id if found else None

    def go_now(self) -> None:
        """Jump to the meeting happening now (or next), cursor in the user's own note."""
        meeting_id = self.current_meeting_now()
        self.navigator.set_current_meeting(meeting_id)
        if meeting_id is None:
            self.show_section(Entry.OVERVIEW)
            return
        self.show_meeting(meeting_id)
        self.note_editor.focus_own()

    def show_meeting(self, meeting_id: str) -> None:
        """Show a meeting: its header, everyone's notes, counterparts met and actions."""
        if self._mission_id is None:
            return
        self.autosaver.flush()
        self._meeting_id = meeting_id
        self.navigator.select_meeting(meeting_id, emit=False)
        self.meeting_form.set_meeting(meeting_id)
        self.header_stack.setCurrentWidget(self.meeting_form)
        if (
            self.note_editor.meeting_id != meeting_id
            or self.center.currentWidget() is not self.notes_page
        ):
            self.note_editor.set_meeting(self._mission_id, meeting_id)
        self.center.setCurrentWidget(self.notes_page)
        self._show_attachments(meeting_id)
        self._show_side_panels(meeting_id)

    def show_section(self, entry: str) -> None:
        """Show the overview, the mission notes, the counterparts or the actions."""
        if self._mission_id is None:
            return
        self.autosaver.flush()
        self._meeting_id = None
        self.navigator.select_entry(entry, emit=False)
        self._show_attachments(None)
        if entry == Entry.MISSION_NOTES:
            self.header_stack.setCurrentWidget(self.mission_notes_header)
            self.note_editor.set_meeting(self._mission_id, None)
            self.center.setCurrentWidget(self.notes_page)
            self._show_side_panels(None)
        elif entry == Entry.COUNTERPARTS:
            self.center.setCurrentWidget(self.counterparts_page)
            self.right.hide()
        elif entry == Entry.ACTIONS:
            self.center.setCurrentWidget(self.actions_page)
            self.right.hide()
        else:
            self.center.setCurrentWidget(self.mission_form)
            self._show_side_panels(None)

    def _show_side_panels(self, meeting_id: str | None) -> None:
        self.side_counterparts.set_scope(self._mission_id, meeting_id)
        self.side_actions.set_scope(self._mission_id, meeting_id)
        self.right.show()

    def _refresh_side_panels(self) -> None:
        for panel in (self.side_counterparts, self.side_actions):
            panel.refresh()

    def _show_attachments(self, meeting_id: str | None) -> None:
        """Attachments belong to a meeting: no strip for mission notes or other pages."""
        panel = self.attachments_panel
        panel.set_scope(self._mission_id, meeting_id)
        panel.setVisible(meeting_id is not None)

    def _attachments_changed(self) -> None:
        self.show_message("Attachments saved.")

    def _note_flags_changed(self, _note_id: str) -> None:
        # The attachments of a note made internal (or not) are marked with it.
        self.attachments_panel.refresh()

    def _meeting_deleted(self, meeting_id: str) -> None:
        self.navigator.refresh()
        self.show_message("Meeting deleted.")
        self.go_now()

    def _data_changed(self, source: QWidget) -> None:
        """A panel wrote something: everything else that shows it reads it again."""
        if self._mission_id is None:
            return
        self.navigator.refresh()
        for panel in self._panels:
            if panel is not source:
                panel.refresh()
        if source is not self.note_editor and source is not self.meeting_form:
            self.note_editor.reload()
        self.attachments_panel.refresh()
        with self.database.session() as session:
            mission = get_mission(session, self._mission_id)
            title, self._timezone = mission.title, mission.timezone
        self.setWindowTitle(f"{title} — fieldnotes")
        index = self.mission_selector.findData(self._mission_id)
        if index >= 0:
            self.mission_selector.setItemText(index, title)
        self._update_host_time()

    # -- search -------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _search_text_changed(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self.close_search()

    def run_search(self) -> list[SearchHit]:
        """Search for the search box's text now and show the results in the left pane."""
        self._search_timer.stop()
        text = self.search_box.text()
        if not text.strip():
            self.close_search()
            return []
        hits = self.search_panel.search(text)
        self.left.setCurrentWidget(self.search_panel)
        return hits

    def _search_return(self) -> None:
        self.run_search()
        self.search_panel.activate_current()

    def close_search(self) -> None:
        self._search_timer.stop()
        self.left.setCurrentWidget(self.navigator)
        if self.search_box.text():
            self.search_box.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.close_search()
                self.note_editor.focus_own()
                return True
            if event.key() == Qt.Key.Key_Down and self.left.currentWidget() is self.search_panel:
                self.search_panel.results.setFocus()
                return True
        return super().eventFilter(watched, event)

    def open_hit(self, hit: SearchHit) -> None:
        """Go to what a search result names: the note, the meeting, or the counterpart."""
        if hit.mission_id != self._mission_id:
            self.open_mission(hit.mission_id)
        if hit.kind == "note":
            if hit.meeting_id:
                self.show_meeting(hit.meeting_id)
            else:
                self.show_section(Entry.MISSION_NOTES)
            self.note_editor.show_note(hit.record_id)
        elif hit.kind == "meeting":
            self.show_meeting(hit.record_id)
        else:
            self.show_section(Entry.COUNTERPARTS)
            # CounterpartsPanel has no public "select this record" yet; the page is shown.

    # -- commands -----------------------------------------------------------------------

    def new_mission(self) -> None:
        dialog = NewMissionDialog(self.database, parent=self)
        created: list[str] = []
        dialog.saved.connect(created.append)
        if dialog.exec() and created:
            self.reload_missions(select=created[0])
            self.open_mission(created[0])
            self.show_section(Entry.OVERVIEW)

    def new_meeting(self) -> None:
        if self._mission_id is None:
            return
        self.autosaver.flush()
        dialog = MeetingDialog(self.database, self._mission_id, parent=self)
        created: list[str] = []
        dialog.saved.connect(created.append)
        if dialog.exec() and created:
            self.navigator.refresh()
            self.show_meeting(created[0])
            self.note_editor.focus_own()

    def export_report(self) -> None:
        if self._mission_id is None:
            return
        self.autosaver.flush()  # the report must contain what was just typed
        module = importlib.import_module(EXPORT_DIALOG_MODULE)
        dialog = module.ExportReportDialog(
            self.database, self._mission_id, runner=self.runner, parent=self
        )
        dialog.exec()

    def import_agenda(self) -> None:
        """Mission ▸ Import agenda…: meetings from a CSV, XLSX or .ics file."""
        if self._mission_id is None:
            return
        self.commit_edits()
        from fieldnotes.ui.dialogs.agenda_import_dialog import AgendaImportDialog

        dialog = AgendaImportDialog(self.database, self._mission_id, self)
        dialog.imported.connect(lambda result: self._agenda_imported(dialog, result))
        dialog.exec()

    def _agenda_imported(self, dialog: QDialog, result: AgendaImportResult) -> None:
        self._data_changed(dialog)  # new meetings, and maybe new organisations
        added, skipped = len(result.meeting_ids), result.skipped
        text = f"{added} meeting{'s' if added != 1 else ''} imported"
        if skipped:
            text += f", {skipped} already in the programme"
        self.show_message(text + ".")

    def export_agenda(self) -> None:
        """Mission ▸ Export agenda as .ics…: the programme for the experts' own calendars."""
        if self._mission_id is None:
            return
        self.commit_edits()  # a meeting time being edited belongs in the file
        with self.database.session() as session:
            title = get_mission(session, self._mission_id).title
        path = self.choose_ics_path(Path.home() / f"{_file_stem(title)}.ics")
        if path is None:
            return
        from fieldnotes.services.agenda_export import export_itinerary

        try:
            count = export_itinerary(self.database, self._mission_id, path)
        except FieldnotesError as exc:
            QMessageBox.warning(self, "The agenda was not exported", exc.message)
            return
        self.show_message(f"{count} meeting{'s' if count != 1 else ''} exported to {path}.")

    def _choose_ics_path(self, suggested: Path) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export agenda as .ics", str(suggested), "Calendar (*.ics)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")

    def save_now(self) -> None:
        """Ctrl+S: save the note now, and make the field being edited commit its value."""
        if self.commit_edits():
            self.show_message("Everything is saved.")

    def commit_edits(self) -> bool:
        """Save the note and the form field being edited; False if the note could not be."""
        focused = QApplication.focusWidget()
        if focused is not None and focused is not self.note_editor.editor:
            # Forms save a field when it loses focus; a focus round trip commits it.
            focused.clearFocus()
            focused.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.autosaver.flush()

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self._message_timer.start(MESSAGE_MS)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About fieldnotes",
            f"<b>fieldnotes {__version__}</b><p>Offline notebook and report builder for "
            "expert field missions.</p><p>Everything you type is saved on this computer as "
            "you type.</p>",
        )

    # -- backups ------------------------------------------------------------------------

    def start_daily_backups(self) -> None:
        """Take today's backup now if due, and look again every hour while the app is open."""
        self.run_daily_backup()
        self.backup_timer.start()

    def run_daily_backup(self) -> None:
        """Take today's backup in the background unless one was taken already."""
        if self._backup_running or self._database_released:
            return
        self._backup_running = True
        data_dir = self.data_dir
        self.runner.submit(
            lambda _token, _progress: daily_backup(data_dir),
            on_done=self._daily_backup_done,
            on_error=self._daily_backup_failed,
        )

    def _daily_backup_done(self, path: Path | None) -> None:
        self._backup_running = False
        if path is not None:
            log.info("daily backup written: %s", path)

    def _daily_backup_failed(self, error: BaseException) -> None:
        self._backup_running = False
        log.error("daily backup failed", exc_info=error)
        reason = error.message if isinstance(error, FieldnotesError) else str(error)
        self.show_message(f"Today's backup could not be written: {reason}")

    def restore_from_backup(self) -> None:
        """File ▸ Restore from backup…: close the database, restore, reopen in a new window.

        Nothing typed is lost: the restore does not start until everything is saved.
        """
        if not self._release_database():
            return
        from fieldnotes.ui.dialogs.restore_backup_dialog import RestoreBackupDialog

        dialog = RestoreBackupDialog(self.data_dir, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
            # Nothing changed on disk: the engine reconnects to the same file when next used.
            self._database_released = False
            if self._backup_was_on:
                self.backup_timer.start()
            self.exchange.set_mission(self._mission_id)  # automatic sync as it was
            return
        self._hand_over(dialog.outcome)

    def _release_database(self) -> bool:
        """Save everything, let background work end, and close the database; False: not now."""
        if not self.commit_edits():
            rescue = self._rescue_unsaved()
            QMessageBox.warning(
                self,
                "Some text is not saved",
                f"The last changes could not be saved: {self.autosaver.error}\n\n"
                + (f"A copy was written to {rescue}.\n\n" if rescue else "")
                + "Nothing was restored. Try again once the text is saved.",
            )
            return False
        if isinstance(self.runner, TaskRunner) and not self.runner.wait_for_done(RELEASE_WAIT_MS):
            QMessageBox.information(
                self,
                "Restore from backup",
                "fieldnotes is still working in the background (writing a report or a "
                "backup). Try again when it has finished.",
            )
            return False
        self._backup_was_on = self.backup_timer.isActive()
        self.backup_timer.stop()
        self.exchange.stop()  # no sync round may write while the file is replaced
        self._database_released = True
        self.database.close()
        return True

    def _hand_over(self, outcome: RestoreOutcome) -> None:
        """Show the restored database in a new window where this one was, then close."""
        try:
            database = Database.open(self.data_dir)
        except FieldnotesError as exc:
            QMessageBox.critical(
                self,
                "fieldnotes cannot open the restored database",
                f"{exc.message}\n\nfieldnotes closes now; your previous database is in "
                f"{outcome.set_aside[0].parent if outcome.set_aside else self.data_dir}.",
            )
            self.close()
            return
        replacement = MainWindow(database, clock=self.clock, runner=self._given_runner)
        replacement.restoreGeometry(self.saveGeometry())
        if self._mission_id is not None:
            replacement.reload_missions(select=self._mission_id)
        replacement.show_message(
            f"Restored the backup {outcome.restored_from.name}. "
            + (
                f"The database it replaced is kept in {outcome.set_aside[0].parent}."
                if outcome.set_aside
                else ""
            )
        )
        self.window_replaced.emit(replacement)
        replacement.show()
        if self._backup_was_on:
            replacement.start_daily_backups()
        self.close()

    # -- status -------------------------------------------------------------------------

    def _show_save_state(self, state: SaveState, error: str) -> None:
        if state is SaveState.FAILED:
            self.save_label.setText(f"⚠ Not saved — {error}")
            self.save_label.setStyleSheet("color: #c62828; font-weight: 600;")
        else:
            self.save_label.setText(state.value)
            self.save_label.setStyleSheet("")
        self.save_label.setToolTip(error or state.value)

    def _update_host_time(self) -> None:
        text = host_time_text(self._timezone, self.clock()) if self._mission_id else ""
        self.host_time_label.setText(text)
        self.host_time_label.setToolTip("Local time of the host country" if text else "")

    def save_state_text(self) -> str:
        return self.save_label.text()

    # -- closing ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._database_released:
            # Handed over after a restore: everything was saved before the database closed,
            # and a save now would write this window's stale state into the restored file.
            self._stop_background_work()
            event.accept()
            return
        self.save_now()
        if not self.autosaver.flush():
            rescue = self._rescue_unsaved()
            answer = QMessageBox.warning(
                self,
                "Some text is not saved",
                f"The last changes could not be saved: {self.autosaver.error}\n\n"
                + (f"A copy was written to {rescue}.\n\n" if rescue else "")
                + "Close anyway?",
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        self._stop_background_work()
        event.accept()

    def _stop_background_work(self) -> None:
        self._clock_timer.stop()
        self.backup_timer.stop()
        self.exchange.stop()
        if isinstance(self.runner, TaskRunner):
            # A report being written finishes (or sees its cancel) before the database closes.
            self.runner.wait_for_done(10_000)
            self.runner.shutdown()

    def _rescue_unsaved(self) -> Path | None:
        try:
            return self.autosaver.write_rescue_copy(self.database.path.parent / "unsaved")
        except OSError:
            log.exception("could not write the rescue copy")
            return None


# -- construction helpers -----------------------------------------------------------------


def _file_stem(title: str) -> str:
    """A file name from a mission title: no characters a file system refuses."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return " ".join(stem.split())[:80] or "agenda"


def _header(title: str, text: str) -> QWidget:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(4, 4, 4, 8)
    heading = QLabel(f"<h3 style='margin:0'>{title}</h3>")
    body = QLabel(text)
    body.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(body)
    return widget
