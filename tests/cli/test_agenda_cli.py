"""``fieldnotes agenda import MISSION FILE [--map …] [--dry-run]`` and ``agenda export``."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from fieldnotes.cli.context import CommandContext
from fieldnotes.cli.main import run_command
from fieldnotes.services import itinerary, missions
from fieldnotes.store import Database

SRC = Path(__file__).resolve().parents[2] / "src"
COMMAND = (sys.executable, "-m", "fieldnotes")
PROGRAMME = (
    "Event;Day;From;To;Where\n"
    "Встреча в МВД;12.05.2026;09:00;10:30;ул. Городской Вал 4\n"
    "Call with Brussels;2026-05-12;2026-05-12T08:00Z;;\n"
)


def run(data_dir: Path, *args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = [*map(str, args), "--data-dir", str(data_dir)]
    return run_command(argv, CommandContext(data_dir, out, err)), out.getvalue(), err.getvalue()


@pytest.fixture
def mission(data_dir: Path) -> str:
    database = Database.open(data_dir)
    with database.session() as session:
        mission_id = missions.create_mission(
            session, title="Belarus", timezone="Europe/Minsk", lead=False
        ).id
    database.close()
    return mission_id


def titles_and_times(data_dir: Path, mission_id: str) -> list[tuple[str, dt.time | None]]:
    database = Database.open(data_dir)
    try:
        with database.session() as session:
            return [(m.title, m.start_time) for m in itinerary.list_meetings(session, mission_id)]
    finally:
        database.close()


def test_dry_run_then_import_then_again(data_dir, mission, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_text(PROGRAMME, encoding="utf-8")
    status, out, err = run(data_dir, "agenda", "import", "Belarus", path, "--dry-run")
    assert (status, err) == (0, "")
    assert "2 meeting(s) to add" in out and "Dry run: nothing was written." in out
    assert "title ← Event" in out and "date ← Day" in out
    assert "11:00–     " in out and "(from 08:00 UTC)" in out and "Minsk time" in out
    assert titles_and_times(data_dir, mission) == []

    status, out, _ = run(data_dir, "agenda", "import", mission[:8], path)
    assert status == 0 and "Added 2 meeting(s)." in out
    assert titles_and_times(data_dir, mission) == [
        ("Встреча в МВД", dt.time(9)),
        ("Call with Brussels", dt.time(11)),
    ]
    status, out, _ = run(data_dir, "agenda", "import", "Belarus", path)
    assert status == 0 and "Added 0 meeting(s), skipped 2 already there." in out
    assert "[already in the itinerary]" in out


def test_map_option(data_dir, mission, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Programmpunkt,Tag,Beginn\nTreffen mit IOM,13.05.2026,14:00\n", "utf-8")
    status, _, err = run(data_dir, "agenda", "import", "Belarus", path)
    assert status == 1 and "No title column found" in err and "--map title=COLUMN" in err
    status, _, err = run(data_dir, "agenda", "import", "Belarus", path, "--map", "title")
    assert status == 1 and "write it as FIELD=COLUMN" in err
    status, out, _ = run(
        data_dir,
        "agenda",
        "import",
        "Belarus",
        path,
        "--map",
        "title=Programmpunkt",
        "--map",
        "date=tag",
        "--map",
        "start=3",
    )
    assert status == 0, out
    assert titles_and_times(data_dir, mission) == [("Treffen mit IOM", dt.time(14))]


def test_bad_rows_exit_1_and_write_nothing(data_dir, mission, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,title\nsoon,Meeting\n", encoding="utf-8")
    status, out, _ = run(data_dir, "agenda", "import", "Belarus", path, "--dry-run")
    assert status == 1 and "problem: row 2: cannot read the date 'soon'" in out
    status, _, err = run(data_dir, "agenda", "import", "Belarus", path)
    assert status == 1 and "nothing was changed" in err and "row 2" in err
    assert titles_and_times(data_dir, mission) == []
    status, _, err = run(data_dir, "agenda", "import", "Belarus", tmp_path / "missing.csv")
    assert status == 1 and "no such file" in err


def test_export(data_dir, mission, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_text(PROGRAMME, encoding="utf-8")
    run(data_dir, "agenda", "import", "Belarus", path)
    target = tmp_path / "belarus.ics"
    status, out, _ = run(data_dir, "agenda", "export", "Belarus", "-o", target)
    assert status == 0 and out == f"Wrote 2 meeting(s) to {target}.\n"
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Встреча в МВД", "Call with Brussels"]
    status, _, err = run(data_dir, "agenda", "export", "Belarus", "-o", tmp_path / "no" / "x.ics")
    assert status == 1 and "Cannot write" in err


def test_entry_point(data_dir, mission, tmp_path):
    path = tmp_path / "programme.xlsx"
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Title", "Date", "Start"])
    workbook.active.append(["Брифинг", dt.datetime(2026, 5, 14), dt.time(8, 30)])
    workbook.save(path)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    env["PYTHONIOENCODING"] = "utf-8"
    result = subprocess.run(
        [*COMMAND, "agenda", "import", "Belarus", str(path), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Added 1 meeting(s)." in result.stdout
    assert titles_and_times(data_dir, mission) == [("Брифинг", dt.time(8, 30))]
