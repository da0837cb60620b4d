"""``fieldnotes``: no subcommand opens the window; subcommands run headless jobs.

Each subcommand module exposes ``register(subparsers, common)``, which adds its parser(s)
with ``set_defaults(run=function)``; ``function(args, context) -> int`` is the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from fieldnotes import __version__
from fieldnotes.cli.context import CommandContext, common_options, data_dir_from
from fieldnotes.errors import FieldnotesError

log = logging.getLogger(__name__)

COMMAND_MODULES = (
    "fieldnotes.cli.demo",
    "fieldnotes.cli.mission",
    "fieldnotes.cli.note",
    "fieldnotes.cli.report",
    "fieldnotes.cli.package",
    "fieldnotes.cli.conflicts",
    "fieldnotes.cli.sync",
    "fieldnotes.cli.backup",
    "fieldnotes.cli.agenda",
    "fieldnotes.cli.self_test",
)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"fieldnotes: error: {message}\n")


# Top-level options that take a value: needed to tell "fieldnotes --data-dir X" (window)
# from "fieldnotes mission list" (command) without building the whole parser.
_OPTIONS_WITH_VALUE = frozenset({"--data-dir", "--quit-after"})


def first_positional(argv: Sequence[str]) -> str | None:
    """The first argument that is not an option or an option's value: the subcommand, if any."""
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            return next(arguments, None)
        if argument in _OPTIONS_WITH_VALUE:
            next(arguments, None)
        elif not argument.startswith("-"):
            return argument
    return None


def _top_level_parser(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fieldnotes",
        description="Offline notebook and report builder for expert field missions.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"fieldnotes {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the window on a throw-away demo profile"
    )
    parser.add_argument(
        "--quit-after",
        type=int,
        metavar="MS",
        default=None,
        help="close the window after MS milliseconds (smoke test)",
    )
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The parser of the window's options only: no subcommand module is imported."""
    parser = _top_level_parser(common_options())
    parser.set_defaults(command=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole parser, every subcommand registered."""
    common = common_options()
    parser = _top_level_parser(common)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers, common)
    return parser


def run_command(argv: Sequence[str], context: CommandContext | None = None) -> int:
    """Run one subcommand (``argv`` without the program name); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.command is None or not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    context = context or CommandContext(data_dir_from(args))
    try:
        from fieldnotes.log import configure_logging

        configure_logging(context.data_dir)
    except OSError:
        pass  # a read-only or missing folder is reported by the command itself
    try:
        status: int = args.run(args, context)
    except FieldnotesError as exc:
        print(f"fieldnotes: error: {exc.message}", file=context.err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("fieldnotes: interrupted", file=context.err)
        return 130
    except Exception:
        log.exception("internal error in %s", list(argv))
        from fieldnotes.log import LOG_FILE_NAME
        from fieldnotes.paths import log_dir

        print(
            "fieldnotes: internal error (a bug, not your mistake); details are in "
            f"{log_dir(context.data_dir) / LOG_FILE_NAME}",
            file=context.err,
        )
        return EXIT_INTERNAL
    return status
