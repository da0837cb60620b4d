"""User text to flowables: every field passes the glyph check, escaping and Markdown here.

This is the one door between what users typed and ReportLab's paragraph parser: the
section builders never format user text themselves.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, cleanBlockQuotedText

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


# Markup that is only text, <b> and <i> (what most paragraphs of a report are) is split
# here instead of by ReportLab's HTML-based parser; anything else (<br/>, <font>, <a>...)
# goes to the parser.
_SIMPLE_TAG = re.compile(r"(</?[bi]>)")
_ANY_TAG = re.compile(r"<(?!/?[bi]>)")
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
_ENTITY = re.compile(r"&(?:lt|gt|amp);")
_OTHER_ENTITY = re.compile(r"&(?!(?:lt|gt|amp);)")
# Per style: the fragment the parser makes for plain, bold, italic and bold italic text.
_TEMPLATES: weakref.WeakKeyDictionary[ParagraphStyle, dict[tuple[bool, bool], Any]] = (
    weakref.WeakKeyDictionary()
)
_TEMPLATE_MARKUP = {
    (False, False): "x",
    (True, False): "<b>x</b>",
    (False, True): "<i>x</i>",
    (True, True): "<b><i>x</i></b>",
}


def _template(style: ParagraphStyle, bold: bool, italic: bool) -> Any:
    templates = _TEMPLATES.setdefault(style, {})
    frag = templates.get((bold, italic))
    if frag is None:
        (frag,) = Paragraph(_TEMPLATE_MARKUP[bold, italic], style).frags
        templates[bold, italic] = frag
    return frag


def simple_frags(markup: str, style: ParagraphStyle) -> list[Any] | None:
    """The fragments ReportLab's parser makes of ``markup``, or None if it is not simple.

    The same fragments as the parser's (tests/report/test_paragraph_frags.py), made without
    an HTML parser: a quarter of the time of building a large report's story went there.
    """
    if _ANY_TAG.search(markup) or ("&" in markup and _OTHER_ENTITY.search(markup)):
        return None
    text = cleanBlockQuotedText(markup)
    if not text:
        return None
    frags: list[Any] = []
    bold = italic = 0
    for piece in _SIMPLE_TAG.split(text):
        if piece in ("<b>", "</b>", "<i>", "</i>"):
            step = -1 if piece[1] == "/" else 1
            if piece[-2] == "b":
                bold += step
            else:
                italic += step
            if bold < 0 or italic < 0:
                return None
            continue
        if piece:
            if "&" in piece:
                piece = _ENTITY.sub(lambda m: _ENTITIES[m[0]], piece)
            frags.append(_template(style, bold > 0, italic > 0).clone(text=piece))
    if bold or italic or not frags:
        return None
    return frags


class Para(Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width, parsed without the parser if it can.

    Platypus asks a paragraph for its size several times at the same width (a table sizing
    its cells, a heading group checking that the start of the next flowable fits, the frame
    placing it), and ReportLab breaks the lines afresh each time: more than half the layout
    time of a large report. The line breaks depend only on the text and the width.
    """

    _wrapped_at: float | None = None
    _wrapped: tuple[Any, float, list[float]]

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        bulletText: str | None = None,
        frags: list[Any] | None = None,
        caseSensitive: int = 1,
        encoding: str = "utf8",
    ) -> None:
        if frags is None and text is not None:
            frags = simple_frags(text, style)
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)

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

    def markdown(self, text: str, where: str) -> list[Flowable]:
        """Flowables for Markdown-subset ``text``: paragraphs, headings, list items."""
        return [self._block(block) for block in parse_blocks(self.checker.check(text, where))]

    def _block(self, block: Block) -> Paragraph:
        if block.kind is BlockKind.HEADING:
            style = self.styles.note_heading
            return Para(runs_to_markup(block.runs, base_bold=True, coverage=self.coverage), style)
        text = runs_to_markup(block.runs, coverage=self.coverage)
        if block.kind is BlockKind.BULLET:
            return Para(text, self.styles.bullet(block.level), bulletText=BULLET)
        if block.kind is BlockKind.NUMBERED:
            return Para(text, self.styles.bullet(block.level), bulletText=f"{block.number}.")
        return Para(text, self.styles.body)
