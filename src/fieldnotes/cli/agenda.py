"""``fieldnotes agenda import | export``: the itinerary from CSV, XLSX, iCalendar, and to .ics."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.errors import AgendaError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "agenda", parents=[common], help="import the itinerary from a file, export it as .ics"
    )
    actions = parser.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import",
        parents=[common],
        help="add meetings from a CSV, XLSX or iCalendar file",
        description=(
            "Add the meetings in FILE (.csv, .xlsx or .ics) to MISSION's itinerary. Columns "
            "are recognised by their usual names (date, start, end, title, kind, venue, "
            "organisation, agenda, timezone, in any order and case); name others with --map. "
            "Times with a zone are converted to the mission's host time; times without one are "
            "host time already. Meetings already in the itinerary (same date, start and title) "
            "are skipped. The whole file is checked first; on any problem nothing is written."
        ),
    )
    importing.add_argument("mission", metavar="MISSION", help="id, unique id prefix or title")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from COLUMN (header or number); repeatable, e.g. --map title=Event",
    )
    importing.add_argument(
        "--zone",
        metavar="ZONE",
        help="time zone of times in the file that carry none (default: the host's zone)",
    )
    importing.add_argument(
        "--format", choices=("csv", "xlsx", "ics"), help="file format (default: from the name)"
    )
    importing.add_argument(
        "--no-new-organisations",
        action="store_true",
        help="only link organisations the mission has; report the others instead of adding them",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    importing.set_defaults(run=run_import)

    exporting = actions.add_parser(
        "export", parents=[common], help="write the itinerary as an iCalendar (.ics) file"
    )
    exporting.add_argument("mission", metavar="MISSION", help="id, unique id prefix or title")
    exporting.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.ics", help="where to write"
    )
    exporting.set_defaults(run=run_export)


def parse_map(values: list[str]) -> dict[str, str]:
    """``["title=Event", "date=2"]`` → ``{"title": "Event", "date": "2"}``."""
    mapping: dict[str, str] = {}
    for value in values:
        name, sep, column = value.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise AgendaError(f"--map {value}: write it as FIELD=COLUMN, e.g. --map title=Event.")
        mapping[name.strip()] = column.strip()
    return mapping


def _time_text(meeting: Any) -> str:
    if meeting.start_time is None:
        return "all day    "
    start = f"{meeting.start_time:%H:%M}"
    end = f"{meeting.end_time:%H:%M}" if meeting.end_time else "     "
    return f"{start}–{end}"


def run_import(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.agenda_import import ImportOptions, import_agenda, preview_agenda
    from fieldnotes.services.itinerary import zone_name
    from fieldnotes.services.missions import resolve_mission

    options = ImportOptions(
        mapping=parse_map(args.map),
        source_zone=args.zone,
        create_organisations=not args.no_new_organisations,
        format=args.format,
    )
    with context.database() as database:
        with database.session() as session:
            mission_id = resolve_mission(session, args.mission).id
        source, preview = preview_agenda(database, mission_id, args.file, options)
        out = context.out
        print(preview.summary(), file=out)
        if preview.mapping:
            columns = ", ".join(f"{name} ← {header}" for name, header in preview.mapping.items())
            print(f"Columns: {columns}", file=out)
        print(f"Times in {zone_name(preview.zone)} ({preview.zone}):", file=out)
        for meeting in preview.meetings:
            mark = "skip" if meeting.duplicate else "add "
            converted = f"  (from {meeting.source_time})" if meeting.source_time else ""
            print(
                f"  {mark} {meeting.date:%Y-%m-%d} {_time_text(meeting)}  {meeting.title}"
                f"{converted}" + (f"  [{meeting.duplicate_of}]" if meeting.duplicate else ""),
                file=out,
            )
        for name in preview.new_organisations:
            print(f"  new organisation: {name}", file=out)
        for warning in preview.warnings:
            context.warn(warning)
        if args.dry_run:
            if preview.problems:
                for problem in preview.problems:
                    print(f"  problem: {problem}", file=out)
                return 1
            print("Dry run: nothing was written.", file=out)
            return 0
        result = import_agenda(database, mission_id, source, options)
    print(
        f"Added {len(result.meeting_ids)} meeting(s)"
        + (f", skipped {result.skipped} already there" if result.skipped else "")
        + (
            f", added {len(result.organisations_created)} organisation(s)"
            if result.organisations_created
            else ""
        )
        + ".",
        file=context.out,
    )
    return 0


def run_export(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.agenda_export import export_itinerary
    from fieldnotes.services.missions import resolve_mission

    if args.output.suffix.lower() != ".ics":
        context.warn(f"{args.output.name} does not end in .ics; calendars may not recognise it")
    with context.database() as database:
        with database.session() as session:
            mission_id = resolve_mission(session, args.mission).id
        count = export_itinerary(database, mission_id, args.output)
    print(f"Wrote {count} meeting(s) to {args.output}.", file=context.out)
    return 0
