"""The installed Qt binding must not leak references on emit (PySide6 6.12.0 does).

PySide6 6.12.0 returns ``True`` from ``Signal.emit()`` without owning a reference: every emit
takes one away, and the interpreter aborts ("bool_dealloc") after a few thousand. The app
emits on every save, so such a binding crashes a working session; pyproject.toml excludes it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()


def test_emit_does_not_lose_references_to_true(qapp):
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit()
    assert sys.getrefcount(True) >= before - 5, "this PySide6 release leaks on emit()"
