"""Entry point: ``fieldnotes`` (window) and ``fieldnotes COMMAND`` (headless)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    from fieldnotes.cli.main import build_gui_parser, first_positional, run_command

    if first_positional(arguments) is not None or {"-h", "--help"} & set(arguments):
        return run_command(arguments)
    # The window's start-up path: subcommand modules (ReportLab, the merge ...) stay unloaded.
    args = build_gui_parser().parse_args(arguments)
    from fieldnotes.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
