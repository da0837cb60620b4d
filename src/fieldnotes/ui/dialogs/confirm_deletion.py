"""The question asked before anything is deleted, naming what will go."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_deletion(parent: QWidget | None, what: str, detail: str = "") -> bool:
    """Ask "Delete <what>?"; Cancel is the default so that a stray Enter deletes nothing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete")
    box.setText(f"Delete {what}?")
    if detail:
        box.setInformativeText(detail)
    delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is delete
