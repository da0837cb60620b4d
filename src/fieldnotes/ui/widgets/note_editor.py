"""The notes of one meeting (or of the mission): one tab per author, the user's own editable.

Other authors' notes are shown read-only (rendered Markdown on a muted background with a
"read-only" banner). The user's own tab edits one note at a time; "New note" adds another
(for instance to keep an internal remark apart), and a selector appears when there are
several. Text goes to :class:`~fieldnotes.ui.autosave.NoteAutosaver`; flags and topics
are saved at once, each change in its own session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import Member, Note
from fieldnotes.services.actions import add_action
from fieldnotes.services.itinerary import host_now
from fieldnotes.services.missions import get_mission
from fieldnotes.services.notes import (
    create_note,
    mission_notes,
    notes_for_meeting,
    set_note_flags,
    set_note_topics,
)
from fieldnotes.services.profile import link_member, linked_member_id
from fieldnotes.services.team import list_members
from fieldnotes.services.topics import list_topics, topics_by_id
from fieldnotes.store import Database
from fieldnotes.ui.autosave import NoteAutosaver, NoteDraft
from fieldnotes.ui.clock import Clock, system_clock
from fieldnotes.ui.icons import icon
from fieldnotes.ui.widgets.note_text_edit import NoteTextEdit

# Warm tint for internal material; mixed into the palette so it also works in dark mode.
INTERNAL_TINT = QColor(230, 160, 40)


def tinted(base: QColor, amount: float = 0.14) -> QColor:
    """``base`` moved ``amount`` of the way towards the internal tint."""
    return QColor(
        round(base.red() + (INTERNAL_TINT.red() - base.red()) * amount),
        round(base.green() + (INTERNAL_TINT.green() - base.green()) * amount),
        round(base.blue() + (INTERNAL_TINT.blue() - base.blue()) * amount),
    )


@dataclass(frozen=True)
class NoteRow:
    id: str
    author_id: str
    text: str
    key_finding: bool
    internal: bool
    topics: tuple[str, ...]
    version: tuple[tuple[str, int], ...] = ()  # what the shown text was read at


@dataclass(frozen=True)
class AuthorRow:
    id: str
    name: str
    country: str

    @property
    def short_name(self) -> str:
        """``Zoltán K.``: tab labels stay short, the tooltip has the full name."""
        parts = self.name.split()
        if len(parts) < 2:
            return self.name
        return f"{' '.join(parts[:-1])} {parts[-1][0]}."


class TopicCompleter(QCompleter):
    """Completes the topic being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        before = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return before + str(index.data())


class AuthorNotesView(QTextBrowser):
    """Another author's notes, read-only, rendered from their Markdown."""

    def __init__(
        self, author: AuthorRow, notes: list[NoteRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.author = author
        self.note_ids = [n.id for n in notes]
        self.setReadOnly(True)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(f"Notes by {author.name} (read-only)")
        palette = self.palette()
        # Read-only text sits on the window colour, not the white of an editable field.
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.setPalette(palette)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) + 1.5)
        self.setFont(font)
        self._render(notes)

    def _render(self, notes: list[NoteRow]) -> None:
        document = self.document()
        document.setDocumentMargin(12)
        cursor = QTextCursor(document)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        size = max(self.fontMetrics().height() - 2, 12)
        for name in ("lock", "star"):
            pixmap = icon(name, muted).pixmap(size, size)
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(f"icon:{name}"), pixmap
            )
        for position, note in enumerate(notes):
            frame = QTextFrameFormat()
            frame.setPadding(8)
            frame.setTopMargin(0 if position == 0 else 10)
            if note.internal:
                frame.setBackground(tinted(self.palette().color(QPalette.ColorRole.Base), 0.2))
            cursor.insertFrame(frame)
            marks: list[tuple[str, str]] = []
            if note.internal:
                marks.append(("lock", "Internal — left out of the external report"))
            if note.key_finding:
                marks.append(("star", "Key finding"))
            if note.topics:
                marks.append(("", "Topics: " + ", ".join(note.topics)))
            if marks:
                label_format = cursor.charFormat()
                label_format.setForeground(muted)
                for position_in_line, (image, text) in enumerate(marks):
                    if position_in_line:
                        cursor.insertText("    ", label_format)
                    if image:
                        cursor.insertImage(f"icon:{image}")
                        cursor.insertText(" ", label_format)
                    cursor.insertText(text, label_format)
                cursor.insertBlock()
                cursor.setCharFormat(self.document().begin().charFormat())
            cursor.insertMarkdown(note.text or "*(empty)*")
            cursor.movePosition(QTextCursor.MoveOperation.End)
        self.moveCursor(QTextCursor.MoveOperation.Start)


