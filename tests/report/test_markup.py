"""The Markdown subset and the escaping in front of ReportLab's paragraph parser."""

from __future__ import annotations

import pytest

from fieldnotes.report.markup import (
    Block,
    BlockKind,
    Run,
    StyledCoverage,
    escape_text,
    markdown_to_plain,
    parse_blocks,
    parse_inline,
    runs_to_markup,
)


def kinds(text: str) -> list[tuple[BlockKind, int, int, str]]:
    return [(b.kind, b.level, b.number, b.plain) for b in parse_blocks(text)]


def test_paragraphs_split_on_blank_lines_and_keep_line_breaks() -> None:
    assert kinds("one\ntwo\n\n\nthree") == [
        (BlockKind.PARAGRAPH, 0, 0, "one\ntwo"),
        (BlockKind.PARAGRAPH, 0, 0, "three"),
    ]


def test_headings_levels_and_what_is_not_a_heading() -> None:
    assert kinds("# One\n## Two ##\n#### Four\n#hashtag\n#") == [
        (BlockKind.HEADING, 1, 0, "One"),
        (BlockKind.HEADING, 2, 0, "Two"),
        (BlockKind.HEADING, 3, 0, "Four"),
        (BlockKind.PARAGRAPH, 0, 0, "#hashtag\n#"),
    ]


def test_bullet_lists_with_nesting_and_continuation() -> None:
    assert kinds("- a\n* b\n  - c\n  more of c\n-not a bullet") == [
        (BlockKind.BULLET, 0, 0, "a"),
        (BlockKind.BULLET, 0, 0, "b"),
        (BlockKind.BULLET, 1, 0, "c\nmore of c\n-not a bullet"),
    ]


def test_numbered_lists_count_from_the_first_number() -> None:
    assert kinds("3. c\n1. d\n\n1) e\n\ntext\n\n1. again") == [
        (BlockKind.NUMBERED, 0, 3, "c"),
        (BlockKind.NUMBERED, 0, 4, "d"),
        (BlockKind.NUMBERED, 0, 5, "e"),
        (BlockKind.PARAGRAPH, 0, 0, "text"),
        (BlockKind.NUMBERED, 0, 1, "again"),
    ]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("**bold** and *it*", (Run("bold", bold=True), Run(" and "), Run("it", italic=True))),
        ("***both***", (Run("both", bold=True, italic=True),)),
        ("a*b*c", (Run("a"), Run("b", italic=True), Run("c"))),
        ("5 * 3 * 2", (Run("5 * 3 * 2"),)),
        ("price **high", (Run("price **high"),)),
        ("**unclosed *italic*", (Run("**unclosed "), Run("italic", italic=True))),
        ("** not bold **", (Run("** not bold **"),)),
        ("****", (Run("****"),)),
        ("**a\nb**", (Run("a\nb", bold=True),)),
    ],
)
def test_inline_emphasis(text: str, runs: tuple[Run, ...]) -> None:
    assert parse_inline(text) == runs


@pytest.mark.parametrize(
    "text",
    ["**a *b** c*", "*a **b* c**", "***a** b*", "**a*b*c**", "*a**b**c*", "**a***b***c**"],
)
def test_emphasis_always_nests_and_keeps_every_character(text: str) -> None:
    runs = parse_inline(text)
    markup = runs_to_markup(runs)
    # every tag closes before the next opens: the flat runs make nesting errors impossible
    assert markup.count("<b>") == markup.count("</b>")
    assert markup.count("<i>") == markup.count("</i>")
    assert "".join(r.text for r in runs).replace("*", "") == text.replace("*", "")


def test_user_text_cannot_inject_markup() -> None:
    hostile = '<img src="x.png"/> <a href="http://e.org">x</a> <para> AT&T a<b &amp;'
    markup = runs_to_markup(parse_inline(hostile))
    assert "<img" not in markup and "<a " not in markup and "<para>" not in markup
    assert markup == (
        '&lt;img src="x.png"/&gt; &lt;a href="http://e.org"&gt;x&lt;/a&gt; '
        "&lt;para&gt; AT&amp;T a&lt;b &amp;amp;"
    )


def test_escape_text_keeps_line_breaks() -> None:
    assert escape_text("a <b>\nc & d") == "a &lt;b&gt;<br/>c &amp; d"


def test_styled_characters_the_face_lacks_fall_back_to_upright() -> None:
    coverage = StyledCoverage(
        bold=frozenset(map(ord, "abc ")),
        italic=frozenset(map(ord, "abc ")),
        bold_italic=frozenset(map(ord, "abc ")),
        fallback_font="Upright",
    )
    markup = runs_to_markup((Run("ab X c", italic=True),), coverage=coverage)
    assert markup == '<i>ab </i><font face="Upright">X</font><i> c</i>'
    # In a bold style (a heading) the plain run is checked against the bold face too.
    assert runs_to_markup((Run("aX"),), base_bold=True, coverage=coverage) == (
        'a<font face="Upright">X</font>'
    )


def test_plain_text_of_markdown() -> None:
    assert markdown_to_plain("# Title\n\n- **one**\n2. two") == "Title\none\ntwo"
    assert parse_blocks("") == []
    assert parse_blocks("   \n\n") == []
    assert isinstance(parse_blocks("x")[0], Block)
