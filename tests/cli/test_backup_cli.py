"""``fieldnotes backup list | restore | now | check | folder``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from fieldnotes.cli.context import CommandContext
from fieldnotes.cli.main import run_command
from fieldnotes.paths import database_path
from fieldnotes.services import missions
from fieldnotes.store import Database

SRC = Path(__file__).resolve().parents[2] / "src"


def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_command([*args, "--data-dir", str(data_dir)], CommandContext(data_dir, out, err))
    return status, out.getvalue(), err.getvalue()


def make_profile(data_dir: Path, title: str) -> None:
    database = Database.open(data_dir)
    with database.session() as session:
        missions.create_mission(session, title=title, lead=False)
    database.close()


def mission_titles(data_dir: Path) -> list[str]:
    database = Database.open(data_dir)
    try:
        with database.session() as session:
            return [m.title for m in missions.list_missions(session)]
    finally:
        database.close()


def test_now_list_and_restore_by_number(data_dir):
    assert run(data_dir, "backup", "list") == (0, f"No backups in {data_dir / 'backups'}.\n", "")
    make_profile(data_dir, "Belarus")
    status, first, _ = run(data_dir, "backup", "now")
    assert status == 0 and Path(first.strip()).is_file()
    make_profile(data_dir, "Georgia")  # a second mission after the backup
    status, listing, _ = run(data_dir, "backup", "list")
    assert status == 0 and "  1  " in listing and "Taken by hand" in listing
    rows = json.loads(run(data_dir, "backup", "list", "--json")[1])
    assert [row["path"] for row in rows] == [first.strip()]

    status, out, err = run(data_dir, "backup", "restore", "1")
    assert (status, err) == (0, "")
    assert "Restored" in out and "previous database was kept as" in out
    assert mission_titles(data_dir) == ["Belarus"]


def test_check_and_restore_a_damaged_profile(data_dir):
    make_profile(data_dir, "Belarus")
    run(data_dir, "backup", "now")
    database_path(data_dir).write_bytes(b"\x00" * 8192)
    status, _, err = run(data_dir, "backup", "check")
    assert status == 1 and "damaged" in err and "fieldnotes backup restore" in err
    status, out, _ = run(data_dir, "backup", "restore")
    assert status == 0 and "damaged database was kept as" in out
    assert run(data_dir, "backup", "check")[0] == 0
    assert mission_titles(data_dir) == ["Belarus"]


def test_user_mistakes_are_plain_errors(data_dir, tmp_path):
    make_profile(data_dir, "Belarus")
    status, _, err = run(data_dir, "backup", "restore", "4")
    assert status == 1 and err.startswith("fieldnotes: error: There is no backup number 4")
    status, _, err = run(data_dir, "backup", "restore", "no-such-backup.sqlite3")
    assert status == 1 and "No backup 'no-such-backup.sqlite3'" in err
    status, _, err = run(data_dir, "backup", "restore")
    assert status == 1 and "No usable backup" in err
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello", encoding="utf-8")
    status, _, err = run(data_dir, "backup", "restore", str(not_a_backup))
    assert status == 1 and "damaged too" in err
    assert mission_titles(data_dir) == ["Belarus"]


def test_folder_setting(data_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    assert run(data_dir, "backup", "folder", str(elsewhere)) == (0, f"{elsewhere}\n", "")
    make_profile(data_dir, "Belarus")
    run(data_dir, "backup", "now")
    assert len(list(elsewhere.glob("fieldnotes-*-manual.sqlite3"))) == 1
    assert run(data_dir, "backup", "folder")[1] == f"{elsewhere}\n"
    assert run(data_dir, "backup", "folder", "--default")[1] == f"{data_dir / 'backups'}\n"


def test_entry_point_reports_damage_without_a_traceback(data_dir):
    data_dir.joinpath("fieldnotes.sqlite3").write_bytes(b"garbage" * 2000)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "fieldnotes", "backup", "check", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "No usable backup" in result.stderr