class NoteEditorPanel(QWidget):
    """The notes of one meeting, or of the mission when the meeting is None.

    Pictures pasted or dropped into the user's note go to the handler given to
    :meth:`set_attach` (the window's attachments strip), which asks
    :meth:`note_for_attachments` which note they belong to.

    Signals:
        changed(): something other than note text was written (an action, the author link).
        status_message(str): a short message for the status bar.
        flags_changed(str): the user's note (its id) was made internal or key finding, or not.
    """

    changed = Signal()
    status_message = Signal(str)
    flags_changed = Signal(str)

    def __init__(
        self,
        database: Database,
        autosaver: NoteAutosaver,
        parent: QWidget | None = None,
        *,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._autosaver = autosaver
        self._clock = clock
        self._mission_id: str | None = None
        self._meeting_id: str | None = None
        self._timezone = "UTC"
        self._drafts: list[NoteDraft] = []
        self._own_rows: dict[str, NoteRow] = {}
        self._current: NoteDraft | None = None
        self._loading = False
        self._attach_handler: Callable[[QMimeData], bool] | None = None
        self._build()
        autosaver.note_created.connect(self._note_created)

    # -- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Notes by author")
        self.tabs.currentChanged.connect(self._tab_changed)
        self._build_actions()
        self.own_page = QWidget()
        self.own_page.setAccessibleName("My notes")
        own = QVBoxLayout(self.own_page)
        own.setContentsMargins(0, 4, 0, 0)
        own.setSpacing(6)
        self._own_stack = QStackedWidget()
        self._own_stack.addWidget(self._build_editor_page())
        self._own_stack.addWidget(self._build_link_page())
        own.addWidget(self._own_stack)
        for action in self._editor_actions:
            self.own_page.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self.own_page, "My notes")

    def _action(self, text: str, shortcut: str, slot: object, icon_name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({native})")
        # Only while the user's own note has the focus: Ctrl+B elsewhere is another field's.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.bold_action = self._action("Bold", "Ctrl+B", lambda: self.editor.wrap_selection("**"))
        self.italic_action = self._action(
            "Italic", "Ctrl+I", lambda: self.editor.wrap_selection("*")
        )
        self.heading_action = self._action(
            "Heading", "Ctrl+Shift+H", lambda: self.editor.toggle_line_prefix("heading")
        )
        self.bullet_action = self._action(
            "Bullet list", "Ctrl+Shift+8", lambda: self.editor.toggle_line_prefix("bullet")
        )
        self.numbered_action = self._action(
            "Numbered list", "Ctrl+Shift+7", lambda: self.editor.toggle_line_prefix("numbered")
        )
        self.insert_time_action = self._action(
            "Insert time", "Ctrl+Shift+T", self.insert_host_time, "time-insert"
        )
        self.add_action_action = self._action(
            "Add action from note", "Ctrl+Shift+A", self.add_action_from_note, "action"
        )
        self.new_note_action = self._action("New note", "", self.new_note, "note")
        self.new_note_action.setToolTip("Start another note of yours on this meeting")
        self._editor_actions = [
            self.bold_action,
            self.italic_action,
            self.heading_action,
            self.bullet_action,
            self.numbered_action,
            self.insert_time_action,
            self.add_action_action,
            self.new_note_action,
        ]

    def _build_editor_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        toolbar = QToolBar()
        toolbar.setAccessibleName("Note formatting")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.bold_action, self.italic_action, self.heading_action):
            toolbar.addAction(action)
        toolbar.addAction(self.bullet_action)
        toolbar.addAction(self.numbered_action)
        toolbar.addSeparator()
        toolbar.addAction(self.insert_time_action)
        toolbar.addAction(self.add_action_action)
        toolbar.addSeparator()
        toolbar.addAction(self.new_note_action)
        for action, glyph in (
            (self.bold_action, "B"),
            (self.italic_action, "I"),
            (self.heading_action, "H"),
            (self.bullet_action, "•"),
            (self.numbered_action, "1."),
        ):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setText(glyph)
                font = button.font()
                font.setBold(glyph == "B")
                font.setItalic(glyph == "I")
                button.setFont(font)
                button.setAccessibleName(action.text())
                button.setMinimumWidth(28)
        bar.addWidget(toolbar, 1)
        self.note_selector = QComboBox()
        self.note_selector.setAccessibleName("Which of my notes")
        self.note_selector.setToolTip("You have several notes on this meeting")
        self.note_selector.currentIndexChanged.connect(self._note_selected)
        bar.addWidget(self.note_selector)
        layout.addLayout(bar)

        self.internal_banner = QLabel()
        self.internal_banner.setText(
            "Internal note — left out of the external report shared with counterparts."
        )
        self.internal_banner.setAccessibleName("Internal note")
        self.internal_banner.setContentsMargins(8, 4, 8, 4)
        self.internal_banner.setAutoFillBackground(True)
        banner_palette = self.internal_banner.palette()
        banner_palette.setColor(
            QPalette.ColorRole.Window, tinted(banner_palette.color(QPalette.ColorRole.Base), 0.3)
        )
        self.internal_banner.setPalette(banner_palette)
        self.internal_banner.hide()
        layout.addWidget(self.internal_banner)

        self.editor = NoteTextEdit()
        self.editor.setAccessibleName("My note")
        self.editor.setPlaceholderText(
            "Type your notes here. They are saved as you type.\n\n"
            "**bold**, *italic*, - lists, ## headings · Ctrl+Shift+T inserts the time"
        )
        self.editor.textChanged.connect(self._text_changed)
        self.editor.focus_left.connect(self._autosaver.flush)
        self._editor_palette = self.editor.palette()
        layout.addWidget(self.editor, 1)

        flags = QHBoxLayout()
        flags.setContentsMargins(2, 0, 2, 0)
        flags.setSpacing(14)
        self.key_finding_box = QCheckBox("Key finding")
        self.key_finding_box.setIcon(icon("star"))
        self.key_finding_box.setToolTip(
            "Key findings are highlighted and grouped by topic in the report"
        )
        self.key_finding_box.toggled.connect(self._flags_changed)
        self.internal_box = QCheckBox("Internal")
        self.internal_box.setIcon(icon("lock"))
        self.internal_box.setToolTip("Internal notes are left out of the external report")
        self.internal_box.toggled.connect(self._flags_changed)
        topics_label = QLabel("Topics:")
        self.topics_edit = QLineEdit()
        self.topics_edit.setPlaceholderText("e.g. labour migration, work permits")
        self.topics_edit.setAccessibleName("Topics (comma separated)")
        topics_label.setBuddy(self.topics_edit)
        self.topics_edit.editingFinished.connect(self._topics_edited)
        self._topic_model = QStringListModel(self)
        self._completer = TopicCompleter(self._topic_model, self.topics_edit)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.topics_edit.setCompleter(self._completer)
        flags.addWidget(self.key_finding_box)
        flags.addWidget(self.internal_box)
        flags.addSpacing(8)
        flags.addWidget(topics_label)
        flags.addWidget(self.topics_edit, 1)
        layout.addLayout(flags)
        return page

    def _build_link_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        message = QLabel(
            "<b>Which team member are you in this mission?</b><br>"
            "Your notes are signed with that name in the report and when they are shared."
        )
        message.setWordWrap(True)
        self.member_choice = QComboBox()
        self.member_choice.setAccessibleName("Team member to write as")
        use = QPushButton("Write as this member")
        use.clicked.connect(self._link_member)
        row = QHBoxLayout()
        row.addWidget(self.member_choice, 1)
        row.addWidget(use)
        layout.addWidget(message)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # -- loading ------------------------------------------------------------------------

    def set_meeting(self, mission_id: str | None, meeting_id: str | None) -> None:
        """Show the notes of ``meeting_id`` (None: the mission-level notes)."""
        self._autosaver.flush()
        self._mission_id = mission_id
        self._meeting_id = meeting_id
        self.reload()

    def reload(self) -> None:
        """Read the notes again (after a save elsewhere); keeps the note being edited."""
        keep = self._current.note_id if self._current else None
        tab = self.tabs.currentIndex()
        self._loading = True
        try:
            self._load(keep)
        finally:
            self._loading = False
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def _load(self, keep_note_id: str | None) -> None:
        mission_id = self._mission_id
        while self.tabs.count() > 1:
            widget = self.tabs.widget(1)
            self.tabs.removeTab(1)
            widget.deleteLater()
        self._drafts = []
        self._current = None
        if mission_id is None:
            self.setEnabled(False)
            self.editor.clear()
            return
        self.setEnabled(True)
        with self._database.session() as session:
            self._timezone = get_mission(session, mission_id).timezone
            members = list_members(session, mission_id)
            me = linked_member_id(session, mission_id)
            notes = (
                notes_for_meeting(session, self._meeting_id)
                if self._meeting_id
                else mission_notes(session, mission_id)
            )
            rows = [_note_row(session, n) for n in notes]
            topic_names = [t.name for t in list_topics(session)]
        self._topic_model.setStringList(topic_names)
        authors = {m.id: AuthorRow(m.id, m.name, m.country) for m in members}
        self._own_rows = {r.id: r for r in rows if r.author_id == me}
        if me is None:
            self._show_link_page(members)
        else:
            self._own_stack.setCurrentIndex(0)
            self._fill_own(mission_id, keep_note_id)
        for author_id in dict.fromkeys(r.author_id for r in rows if r.author_id != me):
            author = authors.get(author_id) or AuthorRow(author_id, "Former member", "")
            view = AuthorNotesView(author, [r for r in rows if r.author_id == author_id])
            index = self.tabs.addTab(view, author.short_name)
            where = f" ({author.country})" if author.country else ""
            self.tabs.setTabToolTip(index, f"{author.name}{where} — read-only")
            if any(r.internal for r in rows if r.author_id == author_id):
                self.tabs.setTabIcon(index, icon("lock"))

    def _show_link_page(self, members: list[Member]) -> None:
        self.member_choice.clear()
        for member in members:
            self.member_choice.addItem(
                f"{member.name} ({member.country})" if member.country else member.name, member.id
            )
        self._own_stack.setCurrentIndex(1)

    def _fill_own(self, mission_id: str, keep_note_id: str | None) -> None:
        for row in self._own_rows.values():
            pending = self._autosaver.pending_draft(mission_id, self._meeting_id, row.id)
            self._drafts.append(
                pending
                or NoteDraft(mission_id, self._meeting_id, row.id, row.text, dict(row.version))
            )
        if not self._drafts:
            pending = self._autosaver.pending_draft(mission_id, self._meeting_id, None)
            self._drafts.append(pending or NoteDraft(mission_id, self._meeting_id, None, ""))
        self._fill_selector()
        index = next(
            (i for i, d in enumerate(self._drafts) if keep_note_id and d.note_id == keep_note_id),
            0,
        )
        self._show_draft(index)

    def _fill_selector(self) -> None:
        self.note_selector.blockSignals(True)
        self.note_selector.clear()
        for number, draft in enumerate(self._drafts, start=1):
            row = self._own_rows.get(draft.note_id or "")
            first_line = draft.text.strip().splitlines()[0][:40] if draft.text.strip() else ""
            text = f"Note {number}" + (f" · {first_line}" if first_line else "")
            if row is not None and row.internal:
                self.note_selector.addItem(icon("lock"), text)
            else:
                self.note_selector.addItem(text)
        self.note_selector.blockSignals(False)
        self.note_selector.setVisible(len(self._drafts) > 1)

    def _show_draft(self, index: int) -> None:
        self._current = self._drafts[index]
        was_loading, self._loading = self._loading, True
        try:
            self.note_selector.setCurrentIndex(index)
            if self.editor.toPlainText() != self._current.text:
                self.editor.setPlainText(self._current.text)
                self.editor.moveCursor(QTextCursor.MoveOperation.End)
            row = self._own_rows.get(self._current.note_id or "")
            self.key_finding_box.setChecked(bool(row and row.key_finding))
            self.internal_box.setChecked(bool(row and row.internal))
            self.topics_edit.setText(", ".join(row.topics) if row else "")
        finally:
            self._loading = was_loading
        self._show_internal(bool(row and row.internal))

    def _show_internal(self, internal: bool) -> None:
        self.internal_banner.setVisible(internal)
        palette = self._editor_palette
        if internal:
            palette = self.editor.palette()
            palette.setColor(
                QPalette.ColorRole.Base,
                tinted(self._editor_palette.color(QPalette.ColorRole.Base)),
            )
        self.editor.setPalette(palette)
        self.tabs.setTabIcon(0, icon("lock") if internal else icon("note"))

    # -- what the window asks -----------------------------------------------------------

    @property
    def meeting_id(self) -> str | None:
        return self._meeting_id

    def current_note_id(self) -> str | None:
        return self._current.note_id if self._current else None

    def focus_own(self) -> None:
        """Bring the user's own note forward, cursor ready for typing."""
        self.tabs.setCurrentIndex(0)
        if self._own_stack.currentIndex() == 0:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.member_choice.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_note(self, note_id: str) -> bool:
        """Bring the note ``note_id`` forward (own note or another author's tab)."""
        for index, draft in enumerate(self._drafts):
            if draft.note_id == note_id:
                self.tabs.setCurrentIndex(0)
                self._autosaver.flush()
                self._show_draft(index)
                return True
        for index in range(1, self.tabs.count()):
            view = self.tabs.widget(index)
            if isinstance(view, AuthorNotesView) and note_id in view.note_ids:
                self.tabs.setCurrentIndex(index)
                return True
        return False

    def note_for_attachments(self, meeting_id: str) -> str | None:
        """The note attachments added now belong to: the user's own note when it is shown.

        None (the meeting alone) on another author's tab or another meeting. A note not yet
        saved is created first, empty if nothing was typed: the user attaching while in it
        expects the file with their note. Raises FieldnotesError when it cannot be saved.
        """
        if (
            meeting_id != self._meeting_id
            or self._current is None
            or self.tabs.currentIndex() != 0
            or self._own_stack.currentIndex() != 0
        ):
            return None
        note_id = self._ensure_note()
        if note_id is None:
            reason = self._autosaver.error
            message = f"Nothing was attached: your note could not be saved. {reason}"
            raise FieldnotesError(message.rstrip())
        return note_id

    def set_attach(self, handler: Callable[[QMimeData], bool] | None) -> None:
        """Where pictures and files pasted or dropped into the user's note go (None: nowhere)."""
        self._attach_handler = handler
        self.editor.attach = self._attach if handler is not None else None

    def _attach(self, mime: QMimeData) -> bool:
        if self._attach_handler is None:
            return False
        if self._meeting_id is None:  # mission notes have no strip to show them in
            self.status_message.emit(
                "Pictures and files are attached to meetings: open the meeting to attach them."
            )
            return False
        return self._attach_handler(mime)

    def author_tab_names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    # -- user gestures ------------------------------------------------------------------

    def _text_changed(self) -> None:
        if self._loading or self._current is None:
            return
        self._autosaver.text_changed(self._current, self.editor.toPlainText())

    def _tab_changed(self, _index: int) -> None:
        if not self._loading:
            self._autosaver.flush()

    def _note_selected(self, index: int) -> None:
        if self._loading or not 0 <= index < len(self._drafts):
            return
        self._autosaver.flush()
        self._show_draft(index)
        self.editor.setFocus()

    def _note_created(self, note_id: str) -> None:
        # The first save of a new note: from now on flags and topics can be attached to it.
        if self._current is not None and self._current.note_id == note_id:
            self._own_rows[note_id] = NoteRow(note_id, "", self._current.text, False, False, ())

    def _ensure_note(self) -> str | None:
        """The id of the note being edited, creating it first if it has never been saved."""
        draft = self._current
        if draft is None:
            return None
        if draft.note_id is None:
            self._autosaver.text_changed(draft, self.editor.toPlainText())
            if not self._autosaver.flush():
                return None
        return draft.note_id

    def _flags_changed(self) -> None:
        if self._loading:
            return
        note_id = self._ensure_note()
        if note_id is None:
            return
        key_finding, internal = self.key_finding_box.isChecked(), self.internal_box.isChecked()
        saved = self._autosaver.write(
            lambda s: _note_row(
                s, set_note_flags(s, note_id, key_finding=key_finding, internal=internal)
            )
        )
        if saved is None:
            return
        self._own_rows[note_id] = saved
        self._show_internal(saved.internal)
        self._fill_selector_keep()
        self.flags_changed.emit(note_id)

    def _topics_edited(self) -> None:
        if self._loading:
            return
        names = [n.strip() for n in self.topics_edit.text().split(",") if n.strip()]
        row = self._own_rows.get(self._current.note_id or "") if self._current else None
        if row is not None and list(row.topics) == names:
            return
        if row is None and not names:
            return
        note_id = self._ensure_note()
        if note_id is None:
            return
        saved = self._autosaver.write(lambda s: _note_row(s, set_note_topics(s, note_id, names)))
        if saved is not None:
            self._own_rows[note_id] = saved

    def _fill_selector_keep(self) -> None:
        index = self.note_selector.currentIndex()
        self._fill_selector()
        self.note_selector.setCurrentIndex(max(index, 0))

    def new_note(self) -> None:
        """Start another note of the user's on this meeting."""
        if self._mission_id is None or self._own_stack.currentIndex() != 0:
            return
        if not self._autosaver.flush():
            return
        mission_id, meeting_id = self._mission_id, self._meeting_id
        note = self._autosaver.write(
            lambda s: _note_row(s, create_note(s, mission_id, meeting_id=meeting_id))
        )
        if note is None:
            return
        self.reload()
        self.show_note(note.id)
        self.editor.setFocus()

    def insert_host_time(self) -> None:
        """Insert ``[14:05] ``: the host-local time, for minutes of who said what when."""
        local = host_now(self._timezone, self._clock())
        self.tabs.setCurrentIndex(0)
        self.editor.insert_at_cursor(f"[{local:%H:%M}] ")
        self.editor.setFocus()

    def add_action_from_note(self) -> None:
        """Turn the selected text (or the current line) into a follow-up action."""
        text = self.editor.selected_or_line_text()
        if not text:
            self.status_message.emit("Select the text of the action first.")
            return
        note_id = self._ensure_note()
        if note_id is None or self._mission_id is None:
            return
        mission_id, meeting_id = self._mission_id, self._meeting_id
        action = self._autosaver.write(
            lambda s: (
                add_action(s, mission_id, text=text, meeting_id=meeting_id, note_id=note_id).id
            )
        )
        if action is not None:
            self.status_message.emit("Action added: " + text[:60])
            self.changed.emit()

    def _link_member(self) -> None:
        member_id = self.member_choice.currentData()
        if not member_id or self._mission_id is None:
            return
        mission_id = self._mission_id
        try:
            with self._database.session() as session:
                link_member(session, mission_id, str(member_id))
        except FieldnotesError as exc:
            self.status_message.emit(exc.message)
            return
        self.reload()
        self.changed.emit()
        self.focus_own()


def _note_row(session: Session, note: Note) -> NoteRow:
    return NoteRow(
        id=note.id,
        author_id=note.author_id,
        text=note.text,
        key_finding=note.key_finding,
        internal=note.internal,
        topics=tuple(t.name for t in topics_by_id(session, note.topic_ids)),
        version=tuple(sorted(note.version.items())),
    )
