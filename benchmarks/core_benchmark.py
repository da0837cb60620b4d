"""Core benchmarks of fieldnotes against floors measured on the same machine.

    python benchmarks/core_benchmark.py [--runs N] [--saves N] [--queries N]

(a) Start-up: a fresh interpreter runs ``fieldnotes --demo --quit-after 0`` and, as the
    floor, a bare PySide6 window (QMainWindow + QTreeWidget + QTextEdit). Both are measured
    from process start to the first idle turn of the event loop after the window is shown:
    a small wrapper makes ``QApplication.exec`` print a timestamp from a zero-delay timer,
    which Qt runs once the loop is idle. The app is otherwise run as users run it, from
    compiled bytecode (cached in the benchmark's temporary folder by the warm-up run) like an
    installed copy; ``--no-bytecode-cache`` honours PYTHONDONTWRITEBYTECODE instead.
(b) Autosave: ``services.notes.save_note_text`` in its own unit of work on a real profile
    (WAL, synchronous=FULL), against a raw ORM edit + commit of the same note.
(c) Search: ``services.search.search`` over 10,000 notes, against a raw FTS5 top-20 query
    with snippet on the same database.

Qt runs offscreen unless QT_QPA_PLATFORM says otherwise. Prints a table with ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

# Prints the wall-clock time at the first idle turn of the event loop, then runs the program.
IDLE_MARKER = """
import runpy, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

_exec = QApplication.exec

def _exec_with_marker(*_args):
    QTimer.singleShot(0, lambda: print("IDLE", repr(time.time()), flush=True))
    return _exec()

QApplication.exec = _exec_with_marker
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextEdit, QTreeWidget

app = QApplication(sys.argv[:1])
window = QMainWindow()
splitter = QSplitter(Qt.Orientation.Horizontal)
splitter.addWidget(QTreeWidget())
splitter.addWidget(QTextEdit())
window.setCentralWidget(splitter)
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, window.close)
sys.exit(app.exec())
"""

APP_MAIN = """
import sys
from fieldnotes.__main__ import main
sys.exit(main(["--demo", "--quit-after", "0"]))
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 0.95)


# ------------------------------------------------------------------------------- start-up


