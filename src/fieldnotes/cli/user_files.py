"""Reading files the user names on the command line, with errors in the user's terms."""

from __future__ import annotations

from pathlib import Path

from fieldnotes.errors import UserFileError

# A note is typed by a person; anything larger is almost certainly the wrong file.
MAX_TEXT_BYTES = 5 * 1024 * 1024


def read_text_file(path: Path, *, limit: int = MAX_TEXT_BYTES) -> str:
    """The UTF-8 text of ``path`` (a leading BOM is dropped); UserFileError if unreadable."""
    try:
        if path.stat().st_size > limit:
            raise UserFileError(f"{path} is too large for a note (limit {limit:,} bytes).")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserFileError(f"Cannot read {path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise UserFileError(f"Cannot read {path}: it is a folder, not a file.") from exc
    except OSError as exc:
        raise UserFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserFileError(
            f"{path} is not UTF-8 text (invalid byte at line {line}); save it as UTF-8."
        ) from exc
