"""Shipped resources are found the same way from a checkout and from an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from fieldnotes.paths import resource, resources_dir

REPO = Path(__file__).resolve().parents[1]
SHIPPED = [("fonts", f"DejaVuSans{face}.ttf") for face in ("", "-Bold", "-Oblique", "-BoldOblique")]
SHIPPED.append(("fonts", "LICENSE-DejaVu.txt"))


@pytest.mark.parametrize("parts", SHIPPED)
def test_shipped_files_are_found_from_the_checkout(parts):
    path = resource(*parts)
    assert path.is_file() and path.stat().st_size > 0
    assert path.is_relative_to(resources_dir())


def test_a_missing_resource_names_the_path():
    with pytest.raises(FileNotFoundError, match="no-such-file"):
        resource("fonts", "no-such-file.ttf")


@pytest.mark.slow
def test_resources_are_found_from_a_wheel_in_a_fresh_venv(tmp_path: Path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
        ],
        check=True,
    )
    (wheel,) = wheel_dir.glob("fieldnotes-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
    )
    probe = (
        "from fieldnotes.paths import resource\n"
        f"for parts in {SHIPPED!r}: print(resource(*parts))\n"
    )
    result = subprocess.run(
        [str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    found = [Path(line) for line in result.stdout.splitlines()]
    assert len(found) == len(SHIPPED)
    for path in found:
        assert path.is_relative_to(env_dir), path
        assert path.is_file()
