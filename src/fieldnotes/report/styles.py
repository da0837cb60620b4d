"""The report's look: page geometry, colours, paragraph and table styles (design/look.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from fieldnotes.report import fonts
from fieldnotes.report.options import PageSize

PAGE_SIZES: dict[PageSize, tuple[float, float]] = {PageSize.A4: A4, PageSize.LETTER: LETTER}

MARGIN = 20 * mm
HEADER_BASELINE = 12 * mm  # from the top edge
FOOTER_BASELINE = 11 * mm  # from the bottom edge

ACCENT = colors.HexColor("#1F4E79")
ACCENT_TINT = colors.HexColor("#E8EEF5")
FINDING_TINT = colors.HexColor("#F3F6FA")
RULE = colors.HexColor("#B8C4D0")
MUTED = colors.HexColor("#5A6470")
INTERNAL = colors.HexColor("#9C2A1F")
TEXT = colors.HexColor("#1A1A1A")
# The same colours for <font color=...> in paragraph markup.
INTERNAL_HEX = "#9C2A1F"
MUTED_HEX = "#5A6470"

BODY_SIZE = 10
BODY_LEADING = 14
SMALL_SIZE = 8.5
SMALL_LEADING = 11
LIST_INDENT = 14
TOC_NUMBER_WIDTH = 28  # room kept at the right of a contents line for its page number


def _style(name: str, **values: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": fonts.REGULAR,
        "fontSize": BODY_SIZE,
        "leading": BODY_LEADING,
        "textColor": TEXT,
        "alignment": TA_LEFT,
        # Never a single line of a paragraph alone at the foot or the head of a page.
        "allowOrphans": 0,
        "allowWidows": 0,
        # ReportLab would hyphenate at soft hyphens and split long words its own way; user
        # text keeps its words as typed.
        "hyphenationLang": "",
        "embeddedHyphenation": 0,
    }
    base.update(values)
    return ParagraphStyle(name, **base)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    note_heading: ParagraphStyle
    author: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    small_bold: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    muted: ParagraphStyle
    internal_mark: ParagraphStyle
    reference: ParagraphStyle
    caption: ParagraphStyle
    toc_title: ParagraphStyle
    toc_level0: ParagraphStyle
    toc_level1: ParagraphStyle
    cover_programme: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_edition: ParagraphStyle

    def bullet(self, depth: int) -> ParagraphStyle:
        return _LIST_STYLES[depth]


def _list_style(depth: int) -> ParagraphStyle:
    return _style(
        f"list{depth}",
        leftIndent=LIST_INDENT * (depth + 1),
        bulletIndent=LIST_INDENT * depth + 2,
        bulletFontName=fonts.REGULAR,
        spaceAfter=2,
    )


_LIST_STYLES = tuple(_list_style(depth) for depth in range(3))


def make_styles() -> Styles:
    """The paragraph styles; fonts must be registered first (:func:`fonts.register_fonts`)."""
    heading = {"fontName": fonts.BOLD, "textColor": ACCENT, "keepWithNext": 1}
    small = {"fontSize": SMALL_SIZE, "leading": SMALL_LEADING}
    small_bold = {**small, "fontName": fonts.BOLD}
    aside = {"fontSize": 9, "leading": 12}  # muted lines, references and captions
    return Styles(
        body=_style("body", spaceAfter=5),
        h1=_style("h1", fontSize=16, leading=20, spaceAfter=10, **heading),
        h2=_style("h2", fontSize=13, leading=17, spaceBefore=14, spaceAfter=6, **heading),
        h3=_style("h3", fontSize=11, leading=15, spaceBefore=8, spaceAfter=4, **heading),
        note_heading=_style(
            "note_heading", fontName=fonts.BOLD, spaceBefore=4, spaceAfter=2, keepWithNext=1
        ),
        author=_style("author", spaceBefore=8, spaceAfter=3, **heading),
        label=_style("label", spaceBefore=6, spaceAfter=2, **small, **heading),
        small=_style("small", **small),
        small_bold=_style("small_bold", **small_bold),
        cell=_style("cell", **small),
        cell_header=_style("cell_header", textColor=colors.white, **small_bold),
        muted=_style("muted", textColor=MUTED, spaceAfter=4, **aside),
        internal_mark=_style("internal_mark", textColor=INTERNAL, **small_bold),
        reference=_style(
            "reference", fontName=fonts.ITALIC, textColor=MUTED, spaceAfter=8, **aside
        ),
        caption=_style("caption", spaceBefore=5, spaceAfter=1, **aside),
        toc_title=_style(
            "toc_title",
            fontSize=16,
            leading=20,
            spaceAfter=14,
            fontName=fonts.BOLD,
            textColor=ACCENT,
        ),
        toc_level0=_style("toc0", fontName=fonts.BOLD, spaceBefore=6, rightIndent=TOC_NUMBER_WIDTH),
        toc_level1=_style(
            "toc1", fontSize=9, leading=13, leftIndent=16, rightIndent=TOC_NUMBER_WIDTH
        ),
        cover_programme=_style(
            "cover_programme", fontSize=11, leading=15, textColor=MUTED, spaceAfter=2
        ),
        cover_title=_style(
            "cover_title",
            fontName=fonts.BOLD,
            fontSize=24,
            leading=30,
            textColor=ACCENT,
            spaceBefore=28,
            spaceAfter=12,
        ),
        cover_subtitle=_style("cover_subtitle", fontSize=13, leading=18, spaceAfter=4),
        cover_edition=_style(
            "cover_edition", fontName=fonts.BOLD, fontSize=12, leading=16, alignment=TA_CENTER
        ),
    )


class ReportTable(Table):  # type: ignore[misc]
    """A platypus table whose cells name the report's font: every table of the report is one.

    ReportLab sets each cell's font before drawing it, even a cell that holds only
    paragraphs, and a cell style nobody set names Helvetica: a font the report neither embeds
    nor uses, which viewers may substitute and the self-test flags. Setting it here, where
    tables are made, spares every table style the command (the parts of a split table are
    made by this class too).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)]))


def table_style(*, header_rows: int = 1, zebra: bool = False) -> TableStyle:
    """Light rules, an accent header row; zebra stripes for long lists that are read across."""
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ACCENT_TINT]))
    return TableStyle(commands)


def finding_box_style(*, internal: bool = False) -> TableStyle:
    """A key finding: a tinted box with a bar at its left (red when the note is internal)."""
    return _note_box_style(FINDING_TINT, INTERNAL if internal else ACCENT)


def internal_box_style() -> TableStyle:
    """An internal note: a red bar at its left, so that where it ends is as clear as its start."""
    return _note_box_style(colors.white, INTERNAL)


def _note_box_style(background: colors.Color, bar: colors.Color) -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, bar),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
