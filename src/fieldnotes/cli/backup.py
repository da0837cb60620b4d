"""``fieldnotes backup list | restore | now | check | folder``: the profile's backups."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext

EXIT_DAMAGED = 1


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "backup", parents=[common], help="list, take and restore backups of the profile"
    )
    actions = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list", parents=[common], help="list the backups, newest first, numbered"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=run_list)

    restoring = actions.add_parser(
        "restore",
        parents=[common],
        help="put a backup back as the profile's database",
        description=(
            "Replace the profile's database by BACKUP (default: the newest backup that passes "
            "the integrity check). The current database is moved to the profile's set-aside "
            "folder, never deleted. Close the fieldnotes window first."
        ),
    )
    restoring.add_argument(
        "backup",
        nargs="?",
        metavar="BACKUP",
        help="number from 'backup list' (1 = newest), file name or path",
    )
    restoring.set_defaults(run=run_restore)

    now = actions.add_parser("now", parents=[common], help="take a backup now; print its path")
    now.set_defaults(run=run_now)

    check = actions.add_parser(
        "check",
        parents=[common],
        help="check the database for damage (exit status 1 if damaged)",
    )
    check.set_defaults(run=run_check)

    folder = actions.add_parser(
        "folder",
        parents=[common],
        help="show the backup folder, or keep future backups in DIR",
    )
    where = folder.add_mutually_exclusive_group()
    where.add_argument("folder", nargs="?", type=Path, metavar="DIR", help="new backup folder")
    where.add_argument(
        "--default", action="store_true", help="go back to the folder inside the profile"
    )
    folder.set_defaults(run=run_folder)


def _size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size, 1) // 1024} kB"


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.backups import backup_folder, list_backups

    entries = list_backups(context.data_dir)
    if args.json:
        rows = [
            {
                "number": number,
                "name": entry.name,
                "path": str(entry.path),
                "taken_at": entry.taken_at.isoformat().replace("+00:00", "Z"),
                "reason": entry.reason,
                "size": entry.size,
            }
            for number, entry in enumerate(entries, start=1)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=context.out)
        return 0
    folder = backup_folder(context.data_dir)
    if not entries:
        print(f"No backups in {folder}.", file=context.out)
        return 0
    print(f"Backups in {folder} (newest first):", file=context.out)
    for number, entry in enumerate(entries, start=1):
        print(
            f"{number:>3}  {entry.local_time_text}  {entry.reason_label:<34}  "
            f"{_size_text(entry.size):>8}  {entry.name}",
            file=context.out,
        )
    return 0


def run_restore(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.backups import find_backup, restore_backup

    chosen = find_backup(context.data_dir, args.backup) if args.backup else None
    outcome = restore_backup(context.data_dir, chosen)
    print(f"Restored {outcome.restored_from.name}.", file=context.out)
    for path in outcome.set_aside:
        if path.suffix == ".sqlite3":
            state = "damaged" if outcome.replaced_was_damaged else "previous"
            print(f"The {state} database was kept as {path}", file=context.out)
    return 0


def run_now(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.backups import back_up_now

    print(back_up_now(context.data_dir), file=context.out)
    return 0


def run_check(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.backups import check_at_start

    verdict = check_at_start(context.data_dir)
    if verdict.ok:
        print(verdict.message, file=context.out)
        return 0
    print(f"fieldnotes: error: {verdict.message}", file=context.err)
    if verdict.newest_good is not None:
        print("Run 'fieldnotes backup restore' to restore it.", file=context.err)
    return EXIT_DAMAGED


def run_folder(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.backups import backup_folder, set_backup_folder

    if args.default:
        folder = set_backup_folder(context.data_dir, None)
    elif args.folder is not None:
        folder = set_backup_folder(context.data_dir, args.folder)
    else:
        folder = backup_folder(context.data_dir)
    print(folder, file=context.out)
    return 0
