"""The strip of attachments of the meeting shown: thumbnails, add, paste, drop, open, caption."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeySequence,
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
from fieldnotes.store import Database
from fieldnotes.store.blobs import BlobStore

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ICON_SIZE = 96


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

    @property
    def text(self) -> str:
        label = self.caption or self.file_name
        return f"🔒 {label}" if self.internal else label


class AttachmentsPanel(QWidget):
    """Attachments of one meeting: add from files, drag and drop, paste a picture (Ctrl+V).

    Enter or a double click opens the file in the system viewer; F2 edits the caption;
    Delete removes it. Long work is small here (a few photos), so it runs on the GUI thread.

    Signals: ``changed()`` after every successful write.
    """

    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.data_dir = database.path.parent
        self.mission_id: str | None = None
        self.meeting_id: str | None = None
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
        self.list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.list.setGridSize(QSize(ICON_SIZE + 40, ICON_SIZE + 44))
        self.list.setWordWrap(True)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setFixedHeight(ICON_SIZE + 64)
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

    def _button(self, text: str, tip: str, slot: Callable[[], object] | None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        if slot is not None:
            button.clicked.connect(lambda _checked=False: slot())
        return button

    # -------------------------------------------------------------------------- state

    def set_mission(self, mission_id: str | None) -> None:
        self.mission_id = mission_id
        self.meeting_id = None
        self.refresh()

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def tiles(self) -> list[AttachmentTile]:
        if self.mission_id is None or self.meeting_id is None:
            return []
        with self.database.session() as session:
            return [
                AttachmentTile(
                    a.id, a.sha256, a.file_name, a.caption, a.internal, a.media_type, a.size
                )
                for a in attachments.list_attachments(
                    session, self.mission_id, meeting_id=self.meeting_id
                )
            ]

    def refresh(self) -> None:
        selected = self.selected_id()
        self.list.clear()
        for tile in self.tiles():
            item = QListWidgetItem(self._icon(tile), tile.text)
            item.setData(_ID_ROLE, tile.id)
            item.setToolTip(f"{tile.file_name}\n{tile.size / 1_048_576:.1f} MB")
            self.list.addItem(item)
            if tile.id == selected:
                self.list.setCurrentItem(item)
        enabled = self.meeting_id is not None
        self.add_button.setEnabled(enabled)
        self.paste_button.setEnabled(enabled)
        self._update_buttons()

    def _icon(self, tile: AttachmentTile) -> QIcon:
        try:
            png = attachments.thumbnail(self.data_dir, tile.sha256, THUMBNAIL_SIZE)
        except FieldnotesError:
            png = None  # a missing blob shows as a file; opening it explains the problem
        if png is not None:
            pixmap = QPixmap()
            if pixmap.loadFromData(png, "PNG"):
                return QIcon(pixmap)
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return str(item.data(_ID_ROLE))

    def _update_buttons(self) -> None:
        chosen = self.selected_id()
        for button in (self.open_button, self.caption_button, self.remove_button):
            button.setEnabled(chosen is not None)
        self.internal_button.setEnabled(chosen is not None)
        tile = next((t for t in self.tiles() if t.id == chosen), None) if chosen else None
        self.internal_button.blockSignals(True)
        self.internal_button.setChecked(bool(tile and tile.internal))
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

    def add_files(self, paths: list[Path]) -> int:
        """Attach ``paths`` to the meeting; each file on its own (one bad file stops none)."""
        if self.mission_id is None or self.meeting_id is None or not paths:
            return 0
        blobs = BlobStore.for_profile(self.data_dir)
        added = 0
        problems: list[str] = []
        for path in paths:
            try:
                with self.database.session() as session:
                    attachments.add_attachment_file(
                        session, blobs, self.mission_id, path, meeting_id=self.meeting_id
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
            with self.database.session() as session:
                attachments.add_attachment_bytes(
                    session,
                    BlobStore.for_profile(self.data_dir),
                    self.mission_id,
                    bytes(data.data()),
                    "Pasted picture.png",
                    meeting_id=self.meeting_id,
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
        tile = next((t for t in self.tiles() if t.id == chosen), None)
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
