"""The text field notes are typed into: plain Markdown, with formatting shortcuts."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QFocusEvent, QFont, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from fieldnotes.ui.widgets.markdown_highlighter import MarkdownHighlighter

_LIST_PREFIX = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s")
_HEADING_PREFIX = re.compile(r"^#{1,6}\s")
_KIND_PREFIX = {
    "bullet": re.compile(r"^\s*[-*+]\s"),
    "numbered": re.compile(r"^\s*\d+[.)]\s"),
    "heading": _HEADING_PREFIX,
}

# Qt's selectedText() ends paragraphs with U+2029, not "\n".
_PARAGRAPH_SEPARATOR = "\u2029"


def offers_attachment(mime: QMimeData) -> bool:
    """Files, or a picture without text: something to attach, not to type into a note.

    Text wins when both are there: Word and Excel put a picture of the copied text beside
    it, and the user pasting from them wants the words.
    """
    if mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()):
        return True
    return mime.hasImage() and not (mime.hasText() and mime.text().strip())


def _units(text: str) -> int:
    """Length in UTF-16 code units: what Qt cursor positions count (emoji count twice)."""
    return len(text.encode("utf-16-le")) // 2


class NoteTextEdit(QPlainTextEdit):
    """A plain-text editor for the Markdown subset of notes.

    Pasted or dropped pictures and files go to ``attach`` (when set) instead of the text;
    it returns whether it took them. Text is always pasted as plain text.

    Signals:
        focus_left(): the editor lost keyboard focus (the window saves then).
    """

    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFont(self.font())
        # Large, legible text: people type here for hours, often glancing up at the speaker.
        font.setPointSizeF(max(font.pointSizeF(), 9.0) + 2.0)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self.setTabChangesFocus(True)  # keyboard-only users need Tab to leave the editor
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.attach: Callable[[QMimeData], bool] | None = None

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if self.attach is not None and offers_attachment(source):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.attach is not None and offers_attachment(source):
            self.attach(source)
            return
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()

    # -- formatting ---------------------------------------------------------------------

    def wrap_selection(self, marker: str) -> None:
        """Put ``marker`` around the selection (``**`` bold, ``*`` italic); again removes it."""
        cursor = self.textCursor()
        if cursor.hasSelection() and self._unwrap_around(cursor, marker):
            return
        cursor.beginEditBlock()
        if not cursor.hasSelection():
            cursor.insertText(marker * 2)
            cursor.movePosition(
                QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, _units(marker)
            )
        else:
            start = cursor.selectionStart()
            selected = cursor.selectedText().replace(_PARAGRAPH_SEPARATOR, "\n")
            # Keep surrounding spaces outside the markers: "** word**" is not bold in Markdown.
            core = selected.strip()
            lead = selected[: len(selected) - len(selected.lstrip())]
            trail = selected[len(selected.rstrip()) :]
            wrapped = (
                core.startswith(marker) and core.endswith(marker) and len(core) > 2 * len(marker)
            )
            inner = core[len(marker) : -len(marker)] if wrapped else core
            replacement = inner if wrapped else f"{marker}{core}{marker}"
            cursor.insertText(f"{lead}{replacement}{trail}")
            offset = start + _units(lead) + (0 if wrapped else _units(marker))
            cursor.setPosition(offset)
            cursor.setPosition(offset + _units(inner), QTextCursor.MoveMode.KeepAnchor)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _text_between(self, start: int, end: int) -> str:
        if start < 0 or end > self.document().characterCount() - 1:
            return ""
        probe = QTextCursor(self.document())
        probe.setPosition(start)
        probe.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return probe.selectedText()

    def _unwrap_around(self, cursor: QTextCursor, marker: str) -> bool:
        """Remove ``marker`` just outside the selection (Ctrl+B on bold text); True if done."""
        start, end, width = cursor.selectionStart(), cursor.selectionEnd(), _units(marker)
        if self._text_between(start - width, start) != marker:
            return False
        if self._text_between(end, end + width) != marker:
            return False
        # "**bold**" is not an italic word: Ctrl+I inside it must not eat one star of each pair.
        if self._text_between(start - 2 * width, start) == marker * 2:
            return False
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        edit.setPosition(end)
        edit.setPosition(end + width, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        edit.setPosition(start - width)
        edit.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        edit.endEditBlock()
        cursor.setPosition(start - width)
        cursor.setPosition(end - width, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    def toggle_line_prefix(self, kind: str) -> None:
        """Make the selected lines a bullet list (``"bullet"``), numbered list or heading.

        Applying the same kind again removes it.
        """
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        blocks = []
        block = first
        while block.isValid():
            blocks.append(block)
            if block == last:
                break
            block = block.next()
        remove = all(_KIND_PREFIX[kind].match(b.text()) for b in blocks)
        cursor.beginEditBlock()
        for number, block in enumerate(blocks, start=1):
            text = block.text()
            line = QTextCursor(block)
            existing = _LIST_PREFIX.match(text) or _HEADING_PREFIX.match(text)
            if existing:  # replace any list/heading prefix instead of stacking them
                indent = existing.group(1) if existing.re is _LIST_PREFIX else ""
                line.setPosition(block.position() + _units(indent))
                line.setPosition(
                    block.position() + _units(text[: existing.end()]),
                    QTextCursor.MoveMode.KeepAnchor,
                )
                line.removeSelectedText()
            if remove:
                continue
            prefix = {"bullet": "- ", "numbered": f"{number}. ", "heading": "## "}[kind]
            line.insertText(prefix)
        cursor.endEditBlock()

    def insert_at_cursor(self, text: str) -> None:
        self.textCursor().insertText(text)

    def selected_or_line_text(self) -> str:
        """The selected text, or the current line when nothing is selected."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return cursor.selectedText().replace(_PARAGRAPH_SEPARATOR, "\n").strip()
        return cursor.block().text().strip()
