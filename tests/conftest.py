"""Shared fixtures: a fresh profile folder and database per test; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: no display is needed, and tests never open real windows.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fieldnotes.store import Database

GUI_FIXTURES = {"qtbot", "qapp", "qtmodeltester", "main_window"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the Qt application as ``gui`` (``-m 'not gui'`` skips them)."""
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    folder.mkdir()
    return folder


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = Database.open(data_dir)
    yield database
    database.close()


@pytest.fixture
def user_db(db: Database) -> Database:
    """A database whose local profile is filled in (the first-start dialog answered)."""
    from fieldnotes.services.profile import save_profile

    with db.session() as session:
        save_profile(
            session,
            name="Anna Virtanen",
            country="Finland",
            institution="Finnish Immigration Service",
        )
    return db
