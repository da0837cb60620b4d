"""Autosave of note text: within a second of the last keystroke, at once on every flush.

The editor hands each change to :meth:`NoteAutosaver.text_changed`; a single-shot timer,
restarted on every change, saves one second after the last keystroke. The window calls
:meth:`NoteAutosaver.flush` when the user switches meeting, note or tab, when the editor
loses focus and when the window closes. A save is one short service call on the GUI thread
(about a millisecond), so it is not threaded.

A failed save keeps the text in its draft (never discarded), reports the error and retries
every few seconds until it succeeds; a note whose save failed is shown from its draft, not
from the database, if the user comes back to it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from fieldnotes.errors import FieldnotesError
from fieldnotes.services.notes import create_note, save_note_draft
from fieldnotes.store import Database

log = logging.getLogger(__name__)

T = TypeVar("T")

SAVE_DELAY_MS = 1000
RETRY_DELAY_MS = 3000


class SaveState(Enum):
    SAVED = "All changes saved"
    UNSAVED = "Unsaved changes"
    SAVING = "Saving…"
    FAILED = "Not saved"


@dataclass(eq=False)
class NoteDraft:
    """The text being typed into one note; ``note_id`` is None until the note's first save.

    Notes are created on the first keystroke, not on opening a meeting, so that browsing the
    programme leaves no empty notes behind (they would travel to every teammate).
    """

    mission_id: str
    meeting_id: str | None
    note_id: str | None
    text: str
    # The note's version the text was typed on; a save on top of another version (a merge
    # arrived meanwhile) keeps the replaced text as a conflict.
    base_version: dict[str, int] | None = None

    def same_note(self, mission_id: str, meeting_id: str | None, note_id: str | None) -> bool:
        if note_id is not None:
            return self.note_id == note_id
        return (
            self.note_id is None and self.mission_id == mission_id and self.meeting_id == meeting_id
        )


class NoteAutosaver(QObject):
    """Saves note drafts to the database and reports whether everything is saved.

    Signals:
        state_changed(SaveState, str): the save state and, when it failed, the reason.
        note_saved(str): a note's text reached the database (its id).
        note_created(str): a draft's first save created its note (its id).
    """

    state_changed = Signal(object, str)
    note_saved = Signal(str)
    note_created = Signal(str)

    def __init__(
        self,
        database: Database,
        parent: QObject | None = None,
        *,
        delay_ms: int = SAVE_DELAY_MS,
        retry_ms: int = RETRY_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._pending: list[NoteDraft] = []
        self._state = SaveState.SAVED
        self._error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._retry_ms = retry_ms
        self._delay_ms = delay_ms

    # -- state --------------------------------------------------------------------------

    @property
    def state(self) -> SaveState:
        return self._state

    @property
    def error(self) -> str:
        return self._error

    def pending_draft(
        self, mission_id: str, meeting_id: str | None, note_id: str | None
    ) -> NoteDraft | None:
        """The unsaved draft of that note, if a save is still due (show it, not the DB text)."""
        for draft in self._pending:
            if draft.same_note(mission_id, meeting_id, note_id):
                return draft
        return None

    def _set_state(self, state: SaveState, error: str = "") -> None:
        if (state, error) != (self._state, self._error):
            self._state, self._error = state, error
            self.state_changed.emit(state, error)

    # -- saving -------------------------------------------------------------------------

    def text_changed(self, draft: NoteDraft, text: str) -> None:
        """The user changed ``draft``'s text: save it once typing pauses."""
        draft.text = text
        if draft not in self._pending:
            self._pending.append(draft)
        if self._state is not SaveState.FAILED:
            self._set_state(SaveState.UNSAVED)
        self._timer.start(self._delay_ms)

    def flush(self) -> bool:
        """Save every pending draft now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._pending:
            if self._state is not SaveState.FAILED:
                self._set_state(SaveState.SAVED)
            return True
        self._set_state(SaveState.SAVING)
        for draft in list(self._pending):
            try:
                created = self._save(draft)
            except Exception as exc:
                self._failed(exc)
                return False
            self._pending.remove(draft)
            assert draft.note_id is not None
            if created:
                self.note_created.emit(draft.note_id)
            self.note_saved.emit(draft.note_id)
        self._set_state(SaveState.SAVED)
        return True

    def _save(self, draft: NoteDraft) -> bool:
        with self._database.session() as session:
            if draft.note_id is None:
                note = create_note(
                    session, draft.mission_id, meeting_id=draft.meeting_id, text=draft.text
                )
                note_id = note.id
                version = dict(note.version)
            else:
                version = save_note_draft(session, draft.note_id, draft.text, draft.base_version)
                note_id = draft.note_id
        # Only after the commit: a failed first save must create the note again next time.
        created = draft.note_id is None
        draft.note_id = note_id
        draft.base_version = version
        return created

    def write(self, action: Callable[[Session], T]) -> T | None:
        """Run one immediate user action (flags, topics ...) in its own session.

        Failures are reported like a failed save; the result is None then.
        """
        try:
            with self._database.session() as session:
                result = action(session)
        except Exception as exc:
            self._failed(exc, retry=False)
            return None
        if not self._pending and self._state is SaveState.FAILED:
            self._set_state(SaveState.SAVED)
        return result

    def _failed(self, exc: Exception, *, retry: bool = True) -> None:
        if isinstance(exc, FieldnotesError):
            message = exc.message
            log.warning("save failed: %s", message)
        else:
            message = f"Could not write to the database ({type(exc).__name__})."
            log.exception("save failed")
        if retry:
            message += " Your text is kept and saving is retried."
            self._timer.start(self._retry_ms)
        self._set_state(SaveState.FAILED, message)

    def write_rescue_copy(self, folder: Path) -> Path | None:
        """Write every unsaved draft to a text file in ``folder`` (last resort at exit)."""
        if not self._pending:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"unsaved-notes-{stamp}.md"
        parts = [
            f"<!-- mission {d.mission_id} meeting {d.meeting_id} note {d.note_id} -->\n{d.text}\n"
            for d in self._pending
        ]
        path.write_text("\n".join(parts), encoding="utf-8")
        return path
