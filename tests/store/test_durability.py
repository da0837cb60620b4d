"""A process that keeps saving notes, killed with SIGKILL again and again, loses nothing.

Each round starts a fresh writer process on the same profile, lets it save notes for a
random moment and kills it without warning. The writer reports each save only after the
unit of work has returned (committed), so every reported save must be found afterwards,
and the database must pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldnotes.paths import database_path
from fieldnotes.services.itinerary import add_meeting
from fieldnotes.services.missions import create_mission
from fieldnotes.services.notes import create_note
from fieldnotes.store import Database

SRC = Path(__file__).resolve().parents[2] / "src"
KILLS = 50

# The writer: saves through the services in short units of work, as the autosave does, and
# reports "note_id counter" only once a save has returned. Every tenth save is a new note.
WRITER = """
import sys
from pathlib import Path
from fieldnotes.store import Database
from fieldnotes.services.notes import create_note, save_note_text

data_dir, mission_id, meeting_id, note_id, start = sys.argv[1:6]
database = Database.open(Path(data_dir))
print("ready", flush=True)
counter = int(start)
while True:
    counter += 1
    with database.session() as session:
        if counter % 10 == 0:
            note_id = create_note(session, mission_id, meeting_id=meeting_id).id
        save_note_text(session, note_id, f"Typed in round {counter}: " + "word " * (counter % 50))
    print(note_id, counter, flush=True)
"""


def _text_counter(text: str) -> int:
    return int(text.split(":", 1)[0].rsplit(" ", 1)[1])


@pytest.mark.slow
def test_killed_writer_loses_no_saved_note(user_db: Database, data_dir: Path):
    with user_db.session() as session:
        mission = create_mission(session, title="Durability")
        meeting = add_meeting(session, mission.id, title="Meeting", date=mission.created_at.date())
        note = create_note(session, mission.id, meeting_id=meeting.id)
        ids = (mission.id, meeting.id, note.id)
    user_db.close()

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    reported: dict[str, int] = {}  # note id -> highest counter reported saved
    counter, note_id, total_saves = 0, ids[2], 0
    for round_number in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), *ids[:2], note_id, str(counter)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout is not None
        ready = writer.stdout.readline()
        assert ready == b"ready\n", (ready, writer.stderr.read() if writer.stderr else b"")
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        output, _errors = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, f"round {round_number} (seed {seed})"
        for line in output.decode().split("\n")[:-1]:  # a torn last line was never reported
            saved_id, saved_counter = line.split()
            reported[saved_id] = max(reported.get(saved_id, 0), int(saved_counter))
            counter, note_id = int(saved_counter), saved_id
            total_saves += 1

        connection = sqlite3.connect(database_path(data_dir))
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = dict(connection.execute("SELECT id, text FROM notes").fetchall())
        finally:
            connection.close()
        for saved_id, saved_counter in reported.items():
            assert saved_id in stored, f"note {saved_id} lost (seed {seed})"
            # A later save may have committed without being reported: never less.
            assert _text_counter(stored[saved_id]) >= saved_counter, f"seed {seed}"
        # The next writer continues after whatever reached the disk.
        counter = max(counter, *(_text_counter(t) for t in stored.values() if t))

    assert total_saves > KILLS  # the writer did get to save between kills
    reopened = Database.open(data_dir)  # and the app opens the profile as usual
    reopened.close()
