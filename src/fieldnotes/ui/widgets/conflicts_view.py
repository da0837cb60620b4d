"""The conflicts view: edits made on two laptops at once, for the team lead to settle.

A note shows both versions side by side with the differing lines and words marked; other
records show the one field that differs. Keep the current version, take the other one, or
(for texts) edit a merged text that starts with every line of both. Each choice is an
ordinary edit that travels with the next package, so it settles the conflict on every laptop.

"Current" and "other", not "mine" and "theirs": the merge picks its winner the same way on
every laptop, so the current version may well be a teammate's and the other one the user's
own; the panes name the author of the other version instead (and say "yours").
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import Member
from fieldnotes.services.conflicts import (
    Choice,
    ConflictView,
    list_conflicts,
    resolve_conflict,
    suggest_merged_text,
)
from fieldnotes.services.profile import linked_member_id
from fieldnotes.services.text_diff import DiffLine, side_by_side
from fieldnotes.store import Database

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def conflict_title(view: ConflictView) -> str:
    """``Note “Agenda agreed.” — text``: what the list shows for one conflict."""
    what = "deleted on one laptop, edited on another" if view.is_deletion else view.field
    return f"{view.record_kind.capitalize()} “{view.record_label}” — {what.replace('_', ' ')}"


def value_text(value: Any) -> str:
    """A field value as the user reads it."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def diff_html(lines: list[DiffLine], line_colour: str, word_colour: str) -> str:
    """Rich text of one side of a comparison, changed lines tinted, changed words stronger."""
    paragraphs = []
    for line in lines:
        style = f' style="background-color:{line_colour};"' if line.changed else ""
        parts = []
        for span in line.spans:
            text = escape(span.text)
            if span.changed and line.changed and span.text.strip():
                parts.append(f'<span style="background-color:{word_colour};">{text}</span>')
            else:
                parts.append(text)
        paragraphs.append(f"<p{style}>{''.join(parts) or '&nbsp;'}</p>")
    return f'<div style="white-space: pre-wrap;">{"".join(paragraphs)}</div>'


