"""Fixtures of the exchange tests: a mission team of four profiles in temporary folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from exchange_team import Team, TeamIds, build_team, open_team


@pytest.fixture(scope="session")
def team_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TeamIds]:
    root = tmp_path_factory.mktemp("team-template")
    return root, build_team(root)


@pytest.fixture
def team(team_template: tuple[Path, TeamIds], tmp_path: Path) -> Iterator[Team]:
    opened = open_team(team_template, tmp_path / "team")
    yield opened
    opened.close()
