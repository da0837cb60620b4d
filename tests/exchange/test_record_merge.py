"""The merge of two versions of one record, and the line merge, as pure functions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldnotes.exchange.merge import ConflictKind, Version, decide, find_ancestor, merge_concurrent
from fieldnotes.exchange.text_merge import merge_text
from fieldnotes.exchange.versions import Order, compare, join, order_key

A, B, C = (
    "a" * 8 + "-0000-4000-8000-000000000000",
    "b" * 8 + "-0000-4000-8000-000000000000",
    "c" * 8 + "-0000-4000-8000-000000000000",
)


def v(content: dict, **vector: int) -> Version:
    devices = {"a": A, "b": B, "c": C}
    return Version({"deleted": False, **content}, {devices[k]: n for k, n in vector.items()})


def test_version_vector_order():
    assert compare({A: 1}, {A: 2}) is Order.BEFORE
    assert compare({A: 2, B: 1}, {A: 2}) is Order.AFTER
    assert compare({A: 1}, {B: 1}) is Order.CONCURRENT
    assert compare({A: 1, B: 0}, {A: 1}) is Order.EQUAL
    assert join({A: 2}, {A: 1, B: 3}) == {A: 2, B: 3}
    assert order_key({A: 2, B: 1}) > order_key({A: 2})


def test_fast_forward_and_keep():
    old, new = v({"title": "x"}, a=1), v({"title": "y"}, a=2)
    assert decide(old, new, [], frozenset()).order is Order.AFTER
    assert decide(new, old, [], frozenset()).order is Order.BEFORE


def test_one_sided_changes_merge_without_conflict():
    base = v({"title": "t", "venue": "v"}, a=1)
    ours = v({"title": "T", "venue": "v"}, a=2)
    theirs = v({"title": "t", "venue": "V"}, a=1, b=1)
    result = merge_concurrent(ours, theirs, base, frozenset())
    assert result.content["title"] == "T" and result.content["venue"] == "V"
    assert result.conflicts == [] and result.version == {A: 2, B: 1}


def test_same_field_changed_twice_is_a_conflict_with_the_same_winner_both_ways():
    base = v({"title": "t"}, a=1)
    ours, theirs = v({"title": "ours"}, a=2), v({"title": "theirs"}, a=1, b=1)
    one = merge_concurrent(ours, theirs, base, frozenset())
    two = merge_concurrent(theirs, ours, base, frozenset())
    assert one.content == two.content and one.version == two.version
    assert {c.loser_value for c in one.conflicts} == {c.loser_value for c in two.conflicts}
    assert {one.content["title"], one.conflicts[0].loser_value} == {"ours", "theirs"}


def test_delete_against_edit_keeps_the_record_with_a_conflict():
    base = v({"title": "t"}, a=1)
    deleted = Version({"title": "t", "deleted": True}, {A: 2})
    edited = v({"title": "edited"}, a=1, b=1)
    result = merge_concurrent(deleted, edited, base, frozenset())
    assert result.content["deleted"] is False and result.content["title"] == "edited"
    assert [c.kind for c in result.conflicts] == [ConflictKind.DELETE_EDIT]
    # A deletion against an edit of nothing (only the flag differs) propagates.
    untouched = Version({"title": "t", "deleted": False}, {A: 1, B: 1})
    assert merge_concurrent(deleted, untouched, base, frozenset()).content["deleted"] is True


def test_ancestor_is_the_newest_common_version():
    h1, h2, h3 = v({"t": 1}, a=1), v({"t": 2}, a=2), v({"t": 3}, a=3)
    ours, theirs = v({"t": 4}, a=3, b=1), v({"t": 5}, a=2, c=1)
    assert find_ancestor(ours, theirs, [h1, h2, h3]) == h2


def test_line_merge_of_separate_changes():
    base = "one\ntwo\nthree\nfour\n"
    assert (
        merge_text(base, "ONE\ntwo\nthree\nfour\n", "one\ntwo\nthree\nFOUR\n")
        == "ONE\ntwo\nthree\nFOUR\n"
    )
    assert merge_text(base, "ONE\ntwo\nthree\nfour\n", "One!\ntwo\nthree\nfour\n") is None
    assert merge_text(base, base + "five\n", base + "six\n") is None  # same place: no guess


lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "e\n"]), max_size=6).map("".join)


@settings(max_examples=200, deadline=None)
@given(base=lines, ours=lines, theirs=lines)
def test_line_merge_is_symmetric(base: str, ours: str, theirs: str):
    assert merge_text(base, ours, theirs) == merge_text(base, theirs, ours)


values = st.sampled_from(["x", "y", "z", "w"])


@settings(max_examples=200, deadline=None)
@given(base=values, a=values, b=values, c=values)
def test_field_merge_is_associative_and_commutative(base: str, a: str, b: str, c: str):
    o = v({"f": base}, a=1)
    va, vb, vc = v({"f": a}, a=2), v({"f": b}, a=1, b=1), v({"f": c}, a=1, c=1)

    def merged(x: Version, y: Version) -> Version:
        r = merge_concurrent(x, y, o, frozenset())
        return Version(r.content, r.version)

    left = merged(merged(va, vb), vc)
    right = merged(va, merged(vb, vc))
    swapped = merged(merged(vc, va), vb)
    assert left.content == right.content == swapped.content


@settings(max_examples=200, deadline=None)
@given(current=lines, other=lines)
def test_suggested_merge_keeps_every_line_of_both(current: str, other: str):
    from fieldnotes.services.conflicts import suggest_merged_text

    merged = suggest_merged_text(current, other).splitlines()
    for line in current.splitlines() + other.splitlines():
        assert line in merged
