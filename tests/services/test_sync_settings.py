"""Sync settings per mission in the profile folder: defaults, round trip, bad files, rules."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from fieldnotes.errors import ValidationError
from fieldnotes.services.passphrases import new_passphrase_problem
from fieldnotes.services.sync_settings import (
    SyncSettings,
    clean_sync_settings,
    load_sync_settings,
    save_sync_settings,
    sync_settings_path,
)


def test_unset_means_no_sync(tmp_path: Path):
    settings = load_sync_settings(tmp_path, "m1")
    assert settings == SyncSettings()
    assert not settings.configured and not settings.automatic_sync


def test_round_trip_keeps_other_missions_and_is_private(tmp_path: Path):
    one = SyncSettings(tmp_path / "Shared Минск", "phrase ü", automatic=False)
    two = SyncSettings(tmp_path / "other", None, automatic=True)
    save_sync_settings(tmp_path, "m1", one)
    save_sync_settings(tmp_path, "m2", two)
    assert load_sync_settings(tmp_path, "m1") == one
    assert load_sync_settings(tmp_path, "m2") == two
    assert two.automatic_sync and not one.automatic_sync
    path = sync_settings_path(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.with_name(path.name + ".partial").exists()
    save_sync_settings(tmp_path, "m1", SyncSettings())  # back to defaults: entry removed
    assert "m1" not in path.read_text(encoding="utf-8")
    assert load_sync_settings(tmp_path, "m2") == two


@pytest.mark.parametrize(
    "text", ["", "not json", "[]", '{"missions": []}', '{"missions": {"m1": 3}}']
)
def test_unreadable_settings_count_as_unset(tmp_path: Path, text: str):
    sync_settings_path(tmp_path).write_text(text, encoding="utf-8")
    assert load_sync_settings(tmp_path, "m1") == SyncSettings()


def test_wrong_types_fall_back_to_defaults(tmp_path: Path):
    sync_settings_path(tmp_path).write_text(
        '{"missions": {"m1": {"folder": 7, "passphrase": "", "automatic": "yes"}}}',
        encoding="utf-8",
    )
    assert load_sync_settings(tmp_path, "m1") == SyncSettings()


def test_clean_settings(tmp_path: Path):
    assert clean_sync_settings("  ", "p", automatic=False) == SyncSettings(None, "p", False)
    missing = tmp_path / "unplugged disk"
    assert clean_sync_settings(f" {missing} ").folder == missing  # may come back later
    with pytest.raises(ValidationError, match="full path"):
        clean_sync_settings("relative")
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(ValidationError, match="not a folder"):
        clean_sync_settings(str(file))


def test_new_passphrase_rules():
    assert new_passphrase_problem("", "") == "Enter a passphrase."
    assert "at least 8" in (new_passphrase_problem("short", "short") or "")
    assert new_passphrase_problem("long enough", "long enougH") == "The two passphrases differ."
    # The same passphrase typed composed and decomposed is the same passphrase.
    assert new_passphrase_problem("Zoltán 2026", "Zolta\u0301n 2026") is None
