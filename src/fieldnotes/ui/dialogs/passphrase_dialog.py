"""The passphrase of an encrypted package: asked when opening one, chosen (twice) for export."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.services.passphrases import new_passphrase_problem


class PassphraseDialog(QDialog):
    """Asks for a passphrase; with ``confirm``, for a new one typed twice.

    ``problem`` is shown in bold above the field, e.g. "The passphrase is wrong" after a
    failed attempt, so that the user knows why they are asked again.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        confirm: bool = False,
        title: str = "Passphrase",
        message: str = "",
        problem: str = "",
    ) -> None:
        super().__init__(parent)
        self._confirm = confirm
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(bool(message))
        layout.addWidget(self.message_label)
        self.problem_label = QLabel(problem)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setStyleSheet("font-weight: bold;")
        self.problem_label.setVisible(bool(problem))
        layout.addWidget(self.problem_label)
        layout.addLayout(self._fields())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _fields(self) -> QFormLayout:
        form = QFormLayout()
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.passphrase_edit.textChanged.connect(self._update)
        form.addRow("&Passphrase:", self.passphrase_edit)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Passphrase again")
        self.confirm_edit.textChanged.connect(self._update)
        if self._confirm:
            form.addRow("&Again:", self.confirm_edit)
        else:
            self.confirm_edit.hide()
        self.show_check = QCheckBox("&Show the passphrase")
        self.show_check.toggled.connect(self._show_text)
        form.addRow("", self.show_check)
        return form

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def problem(self) -> str | None:
        """Why OK is disabled (None: it is not)."""
        text = self.passphrase()
        if not self._confirm:
            return None if text else "Enter the passphrase."
        return new_passphrase_problem(text, self.confirm_edit.text())

    def _update(self) -> None:
        problem = self.problem()
        self.ok_button.setEnabled(problem is None)
        # Only the typed-twice form explains itself while typing; a plain ask does not nag.
        if self._confirm and self.confirm_edit.text():
            self.problem_label.setText(problem or "")
            self.problem_label.setVisible(problem is not None)

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()


def ask_passphrase(parent: QWidget | None, file_name: str, problem: str = "") -> str | None:
    """The passphrase of the encrypted package ``file_name`` (None: the user cancelled)."""
    dialog = PassphraseDialog(
        parent,
        title="Encrypted package",
        message=f"“{file_name}” is encrypted. Enter the passphrase the team agreed on.",
        problem=problem,
    )
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_new_passphrase(parent: QWidget | None) -> str | None:
    """A new passphrase for an export, typed twice (None: the user cancelled)."""
    dialog = PassphraseDialog(
        parent,
        confirm=True,
        title="Protect the package",
        message=(
            "Whoever receives the package needs this passphrase to open it. Tell it to them "
            "by another way than the package itself (phone, in person)."
        ),
    )
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
