"""Version vectors ``{device_id: counter}``: comparison, join and a deterministic order.

Wall clocks never decide anything in a merge; these functions do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum

VersionVector = dict[str, int]


class Order(Enum):
    """How two version vectors relate."""

    EQUAL = "equal"
    BEFORE = "before"  # the first happened before the second (second dominates)
    AFTER = "after"  # the first dominates the second
    CONCURRENT = "concurrent"


def dominated_by(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """``a ≤ b``: every counter of ``a`` is at most the same counter of ``b``."""
    return all(counter <= b.get(device, 0) for device, counter in a.items())


def compare(a: Mapping[str, int], b: Mapping[str, int]) -> Order:
    a_le_b = dominated_by(a, b)
    b_le_a = dominated_by(b, a)
    if a_le_b and b_le_a:
        return Order.EQUAL
    if a_le_b:
        return Order.BEFORE
    if b_le_a:
        return Order.AFTER
    return Order.CONCURRENT


def join(*vectors: Mapping[str, int]) -> VersionVector:
    """Element-wise maximum, keys sorted (what a merge result carries: no counter bump)."""
    result: dict[str, int] = {}
    for vector in vectors:
        for device, counter in vector.items():
            if counter > result.get(device, 0):
                result[device] = counter
    return dict(sorted(result.items()))


def normalised(vector: Mapping[str, int]) -> VersionVector:
    """Zero counters dropped and keys sorted, so that equal vectors compare and hash equal."""
    return {device: counter for device, counter in sorted(vector.items()) if counter > 0}


def order_key(vector: Mapping[str, int]) -> tuple[int, tuple[tuple[str, int], ...]]:
    """A total order that extends ``≤``: larger sum first, then the sorted items.

    A vector that dominates another always has the larger key, so the maximum of a set by
    this key is one of its maximal elements, and every profile picks the same one.
    """
    items = tuple(sorted(normalised(vector).items()))
    return (sum(counter for _device, counter in items), items)


def maximal(vectors: Iterable[Mapping[str, int]]) -> list[VersionVector]:
    """The vectors of ``vectors`` that no other one strictly dominates (duplicates removed)."""
    unique = {tuple(sorted(normalised(v).items())): normalised(v) for v in vectors}
    values = list(unique.values())
    return [v for v in values if not any(w != v and dominated_by(v, w) for w in values)]
