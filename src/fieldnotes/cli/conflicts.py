"""``fieldnotes conflicts MISSION`` lists open conflicts; ``conflicts resolve`` settles one."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.cli.user_files import read_text_file
from fieldnotes.errors import ValidationError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "conflicts",
        parents=[common],
        help="list or resolve merge conflicts",
        usage=(
            "fieldnotes conflicts MISSION\n"
            "       fieldnotes conflicts resolve CONFLICT "
            "(--keep current|other | --text-file F | --value JSON)"
        ),
        description=(
            "List the open conflicts of MISSION, or resolve one by its id (or id prefix): "
            "keep the current value, take the other one, or store an edited text or value. "
            "A resolution is an edit that travels to the team with the next package."
        ),
    )
    parser.add_argument("words", nargs="+", metavar="MISSION | resolve CONFLICT")
    parser.add_argument("--keep", choices=("current", "other"))
    parser.add_argument("--text-file", type=Path, metavar="F", help="merged text to store")
    parser.add_argument("--value", metavar="JSON", help="value to store, as JSON")
    parser.set_defaults(run=run_conflicts)


def run_conflicts(args: argparse.Namespace, context: CommandContext) -> int:
    words: list[str] = args.words
    if words[0] == "resolve":
        if len(words) != 2:
            raise ValidationError("Give one conflict id: fieldnotes conflicts resolve CONFLICT ...")
        return _resolve(args, words[1], context)
    if len(words) != 1:
        raise ValidationError("Give one mission: fieldnotes conflicts MISSION")
    return _list(words[0], context)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:69] + "…"


def _list(reference: str, context: CommandContext) -> int:
    from fieldnotes.services.conflicts import list_conflicts
    from fieldnotes.services.missions import resolve_mission

    with context.database() as database, database.session() as session:
        mission = resolve_mission(session, reference)
        views = list_conflicts(session, mission.id)
    if not views:
        print(f"No open conflicts in “{mission.title}”.", file=context.out)
        return 0
    for view in views:
        print(
            f"{view.id[:8]}  {view.record_kind} “{view.record_label}”  {view.field}",
            file=context.out,
        )
        if view.is_deletion:
            print(
                f"    deleted by {view.other_member or 'someone'}, edited by others: kept",
                file=context.out,
            )
        else:
            print(f"    current: {_short(view.current)}", file=context.out)
            print(
                f"    other:   {_short(view.other)}"
                + (f"  ({view.other_member})" if view.other_member else ""),
                file=context.out,
            )
    print(f"{len(views)} open conflict(s).", file=context.out)
    return 0


def _resolve(args: argparse.Namespace, reference: str, context: CommandContext) -> int:
    from fieldnotes.services.conflicts import Choice, find_conflict, resolve_conflict

    given = [x for x in (args.keep, args.text_file, args.value) if x is not None]
    if len(given) != 1:
        raise ValidationError(
            "Say how to resolve: --keep current, --keep other, --text-file F or --value JSON."
        )
    value: Any = None
    if args.keep is not None:
        choice = Choice(args.keep)
    elif args.text_file is not None:
        choice, value = Choice.EDITED, read_text_file(args.text_file)
    else:
        try:
            choice, value = Choice.EDITED, json.loads(args.value)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"--value is not JSON: {exc.msg}.") from exc
    with context.database() as database, database.session() as session:
        conflict = find_conflict(session, None, reference)
        view = resolve_conflict(session, conflict.id, choice, value)
    print(
        f"Resolved {view.id[:8]} ({view.record_kind} “{view.record_label}”, {view.field}).",
        file=context.out,
    )
    return 0
