"""The real entry point in a fresh interpreter: exit codes, stdout, stderr without tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldnotes import __version__
from fieldnotes.model import Note
from fieldnotes.store import Database

SRC = Path(__file__).resolve().parents[2] / "src"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TITLE = "Expert mission to Belarus on labour migration"


def fieldnotes(*args: str | Path, expect: int = 0) -> subprocess.CompletedProcess[str]:
    """Run ``python -m fieldnotes ARGS``; check the exit status and that no traceback shows."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    env["PYTHONIOENCODING"] = "utf-8"
    result = subprocess.run(
        [sys.executable, "-m", "fieldnotes", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == expect, (result.returncode, result.stdout, result.stderr)
    if expect == 1:
        assert result.stderr.startswith("fieldnotes: error: "), result.stderr
    return result


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("demo") / "profile"
    # --data-dir after the subcommand's own arguments.
    out = fieldnotes("demo", "--ending", "2026-05-14", "--data-dir", folder).stdout.strip()
    assert UUID.match(out)
    return folder, out


def test_version():
    assert fieldnotes("--version").stdout.strip() == f"fieldnotes {__version__}"


def test_demo_before_and_list(tmp_path, demo_profile):
    folder, mission_id = demo_profile
    # --data-dir before the subcommand works too.
    listing = fieldnotes("--data-dir", folder, "mission", "list").stdout
    assert mission_id in listing and TITLE in listing and "2026-05-11" in listing
    rows = json.loads(fieldnotes("mission", "list", "--json", "--data-dir", folder).stdout)
    assert [row["id"] for row in rows] == [mission_id]
    assert rows[0]["host_country"] == "Belarus"
    empty = tmp_path / "empty"
    assert json.loads(fieldnotes("mission", "list", "--json", "--data-dir", empty).stdout) == []


def test_export_import_round_trip(tmp_path, demo_profile):
    folder, mission_id = demo_profile
    first = tmp_path / "first.json"
    fieldnotes("mission", "export", TITLE, "-o", first, "--data-dir", folder)
    other = tmp_path / "other"
    imported = fieldnotes("mission", "import", first, "--data-dir", other).stdout.strip()
    assert imported == mission_id
    second = tmp_path / "second.json"
    fieldnotes("mission", "export", mission_id[:8], "-o", second, "--data-dir", other)
    assert second.read_bytes() == first.read_bytes()
    stdout_copy = fieldnotes("mission", "export", mission_id, "-o", "-", "--data-dir", other)
    assert stdout_copy.stdout.encode() == first.read_bytes()

    again = fieldnotes("mission", "import", first, "--data-dir", other, expect=1)
    assert "merging arrives with packages" in again.stderr


def test_import_errors(tmp_path):
    profile = tmp_path / "profile"
    missing = fieldnotes(
        "mission", "import", tmp_path / "nope.json", "--data-dir", profile, expect=1
    )
    assert "no such file" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": "fieldnotes-mission",\n}\n', encoding="utf-8")
    bad = fieldnotes("mission", "import", broken, "--data-dir", profile, expect=1)
    assert "broken.json" in bad.stderr and "line 3, column 1" in bad.stderr
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"format": "Zoltán"}'.encode("latin-1"))
    assert (
        "not UTF-8"
        in fieldnotes("mission", "import", latin1, "--data-dir", profile, expect=1).stderr
    )


def test_export_errors(tmp_path, demo_profile):
    folder, _mission_id = demo_profile
    unknown = fieldnotes(
        "mission",
        "export",
        "No such mission",
        "-o",
        tmp_path / "x.json",
        "--data-dir",
        folder,
        expect=1,
    )
    assert "No mission matches" in unknown.stderr
    nowhere = fieldnotes(
        "mission", "export", TITLE, "-o", tmp_path / "no" / "x.json", "--data-dir", folder, expect=1
    )
    assert "Cannot write" in nowhere.stderr
    usage = fieldnotes("mission", "export", TITLE, "--data-dir", folder, expect=2)
    assert "-o" in usage.stderr


def test_note_add(tmp_path, demo_profile):
    folder, mission_id = demo_profile
    text = fieldnotes(
        "note",
        "add",
        mission_id[:6],
        "--meeting",
        "NGO La Strada: safe migration hotline",
        "--as",
        "Zoltán Kőműves",
        "--text",
        "Hotline: **6 000** calls",
        "--key-finding",
        "--data-dir",
        folder,
    ).stdout.strip()
    source = tmp_path / "note.md"
    source.write_text("Встреча с Ковалёвой:\n\n- пункт один\n", encoding="utf-8")
    from_file = fieldnotes(
        "note",
        "add",
        TITLE,
        "--as",
        "Ioana Ștefănescu",
        "--file",
        source,
        "--internal",
        "--data-dir",
        folder,
    ).stdout.strip()
    assert UUID.match(text) and UUID.match(from_file)
    database = Database.open(folder)
    try:
        with database.session() as session:
            notes = {
                n.id: n for n in session.scalars(select(Note).where(Note.id.in_([text, from_file])))
            }
    finally:
        database.close()
    assert notes[text].key_finding and not notes[text].internal and notes[text].meeting_id
    assert notes[from_file].internal and notes[from_file].meeting_id is None
    assert notes[from_file].text.startswith("Встреча с Ковалёвой")


def test_note_add_errors(tmp_path, demo_profile):
    folder, mission_id = demo_profile
    base = ("note", "add", mission_id, "--data-dir", folder)
    assert (
        "no such file"
        in fieldnotes(
            *base, "--as", "Anna Virtanen", "--file", tmp_path / "missing.md", expect=1
        ).stderr
    )
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("Kőműves".encode("latin-1", errors="replace") + b"\xe9\n")
    assert (
        "not UTF-8" in fieldnotes(*base, "--as", "Anna Virtanen", "--file", latin1, expect=1).stderr
    )
    assert (
        "No member matches" in fieldnotes(*base, "--as", "Nobody", "--text", "x", expect=1).stderr
    )
    assert (
        "No meeting matches"
        in fieldnotes(
            *base, "--as", "Anna Virtanen", "--meeting", "Lunch", "--text", "x", expect=1
        ).stderr
    )
    assert "empty" in fieldnotes(*base, "--as", "Anna Virtanen", "--text", "  ", expect=1).stderr
    usage = fieldnotes(*base, "--as", "Anna Virtanen", expect=2)
    assert "--text" in usage.stderr
