"""``fieldnotes mission list | import | export``: missions of the profile, and mission JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.model import label


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "mission", parents=[common], help="list, import and export missions"
    )
    actions = parser.add_subparsers(dest="mission_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="list the profile's missions")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=run_list)

    importing = actions.add_parser(
        "import",
        parents=[common],
        help="add a mission from a mission JSON file; print its id",
        description=(
            "Add the mission in FILE (mission JSON, see docs/mission-json.md) to the profile. "
            "The whole file is checked first; on any problem nothing is written."
        ),
    )
    importing.add_argument("file", type=Path, metavar="FILE.json")
    importing.set_defaults(run=run_import)

    exporting = actions.add_parser(
        "export",
        parents=[common],
        help="write one mission with all its records as mission JSON",
    )
    exporting.add_argument("mission", metavar="MISSION", help="id, unique id prefix or title")
    exporting.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.json",
        help="where to write (- for standard output)",
    )
    exporting.set_defaults(run=run_export)


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.missions import list_missions

    with context.database() as database, database.session() as session:
        rows = [
            {
                "id": m.id,
                "title": m.title,
                "programme": m.programme,
                "host_country": m.host_country,
                "city": m.city,
                "start_date": m.start_date.isoformat() if m.start_date else None,
                "end_date": m.end_date.isoformat() if m.end_date else None,
                "status": m.status.value,
            }
            for m in list_missions(session)
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=context.out)
        return 0
    for row in rows:
        dates = f"{row['start_date'] or '…'} – {row['end_date'] or '…'}"
        place = ", ".join(p for p in (row["city"], row["host_country"]) if p)
        status = label(_status(row["status"]))
        print(
            f"{row['id']}  {dates:<25}  {status:<11}  {row['title']}"
            + (f" ({place})" if place else ""),
            file=context.out,
        )
    return 0


def _status(value: str) -> Any:
    from fieldnotes.model import MissionStatus

    return MissionStatus(value)


def run_import(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.exchange.mission_json import import_mission_file

    with context.database() as database, database.session() as session:
        imported = import_mission_file(session, args.file)
    print(imported.mission_id, file=context.out)
    return 0


def run_export(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.exchange.atomic_file import write_atomically
    from fieldnotes.exchange.mission_json import export_mission
    from fieldnotes.services.missions import resolve_mission

    with context.database() as database, database.session() as session:
        mission = resolve_mission(session, args.mission)
        data = export_mission(session, mission.id)
    if str(args.output) == "-":
        context.out.flush()
        stream = getattr(context.out, "buffer", None)
        if stream is not None:
            stream.write(data)
            stream.flush()
        else:  # a text stream without bytes underneath (tests)
            context.out.write(data.decode("utf-8"))
    else:
        write_atomically(args.output, data)
    return 0
