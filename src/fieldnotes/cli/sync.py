"""``fieldnotes sync MISSION --folder DIR``: one round of shared-folder sync."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.cli.package import read_passphrase

EXIT_UNREACHABLE = 3


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "sync",
        parents=[common],
        help="one round of shared-folder sync",
        description=(
            "Merge every teammate's package found in DIR, then write this profile's package "
            "there (atomically, under a name no other profile uses)."
        ),
    )
    parser.add_argument("mission", metavar="MISSION", help="mission id, id prefix or title")
    parser.add_argument("--folder", type=Path, required=True, metavar="DIR")
    parser.add_argument("--passphrase-file", type=Path, metavar="F")
    parser.add_argument("--allow-mass-delete", action="store_true")
    parser.set_defaults(run=run_sync)


def run_sync(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.missions import resolve_mission
    from fieldnotes.services.sync import sync_mission

    passphrase = read_passphrase(args.passphrase_file)
    with context.database() as database:
        with database.session() as session:
            mission_id = resolve_mission(session, args.mission).id
        status = sync_mission(
            database,
            mission_id,
            args.folder,
            passphrase=passphrase,
            allow_mass_delete=args.allow_mass_delete,
        )
    if not status.reachable:
        context.warn(status.message)
        return EXIT_UNREACHABLE
    for result in status.imported:
        s = result.summary
        if s.changed:
            print(
                f"{result.source}: {s.added} added, {s.updated} updated, {s.deleted} deleted, "
                f"{s.conflicts} conflicts.",
                file=context.out,
            )
    for name, message in status.failed:
        context.warn(f"{name}: {message}")
    print(status.message, file=context.out)
    return 0 if status.ok else 1