def time_to_idle(script: Path, env: dict[str, str]) -> float:
    """Seconds from process start to the first idle event loop after show."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", IDLE_MARKER, str(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    marks = [line for line in result.stdout.splitlines() if line.startswith("IDLE ")]
    if result.returncode != 0 or not marks:
        raise RuntimeError(f"{script.name} failed ({result.returncode}):\n{result.stderr}")
    return float(marks[0].split()[1]) - started


def measure_startup(
    runs: int, folder: Path, *, bytecode_cache: bool = True
) -> tuple[list[float], list[float]]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if bytecode_cache:
        # An installed fieldnotes runs from compiled bytecode (pip and PyInstaller write it),
        # as PySide6 does here; a checkout under PYTHONDONTWRITEBYTECODE would compile every
        # module of the app on every start and of the bare window none.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    bare, app = folder / "bare_window.py", folder / "fieldnotes_demo.py"
    bare.write_text(BARE_WINDOW, encoding="utf-8")
    app.write_text(APP_MAIN, encoding="utf-8")
    time_to_idle(bare, env)  # warm the file and bytecode caches for both
    time_to_idle(app, env)
    bare_times: list[float] = []
    app_times: list[float] = []
    for _ in range(runs):  # interleaved, so that machine load affects both alike
        bare_times.append(time_to_idle(bare, env))
        app_times.append(time_to_idle(app, env))
    return app_times, bare_times


# -------------------------------------------------------------------------------- autosave


def timed(function: Callable[[int], object], count: int) -> list[float]:
    times: list[float] = []
    for index in range(count):
        start = time.perf_counter()
        function(index)
        times.append(time.perf_counter() - start)
    return times


def measure_autosave(saves: int, folder: Path) -> tuple[list[float], list[float]]:
    from sqlalchemy.orm import Session

    from fieldnotes.model import Note
    from fieldnotes.services.demo import write_demo
    from fieldnotes.services.itinerary import list_meetings
    from fieldnotes.services.notes import own_note, save_note_text
    from fieldnotes.store import Database

    database = Database.open(folder / "autosave")
    with database.session() as session:
        mission_id = write_demo(session, set_profile=True)
        meeting_id = list_meetings(session, mission_id)[1].id
        note_id = own_note(session, mission_id, meeting_id).id
    base = "Ms Ковалёва opened the meeting and presented the DCM's mandate. " * 20

    def autosave(index: int) -> None:
        with database.session() as session:
            save_note_text(session, note_id, f"{base}{index}")

    def raw_commit(index: int) -> None:
        with Session(database.engine) as session:
            note = session.get(Note, note_id)
            assert note is not None
            note.text = f"{base}raw {index}"
            session.commit()

    timed(autosave, 20)  # warm caches and statement compilation
    timed(raw_commit, 20)
    app_times, floor_times = [], []
    for _ in range(saves // 50):  # interleaved blocks
        app_times += timed(autosave, 50)
        floor_times += timed(raw_commit, 50)
    database.close()
    return app_times, floor_times


# ---------------------------------------------------------------------------------- search

WORDS = [
    "labour",
    "migration",
    "work",
    "permit",
    "recruitment",
    "agency",
    "licence",
    "inspection",
    "readmission",
    "return",
    "trafficking",
    "victim",
    "referral",
    "hotline",
    "pension",
    "portability",
    "statistics",
    "border",
    "data",
    "employer",
    "vacancy",
    "quota",
    "contract",
    "wages",
    "housing",
    "consular",
    "identification",
    "asylum",
    "mixed",
    "movements",
    "returnee",
    "savings",
    "skills",
    "qualification",
    "recognition",
    "ministry",
    "department",
    "committee",
    "Ковалёва",
    "Шиманский",
    "Минск",
    "миграция",
    "трудовая",
    "разрешение",
    "агентство",
    "Kőműves",
    "Ștefănescu",
]

QUERIES = [
    "labour",
    "work permit",
    "readmission",
    "Ковалёва",
    "recruit",
    "pension portability",
    "hotline victim",
    "border data",
    "миграция",
    "qualification recognition",
]


def fill_notes(database_dir: Path, count: int) -> None:
    from sqlalchemy import insert

    from fieldnotes.model import Note, new_id, utc_now
    from fieldnotes.services.demo import write_demo
    from fieldnotes.services.itinerary import list_meetings
    from fieldnotes.services.team import list_members
    from fieldnotes.store import Database

    rng = random.Random(2026)
    database = Database.open(database_dir)
    with database.session() as session:
        mission_id = write_demo(session, set_profile=True)
        meetings = [m.id for m in list_meetings(session, mission_id)]
        members = [m.id for m in list_members(session, mission_id)]
        now = utc_now()
        rows = []
        for index in range(count):
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
                for _ in range(rng.randint(3, 8))
            ]
            rows.append(
                {
                    "id": new_id(),
                    "mission_id": mission_id,
                    "meeting_id": meetings[index % len(meetings)],
                    "author_id": members[index % len(members)],
                    "position": index,
                    "text": " ".join(sentences),
                    "key_finding": False,
                    "internal": False,
                    "topic_ids": [],
                    "created_at": now,
                    "updated_at": now,
                    "updated_by": None,
                    "deleted": False,
                    "version": {},
                }
            )
        # Bulk insert for set-up speed; the FTS triggers index every row as in normal use.
        session.execute(insert(Note), rows)
    database.close()


def measure_search(queries: int, folder: Path, notes: int) -> tuple[list[float], list[float]]:
    from fieldnotes.paths import database_path
    from fieldnotes.services.search import fts_query, search
    from fieldnotes.store import Database

    database_dir = folder / "search"
    fill_notes(database_dir, notes)
    database = Database.open(database_dir)
    connection = sqlite3.connect(database_path(database_dir))

    def app_search(index: int) -> None:
        with database.session() as session:
            search(session, QUERIES[index % len(QUERIES)])

    def raw_search(index: int) -> None:
        query = fts_query(QUERIES[index % len(QUERIES)])
        connection.execute(
            "SELECT rowid, snippet(notes_fts, 0, '[', ']', '…', 16) FROM notes_fts "
            "WHERE notes_fts MATCH ? ORDER BY rank LIMIT 20",
            (query,),
        ).fetchall()

    timed(app_search, len(QUERIES))
    timed(raw_search, len(QUERIES))
    app_times, floor_times = [], []
    for _ in range(max(1, queries // 20)):
        app_times += timed(app_search, 20)
        floor_times += timed(raw_search, 20)
    connection.close()
    database.close()
    return app_times, floor_times


# ---------------------------------------------------------------------------------- report


def row(name: str, app: list[float], floor: list[float], unit: float, aim: str) -> str:
    app_median, app_p95 = summary(app)
    floor_median, floor_p95 = summary(floor)
    scale = "s" if unit == 1 else "ms"
    return (
        f"{name:<30} {app_median * unit:>9.2f} {app_p95 * unit:>9.2f}   "
        f"{floor_median * unit:>9.2f} {floor_p95 * unit:>9.2f}  {scale:<3}"
        f"{app_median / floor_median:>6.2f}×  {aim}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each program")
    parser.add_argument("--saves", type=int, default=500, help="autosaves measured")
    parser.add_argument("--queries", type=int, default=200, help="searches measured")
    parser.add_argument("--notes", type=int, default=10_000, help="notes in the search profile")
    parser.add_argument("--skip-startup", action="store_true", help="no GUI measurement")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="start-up as the environment says (PYTHONDONTWRITEBYTECODE compiles every start)",
    )
    args = parser.parse_args()

    lines = [
        f"{'measure':<30} {'median':>9} {'p95':>9}   {'floor med':>9} {'floor p95':>9}  "
        f"{'':<3}{'ratio':>7}  aim",
    ]
    with tempfile.TemporaryDirectory(prefix="fieldnotes-bench-") as temporary:
        folder = Path(temporary)
        if not args.skip_startup:
            app, bare = measure_startup(
                args.runs, folder, bytecode_cache=not args.no_bytecode_cache
            )
            lines.append(row("start-up to idle window", app, bare, 1, "ratio ≤ 2×"))
        app, floor = measure_autosave(args.saves, folder)
        lines.append(row("autosave commit", app, floor, 1000, "p95 < 5 ms"))
        app, floor = measure_search(args.queries, folder, args.notes)
        lines.append(row(f"search, {args.notes:,} notes", app, floor, 1000, "p95 < 20 ms"))
    print("\n".join(lines))
    print(
        "floors: bare PySide6 window (QMainWindow + QTreeWidget + QTextEdit); raw ORM edit + "
        "commit; raw FTS5 top-20 with snippet. Ratio = median / floor median."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
