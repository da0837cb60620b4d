"""``fieldnotes self-test``: prove that this installation works, end to end, headless."""

from __future__ import annotations

import argparse
from typing import Any

from fieldnotes.cli.context import CommandContext


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "self-test",
        parents=[common],
        help="run a headless end-to-end check in a temporary profile",
        description=(
            "Create the demo mission in a temporary profile, write notes as two members, "
            "exchange packages, export both report editions and check their text and fonts. "
            "With --data-dir, the profiles are kept in that folder for inspection."
        ),
    )
    parser.set_defaults(run=run_self_test_command)


def run_self_test_command(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.services.self_test import run_self_test

    base = context.data_dir if getattr(args, "data_dir", None) else None
    report = run_self_test(base, say=lambda line: print(line, file=context.out, flush=True))
    print(f"self-test passed ({len(report.steps)} steps)", file=context.out)
    return 0
