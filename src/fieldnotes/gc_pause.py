"""Pausing Python's cyclic garbage collector while bulk work allocates many objects.

Parsing and merging a package creates hundreds of thousands of dicts, lists and tuples in a
few hundred milliseconds, none of them in reference cycles. Each allocation burst makes the
collector walk ever larger generations for nothing: a third of the JSON parsing time and
more. Reference counting still frees everything as usual; only the cycle search waits.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block.

    Only the outermost use enables it again. With two threads in such blocks, the first to
    finish turns collection back on for both: that costs the other some speed, nothing else.
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
