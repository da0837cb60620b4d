"""Merge of two versions of one record (design/merge.md), as a pure function on documents.

A *version* is a record's content document (``store.record_codec.content_document``: every
field but the bookkeeping ones) with its version vector. The merge never reads a wall clock.

- incoming ≤ local: keep local; local < incoming: take incoming (fast-forward);
- concurrent: three-way merge per field against the common ancestor (the newest version
  that both sides' histories hold); the fields named in ``text_fields`` merge line by line
  (none on import: see ``merge_apply.LINE_MERGE_ON_IMPORT``); where both sides changed the
  same thing differently, a deterministic winner is applied and the loser is
  returned as a :class:`FieldConflict` to be kept until someone resolves it;
- a deletion concurrent with an edit never wins: the record stays alive with a conflict;
- the result carries the element-wise maximum of both vectors, with no counter bump, so
  every profile that merges the same two versions computes the same result.

The winner of a field conflict is the value with the larger hash of its canonical JSON. The
order is arbitrary but the same on every machine and does not depend on which side imports,
and (unlike an order on the versions) it makes repeated merges associative: of any set of
concurrent values for one field, the same one wins whatever the order of the imports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from fieldnotes.exchange.text_merge import merge_text
from fieldnotes.exchange.versions import (
    Order,
    VersionVector,
    compare,
    dominated_by,
    join,
    order_key,
)
from fieldnotes.store.record_codec import canonical_json, content_hash

DELETED = "deleted"


class ConflictKind(StrEnum):
    FIELD = "field"  # both sides changed one field differently
    DELETE_EDIT = "delete_edit"  # deleted on one side, edited on the other


@dataclass(frozen=True)
class Version:
    """One version of a record: content document, version vector and who wrote it."""

    content: Mapping[str, Any]
    version: Mapping[str, int]
    updated_by: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(dict(self.content))


@dataclass(frozen=True)
class FieldConflict:
    """A value that lost a merge and must be kept until resolved."""

    field: str
    kind: ConflictKind
    loser_value: Any
    loser_version: VersionVector
    loser_member: str | None


@dataclass
class MergeResult:
    content: dict[str, Any]
    version: VersionVector
    updated_by: str | None
    conflicts: list[FieldConflict] = field(default_factory=list)
    ancestor_found: bool = True


def value_key(value: Any) -> str:
    """The deterministic rank of a field value in a conflict (larger wins)."""
    return hashlib.sha256(canonical_json({"v": value}).encode("utf-8")).hexdigest()


def find_ancestor(local: Version, incoming: Version, history: Iterable[Version]) -> Version | None:
    """The newest version in ``history`` (both sides' histories) that precedes both sides."""
    candidates = [
        h
        for h in history
        if dominated_by(h.version, local.version) and dominated_by(h.version, incoming.version)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda h: (order_key(h.version), h.hash))


def _pick(
    name: str,
    ours: Version,
    theirs: Version,
    conflicts: list[FieldConflict],
) -> Any:
    a, b = ours.content.get(name), theirs.content.get(name)
    winner, loser = (ours, theirs) if value_key(a) >= value_key(b) else (theirs, ours)
    conflicts.append(
        FieldConflict(
            name,
            ConflictKind.FIELD,
            loser.content.get(name),
            dict(loser.version),
            loser.updated_by,
        )
    )
    return winner.content.get(name)


def merge_concurrent(
    local: Version,
    incoming: Version,
    ancestor: Version | None,
    text_fields: frozenset[str],
) -> MergeResult:
    """Three-way merge of two concurrent versions (symmetric in ``local`` and ``incoming``)."""
    conflicts: list[FieldConflict] = []
    merged: dict[str, Any] = {}
    base = ancestor.content if ancestor is not None else None
    names = sorted((set(local.content) | set(incoming.content)) - {DELETED})
    for name in names:
        a, b = local.content.get(name), incoming.content.get(name)
        if a == b:
            merged[name] = a
            continue
        if base is not None:
            o = base.get(name)
            if a == o:
                merged[name] = b
                continue
            if b == o:
                merged[name] = a
                continue
            if (
                name in text_fields
                and isinstance(a, str)
                and isinstance(b, str)
                and isinstance(o, str)
            ):
                text = merge_text(o, a, b)
                if text is not None:
                    merged[name] = text
                    continue
        merged[name] = _pick(name, local, incoming, conflicts)
    merged[DELETED] = _merge_deleted(local, incoming, ancestor, conflicts)
    # Who "last changed" a merge of two authors' versions is a shared convention, not a
    # fact: the larger member id, which keeps merges associative.
    authors = [v.updated_by for v in (local, incoming) if v.updated_by is not None]
    return MergeResult(
        content=merged,
        version=join(local.version, incoming.version),
        updated_by=max(authors) if authors else None,
        conflicts=conflicts,
        ancestor_found=ancestor is not None,
    )


def _content_changed(version: Version, ancestor: Version) -> bool:
    return any(
        version.content.get(name) != ancestor.content.get(name)
        for name in set(version.content) | set(ancestor.content)
        if name != DELETED
    )


def _merge_deleted(
    local: Version,
    incoming: Version,
    ancestor: Version | None,
    conflicts: list[FieldConflict],
) -> bool:
    a, b = bool(local.content.get(DELETED)), bool(incoming.content.get(DELETED))
    if a == b:
        return a
    deleter, keeper = (local, incoming) if a else (incoming, local)
    if ancestor is not None:
        if ancestor.content.get(DELETED):
            return False  # the keeper restored it; the other side did not touch the flag
        if not _content_changed(keeper, ancestor):
            return True  # a plain deletion: it propagates
    # Deleted on one side, edited on the other (or no way to tell): keep it alive and ask.
    conflicts.append(
        FieldConflict(
            DELETED,
            ConflictKind.DELETE_EDIT,
            True,
            dict(deleter.version),
            deleter.updated_by,
        )
    )
    return False


@dataclass(frozen=True)
class Decision:
    """What to do with one incoming record."""

    order: Order
    result: MergeResult | None = None  # set when the two versions had to be merged


def decide(
    local: Version,
    incoming: Version,
    history: Iterable[Version],
    text_fields: frozenset[str],
) -> Decision:
    """Compare by version vector and merge when needed (``history``: both sides' histories)."""
    order = compare(incoming.version, local.version)
    if order is Order.BEFORE:
        return Decision(order)  # we already have it
    if order is Order.AFTER:
        return Decision(order)  # fast-forward
    if order is Order.EQUAL:
        if local.hash == incoming.hash:
            return Decision(order)
        # Same vector, different content: two profiles merged differently (histories that
        # lacked an ancestor). Merge without an ancestor so that both converge on one value
        # per field, keeping the other as a conflict.
        return Decision(Order.CONCURRENT, merge_concurrent(local, incoming, None, text_fields))
    ancestor = find_ancestor(local, incoming, history)
    return Decision(order, merge_concurrent(local, incoming, ancestor, text_fields))
