"""Where things are: shipped resources and the user's profile folders."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

from fieldnotes import APP_NAME

DATABASE_FILE_NAME = "fieldnotes.sqlite3"
BACKUP_SETTINGS_FILE_NAME = "backup-settings.json"


@cache
def resources_dir() -> Path:
    """The folder of shipped resources (fonts, icons, demo data).

    The same lookup serves a PyInstaller bundle (``sys._MEIPASS/resources``), an installed
    wheel (``fieldnotes/resources`` inside the package) and a source checkout (``resources/``
    at the top of the repository).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    package_dir = Path(__file__).resolve().parent
    candidates = [
        *([Path(bundle) / "resources"] if bundle else []),
        package_dir / "resources",
        package_dir.parent.parent / "resources",
    ]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"fieldnotes resources not found (looked in {searched})")


def resource(*parts: str) -> Path:
    """Full path of one shipped resource file, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"fieldnotes resource missing: {path}")
    return path


def default_data_dir() -> Path:
    """The user's data folder for fieldnotes (per-platform, from platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def log_dir(data_dir: Path) -> Path:
    """Folder of the rotating log files for a profile."""
    return data_dir / "logs"


def backup_settings_path(data_dir: Path) -> Path:
    """The profile's backup settings (folder, how many to keep), kept outside the database.

    Outside, because the settings are needed exactly when the database cannot be opened.
    """
    return data_dir / BACKUP_SETTINGS_FILE_NAME


def backup_dir(data_dir: Path) -> Path:
    """Folder of the automatic database backups of a profile (configurable, else ``backups``).

    A relative folder in the settings is taken relative to the profile folder. Unreadable
    settings fall back to the default rather than stopping the backup that matters most.
    """
    try:
        settings = json.loads(backup_settings_path(data_dir).read_text(encoding="utf-8"))
        folder = settings.get("folder") if isinstance(settings, dict) else None
    except (OSError, ValueError):
        folder = None
    if isinstance(folder, str) and folder.strip():
        return data_dir / Path(folder).expanduser()
    return data_dir / "backups"


def attachments_dir(data_dir: Path) -> Path:
    """The profile's attachment bytes, one file per SHA-256 (content-addressed)."""
    return data_dir / "attachments"


def thumbnails_dir(data_dir: Path) -> Path:
    """Cached thumbnails of attachments: can be deleted at any time, they are made again."""
    return data_dir / "thumbnails"


def set_aside_dir(data_dir: Path) -> Path:
    """Where a database replaced by a restore is kept (never deleted: it is the user's)."""
    return data_dir / "set-aside"


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILE_NAME
