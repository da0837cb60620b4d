"""Line-based three-way merge of texts (note text, agendas ...) with difflib.

Two edits merge cleanly when they change regions of the common ancestor that neither overlap
nor touch: an insertion at the very place where the other side changed or inserted something
has no order both sides would agree on, so it is a conflict rather than a guess.
"""

from __future__ import annotations

from difflib import SequenceMatcher

# (start, end, replacement lines): base lines [start, end) become the replacement.
Hunk = tuple[int, int, tuple[str, ...]]


def _hunks(base: list[str], other: list[str]) -> list[Hunk]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _clash(a: Hunk, b: Hunk) -> bool:
    if a == b:
        return False  # both sides made the same change: apply it once
    # Closed bounds: overlapping ranges, adjacent ranges and a shared insertion point clash.
    return a[0] <= b[1] and b[0] <= a[1]


def merge_text(base: str, ours: str, theirs: str) -> str | None:
    """The merged text, or None when both sides changed the same place (a conflict).

    Symmetric: ``merge_text(b, x, y) == merge_text(b, y, x)``.
    """
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    base_lines = base.splitlines(keepends=True)
    ours_hunks = _hunks(base_lines, ours.splitlines(keepends=True))
    theirs_hunks = _hunks(base_lines, theirs.splitlines(keepends=True))
    for a in ours_hunks:
        for b in theirs_hunks:
            if _clash(a, b):
                return None
    hunks = sorted(set(ours_hunks) | set(theirs_hunks))
    result: list[str] = []
    position = 0
    for start, end, replacement in hunks:
        result.extend(base_lines[position:start])
        result.extend(replacement)
        position = end
    result.extend(base_lines[position:])
    merged = "".join(result)
    return _fix_joins(merged, ours, theirs)


def _fix_joins(merged: str, ours: str, theirs: str) -> str | None:
    # A last line without a newline followed by another side's appended line would glue two
    # lines together; refuse rather than produce text neither side wrote.
    known = set(ours.splitlines()) | set(theirs.splitlines())
    if any(line not in known for line in merged.splitlines()):
        return None
    return merged
