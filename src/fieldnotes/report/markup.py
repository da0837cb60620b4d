"""User text to ReportLab paragraph markup: escaped first, then the note Markdown subset.

ReportLab's paragraph parser reads a tag language of its own (``"a<b"`` raises, ``"x <y> z"``
loses ``<y>``, ``"AT&T"`` becomes ``"AT&T;"``, ``<img>`` and ``<a>`` fetch files and URLs).
So user text never reaches it as markup: it is parsed here into plain :class:`Run` values
(text plus bold/italic flags) and :func:`runs_to_markup` writes the only tags that exist in
the output, around escaped text. The subset: paragraphs, ``**bold**``, ``*italic*``, ``-``/``*``
bullet lists, ``1.`` numbered lists, ``#`` headings. Markup that does not pair up is text and
comes out exactly as typed.

No ReportLab import here: the module is pure text processing, tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from xml.sax.saxutils import escape


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    BULLET = "bullet"
    NUMBERED = "numbered"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look; ``\\n`` inside is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    runs: tuple[Run, ...]
    level: int = 0  # heading level 1-3, or list nesting depth 0-2
    number: int = 0  # the item's number in a numbered list

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)


MAX_LIST_DEPTH = 2
MAX_HEADING_LEVEL = 3

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?\S)(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)[-*][ \t]+(\S.*)$")
_NUMBERED = re.compile(r"^([ \t]*)(\d{1,9})[.)][ \t]+(\S.*)$")


def _depth(indent: str) -> int:
    return min(len(indent.expandtabs(4)) // 2, MAX_LIST_DEPTH)


@dataclass
class _Pending:
    """The block being read: its kind and the lines that belong to it so far."""

    kind: BlockKind
    lines: list[str] = field(default_factory=list)
    level: int = 0
    number: int = 0


def parse_blocks(text: str) -> list[Block]:
    """Split Markdown-subset ``text`` into headings, paragraphs and list items."""
    blocks: list[Block] = []
    pending: _Pending | None = None
    # Numbering per list depth; a paragraph or heading ends the list, a blank line does not.
    counters: dict[int, int] = {}

    def flush() -> None:
        nonlocal pending
        if pending is not None and pending.lines:
            runs = parse_inline("\n".join(pending.lines))
            blocks.append(Block(pending.kind, runs, pending.level, pending.number))
        pending = None

    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if heading := _HEADING.match(line):
            flush()
            counters.clear()
            level = min(len(heading.group(1)), MAX_HEADING_LEVEL)
            blocks.append(Block(BlockKind.HEADING, parse_inline(heading.group(2)), level))
            continue
        if bullet := _BULLET.match(line):
            flush()
            depth = _depth(bullet.group(1))
            _reset_deeper(counters, depth, keep_own=False)
            pending = _Pending(BlockKind.BULLET, [bullet.group(2)], depth)
            continue
        if numbered := _NUMBERED.match(line):
            flush()
            depth = _depth(numbered.group(1))
            _reset_deeper(counters, depth, keep_own=True)
            number = counters[depth] + 1 if depth in counters else int(numbered.group(2))
            counters[depth] = number
            pending = _Pending(BlockKind.NUMBERED, [numbered.group(3)], depth, number)
            continue
        if pending is None:
            counters.clear()
            pending = _Pending(BlockKind.PARAGRAPH)
        # A line straight after another continues its block (a list item or a paragraph);
        # the line break is kept, as the writer saw it in the editor.
        pending.lines.append(line.strip())
    flush()
    return blocks


def _reset_deeper(counters: dict[int, int], depth: int, *, keep_own: bool) -> None:
    for level in [d for d in counters if d > depth or (d == depth and not keep_own)]:
        del counters[level]


@dataclass
class _Delimiter:
    """A run of ``*`` characters and how many of them still stand for emphasis."""

    count: int
    can_open: bool
    can_close: bool
    closes: list[int] = field(default_factory=list)  # widths used to close, in order
    opens: list[int] = field(default_factory=list)  # widths used to open


_STARS = re.compile(r"\*+")


def parse_inline(text: str) -> tuple[Run, ...]:
    """``**bold**`` and ``*italic*`` in ``text`` as runs; stars that do not pair stay text.

    A simplified CommonMark emphasis algorithm: a star run may open if a non-space follows
    it and close if a non-space precedes it; a closer pairs with the nearest opener, taking
    two stars (bold) when both sides have two, else one (italic). Openers left between a
    pair are dropped to text, so the emphasis ranges always nest.
    """
    pieces: list[str | _Delimiter] = []
    position = 0
    for match in _STARS.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
        before = text[match.start() - 1] if match.start() > 0 else " "
        after = text[match.end()] if match.end() < len(text) else " "
        pieces.append(
            _Delimiter(
                len(match.group()), can_open=not after.isspace(), can_close=not before.isspace()
            )
        )
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])

    openers: list[_Delimiter] = []
    for piece in pieces:
        if not isinstance(piece, _Delimiter):
            continue
        if piece.can_close:
            while piece.count and openers:
                opener = openers[-1]
                width = 2 if piece.count >= 2 and opener.count >= 2 else 1
                opener.count -= width
                opener.opens.insert(0, width)  # inner pairs take the stars nearest the text
                piece.count -= width
                piece.closes.append(width)
                if not opener.count:
                    openers.pop()
        if piece.can_open and piece.count:
            openers.append(piece)

    runs: list[Run] = []
    bold = italic = 0

    def emit(chunk: str) -> None:
        if not chunk:
            return
        if runs and runs[-1].bold == (bold > 0) and runs[-1].italic == (italic > 0):
            runs[-1] = Run(runs[-1].text + chunk, runs[-1].bold, runs[-1].italic)
        else:
            runs.append(Run(chunk, bold > 0, italic > 0))

    for piece in pieces:
        if isinstance(piece, str):
            emit(piece)
            continue
        for width in piece.closes:
            bold, italic = (bold - 1, italic) if width == 2 else (bold, italic - 1)
        emit("*" * piece.count)  # the stars that paired with nothing are text
        for width in piece.opens:
            bold, italic = (bold + 1, italic) if width == 2 else (bold, italic + 1)
    return tuple(runs)


@dataclass(frozen=True)
class StyledCoverage:
    """Which characters the bold, italic and bold-italic faces can draw.

    The regular face covers more than the others (DejaVu Sans Oblique lacks most Arabic, for
    one). A character a styled face lacks is drawn upright from ``fallback_font``, a family
    whose every style is the regular face, instead of as an empty box.
    """

    bold: frozenset[int]
    italic: frozenset[int]
    bold_italic: frozenset[int]
    fallback_font: str

    def face(self, bold: bool, italic: bool) -> frozenset[int] | None:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return None  # the regular face: checked before (see glyphs.GlyphChecker)


def escape_text(text: str) -> str:
    """Plain ``text`` as paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def runs_to_markup(
    runs: Iterable[Run],
    *,
    base_bold: bool = False,
    base_italic: bool = False,
    coverage: StyledCoverage | None = None,
) -> str:
    """Paragraph markup for ``runs`` in a style that is already bold/italic or not."""
    parts: list[str] = []
    for run in runs:
        bold, italic = run.bold and not base_bold, run.italic and not base_italic
        face = coverage.face(base_bold or run.bold, base_italic or run.italic) if coverage else None
        for chunk, drawable in _split_by_face(run.text, face):
            if not drawable:
                assert coverage is not None
                parts.append(f'<font face="{coverage.fallback_font}">{escape_text(chunk)}</font>')
                continue
            body = escape_text(chunk)
            if italic:
                body = f"<i>{body}</i>"
            if bold:
                body = f"<b>{body}</b>"
            parts.append(body)
    return "".join(parts)


def _split_by_face(text: str, face: frozenset[int] | None) -> Sequence[tuple[str, bool]]:
    if face is None or all(ord(c) in face for c in set(text) if c != "\n"):
        return [(text, True)]
    chunks: list[tuple[str, bool]] = []
    for character in text:
        drawable = character == "\n" or ord(character) in face
        if chunks and chunks[-1][1] == drawable:
            chunks[-1] = (chunks[-1][0] + character, drawable)
        else:
            chunks.append((character, drawable))
    return chunks


def markdown_to_plain(text: str) -> str:
    """What the reader sees of ``text``: block texts without markers, one per line."""
    return "\n".join(block.plain for block in parse_blocks(text))
