"""Start-up as the user does it: a subprocess running ``fieldnotes --demo --quit-after``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(SRC)}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "fieldnotes", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_demo_window_opens_and_closes_cleanly(tmp_path):
    result = run("--demo", "--quit-after", "300", env_extra={"TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # the throw-away demo profile is removed


@pytest.mark.slow
def test_unreadable_database_is_a_clear_message_not_a_traceback(tmp_path):
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "fieldnotes.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run("--data-dir", str(profile), "--quit-after", "100")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_shipped_fonts_are_registered(qapp):
    from fieldnotes.app import register_fonts

    assert "DejaVu Sans" in register_fonts()


@pytest.mark.slow
def test_first_start_asks_for_the_profile(tmp_path):
    result = run("--data-dir", str(tmp_path / "new"), "--quit-after", "300")
    assert result.returncode == 0, result.stderr  # dialog closed: nothing to open, no error
    assert (tmp_path / "new" / "fieldnotes.sqlite3").exists()
