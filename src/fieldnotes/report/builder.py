"""Build the PDF of one report from its :class:`~fieldnotes.report.data.ReportData`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config

from fieldnotes.report import fonts
from fieldnotes.report.data import BlobReader, ReportData
from fieldnotes.report.dates import long_date
from fieldnotes.report.document import (
    CancelCheck,
    PageDecoration,
    ProgressCallback,
    ReportDocument,
)
from fieldnotes.report.glyphs import GlyphChecker, GlyphWarning
from fieldnotes.report.options import Edition, ReportOptions
from fieldnotes.report.paragraphs import UserText
from fieldnotes.report.sections import ReportStory
from fieldnotes.report.styles import PAGE_SIZES, make_styles

HEADER_EDITIONS = {
    Edition.EXTERNAL: "External edition",
    Edition.INTERNAL: "INTERNAL — not for distribution",
}


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams without ReportLab's ASCII85 layer around them.

    ASCII85 makes a PDF survive 7-bit channels nobody uses any more; it costs a quarter more
    bytes and a pure-Python encoding pass over every page and font. The switch is global in
    ReportLab, so it is set for the build and put back.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


@dataclass(frozen=True)
class BuiltReport:
    page_count: int
    glyph_warnings: tuple[GlyphWarning, ...]


def build_pdf(
    data: ReportData,
    options: ReportOptions,
    target: Path,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    blobs: BlobReader | None = None,
) -> BuiltReport:
    """Lay out and write the report to ``target`` (overwritten); ``blobs`` reads the photos."""
    fonts.register_fonts()
    checker = GlyphChecker(fonts.regular_coverage())
    styles = make_styles()
    text = UserText(styles, checker, fonts.styled_coverage())
    pagesize = PAGE_SIZES[options.page_size]
    title = checker.check(data.mission.title, "Mission title")
    document = ReportDocument(
        str(target),
        pagesize=pagesize,
        decoration=PageDecoration(
            title=title,
            edition=HEADER_EDITIONS[data.edition],
            internal=data.edition is Edition.INTERNAL,
            date=long_date(data.report_date),
        ),
        metadata={
            "title": title,
            "author": ", ".join(checker.check(m.name, "Team member name") for m in data.members),
            "subject": f"Mission report, {data.edition.value} edition",
            "keywords": ", ".join(
                sorted(
                    {t for m in data.meetings for n in m.notes for t in n.topics}, key=str.casefold
                )
            ),
        },
        timestamp=data.data_timestamp,
        progress=progress,
        cancelled=cancelled,
    )
    story_builder = ReportStory(
        data, options, styles, text, width=document.width, height=document.height, blobs=blobs
    )
    story = story_builder.flowables()
    document.contents_keys = story_builder.contents_keys
    with _binary_streams():
        document.build(story)
    return BuiltReport(document.page_count, checker.warnings())
