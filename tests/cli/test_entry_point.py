"""``fieldnotes`` tells a subcommand from window options without loading every command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from fieldnotes.cli.main import first_positional


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], None),
        (["--demo"], None),
        (["--data-dir", "/tmp/x", "--quit-after", "500"], None),
        (["--data-dir", "mission"], None),  # a folder named like a command is still a folder
        (["--data-dir=/tmp/x", "mission", "list"], "mission"),
        (["mission", "list", "--data-dir", "/tmp/x"], "mission"),
        (["--data-dir", "/tmp/x", "report", "M", "-o", "r.pdf"], "report"),
        (["--", "--odd"], "--odd"),
    ],
)
def test_first_positional(argv, expected):
    assert first_positional(argv) == expected


def test_without_a_display_the_window_explains_instead_of_crashing(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = subprocess.run(
        [sys.executable, "-m", "fieldnotes", "--data-dir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "needs a graphical desktop" in result.stderr
    assert "Traceback" not in result.stderr


# Modules the window loads only when the user asks for what they do: start-up stays fast.
LAZY_MODULES = (
    "reportlab",
    "alembic",
    "jsonschema",
    "cryptography",
    "openpyxl",
    "icalendar",
    "PIL",  # thumbnails are cached; Pillow loads when a picture is attached or exported
    "fieldnotes.report",
    "fieldnotes.exchange.merge",
    "fieldnotes.exchange.merge_apply",
    "fieldnotes.exchange.package",
    "fieldnotes.services.agenda_import",
    "fieldnotes.ui.widgets.conflicts_view",
    "fieldnotes.ui.dialogs.profile_dialog",
)


@pytest.mark.parametrize("demo", [False, True], ids=["profile", "demo"])
def test_the_window_path_does_not_import_the_report_or_merge_code(tmp_path, demo):
    arguments = ["--demo"] if demo else ["--data-dir", str(tmp_path)]
    probe = (
        "import sys\n"
        "from fieldnotes.__main__ import main\n"
        f"main({[*arguments, '--quit-after', '0']!r})\n"
        f"lazy = {LAZY_MODULES!r}\n"
        "heavy = sorted(m for m in sys.modules if any(m == n or m.startswith(n + '.') "
        "for n in lazy))\n"
        "print('HEAVY', heavy)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if not demo:
        # A profile at the head schema and with a user, so the window opens directly.
        from fieldnotes.services.profile import save_profile
        from fieldnotes.store import Database

        database = Database.open(tmp_path)
        with database.session() as session:
            save_profile(session, name="Anna Virtanen")
        database.close()
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
