"""``fieldnotes note add``: write a note as a team member, from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldnotes.cli.context import CommandContext
from fieldnotes.errors import ValidationError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("note", parents=[common], help="add notes")
    actions = parser.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    adding = actions.add_parser(
        "add",
        parents=[common],
        help="add a note to a meeting (or to the mission); print its id",
        description=(
            "Add a note by MEMBER to a meeting of MISSION. Without --meeting, the note is "
            "about the mission as a whole (the member's feedback). MISSION, MEETING and "
            "MEMBER may be an id, a unique id prefix or the exact title or name."
        ),
    )
    adding.add_argument("mission", metavar="MISSION")
    adding.add_argument("--meeting", metavar="MEETING", help="the meeting the note is about")
    adding.add_argument(
        "--as", dest="member", required=True, metavar="MEMBER", help="the team member who writes it"
    )
    source = adding.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="the note's text (Markdown subset)")
    source.add_argument("--file", type=Path, metavar="F", help="read the text from a UTF-8 file")
    adding.add_argument(
        "--internal", action="store_true", help="internal: left out of the external report"
    )
    adding.add_argument("--key-finding", action="store_true", help="mark as a key finding")
    adding.set_defaults(run=run_add)


def run_add(args: argparse.Namespace, context: CommandContext) -> int:
    from fieldnotes.cli.user_files import read_text_file
    from fieldnotes.services.itinerary import resolve_meeting
    from fieldnotes.services.missions import resolve_mission
    from fieldnotes.services.notes import create_note
    from fieldnotes.services.team import resolve_member

    text = read_text_file(args.file) if args.file is not None else args.text
    if not text.strip():
        raise ValidationError("The note is empty: give some text.")
    with context.database() as database, database.session() as session:
        mission = resolve_mission(session, args.mission)
        member = resolve_member(session, mission.id, args.member)
        meeting_id = resolve_meeting(session, mission.id, args.meeting).id if args.meeting else None
        note = create_note(
            session,
            mission.id,
            meeting_id=meeting_id,
            author_id=member.id,
            text=text,
            key_finding=args.key_finding,
            internal=args.internal,
        )
        note_id = note.id
    print(note_id, file=context.out)
    return 0
