"""Where two versions of a text differ, line by line and word by word, for side-by-side views.

The conflicts view shows both versions of a note with the differences marked; this module
decides what is marked, so the widget only paints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Words with their trailing spaces, so that a changed word marks only itself.
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Span:
    text: str
    changed: bool


@dataclass(frozen=True)
class DiffLine:
    """One line of one side: ``changed`` when the line is not in the other version as is."""

    spans: tuple[Span, ...]
    changed: bool

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def _whole(lines: list[str], changed: bool) -> list[DiffLine]:
    return [DiffLine((Span(line, changed),) if line else (), changed) for line in lines]


def _merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    # A space between two changed words belongs to the change: one mark, not a dotted line.
    spans = [span for span in spans if span.text]
    for index in range(1, len(spans) - 1):
        span = spans[index]
        between_changes = spans[index - 1].changed and spans[index + 1].changed
        if between_changes and not span.changed and not span.text.strip():
            spans[index] = Span(span.text, True)
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].changed == span.changed:
            merged[-1] = Span(merged[-1].text + span.text, span.changed)
        elif span.text:
            merged.append(span)
    return tuple(merged)


def _word_diff(left: str, right: str) -> tuple[DiffLine, DiffLine]:
    a, b = _TOKENS.findall(left), _TOKENS.findall(right)
    ours: list[Span] = []
    theirs: list[Span] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        same = tag == "equal"
        ours.append(Span("".join(a[i1:i2]), not same))
        theirs.append(Span("".join(b[j1:j2]), not same))
    return DiffLine(_merge_spans(ours), True), DiffLine(_merge_spans(theirs), True)


def side_by_side(current: str, other: str) -> tuple[list[DiffLine], list[DiffLine]]:
    """Both texts as lines, with lines and words that differ from the other side marked.

    Lines replaced one for one get a word-level comparison (the usual case: a sentence
    edited on two laptops); lines only on one side are marked whole.
    """
    a, b = current.splitlines(), other.splitlines()
    left: list[DiffLine] = []
    right: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left += _whole(a[i1:i2], False)
            right += _whole(b[j1:j2], False)
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(pairs):
            ours, theirs = _word_diff(a[i1 + offset], b[j1 + offset])
            left.append(ours)
            right.append(theirs)
        left += _whole(a[i1 + pairs : i2], True)
        right += _whole(b[j1 + pairs : j2], True)
    return left, right
