"""Rules for a new package passphrase, shared by the export and sync settings dialogs."""

from __future__ import annotations

import unicodedata

# Packages travel by e-mail and through cloud folders; scrypt slows guessing, a length
# floor keeps it from being trivial. A short sentence is easy to share by phone.
MINIMUM_LENGTH = 8


def new_passphrase_problem(passphrase: str, confirmation: str) -> str | None:
    """What is wrong with a new passphrase and its confirmation, or None when it is usable."""
    if not passphrase:
        return "Enter a passphrase."
    if len(passphrase) < MINIMUM_LENGTH:
        return (
            f"Use at least {MINIMUM_LENGTH} characters; a short sentence is easy to remember "
            "and hard to guess."
        )
    if unicodedata.normalize("NFC", passphrase) != unicodedata.normalize("NFC", confirmation):
        return "The two passphrases differ."
    return None
