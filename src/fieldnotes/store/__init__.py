"""Storage: the profile database, migrations, change bookkeeping, full-text search."""

from fieldnotes.store.database import Database

__all__ = ["Database"]
