"""The PDF document: page templates, running header and footer, outline, contents, metadata.

One layout pass does everything. Numbers that are only known at the end — the page count in
"Page N of M" and the page of each contents line — are drawn as references to PDF form
XObjects that are filled in just before the file is saved. A second pass (ReportLab's
``multiBuild``) would double the time of a large report; this way the layout of every page
is final the first time. The contents lines' text does not depend on those numbers, so the
contents take the same room whatever the page numbers turn out to be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from fieldnotes import __version__
from fieldnotes.errors import Cancelled
from fieldnotes.report import fonts
from fieldnotes.report.paragraphs import Para
from fieldnotes.report.styles import (
    FOOTER_BASELINE,
    HEADER_BASELINE,
    INTERNAL,
    MARGIN,
    MUTED,
    RULE,
    TOC_NUMBER_WIDTH,
)

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

TOP_MARGIN = MARGIN + 4  # room for the running header
TOTAL_PAGES_FORM = "fnTotalPages"
TOC_CALLBACK = "fnContentsPage"
HEADER_SIZE = 8


@dataclass(frozen=True)
class Bookmark:
    """A heading that is a PDF outline entry and, if ``in_contents``, a contents line."""

    key: str  # letters and digits only: used in PDF names
    title: str  # plain text, for the outline
    markup: str  # the heading's paragraph markup, reused by the contents line
    level: int
    in_contents: bool = True


class Heading(Para):
    """A section heading: bookmarked and recorded with its page when drawn."""

    def __init__(self, markup: str, style: ParagraphStyle, bookmark: Bookmark) -> None:
        super().__init__(markup, style)
        self.bookmark = bookmark


@dataclass(frozen=True)
class PageDecoration:
    """What the running header and footer say."""

    title: str
    edition: str
    internal: bool
    date: str


class KeepWithStart(KeepTogether):  # type: ignore[misc]
    """A run of ``keepWithNext`` headings kept with the *start* of the flowable after them.

    ReportLab's own group moves everything, the following flowable included, to the next
    page when it does not fit: before each long table or note that leaves most of a page
    empty. Here the group breaks the page only when not even the first lines (or rows) of
    the following flowable fit under the headings.
    """

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._wrapInfo = (available_width, available_height)
        return available_width, 0xFFFFFF  # always asks to be split: see split()

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        content: list[Flowable] = list(self._content)
        frame = getattr(self, "_frame", None)
        if frame is None or getattr(frame, "_atTop", False):
            return content  # a new page would not give more room
        *leading, last = content
        used = 0.0
        for flowable in leading:
            _width, height = flowable.wrapOn(self.canv, available_width, available_height)
            used += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        room = available_height - used - last.getSpaceBefore()
        if room > 0:
            _width, height = last.wrapOn(self.canv, available_width, room)
            if height <= room or last.splitOn(self.canv, available_width, room):
                return content
        return [FrameBreak(), *content]


def contents_line(bookmark: Bookmark, style: ParagraphStyle) -> Paragraph:
    """A contents line: the heading, linked, then dots and the page number (filled in later)."""
    return Paragraph(
        f'<a href="#{bookmark.key}">{bookmark.markup}</a>'
        f'<onDraw name="{TOC_CALLBACK}" label="{bookmark.key}"/>',
        style,
    )


def _toc_form(key: str) -> str:
    return f"fnToc{key}"


def _pdf_date(moment: dt.datetime) -> Callable[..., str]:
    stamp = moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")

    def formatter(*_ignored: int) -> str:
        return stamp

    return formatter


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """The report's page layout; :meth:`build` writes the PDF to ``filename``."""

    def __init__(
        self,
        filename: str,
        *,
        pagesize: tuple[float, float],
        decoration: PageDecoration,
        metadata: dict[str, str],
        timestamp: dt.datetime,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> None:
        super().__init__(
            filename,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=MARGIN,
            invariant=1,
            # Otherwise every page's preamble names Helvetica, a font the report neither
            # embeds nor uses, and viewers may substitute it.
            initialFontName=fonts.REGULAR,
            keepTogetherClass=KeepWithStart,
            creator=f"fieldnotes {__version__}",
            **metadata,
        )
        self.decoration = decoration
        self.timestamp = timestamp
        self.bookmark_pages: dict[str, int] = {}
        self.contents_keys: list[str] = []
        self._progress = progress
        self._cancelled = cancelled
        self._total = 1
        self.page_count = 0
        # The file is saved by _endBuild below, once the late numbers are drawn.
        self._doSave = 0
        frame = Frame(
            MARGIN,
            MARGIN,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._draw_footer),
                PageTemplate("body", [frame], onPage=self._draw_header_and_footer),
            ]
        )
        self.setProgressCallBack(self._on_progress)

    # -- build hooks -------------------------------------------------------------------------

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        canvas: Canvas = self.canv
        canvas.setDateFormatter(_pdf_date(self.timestamp))
        canvas.setNamedCB(TOC_CALLBACK, self._draw_contents_number)

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Heading):
            return
        bookmark = flowable.bookmark
        canvas: Canvas = self.canv
        canvas.bookmarkPage(bookmark.key)
        canvas.addOutlineEntry(bookmark.title, bookmark.key, level=bookmark.level, closed=True)
        self.bookmark_pages[bookmark.key] = self.page

    def _on_progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._total = max(1, value)
        elif kind == "PROGRESS":
            if self._cancelled is not None and self._cancelled():
                raise Cancelled("The report export was cancelled.")
            if self._progress is not None:
                self._progress(min(value, self._total), self._total)

    def _endBuild(self) -> None:
        super()._endBuild()
        canvas: Canvas = self.canv
        total = self.page_count = canvas.getPageNumber() - 1
        self._define_number_form(TOTAL_PAGES_FORM, str(total), right_aligned=False)
        for key in self.contents_keys:
            page = self.bookmark_pages.get(key)
            self._define_number_form(_toc_form(key), str(page or ""), right_aligned=True)
        canvas.save()

    def _define_number_form(self, name: str, text: str, *, right_aligned: bool) -> None:
        canvas: Canvas = self.canv
        # A bounding box around the origin: the number is drawn to the left of it when right
        # aligned, and a form clips to its box.
        canvas.beginForm(name, lowerx=-100, lowery=-5, upperx=100, uppery=20)
        canvas.setFont(self._number_font, self._number_size)
        canvas.setFillColor(self._number_colour)
        if right_aligned:
            canvas.drawRightString(0, 0, text)
        else:
            canvas.drawString(0, 0, text)
        canvas.endForm()

    # The forms are drawn with whatever font state the page had; set it inside the form.
    _number_font = fonts.REGULAR
    _number_size = 9
    _number_colour = MUTED

    # -- page furniture ----------------------------------------------------------------------

    def _draw_contents_number(self, canvas: Canvas, kind: str, label: str) -> None:
        """Dot leaders from the end of a contents line's text, then its page number."""
        info: dict[str, Any] = canvas._curr_tx_info
        x, y = info["cur_x"], info["cur_y"]
        right = self.width
        dots_end = right - TOC_NUMBER_WIDTH + 4
        canvas.saveState()
        canvas.setFillColor(RULE)
        canvas.setFont(fonts.REGULAR, 9)
        dot_width = canvas.stringWidth(" .", fonts.REGULAR, 9)
        count = int((dots_end - x - 4) / dot_width)
        if count > 0:
            canvas.drawRightString(dots_end, y, " ." * count)
        canvas.translate(right, y)
        canvas.doForm(_toc_form(label))
        canvas.restoreState()

    def _draw_header_and_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        decoration = self.decoration
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, HEADER_SIZE)
        canvas.setFillColor(MUTED)
        baseline = height - HEADER_BASELINE
        edition_font = fonts.BOLD if decoration.internal else fonts.REGULAR
        edition_width = canvas.stringWidth(decoration.edition, edition_font, HEADER_SIZE)
        room = width - 2 * MARGIN - edition_width - 12
        canvas.drawString(MARGIN, baseline, _fit(decoration.title, room, canvas))
        if decoration.internal:
            canvas.setFillColor(INTERNAL)
        canvas.setFont(edition_font, HEADER_SIZE)
        canvas.drawRightString(width - MARGIN, baseline, decoration.edition)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, baseline - 4, width - MARGIN, baseline - 4)
        canvas.restoreState()
        self._draw_footer(canvas, doc)

    def _draw_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, _height = self.pagesize
        canvas.saveState()
        canvas.setFont(self._number_font, self._number_size)
        canvas.setFillColor(self._number_colour)
        label = f"Page {self.page} of "
        canvas.drawString(MARGIN, FOOTER_BASELINE, label)
        canvas.translate(
            MARGIN + canvas.stringWidth(label, self._number_font, self._number_size),
            FOOTER_BASELINE,
        )
        canvas.doForm(TOTAL_PAGES_FORM)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, self._number_size)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN, FOOTER_BASELINE, self.decoration.date)
        canvas.restoreState()


def _fit(text: str, room: float, canvas: Canvas) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` points in the header font."""
    if canvas.stringWidth(text, fonts.REGULAR, HEADER_SIZE) <= room:
        return text
    while text and canvas.stringWidth(text + "…", fonts.REGULAR, HEADER_SIZE) > room:
        text = text[:-1]
    return text.rstrip() + "…"
