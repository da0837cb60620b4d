"""Side-by-side differences of two texts: lines, then words within replaced lines."""

from __future__ import annotations

from fieldnotes.services.text_diff import side_by_side


def _marked(lines) -> list[list[str]]:
    return [[s.text for s in line.spans if s.changed] for line in lines]


def test_equal_texts_mark_nothing():
    left, right = side_by_side("a\nb\n", "a\nb\n")
    assert [line.changed for line in left + right] == [False] * 4
    assert [line.text for line in left] == ["a", "b"]


def test_a_replaced_line_marks_the_changed_words_only():
    left, right = side_by_side(
        "Agenda agreed after a long debate.\nSame.\n",
        "Agenda agreed with the Deputy Head.\nSame.\n",
    )
    assert [line.changed for line in left] == [True, False]
    assert left[0].text == "Agenda agreed after a long debate."
    assert _marked(left)[0] == ["after a long debate"]
    assert _marked(right)[0] == ["with the Deputy Head"]


def test_lines_on_one_side_only_are_marked_whole():
    left, right = side_by_side("one\nthree\n", "one\ntwo\nthree\nfour\n")
    assert [line.text for line in left] == ["one", "three"]
    assert [line.changed for line in left] == [False, False]
    assert [(line.text, line.changed) for line in right] == [
        ("one", False),
        ("two", True),
        ("three", False),
        ("four", True),
    ]


def test_non_ascii_words_and_empty_lines():
    left, right = side_by_side("Встреча с МОМ\n\n", "Встреча с МВД\n\n")
    assert _marked(left)[0] == ["МОМ"] and _marked(right)[0] == ["МВД"]
    assert left[1].text == "" and not left[1].changed
