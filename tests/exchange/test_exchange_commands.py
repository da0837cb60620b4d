"""The command line: package export/import, conflicts, sync; user mistakes are messages."""

from __future__ import annotations

import io
from pathlib import Path

from exchange_team import Team

from fieldnotes.cli.context import CommandContext
from fieldnotes.cli.main import run_command
from fieldnotes.services import notes


def cli(data_dir: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    context = CommandContext(data_dir, out, err)
    status = run_command([*argv, "--data-dir", str(data_dir)], context)
    return status, out.getvalue(), err.getvalue()


def test_export_import_conflicts_and_resolve(team: Team):
    lead_dir, expert_dir = team.root / "lead", team.root / "expert0"
    ids = team.ids
    with team.experts[0].session() as session:
        notes.save_note_text(session, ids.lead_note, "Expert version.\n")
    with team.lead.session() as session:
        notes.save_note_text(session, ids.lead_note, "Lead version.\n")
    team.close()
    package = team.root / "e0.fieldnotes"
    status, out, err = cli(expert_dir, "package", "export", ids.mission[:8], "-o", str(package))
    assert status == 0, err
    assert "Wrote" in out and package.exists()

    status, out, err = cli(lead_dir, "package", "import", str(package))
    assert status == 0, err
    assert "1 conflicts" in out

    status, out, err = cli(lead_dir, "conflicts", ids.mission)
    assert status == 0, err
    assert "1 open conflict(s)" in out and "Expert version." in out + "Lead version."
    conflict_prefix = out.split()[0]

    merged = team.root / "merged.txt"
    merged.write_text("Lead version.\nExpert version.\n", encoding="utf-8")
    status, out, err = cli(
        lead_dir, "conflicts", "resolve", conflict_prefix, "--text-file", str(merged)
    )
    assert status == 0, err
    status, out, _ = cli(lead_dir, "conflicts", ids.mission)
    assert "No open conflicts" in out


def test_encrypted_export_needs_the_passphrase(team: Team, tmp_path: Path):
    team.close()
    secret = tmp_path / "pass.txt"
    secret.write_text("Tajné heslo\n", encoding="utf-8")
    package = tmp_path / "sealed.fieldnotes"
    # The real (memory-hard) cost: a few tenths of a second each way.
    status, _, err = cli(
        team.root / "lead",
        "package",
        "export",
        team.ids.mission,
        "-o",
        str(package),
        "--passphrase-file",
        str(secret),
    )
    assert status == 0, err
    status, _, err = cli(team.root / "expert1", "package", "import", str(package))
    assert status == 1 and "encrypted: give its passphrase" in err
    status, _, err = cli(
        team.root / "expert1", "package", "import", str(package), "--passphrase-file", str(secret)
    )
    assert status == 0, err


def test_unknown_mission_asks_who_you_are(team: Team, tmp_path: Path):
    team.close()
    package = tmp_path / "p.fieldnotes"
    assert (
        cli(team.root / "lead", "package", "export", team.ids.mission, "-o", str(package))[0] == 0
    )
    fresh = tmp_path / "fresh"
    status, out, err = cli(fresh, "package", "import", str(package))
    assert status == 0 and "(new mission)" in out and "--as MEMBER" in err
    status, out, err = cli(fresh, "package", "import", str(package), "--as", "Ioana Popescu")
    assert status == 0 and "--as MEMBER" not in err


def test_user_mistakes_are_messages_not_tracebacks(team: Team, tmp_path: Path):
    team.close()
    lead = team.root / "lead"
    garbage = tmp_path / "garbage.fieldnotes"
    garbage.write_bytes(b"not a zip at all")
    for argv, expected in [
        (("package", "import", str(garbage)), "not a fieldnotes package"),
        (("package", "import", str(tmp_path / "missing.fieldnotes")), "no such file"),
        (
            ("package", "export", "No such mission", "-o", str(tmp_path / "x.fieldnotes")),
            "No mission",
        ),
        (("conflicts", "resolve", "ffffffff", "--keep", "other"), "No conflict"),
        (("conflicts", "resolve", "ffffffff"), "Say how to resolve"),
    ]:
        status, _, err = cli(lead, *argv)
        assert status == 1, (argv, err)
        assert expected in err and "Traceback" not in err


def test_sync_round_and_unreachable_folder(team: Team, tmp_path: Path):
    team.close()
    shared = tmp_path / "Nextcloud" / "mission"
    shared.mkdir(parents=True)
    status, out, err = cli(team.root / "expert0", "sync", team.ids.mission, "--folder", str(shared))
    assert status == 0, err
    status, out, err = cli(team.root / "lead", "sync", team.ids.mission, "--folder", str(shared))
    assert status == 0, err
    assert "1 package(s) merged" in out
    assert len(list(shared.glob("*.fieldnotes"))) == 2
    status, _, err = cli(
        team.root / "lead", "sync", team.ids.mission, "--folder", str(tmp_path / "offline")
    )
    assert status == 3 and "not reachable" in err and "Traceback" not in err