class ConflictsView(QWidget):
    """Open conflicts of one mission, and the choices that settle them.

    Signals: ``changed()`` after each resolution (the record changed: panels reload);
    ``count_changed(int)`` with the number of open conflicts after every reload.
    """

    changed = Signal()
    count_changed = Signal(int)

    def __init__(
        self, database: Database, mission_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._mission_id = mission_id
        self._views: dict[str, ConflictView] = {}
        self._own_name = ""  # the member this profile writes as, to say "yours"
        self.setAccessibleName("Conflicts")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName("Open conflicts")
        self.conflict_list.currentItemChanged.connect(lambda *_: self._show_current())
        splitter.addWidget(self.conflict_list)
        self.detail = QStackedWidget()
        self.empty_page = self._empty_page()
        self.text_page = self._text_page()
        self.field_page = self._field_page()
        for page in (self.empty_page, self.text_page, self.field_page):
            self.detail.addWidget(page)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 800])
        layout.addWidget(splitter, 1)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setStyleSheet("font-weight: bold;")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.reload()

    # -- construction ------------------------------------------------------------------------

    def _empty_page(self) -> QWidget:
        label = QLabel("No open conflicts: every edit made on two laptops at once is settled.")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _text_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.text_title = QLabel()
        self.text_title.setWordWrap(True)
        layout.addWidget(self.text_title)
        sides = QGridLayout()
        self.current_title = QLabel("<b>Current version</b> — in your data now")
        self.other_title = QLabel()
        self.current_browser = QTextBrowser()
        self.current_browser.setAccessibleName("Current version")
        self.other_browser = QTextBrowser()
        self.other_browser.setAccessibleName("Other version")
        sides.addWidget(self.current_title, 0, 0)
        sides.addWidget(self.other_title, 0, 1)
        sides.addWidget(self.current_browser, 1, 0)
        sides.addWidget(self.other_browser, 1, 1)
        layout.addLayout(sides, 1)
        row = QHBoxLayout()
        self.keep_current_button = QPushButton("&Keep current")
        self.keep_current_button.setToolTip("Keep the version in your data now; the other goes.")
        self.keep_current_button.clicked.connect(lambda: self.resolve_current(Choice.KEEP_CURRENT))
        self.take_other_button = QPushButton("&Take other")
        self.take_other_button.clicked.connect(lambda: self.resolve_current(Choice.TAKE_OTHER))
        self.edit_merged_button = QPushButton("&Edit merged text…")
        self.edit_merged_button.setToolTip(
            "Start from every line of both versions and delete what is redundant."
        )
        self.edit_merged_button.clicked.connect(self.start_merged_edit)
        for button in (self.keep_current_button, self.take_other_button, self.edit_merged_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.merge_box = QFrame()
        box = QVBoxLayout(self.merge_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("<b>Merged text</b> — this becomes the note for everyone:"))
        self.merged_edit = QPlainTextEdit()
        self.merged_edit.setAccessibleName("Merged text")
        box.addWidget(self.merged_edit, 1)
        buttons = QHBoxLayout()
        self.save_merged_button = QPushButton("&Save merged text")
        self.save_merged_button.clicked.connect(self.save_merged_text)
        self.cancel_merged_button = QPushButton("Cancel")
        self.cancel_merged_button.clicked.connect(self.merge_box.hide)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_merged_button)
        buttons.addWidget(self.save_merged_button)
        box.addLayout(buttons)
        self.merge_box.hide()
        layout.addWidget(self.merge_box, 1)
        return page

    def _field_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.field_title = QLabel()
        self.field_title.setWordWrap(True)
        layout.addWidget(self.field_title)
        grid = QGridLayout()
        self.field_name_label = QLabel()
        self.field_current_label = QLabel()
        self.field_other_header = QLabel()
        self.field_other_label = QLabel()
        for label in (self.field_current_label, self.field_other_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setMargin(6)
        grid.addWidget(QLabel("<b>Field</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Current</b> — in your data now"), 0, 1)
        grid.addWidget(self.field_other_header, 0, 2)
        grid.addWidget(self.field_name_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.field_current_label, 1, 1)
        grid.addWidget(self.field_other_label, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.field_keep_current_button = QPushButton("&Keep current")
        self.field_keep_current_button.clicked.connect(
            lambda: self.resolve_current(Choice.KEEP_CURRENT)
        )
        self.field_take_other_button = QPushButton("&Take other")
        self.field_take_other_button.clicked.connect(
            lambda: self.resolve_current(Choice.TAKE_OTHER)
        )
        row.addWidget(self.field_keep_current_button)
        row.addWidget(self.field_take_other_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # -- loading -----------------------------------------------------------------------------

    def set_mission(self, mission_id: str | None) -> None:
        self._mission_id = mission_id
        self.reload()

    def conflict_count(self) -> int:
        return len(self._views)

    def reload(self) -> None:
        """Read the open conflicts again; keeps the place in the list."""
        row = max(self.conflict_list.currentRow(), 0)
        views: list[ConflictView] = []
        self._own_name = ""
        if self._mission_id is not None:
            with self._database.session() as session:
                views = list_conflicts(session, self._mission_id)
                own_id = linked_member_id(session, self._mission_id)
                own = session.get(Member, own_id) if own_id else None
                self._own_name = own.name if own is not None else ""
        self._views = {v.id: v for v in views}
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for view in views:
            item = QListWidgetItem(conflict_title(view))
            item.setData(_ID_ROLE, view.id)
            item.setToolTip(conflict_title(view))
            self.conflict_list.addItem(item)
        self.conflict_list.blockSignals(False)
        count = len(views)
        self.heading.setText(
            f"<b>{count} open conflict{'s' if count != 1 else ''}</b> — edits made on two "
            "laptops at once. Nothing was lost: choose what stays. Your choice reaches the "
            "team with your next package."
            if count
            else "<b>No open conflicts</b>"
        )
        if views:
            self.conflict_list.setCurrentRow(min(row, count - 1))
        self._show_current()
        self.count_changed.emit(count)

    def current_conflict(self) -> ConflictView | None:
        item = self.conflict_list.currentItem()
        return self._views.get(str(item.data(_ID_ROLE))) if item is not None else None

    def _show_current(self) -> None:
        self.problem_label.hide()
        self.merge_box.hide()
        view = self.current_conflict()
        if view is None:
            self.detail.setCurrentWidget(self.empty_page)
        elif view.is_text and isinstance(view.current, str) and isinstance(view.other, str):
            self._show_text(view)
        else:
            self._show_field(view)

    def _other_side(self, view: ConflictView) -> str:
        return f"<b>Other version</b> — {escape(self._author(view))}"

    def _author(self, view: ConflictView) -> str:
        if not view.other_member:
            return "from another laptop"
        if view.other_member == self._own_name:
            return f"yours ({view.other_member})"
        return f"by {view.other_member}"

    def _show_text(self, view: ConflictView) -> None:
        self.text_title.setText(
            f"<b>{escape(conflict_title(view))}</b><br>Both versions, the differences marked."
        )
        self.other_title.setText(self._other_side(view))
        self.take_other_button.setToolTip(f"Take the other version, {self._author(view)}")
        left, right = side_by_side(view.current, view.other)
        line_colour, word_colour = self._diff_colours()
        self.current_browser.setHtml(diff_html(left, line_colour, word_colour))
        self.other_browser.setHtml(diff_html(right, line_colour, word_colour))
        self.detail.setCurrentWidget(self.text_page)

    def _show_field(self, view: ConflictView) -> None:
        if view.is_deletion:
            who = view.other_member or "someone"
            self.field_title.setText(
                f"<b>{escape(conflict_title(view))}</b><br>{escape(who)} deleted it while "
                "it was being edited elsewhere; it was kept so that nothing is lost."
            )
            self.field_name_label.setText("Exists")
            self.field_current_label.setText("Yes — keep it, with the edits")
            self.field_other_label.setText("No — delete it")
            self.field_keep_current_button.setText("&Keep it")
            self.field_take_other_button.setText("&Delete it")
        else:
            self.field_title.setText(f"<b>{escape(conflict_title(view))}</b>")
            self.field_name_label.setText(view.field.replace("_", " ").capitalize())
            self.field_current_label.setText(value_text(view.current))
            self.field_other_label.setText(value_text(view.other))
            self.field_keep_current_button.setText("&Keep current")
            self.field_take_other_button.setText("&Take other")
        self.field_other_header.setText(self._other_side(view))
        self.detail.setCurrentWidget(self.field_page)

    def _diff_colours(self) -> tuple[str, str]:
        # Tints of the palette's highlight over the base: readable in light and dark mode.
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        return _blend(base, accent, 0.15), _blend(base, accent, 0.4)

    # -- resolving ---------------------------------------------------------------------------

    def start_merged_edit(self) -> None:
        view = self.current_conflict()
        if view is None or not view.is_text:
            return
        self.merged_edit.setPlainText(suggest_merged_text(view.current or "", view.other or ""))
        self.merge_box.show()
        self.merged_edit.setFocus()

    def save_merged_text(self) -> None:
        self.resolve_current(Choice.EDITED, self.merged_edit.toPlainText())

    def resolve_current(self, choice: Choice, value: Any = None) -> None:
        """Settle the conflict shown with ``choice``, then show the next one."""
        view = self.current_conflict()
        if view is None:
            return
        try:
            with self._database.session() as session:
                resolve_conflict(session, view.id, choice, value)
        except FieldnotesError as exc:
            self.reload()
            self.problem_label.setText(exc.message)
            self.problem_label.show()
            return
        self.reload()
        self.changed.emit()


def _blend(base: QColor, accent: QColor, share: float) -> str:
    def mix(a: int, b: int) -> int:
        return round(a + (b - a) * share)

    colour = QColor(
        mix(base.red(), accent.red()),
        mix(base.green(), accent.green()),
        mix(base.blue(), accent.blue()),
    )
    return colour.name()
