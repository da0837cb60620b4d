"""What every subcommand gets: where the profile is, and where to print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fieldnotes.paths import default_data_dir

if TYPE_CHECKING:
    from fieldnotes.store import Database


@dataclass
class CommandContext:
    data_dir: Path
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @contextmanager
    def database(self) -> Iterator[Database]:
        """The profile's database, open for the block and closed after it."""
        from fieldnotes.store import Database

        database = Database.open(self.data_dir)
        try:
            yield database
        finally:
            database.close()

    def warn(self, message: str) -> None:
        print(f"fieldnotes: warning: {message}", file=self.err)


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, also after its own arguments (``--data-dir``)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="profile folder (default: the user's data folder)",
    )
    return parent


def data_dir_from(args: argparse.Namespace) -> Path:
    value = getattr(args, "data_dir", None)
    return Path(value).expanduser() if value else default_data_dir()
