"""Shows the note's Markdown subset as it is typed: bold, italic, headings, list markers.

The text stays plain Markdown (that is what is stored and merged); the highlighter only
changes how it looks in the editor.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import (
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

_BOLD = QRegularExpression(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = QRegularExpression(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_HEADING = QRegularExpression(r"^#{1,6}\s.*$")
_LIST_MARKER = QRegularExpression(r"^\s*(?:[-*+]|\d+[.)])\s")
_TIMESTAMP = QRegularExpression(r"\[\d{1,2}:\d{2}\]")


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._bold = QTextCharFormat()
        self._bold.setFontWeight(QFont.Weight.Bold)
        self._italic = QTextCharFormat()
        self._italic.setFontItalic(True)
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._heading.setForeground(palette.color(QPalette.ColorRole.Link))
        self._muted = QTextCharFormat()
        self._muted.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))

    def highlightBlock(self, text: str) -> None:
        if _HEADING.match(text).hasMatch():
            self.setFormat(0, len(text), self._heading)
            return
        self._apply(_LIST_MARKER, text, self._muted)
        self._apply(_TIMESTAMP, text, self._muted)
        self._apply(_BOLD, text, self._bold)
        self._apply(_ITALIC, text, self._italic)

    def _apply(self, pattern: QRegularExpression, text: str, style: QTextCharFormat) -> None:
        matches = pattern.globalMatch(text)
        while matches.hasNext():
            match = matches.next()
            self.setFormat(match.capturedStart(), match.capturedLength(), style)
