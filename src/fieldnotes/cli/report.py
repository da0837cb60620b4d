"""``fieldnotes report MISSION -o OUT.pdf``: export the consolidated mission report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.report.options import Edition, PageSize, ReportOptions


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "report",
        parents=[common],
        help="export a mission's consolidated report as PDF",
        description=(
            "Export the consolidated report of MISSION as a PDF. The external edition leaves "
            "out everything flagged internal and all contact e-mails and phones."
        ),
    )
    parser.add_argument("mission", metavar="MISSION", help="mission id, id prefix or exact title")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="PDF file to write"
    )
    parser.add_argument(
        "--edition",
        choices=[e.value for e in Edition],
        default=Edition.EXTERNAL.value,
        help="external (for counterparts, default) or internal (everything)",
    )
    parser.add_argument(
        "--page-size",
        choices=[p.value for p in PageSize],
        default=PageSize.A4.value,
        help="paper size (default: a4)",
    )
    parser.set_defaults(run=run_report)


def run_report(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.missions import resolve_mission
    from fieldnotes.services.report import export_report

    options = ReportOptions(edition=Edition(args.edition), page_size=PageSize(args.page_size))
    with context.database() as database:
        with database.session() as session:
            mission_id = resolve_mission(session, args.mission).id
        result = export_report(database, mission_id, args.output.expanduser(), options)
    for warning in result.glyph_warnings:
        context.warn(str(warning))
    print(f"{result.page_count} pages written to {result.path}", file=context.out)
    return 0
