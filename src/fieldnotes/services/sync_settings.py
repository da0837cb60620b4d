"""Shared-folder sync settings per mission, kept in a small JSON file in the profile folder.

Next to ``backup-settings.json`` rather than in the database: the settings describe this
computer (a folder path on this laptop), not the mission, so they must never travel in a
package. The passphrase is stored too, because automatic sync runs unattended; the file is
readable by its owner only, and it sits next to the database, which holds the same notes
unencrypted: the passphrase protects the packages in the shared folder, not this profile.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldnotes.errors import UserFileError, ValidationError

# Every few minutes while the folder is reachable (the window's timer uses this).
AUTO_SYNC_INTERVAL_SECONDS = 5 * 60

SYNC_SETTINGS_FILE_NAME = "sync-settings.json"


@dataclass(frozen=True)
class SyncSettings:
    """How one mission syncs on this computer (no folder: no sync)."""

    folder: Path | None = None
    passphrase: str | None = None
    automatic: bool = True

    @property
    def configured(self) -> bool:
        return self.folder is not None

    @property
    def automatic_sync(self) -> bool:
        """Whether the window syncs this mission on its own every few minutes."""
        return self.configured and self.automatic


def sync_settings_path(data_dir: Path) -> Path:
    return data_dir / SYNC_SETTINGS_FILE_NAME


def _read_all(data_dir: Path) -> dict[str, Any]:
    try:
        settings = json.loads(sync_settings_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    missions = settings.get("missions") if isinstance(settings, dict) else None
    return missions if isinstance(missions, dict) else {}


def _from_json(value: Any) -> SyncSettings:
    if not isinstance(value, dict):
        return SyncSettings()
    folder = value.get("folder")
    passphrase = value.get("passphrase")
    automatic = value.get("automatic")
    return SyncSettings(
        folder=Path(folder) if isinstance(folder, str) and folder.strip() else None,
        passphrase=passphrase if isinstance(passphrase, str) and passphrase else None,
        automatic=automatic if isinstance(automatic, bool) else True,
    )


def load_sync_settings(data_dir: Path, mission_id: str) -> SyncSettings:
    """The mission's sync settings (default: no folder); an unreadable file counts as unset."""
    return _from_json(_read_all(data_dir).get(mission_id))


def clean_sync_settings(
    folder: str, passphrase: str = "", *, automatic: bool = True
) -> SyncSettings:
    """The settings as typed in a form: an empty folder turns sync off.

    A folder that does not exist now is accepted when it is absolute (a network share or an
    unplugged disk may come back); a relative one is refused, since it would depend on the
    directory the app was started from.
    """
    folder = folder.strip()
    if not folder:
        return SyncSettings(None, passphrase or None, automatic)
    path = Path(folder).expanduser()
    if not path.is_absolute():
        raise ValidationError("Choose the shared folder with its full path.")
    if path.exists() and not path.is_dir():
        raise ValidationError(f"{path} is a file, not a folder.")
    return SyncSettings(path, passphrase or None, automatic)


def save_sync_settings(data_dir: Path, mission_id: str, settings: SyncSettings) -> None:
    """Store the mission's settings (others kept), atomically and readable by the owner only."""
    missions = _read_all(data_dir)
    if settings.folder is None and settings.passphrase is None and settings.automatic:
        missions.pop(mission_id, None)
    else:
        entry: dict[str, Any] = {"automatic": settings.automatic}
        if settings.folder is not None:
            entry["folder"] = str(settings.folder)
        if settings.passphrase:
            entry["passphrase"] = settings.passphrase
        missions[mission_id] = entry
    path = sync_settings_path(data_dir)
    partial = path.with_name(path.name + ".partial")
    text = json.dumps({"missions": missions}, indent=2, ensure_ascii=False) + "\n"
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        partial.replace(path)
    except OSError as exc:
        raise UserFileError(
            f"The sync settings cannot be saved in {data_dir}: {exc.strerror or exc}"
        ) from exc
