"""Search results: kind, where, and the matching words highlighted; activating one opens it."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.services.missions import list_missions
from fieldnotes.services.search import SearchHit, search
from fieldnotes.store import Database

KIND_LABELS = {
    "note": "Note",
    "meeting": "Meeting",
    "contact": "Person",
    "organisation": "Organisation",
}
RESULT_LIMIT = 50


def hit_html(hit: SearchHit, mission_title: str = "", muted: str = "#777777") -> str:
    """The rich text of one result; user text is escaped, matched words are bold."""
    snippet = "".join(
        f"<b>{html.escape(text)}</b>" if highlighted else html.escape(text)
        for text, highlighted in hit.snippet_parts()
    )
    where = f" · {html.escape(mission_title)}" if mission_title else ""
    kind = KIND_LABELS.get(hit.kind, hit.kind)
    return (
        f"<span style='font-size:small; color:{muted}'>{kind}{where}</span><br>"
        f"<b>{html.escape(hit.title)}</b><br>{snippet}"
    )


class SearchPanel(QWidget):
    """Results of the search box, best first, across every mission of the profile.

    Signals:
        hit_activated(object): the user opened a result (a ``SearchHit``).
        closed(): the user left the results (Escape).
    """

    hit_activated = Signal(object)
    closed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._hits: list[SearchHit] = []
        self._current_mission: str | None = None
        self.summary = QLabel()
        self.summary.setContentsMargins(6, 4, 6, 0)
        self.results = QListWidget()
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setSpacing(1)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

    def set_current_mission(self, mission_id: str | None) -> None:
        """Hits in other missions are labelled with their mission's title."""
        self._current_mission = mission_id

    def search(self, text: str) -> list[SearchHit]:
        """Run the search for ``text`` and show the results; return them."""
        with self._database.session() as session:
            self._hits = search(session, text, limit=RESULT_LIMIT)
            titles = {m.id: m.title for m in list_missions(session)}
        self.results.clear()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        for hit in self._hits:
            other = hit.mission_id != self._current_mission
            title = titles.get(hit.mission_id, "") if other else ""
            label = QLabel(hit_html(hit, title, muted))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(6, 4, 6, 4)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{KIND_LABELS.get(hit.kind, hit.kind)}: {hit.title}. {hit.plain_snippet}",
            )
            width = max(self.results.viewport().width() - 8, 200)
            item.setSizeHint(QSize(width, label.heightForWidth(width) + 2))
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        count = len(self._hits)
        self.summary.setText(
            "No matches" if count == 0 else f"{count} match{'es' if count != 1 else ''}"
        )
        if count:
            self.results.setCurrentRow(0)
        return list(self._hits)

    def activate_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(hit, SearchHit):
            self.hit_activated.emit(hit)
