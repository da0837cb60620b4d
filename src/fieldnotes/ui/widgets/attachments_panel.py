"""The strip of attachments of the meeting shown: thumbnails, add, paste, drop, open, caption.

Attachments added while the user is in their own note belong to that note as well as to the
meeting (the window says which note through ``note_for_new``); their tiles say whose note
they belong to, and those of internal notes are marked internal like the note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.images import THUMBNAIL_SIZE
from fieldnotes.services import attachments
from fieldnotes.services.attachments import AttachmentNote
from fieldnotes.store import Database
from fieldnotes.store.blobs import BlobStore
from fieldnotes.ui.icons import icon
from fieldnotes.ui.models.internal_marking import INTERNAL_TINT, INTERNAL_TOOLTIP

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
INTERNAL_ROLE = Qt.ItemDataRole.UserRole + 2  # True on tiles marked internal
ICON_SIZE = 96
COMPACT_ICON_SIZE = 56  # a strip under the notes, not a gallery

# Asked for the note that attachments added now belong to, given the meeting shown: None for
# the meeting alone. May raise FieldnotesError (the note could not be created).
NoteForNew = Callable[[str], str | None]


@dataclass(frozen=True)
class AttachmentTile:
    """What one tile shows (plain data: the list holds no ORM objects)."""

    id: str
    sha256: str
    file_name: str
    caption: str
    internal: bool
    media_type: str
    size: int
    note: AttachmentNote | None = None  # the note it belongs to, if any

    @property
    def text(self) -> str:
        return self.caption or self.file_name

    @property
    def marked_internal(self) -> bool:
        """Internal itself, or through its internal note: out of the external report."""
        return self.internal or (self.note is not None and self.note.internal)

    @property
    def tooltip(self) -> str:
        lines = [self.file_name, f"{self.size / 1_048_576:.1f} MB"]
        if self.note is not None:
            lines.append(
                "Attached to your note"
                if self.note.by_me
                else f"Attached to a note by {self.note.author_name}"
            )
        if self.marked_internal:
            lines.append(
                INTERNAL_TOOLTIP + (" (its note is internal)" if not self.internal else "")
            )
        return "\n".join(lines)


class AttachmentsPanel(QWidget):
    """Attachments of one meeting: add from files, drag and drop, paste a picture (Ctrl+V).

    Enter or a double click opens the file in the system viewer; F2 edits the caption;
    Delete removes it. Long work is small here (a few photos), so it runs on the GUI thread.

    ``compact``: small tiles, and while the meeting has no attachments only one line (title,
    Add, Paste: a drop target) without the thumbnails' box and the buttons that act on one.

    Signals: ``changed()`` after every successful write.
    """

    changed = Signal()

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
        note_for_new: NoteForNew | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.data_dir = database.path.parent
        self.mission_id: str | None = None
        self.meeting_id: str | None = None
        self.note_for_new = note_for_new
        self._compact = compact
        self._shown: dict[str, AttachmentTile] = {}
        # Replaced in tests: the file dialog, the caption question and the system viewer.
        self.choose_files: Callable[[], list[Path]] = self._choose_files
        self.ask_caption: Callable[[str], str | None] = self._ask_caption
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.setAcceptDrops(True)
        self._build()
        self.refresh()

    # ---------------------------------------------------------------------- building

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName("Attachments")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMovement(QListView.Movement.Static)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.setAcceptDrops(False)  # the panel takes the drop, whatever the child

        self.add_button = self._button("Add…", "Attach photos, scans or documents", self.add)
        self.paste_button = self._button(
            "Paste", "Attach the picture on the clipboard (Ctrl+V)", self.paste
        )
        self.open_button = self._button("Open", "Open in the system viewer", self.open_selected)
        self.caption_button = self._button("Caption…", "Edit the caption (F2)", self.edit_caption)
        self.internal_button = self._button(
            "Internal", "Internal attachments stay out of the external report", None
        )
        self.internal_button.setCheckable(True)
        self.internal_button.toggled.connect(self._set_internal)
        self.remove_button = self._button("Remove", "Remove the attachment (Delete)", self.remove)
        self.message = QLabel()
        self.message.setAccessibleName("Attachment message")
        self.message.setWordWrap(True)
        self.message.hide()

        for text, keys, slot in (
            ("Paste picture", QKeySequence.StandardKey.Paste, self.paste),
            ("Edit caption", QKeySequence(Qt.Key.Key_F2), self.edit_caption),
            ("Remove attachment", QKeySequence.StandardKey.Delete, self.remove),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("<b>Attachments</b>"))
        buttons.addStretch(1)
        for button in (
            self.add_button,
            self.paste_button,
            self.open_button,
            self.caption_button,
            self.internal_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addWidget(self.message)
        self._size_tiles()

    def _button(self, text: str, tip: str, slot: Callable[[], object] | None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        if slot is not None:
            button.clicked.connect(lambda _checked=False: slot())
        return button

    # -------------------------------------------------------------------------- state

    def _size_tiles(self) -> None:
        if self._compact:
            size = COMPACT_ICON_SIZE
            self.list.setGridSize(QSize(size + 56, size + 40))
            self.list.setFixedHeight(size + 48)
        else:
            size = ICON_SIZE
            self.list.setGridSize(QSize(size + 40, size + 44))
            self.list.setFixedHeight(size + 64)
        self.list.setIconSize(QSize(size, size))

    def is_compact(self) -> bool:
        return self._compact

    def set_mission(self, mission_id: str | None) -> None:
        self.mission_id = mission_id
        self.meeting_id = None
        self.refresh()

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def set_scope(self, mission_id: str | None, meeting_id: str | None) -> None:
        """Show ``meeting_id`` of ``mission_id`` (None: no meeting), reading the list once."""
        self.mission_id = mission_id
        self.meeting_id = meeting_id
        self.refresh()

    def tiles(self) -> list[AttachmentTile]:
        if self.mission_id is None or self.meeting_id is None:
            return []
        mission_id = self.mission_id
        with self.database.session() as session:
            rows = attachments.list_attachments(session, mission_id, meeting_id=self.meeting_id)
            notes = attachments.notes_of_attachments(session, mission_id, rows)
            return [
                AttachmentTile(
                    a.id,
                    a.sha256,
                    a.file_name,
                    a.caption,
                    a.internal,
                    a.media_type,
                    a.size,
                    notes.get(a.note_id or ""),
                )
                for a in rows
            ]

    def refresh(self) -> None:
        selected = self.selected_id()
        self.list.clear()
        tiles = self.tiles()
        self._shown = {tile.id: tile for tile in tiles}
        for tile in tiles:
            item = QListWidgetItem(self._icon(tile), tile.text)
            item.setData(_ID_ROLE, tile.id)
            item.setData(INTERNAL_ROLE, tile.marked_internal)
            item.setToolTip(tile.tooltip)
            if tile.marked_internal:
                item.setBackground(QBrush(INTERNAL_TINT))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Internal: {tile.text}")
            self.list.addItem(item)
            if tile.id == selected:
                self.list.setCurrentItem(item)
        enabled = self.meeting_id is not None
        self.add_button.setEnabled(enabled)
        self.paste_button.setEnabled(enabled)
        self._update_buttons()
        # Compact and empty: the notes above get the thumbnails' height back.
        full = not self._compact or self.list.count() > 0
        self.list.setVisible(full)
        for button in (
            self.open_button,
            self.caption_button,
            self.internal_button,
            self.remove_button,
        ):
            button.setVisible(full)

    def _icon(self, tile: AttachmentTile) -> QIcon:
        try:
            png = attachments.thumbnail(self.data_dir, tile.sha256, THUMBNAIL_SIZE)
        except FieldnotesError:
            png = None  # a missing blob shows as a file; opening it explains the problem
        pixmap = QPixmap()
        if png is None or not pixmap.loadFromData(png, "PNG"):
            file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            if not tile.marked_internal:
                return file_icon
            pixmap = file_icon.pixmap(self.list.iconSize() * 2)
        return QIcon(self._with_lock(pixmap) if tile.marked_internal else pixmap)

    def _with_lock(self, picture: QPixmap) -> QPixmap:
        """``picture`` on a square canvas with the lock badge in its bottom right corner."""
        side = self.list.iconSize().width() * 2  # drawn large, shown crisp on high DPI
        canvas = QPixmap(side, side)
        canvas.fill(Qt.GlobalColor.transparent)
        scaled = picture.scaled(
            side,
            side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        left, top = (side - scaled.width()) / 2, (side - scaled.height()) / 2
        badge = round(side * 0.38)
        circle = QRectF(left + scaled.width() - badge, top + scaled.height() - badge, badge, badge)
        lock = icon("lock").pixmap(round(badge * 0.66))
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(QPointF(left, top), scaled)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawEllipse(circle)
        painter.drawPixmap(
            QPointF(
                circle.center().x() - lock.width() / 2, circle.center().y() - lock.height() / 2
            ),
            lock,
        )
        painter.end()
        return canvas

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return str(item.data(_ID_ROLE))

    def _update_buttons(self) -> None:
        chosen = self.selected_id()
        for button in (self.open_button, self.caption_button, self.remove_button):
            button.setEnabled(chosen is not None)
        tile = self._shown.get(chosen) if chosen else None
        # An internal note's attachments are internal with it: the note decides, not the tile.
        through_note = tile is not None and tile.note is not None and tile.note.internal
        self.internal_button.setEnabled(tile is not None and not through_note)
        self.internal_button.setToolTip(
            "Internal because its note is internal"
            if through_note
            else "Internal attachments stay out of the external report"
        )
        self.internal_button.blockSignals(True)
        self.internal_button.setChecked(tile is not None and tile.marked_internal)
        self.internal_button.blockSignals(False)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------------ actions

    def _choose_files(self) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            "Attach files",
            "",
            "Pictures and documents (*.jpg *.jpeg *.png *.heic *.gif *.webp *.tif *.tiff "
            "*.pdf *.doc *.docx *.ppt *.pptx *.xls *.xlsx *.txt);;All files (*)",
        )
        return [Path(name) for name in names]

    def add(self) -> None:
        self.add_files(self.choose_files())

    def _note_for_new(self) -> str | None:
        if self.note_for_new is None or self.meeting_id is None:
            return None
        return self.note_for_new(self.meeting_id)

    def add_files(self, paths: list[Path]) -> int:
        """Attach ``paths`` to the meeting (and the user's note, if they are in it).

        Each file on its own: one bad file stops none.
        """
        if self.mission_id is None or self.meeting_id is None or not paths:
            return 0
        try:
            note_id = self._note_for_new()
        except FieldnotesError as exc:
            self._show_message(exc.message)
            return 0
        blobs = BlobStore.for_profile(self.data_dir)
        added = 0
        problems: list[str] = []
        for path in paths:
            try:
                with self.database.session() as session:
                    attachments.add_attachment_file(
                        session,
                        blobs,
                        self.mission_id,
                        path,
                        meeting_id=self.meeting_id,
                        note_id=note_id,
                    )
                added += 1
            except FieldnotesError as exc:
                problems.append(exc.message)
        self._show_message("\n".join(problems))
        if added:
            self.refresh()
            self.changed.emit()
        return added

    def paste(self) -> bool:
        """Attach the picture on the clipboard (a screenshot, a copied photo) as a PNG."""
        mime = QApplication.clipboard().mimeData()
        return self.add_from_mime(mime) if mime is not None else False

    def add_from_mime(self, mime: QMimeData) -> bool:
        if mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()):
            return (
                self.add_files([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]) > 0
            )
        if not mime.hasImage():
            self._show_message("The clipboard holds no picture to attach.")
            return False
        image = QImage(mime.imageData())
        if image.isNull() or self.mission_id is None or self.meeting_id is None:
            return False
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        try:
            note_id = self._note_for_new()
            with self.database.session() as session:
                attachments.add_attachment_bytes(
                    session,
                    BlobStore.for_profile(self.data_dir),
                    self.mission_id,
                    bytes(data.data()),
                    "Pasted picture.png",
                    meeting_id=self.meeting_id,
                    note_id=note_id,
                )
        except FieldnotesError as exc:
            self._show_message(exc.message)
            return False
        self._show_message("")
        self.refresh()
        self.changed.emit()
        return True

    def open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return
        try:
            with self.database.session() as session:
                attachment = attachments.get_attachment(session, chosen)
                path = attachments.file_for_viewing(self.data_dir, attachment)
        except FieldnotesError as exc:
            self._show_message(exc.message)
            return
        self.open_url(QUrl.fromLocalFile(str(path)))

    def _ask_caption(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, "Caption", "Caption (shown in the report):", text=current
        )
        return text if ok else None

    def edit_caption(self) -> None:
        chosen = self.selected_id()
        tile = self._shown.get(chosen) if chosen else None
        if tile is None:
            return
        caption = self.ask_caption(tile.caption)
        if caption is None:
            return
        self._write(
            lambda session: attachments.update_attachment(session, tile.id, caption=caption)
        )

    def _set_internal(self, internal: bool) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self._write(
                lambda session: attachments.update_attachment(session, chosen, internal=internal)
            )

    def remove(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self._write(lambda session: attachments.delete_attachment(session, chosen))

    def _write(self, change: Callable[..., object]) -> None:
        try:
            with self.database.session() as session:
                change(session)
        except FieldnotesError as exc:
            self._show_message(exc.message)
            return
        self._show_message("")
        self.refresh()
        self.changed.emit()

    # --------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if self.meeting_id is not None and (mime.hasUrls() or mime.hasImage()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.add_from_mime(event.mimeData()):
            event.acceptProposedAction()
