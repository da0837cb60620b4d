"""Logging to a rotating file in the profile's log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from fieldnotes.paths import log_dir

LOG_FILE_NAME = "fieldnotes.log"


def configure_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send log records to ``<data_dir>/logs/fieldnotes.log`` (rotated); return that path."""
    folder = log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_fieldnotes", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler._fieldnotes = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
