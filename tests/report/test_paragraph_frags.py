"""The parser-free path of :class:`~fieldnotes.report.paragraphs.Para` makes the parser's
fragments: same text in the same faces, sizes and colours, so the same lines and drawing."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from fieldnotes.report import fonts
from fieldnotes.report.markup import Run, runs_to_markup
from fieldnotes.report.paragraphs import Para, simple_frags
from fieldnotes.report.styles import Styles, make_styles


def _styles() -> Styles:
    fonts.register_fonts()
    return make_styles()


def merged(frags: list[Any]) -> list[dict[str, Any]]:
    """Fragments as dicts, neighbours with the same look joined (the parser splits text at
    entities, ``AT&amp;T`` into three, which draws the same)."""
    out: list[dict[str, Any]] = []
    for frag in frags:
        look = {k: v for k, v in frag.__dict__.items() if k != "text"}
        if out and {k: v for k, v in out[-1].items() if k != "text"} == look:
            out[-1]["text"] += frag.text
        else:
            out.append({**look, "text": frag.text})
    return out


def same_as_parser(markup: str, style: Any) -> bool:
    fast = simple_frags(markup, style)
    assert fast is not None, markup
    return merged(fast) == merged(Paragraph(markup, style).frags)


CASES = [
    "plain text",
    "  spaces   inside\tand\naround  ",
    "a <b>bold</b> and <i>italic</i> and <b><i>both</i></b>.",
    "AT&amp;T &lt;para&gt; &amp;amp; x",
    "<b>only bold</b>",
    "<b>a</b> <i>b</i>",
    "Kőműves Ștefănescu Məmmədova миграция მიგრაცია Հայաստան",
]


def test_simple_markup_gives_the_parsers_fragments() -> None:
    styles = _styles()
    for style in (styles.body, styles.cell, styles.author, styles.h2, styles.bullet(1)):
        for markup in CASES:
            assert same_as_parser(markup, style), (style.name, markup)


def test_other_markup_goes_to_the_parser() -> None:
    style = _styles().body
    for markup in ("a<br/>b", '<font color="#FF0000">x</font>', '<a href="#m1">x</a>', "&nbsp;x"):
        assert simple_frags(markup, style) is None
        assert Para(markup, style).frags  # parsed the usual way
    assert simple_frags("<b>unclosed", style) is None
    assert simple_frags("", style) is None


runs = st.lists(
    st.builds(
        Run,
        st.text(alphabet=st.sampled_from("ab <>&;#xő\t"), min_size=1, max_size=8),
        st.booleans(),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(runs=runs)
def test_any_user_runs_give_the_parsers_fragments(runs: list[Run]) -> None:
    style = _styles().body
    markup = runs_to_markup(runs)
    fast = simple_frags(markup, style)
    if fast is None:  # e.g. only whitespace
        return
    assert merged(fast) == merged(Paragraph(markup, style).frags)
