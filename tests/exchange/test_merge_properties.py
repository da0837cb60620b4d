"""Property-based tests of the merge over four real profiles (design/merge.md, issue 4).

Random offline work on every profile (new notes, line edits, deletions, meeting titles,
conflict resolutions), random package exchanges and random wall clocks; then the
guarantees: idempotent, order-independent, convergent, no silent loss, deletions travel,
clocks change nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from exchange_team import Team, TeamIds, content_snapshot, export, open_conflicts, open_team
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from fieldnotes.model import Conflict, Meeting, Note
from fieldnotes.paths import database_path
from fieldnotes.services import itinerary, notes, packages
from fieldnotes.services.conflicts import Choice, list_conflicts, resolve_conflict
from fieldnotes.store import Database, changes

PROFILES = 4  # lead + three experts

operation = st.one_of(
    st.tuples(st.just("new_note"), st.integers(0, PROFILES - 1), st.integers(0, 2)),
    st.tuples(st.just("append"), st.integers(0, PROFILES - 1), st.integers(0, 20)),
    st.tuples(st.just("replace_line"), st.integers(0, PROFILES - 1), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, PROFILES - 1), st.integers(0, 20)),
    st.tuples(st.just("title"), st.integers(0, PROFILES - 1), st.integers(0, 1)),
    st.tuples(st.just("resolve"), st.integers(0, PROFILES - 1), st.integers(0, 20)),
    st.tuples(st.just("exchange"), st.integers(0, PROFILES - 1), st.integers(0, PROFILES - 1)),
)
clocks = st.lists(st.integers(-20 * 365 * 86400, 20 * 365 * 86400), min_size=1, max_size=5)
TOKEN = re.compile(r"w\d+")


@contextmanager
def wall_clock(offset_seconds: int) -> Iterator[None]:
    """Every change stamped with a skewed (possibly backwards) clock."""
    original = changes.utc_now
    changes.utc_now = lambda: original() + dt.timedelta(seconds=offset_seconds)
    try:
        yield
    finally:
        changes.utc_now = original


@dataclass
class Run:
    team: Team
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))
    written: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)  # tokens a profile removed knowingly
    deleted_notes: set[str] = field(default_factory=set)

    def token(self) -> str:
        value = f"w{next(self.counter)}"
        self.written.add(value)
        return value


def _live_notes(database: Database, mission_id: str) -> list[Note]:
    with database.session() as session:
        return list(
            session.scalars(
                select(Note)
                .where(Note.mission_id == mission_id, Note.deleted.is_(False))
                .order_by(Note.text, Note.id)
            )
        )


def apply_operation(run: Run, op: tuple[str, int, int], clock: int) -> None:
    kind, who, arg = op
    team, ids = run.team, run.team.ids
    database = team.everyone[who]
    with wall_clock(clock):
        if kind == "exchange":
            if who != arg:
                path = export(database, ids.mission, team.root, f"from{who}")
                packages.import_package(team.everyone[arg], path, allow_mass_delete=True)
            return
        if kind == "new_note":
            meeting = ids.meetings[arg] if arg < len(ids.meetings) else None
            with database.session() as session:
                notes.create_note(session, ids.mission, meeting_id=meeting, text=f"{run.token()}\n")
            return
        if kind == "title":
            with database.session() as session:
                meeting = session.get(Meeting, ids.meetings[arg])
                run.removed.update(TOKEN.findall(meeting.title))
                itinerary.update_meeting(session, meeting.id, title=f"Meeting {run.token()}")
            return
        if kind == "resolve":
            with database.session() as session:
                views = list_conflicts(session, ids.mission)
                if views:
                    view = views[arg % len(views)]
                    if view.is_text:
                        # Keep both sides' words: a careful team lead's merge.
                        resolve_conflict(
                            session, view.id, Choice.EDITED, f"{view.current}{view.other}"
                        )
                    else:
                        run.removed.update(TOKEN.findall(str(view.other)))
                        resolve_conflict(session, view.id, Choice.KEEP_CURRENT)
            return
        live = _live_notes(database, ids.mission)
        if not live:
            return
        note = live[arg % len(live)]
        with database.session() as session:
            if kind == "append":
                notes.save_note_text(session, note.id, note.text + f"{run.token()}\n")
            elif kind == "replace_line":
                lines = note.text.splitlines(keepends=True) or ["\n"]
                run.removed.update(TOKEN.findall(lines[0]))
                lines[0] = f"{run.token()}\n"
                notes.save_note_text(session, note.id, "".join(lines))
            elif kind == "delete":
                run.removed.update(TOKEN.findall(note.text))
                run.deleted_notes.add(note.id)
                notes.delete_note(session, note.id)


def exchange_all(team: Team, rounds: int) -> None:
    """Every profile sends its package to every other profile, ``rounds`` times."""
    for round_number in range(rounds):
        sent = [
            export(database, team.ids.mission, team.root, f"round{round_number}-{index}")
            for index, database in enumerate(team.everyone)
        ]
        for index, database in enumerate(team.everyone):
            for source, path in enumerate(sent):
                if source != index:
                    packages.import_package(database, path, allow_mass_delete=True)


def present_tokens(database: Database, mission_id: str) -> set[str]:
    found: set[str] = set()
    with database.session() as session:
        for note in session.scalars(select(Note).where(Note.deleted.is_(False))):
            found.update(TOKEN.findall(note.text))
        for meeting in session.scalars(select(Meeting)):
            found.update(TOKEN.findall(meeting.title))
        for view in list_conflicts(session, mission_id):
            found.update(TOKEN.findall(str(view.other)))
    return found


@pytest.fixture
def fresh_team(team_template: tuple[Path, TeamIds], tmp_path_factory: pytest.TempPathFactory):
    opened: list[Team] = []

    def make() -> Team:
        team = open_team(team_template, tmp_path_factory.mktemp("example") / "team")
        opened.append(team)
        return team

    yield make
    for team in opened:
        team.close()


def _copy_profile(database: Database, target: Path) -> Database:
    database.close()
    target.mkdir(parents=True)
    shutil.copy2(database.path, database_path(target))
    return Database.open(target)


SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(
    ops=st.lists(operation, min_size=1, max_size=14), clock=clocks, orders=st.permutations(range(3))
)
def test_merge_guarantees(
    fresh_team: Any, ops: list[tuple[str, int, int]], clock: list[int], orders: list[int]
):
    team = fresh_team()
    run = Run(team)
    for index, op in enumerate(ops):
        apply_operation(run, op, clock[index % len(clock)])
    ids = team.ids

    # Idempotent and order-independent: the lead imports the experts' packages in two orders,
    # each twice.
    sent = [export(e, ids.mission, team.root, f"final{i}") for i, e in enumerate(team.experts)]
    lead_a = _copy_profile(team.lead, team.root / "lead-a")
    lead_b = _copy_profile(lead_a, team.root / "lead-b")
    lead_a = Database.open(team.root / "lead-a")
    team.lead = Database.open(team.root / "lead")
    try:
        for order, lead in ((range(3), lead_a), (orders, lead_b)):
            for position in order:
                packages.import_package(lead, sent[position], allow_mass_delete=True)
                before = content_snapshot(lead)
                again = packages.import_package(lead, sent[position], allow_mass_delete=True)
                assert not again.summary.changed
                assert content_snapshot(lead) == before
                # The same bytes are recognised and skipped; the merge itself must be
                # idempotent too, so merge the validated content once more.
                content = packages.read_package(sent[position])
                merged = packages.import_content(lead, content, allow_mass_delete=True)
                assert not merged.summary.changed
                assert content_snapshot(lead) == before
        assert content_snapshot(lead_a) == content_snapshot(lead_b)
    finally:
        lead_a.close()
        lead_b.close()

    # Convergent: after exchanging with everyone (one more round to settle), identical.
    exchange_all(team, rounds=2)
    reference = content_snapshot(team.lead)
    reference_conflicts = open_conflicts(team.lead, ids.mission)
    for database in team.experts:
        assert content_snapshot(database) == reference
        assert open_conflicts(database, ids.mission) == reference_conflicts

    # No silent loss: every word written is still there, in an open conflict, or was removed
    # by someone who saw it.
    lost = run.written - present_tokens(team.lead, ids.mission) - run.removed
    assert not lost, f"lost without anyone deciding it: {sorted(lost)}"

    # Deletions travel: a deleted note is deleted everywhere, unless an edit contested it.
    with team.lead.session() as session:
        contested = {
            c.record_id
            for c in session.scalars(select(Conflict).where(Conflict.kind == "delete_edit"))
        }
        for note_id in run.deleted_notes - contested:
            assert session.get(Note, note_id).deleted


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, min_size=1, max_size=10), first=clocks, second=clocks)
def test_wall_clocks_change_nothing(
    fresh_team: Any, ops: list[tuple[str, int, int]], first: list[int], second: list[int]
):
    results = []
    for clock in (first, second):
        team = fresh_team()
        run = Run(team)
        for index, op in enumerate(ops):
            apply_operation(run, op, clock[index % len(clock)])
        exchange_all(team, rounds=1)
        results.append([_clock_free_view(d, team.ids.mission) for d in team.everyone])
    # Device ids are the template's, so both runs are comparable record by record.
    assert results[0] == results[1]


def _clock_free_view(database: Database, mission_id: str) -> list[Any]:
    """Content without timestamps; new notes' random ids replaced by their text."""
    snapshot = content_snapshot(database, timestamps=False)
    names: dict[str, str] = {}
    for key, value in snapshot.items():
        if key.startswith("notes/"):
            names[key.removeprefix("notes/")] = value["text"]
    view = []
    for key, value in snapshot.items():
        if isinstance(value, dict):
            value = {k: names.get(v, v) if isinstance(v, str) else v for k, v in value.items()}
            key = key.split("/")[0] + "/" + str(value["id"])
        elif key.startswith("conflict/"):
            continue
        view.append((key, sorted(value.items()) if isinstance(value, dict) else value))
    conflicts = sorted((names.get(r, r), f, o) for r, f, o in open_conflicts(database, mission_id))
    return [sorted(view, key=repr), conflicts]
