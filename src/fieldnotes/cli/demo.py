"""``fieldnotes demo``: write the demo mission into a profile and print its id."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.errors import ValidationError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "demo",
        parents=[common],
        help="write the demo mission into the profile",
        description=(
            "Write the demo mission (a Prague Process expert mission to Belarus) into the "
            "profile and print its id. A profile that has no user yet is set up as the "
            "demo's team lead."
        ),
    )
    parser.add_argument(
        "--ending",
        metavar="YYYY-MM-DD",
        help="last day of the mission (default: today in Minsk, so it is in progress)",
    )
    parser.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.demo import write_demo
    from fieldnotes.services.profile import get_profile

    today = _parse_date(args.ending) if args.ending else None
    with context.database() as database, database.session() as session:
        mission_id = write_demo(session, today=today, set_profile=not get_profile(session).complete)
    print(mission_id, file=context.out)
    return 0


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a date: use YYYY-MM-DD.") from exc
