"""``fieldnotes report MISSION -o OUT.pdf [--edition] [--page-size]``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf

from fieldnotes.cli.context import CommandContext
from fieldnotes.cli.main import run_command
from fieldnotes.store import Database

from .conftest import write_mission

SRC = Path(__file__).resolve().parents[2] / "src"


def run(data_dir: Path, *args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = [*map(str, args), "--data-dir", str(data_dir)]
    return run_command(argv, CommandContext(data_dir, out, err)), out.getvalue(), err.getvalue()


def test_report_by_title_prints_the_page_count(
    data_dir: Path, db: Database, tmp_path: Path
) -> None:
    fx = write_mission(db, extra_note="Glyph the font lacks: 中")
    target = tmp_path / "out.pdf"
    status, out, err = run(
        data_dir, "report", fx.title, "-o", target, "--edition", "internal", "--page-size", "letter"
    )
    assert status == 0, err
    pages = len(pypdf.PdfReader(target).pages)
    assert out.strip() == f"{pages} pages written to {target}"
    assert "U+4E2D" in err and "cannot be drawn" in err


def test_unknown_mission_and_bad_edition_are_clean_errors(data_dir: Path, tmp_path: Path) -> None:
    status, _out, err = run(data_dir, "report", "No such mission", "-o", tmp_path / "x.pdf")
    assert status == 1
    assert "fieldnotes: error:" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_bad_output_folder_is_a_clean_error(data_dir: Path, db: Database, tmp_path: Path) -> None:
    fx = write_mission(db)
    status, _out, err = run(data_dir, "report", fx.mission_id, "-o", tmp_path / "no" / "x.pdf")
    assert status == 1
    assert "does not exist" in err


def test_python_dash_m_entry_point(data_dir: Path, db: Database, tmp_path: Path) -> None:
    fx = write_mission(db)
    db.close()
    target = tmp_path / "ext.pdf"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "fieldnotes",
            "report",
            fx.mission_id[:8],
            "-o",
            str(target),
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "pages written to" in completed.stdout
    assert target.read_bytes().startswith(b"%PDF")
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "fieldnotes",
            "report",
            fx.mission_id,
            "-o",
            str(target),
            "--edition",
            "secret",
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert "invalid choice" in bad.stderr
