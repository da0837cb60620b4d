"""Alembic environment: runs on the connection handed over by fieldnotes.store.migrate."""

from alembic import context

from fieldnotes.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
