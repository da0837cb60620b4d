"""A meeting's facts (when, where, who): labels in a tinted column, values beside them.

This drew as a platypus ``Table`` until the large-mission benchmark showed the report's
300 two-column facts tables costing about a seventh of the export: a table resolves its
style commands, spans and cell geometry on every wrap and split, for what is a fixed
two-column list. This flowable draws the same look (4 × 2 pt cell paddings, the label
column tinted, accent rules above and below, light rules between rows) from paragraphs
wrapped once, and splits between rows like a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from fieldnotes.report.styles import ACCENT, ACCENT_TINT, RULE

PAD_X = 4
PAD_Y = 2
OUTER_RULE = 0.6  # accent rules above and below
INNER_RULE = 0.3  # light rules between rows


class FactsTable(Flowable):  # type: ignore[misc]
    """Rows of (label, value) paragraphs in a ``label_width`` + ``value_width`` grid."""

    def __init__(
        self,
        rows: Sequence[tuple[Paragraph, Paragraph]],
        label_width: float,
        value_width: float,
        *,
        opens: bool = True,
        closes: bool = True,
    ) -> None:
        super().__init__()
        self.rows = list(rows)
        self.label_width = label_width
        self.value_width = value_width
        self.opens = opens  # the accent rule above: the first part of a split has it
        self.closes = closes  # the accent rule below: the last part
        self.hAlign = "LEFT"
        self._heights: list[float] = []
        self._wrapped = False

    def _row_heights(self) -> list[float]:
        if not self._wrapped:
            label_room = self.label_width - 2 * PAD_X
            value_room = self.value_width - 2 * PAD_X
            self._heights = [
                max(label.wrap(label_room, 0xFFFFFF)[1], value.wrap(value_room, 0xFFFFFF)[1])
                + 2 * PAD_Y
                for label, value in self.rows
            ]
            self._wrapped = True
        return self._heights

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = self.label_width + self.value_width
        self.height = sum(self._row_heights())
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        heights = self._row_heights()
        used = 0.0
        fitting = 0
        for height in heights:
            if used + height > available_height:
                break
            used += height
            fitting += 1
        if fitting == 0 or fitting == len(self.rows):
            return []
        return [
            FactsTable(
                self.rows[:fitting],
                self.label_width,
                self.value_width,
                opens=self.opens,
                closes=False,
            ),
            FactsTable(
                self.rows[fitting:],
                self.label_width,
                self.value_width,
                opens=False,
                closes=self.closes,
            ),
        ]

    def draw(self) -> None:
        canvas: Canvas = self.canv
        heights = self._row_heights()
        total = sum(heights)
        width = self.label_width + self.value_width
        canvas.saveState()
        canvas.setFillColor(ACCENT_TINT)
        canvas.rect(0, 0, self.label_width, total, stroke=0, fill=1)
        canvas.restoreState()
        top = total
        for (label, value), height in zip(self.rows, heights, strict=True):
            for paragraph, x in ((label, PAD_X), (value, self.label_width + PAD_X)):
                paragraph.drawOn(canvas, x, top - PAD_Y - paragraph.height)
            top -= height
        canvas.saveState()
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(INNER_RULE)
        top = total
        last = len(heights) - 1
        for index, height in enumerate(heights):
            top -= height
            if index < last or not self.closes:
                canvas.line(0, top, width, top)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(OUTER_RULE)
        if self.opens:
            canvas.line(0, total, width, total)
        if self.closes:
            canvas.line(0, 0, width, 0)
        canvas.restoreState()
