"""``fieldnotes package export|import``: package files to and from teammates."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.cli.user_files import read_text_file
from fieldnotes.errors import PassphraseError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "package",
        parents=[common],
        help="export or import package files (*.fieldnotes)",
        description="Send a mission with your notes to the team, or merge teammates' packages.",
    )
    commands = parser.add_subparsers(dest="package_command", metavar="ACTION", required=True)
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write a package of a mission",
        description="Write a package of MISSION (all records, with history) atomically.",
    )
    export.add_argument("mission", metavar="MISSION", help="mission id, id prefix or title")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.fieldnotes")
    export.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="encrypt with the passphrase in file F (first line)",
    )
    export.set_defaults(run=run_export)
    imp = commands.add_parser(
        "import",
        parents=[common],
        help="merge packages into this profile",
        description=(
            "Validate and merge each package (one transaction each, a backup first) and "
            "print what changed."
        ),
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--passphrase-file", type=Path, metavar="F", help="passphrase for encrypted packages"
    )
    imp.add_argument(
        "--as",
        dest="member",
        metavar="MEMBER",
        help="who you are in the mission (id, prefix or name)",
    )
    imp.add_argument(
        "--allow-mass-delete",
        action="store_true",
        help="import even if the package deletes a large share of the mission",
    )
    imp.set_defaults(run=run_import)


def read_passphrase(path: Path | None) -> str | None:
    """The passphrase in the first line of ``path`` (the line end is not part of it)."""
    if path is None:
        return None
    lines = read_text_file(path, limit=64 * 1024).splitlines()
    passphrase = lines[0] if lines else ""
    if not passphrase:
        raise PassphraseError(f"The passphrase file {path} is empty.")
    return passphrase


def run_export(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.missions import resolve_mission
    from fieldnotes.services.packages import export_package

    passphrase = read_passphrase(args.passphrase_file)
    with context.database() as database:
        with database.session() as session:
            mission_id = resolve_mission(session, args.mission).id
        result = export_package(database, mission_id, args.output, passphrase=passphrase)
    lock = " (encrypted)" if result.encrypted else ""
    print(f"Wrote {result.path}{lock}: {result.records} records.", file=context.out)
    return 0


def run_import(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.packages import import_package

    passphrase = read_passphrase(args.passphrase_file)
    with context.database() as database:
        for path in args.files:
            result = import_package(
                database,
                path,
                passphrase=passphrase,
                allow_mass_delete=args.allow_mass_delete,
                member=args.member,
            )
            s = result.summary
            print(
                f"{path.name}: “{s.mission_title}”"
                + (" (new mission)" if s.new_mission else "")
                + f": {s.added} added, {s.updated} updated, {s.deleted} deleted, "
                f"{s.conflicts} conflicts, {s.unchanged} unchanged.",
                file=context.out,
            )
            if result.needs_member:
                context.warn(
                    f"choose who you are in “{s.mission_title}”: import again with "
                    "--as MEMBER (or pick your name in the window)."
                )
    return 0
