"""Entry point: ``fieldnotes`` (window) and ``fieldnotes COMMAND`` (headless)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    from fieldnotes.cli.main import build_parser, run_command

    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command is not None:
        return run_command(arguments)
    from fieldnotes.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
