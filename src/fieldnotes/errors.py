"""The errors a user can cause, each with a message fit to show them.

Anything that is not a :class:`FieldnotesError` is a bug: the UI and the CLI log it with its
traceback and tell the user where the log is.
"""

from __future__ import annotations


class FieldnotesError(Exception):
    """Base of every error whose message is meant for the user."""

    @property
    def message(self) -> str:
        return str(self)


class NotFoundError(FieldnotesError):
    """A mission, meeting, member ... named by the user does not exist (or is ambiguous)."""


class ValidationError(FieldnotesError):
    """User input that cannot be saved as it is (empty title, end before start ...)."""


class SchemaTooNewError(FieldnotesError):
    """The database was written by a newer version of fieldnotes."""


class StorageError(FieldnotesError):
    """The database cannot be opened or written (disk full, damaged file, locked)."""


class MissionFormatError(FieldnotesError):
    """A mission JSON document is malformed; the message names the place."""


class PackageError(FieldnotesError):
    """A package file is malformed, tampered with or cannot be decrypted."""


class ReportError(FieldnotesError):
    """The report cannot be built or written."""


class Cancelled(FieldnotesError):
    """A long operation (report export ...) was stopped by the user; nothing was written."""


class UserFileError(FieldnotesError):
    """A file named by the user cannot be read or written (missing, unreadable, not text)."""


class PassphraseError(PackageError):
    """A package is encrypted and the passphrase is missing or wrong (or the file damaged)."""


class MassDeleteError(FieldnotesError):
    """An import would delete a large share of a mission; it needs the user's confirmation."""


class BackupError(StorageError):
    """A backup cannot be taken, found or restored; the profile is left as it was."""


class AgendaError(FieldnotesError):
    """An agenda file (CSV, XLSX, iCalendar) cannot be read or imported; names file and row."""
