"""User text to flowables: every field passes the glyph check, escaping and Markdown here.

This is the one door between what users typed and ReportLab's paragraph parser: the
section builders never format user text themselves.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from fieldnotes.report import fonts
from fieldnotes.report.glyphs import GlyphChecker
from fieldnotes.report.markup import (
    Block,
    BlockKind,
    Run,
    StyledCoverage,
    parse_blocks,
    runs_to_markup,
)
from fieldnotes.report.styles import Styles

BULLET = "•"


class Para(Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width.

    Platypus asks a paragraph for its size several times at the same width (a table sizing
    its cells, a heading group checking that the start of the next flowable fits, the frame
    placing it), and ReportLab breaks the lines afresh each time: more than half the layout
    time of a large report. The line breaks depend only on the text and the width.
    """

    _wrapped_at: float | None = None
    _wrapped: tuple[Any, float, list[float]]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width == self._wrapped_at:
            self.width = available_width
            self.blPara, self.height, self._wrapWidths = self._wrapped
            return available_width, self.height
        size: tuple[float, float] = super().wrap(available_width, available_height)
        if hasattr(self, "blPara"):
            self._wrapped_at = available_width
            self._wrapped = (self.blPara, self.height, self._wrapWidths)
        return size


class UserText:
    """Turns user text into paragraph markup and flowables, recording undrawable glyphs."""

    def __init__(self, styles: Styles, checker: GlyphChecker, coverage: StyledCoverage) -> None:
        self.styles = styles
        self.checker = checker
        self.coverage = coverage

    def markup(self, text: str, where: str, style: ParagraphStyle | None = None) -> str:
        """Paragraph markup of plain ``text`` (no Markdown) for a paragraph in ``style``."""
        text = self.checker.check(text, where)
        face = style.fontName if style is not None else fonts.REGULAR
        return runs_to_markup(
            (Run(text),),
            base_bold=face in (fonts.BOLD, fonts.BOLD_ITALIC),
            base_italic=face in (fonts.ITALIC, fonts.BOLD_ITALIC),
            coverage=self.coverage,
        )

    def paragraph(self, text: str, style: ParagraphStyle, where: str) -> Paragraph:
        return Para(self.markup(text, where, style), style)

    def blocks(self, text: str, where: str) -> list[Block]:
        return parse_blocks(self.checker.check(text, where))

    def markdown(self, text: str, where: str, body: ParagraphStyle | None = None) -> list[Flowable]:
        """Flowables for Markdown-subset ``text``: paragraphs, headings, list items."""
        body = body or self.styles.body
        flowables: list[Flowable] = []
        for block in self.blocks(text, where):
            flowables.append(self._block(block, body))
        return flowables

    def _block(self, block: Block, body: ParagraphStyle) -> Paragraph:
        if block.kind is BlockKind.HEADING:
            style = self.styles.note_heading
            return Para(runs_to_markup(block.runs, base_bold=True, coverage=self.coverage), style)
        text = runs_to_markup(block.runs, coverage=self.coverage)
        if block.kind is BlockKind.BULLET:
            return Para(text, self.styles.bullet(block.level), bulletText=BULLET)
        if block.kind is BlockKind.NUMBERED:
            return Para(text, self.styles.bullet(block.level), bulletText=f"{block.number}.")
        return Para(text, body)
