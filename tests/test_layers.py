"""Imports go downward only (DESIGN.md §2); nothing below ui/ touches Qt widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import fieldnotes

PACKAGE_DIR = Path(fieldnotes.__file__).parent

# Layer -> the fieldnotes layers it must never import.
FORBIDDEN = {
    "model": {"store", "services", "exchange", "report", "ui", "cli", "app"},
    "store": {"services", "exchange", "report", "ui", "cli", "app"},
    "exchange": {"services", "report", "ui", "cli", "app"},
    "report": {"services", "exchange", "ui", "cli", "app"},
    "services": {"ui", "cli", "app"},
    "cli": {"ui", "app"},
}
QT_GUI_MODULES = ("PySide6.QtWidgets", "PySide6.QtGui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _layer(path: Path, package_dir: Path) -> str:
    relative = path.relative_to(package_dir)
    return relative.parts[0].removesuffix(".py")


def _violations(package_dir: Path = PACKAGE_DIR) -> list[str]:
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        layer = _layer(path, package_dir)
        for name in _imports(path):
            where = path.relative_to(package_dir)
            if layer not in {"ui", "app", "__main__"} and name.startswith(QT_GUI_MODULES):
                found.append(f"{where} imports {name} (Qt widgets outside ui/)")
            parts = name.split(".")
            if parts[0] == "fieldnotes" and len(parts) > 1 and parts[1] in FORBIDDEN.get(layer, ()):
                found.append(f"{where} imports {name} ({layer} may not import {parts[1]})")
    return found


def test_imports_go_downward_only():
    assert _violations() == []


def test_the_check_catches_a_violation(tmp_path):
    """The walker must see a Qt import below ui/, or the test above proves nothing."""
    fake = tmp_path / "fieldnotes"
    (fake / "store").mkdir(parents=True)
    (fake / "store" / "leak.py").write_text("from PySide6.QtWidgets import QWidget\n")
    (fake / "model").mkdir()
    (fake / "model" / "up.py").write_text("import fieldnotes.services.notes\n")
    flagged = {line.split(" imports ")[0] for line in _violations(fake)}
    assert flagged == {"model/up.py", "store/leak.py"}
