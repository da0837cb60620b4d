"""Text hygiene before typesetting: NFC normalisation, and which characters cannot be drawn.

ReportLab does no font fallback: a character missing from the font becomes an empty box
(and an unreadable one in the PDF's text layer). The export still succeeds, but the user is
told exactly which characters, in which field, so that nothing goes missing silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

# Drawn in place of a character the font lacks: visible, searchable, and DejaVu has it.
REPLACEMENT = "\ufffd"

# C0/C1 control characters other than tab and newline: invisible, and some of them are not
# even allowed in PDF text strings. Lone surrogates cannot be encoded at all.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]|[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")

# Never reported: layout characters with no glyph of their own.
_LAYOUT = frozenset("\n\t ")


def clean_text(text: str) -> str:
    """``text`` as the report shows it: NFC, ``\\n`` line breaks, no control characters."""
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class GlyphWarning:
    """One character the font cannot draw, and the field where it occurs."""

    character: str
    location: str  # e.g. 'Meeting "Border Committee" (13 May 2026), note by Anna Virtanen'
    count: int
    context: str  # a few characters around the first occurrence

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.character):04X}"

    @property
    def name(self) -> str:
        return unicodedata.name(self.character, "unnamed character")

    def __str__(self) -> str:
        times = f" ({self.count}×)" if self.count > 1 else ""
        return (
            f"{self.codepoint} {self.name} cannot be drawn and shows as {REPLACEMENT}: "
            f"{self.location}{times}, near “{self.context}”"
        )


class GlyphChecker:
    """Collects the characters that ``covered`` (a font's character map) lacks, by field."""

    def __init__(self, covered: Collection[int]) -> None:
        self._covered = frozenset(covered)
        self._found: dict[tuple[str, str], GlyphWarning] = {}
        # The same field is often shown twice (a meeting title in its heading, the contents
        # and the programme): count its characters once.
        self._seen: dict[tuple[str, str], str] = {}

    def missing(self, text: str) -> set[str]:
        """The characters of ``text`` the font cannot draw."""
        return {c for c in set(text) - _LAYOUT if ord(c) not in self._covered}

    def check(self, text: str, location: str) -> str:
        """Record what ``text`` (at ``location``) cannot draw; return it with those replaced."""
        absent = self.missing(text)
        if not absent:
            return text
        seen = self._seen.get((location, text))
        if seen is not None:
            return seen
        for character in sorted(absent):
            first = text.index(character)
            context = " ".join(text[max(0, first - 20) : first + 21].split())
            key = (character, location)
            previous = self._found.get(key)
            count = text.count(character) + (previous.count if previous else 0)
            self._found[key] = GlyphWarning(
                character, location, count, previous.context if previous else context
            )
        replaced = "".join(REPLACEMENT if c in absent else c for c in text)
        self._seen[(location, text)] = replaced
        return replaced

    def warnings(self) -> tuple[GlyphWarning, ...]:
        """Every finding, in the order the fields were checked."""
        return tuple(self._found.values())
