"""imported packages: the SHA-256 of every package this profile has imported

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In the database, not beside it: a profile restored from a backup forgets the packages
    # imported after that backup, so they are merged again rather than skipped.
    op.create_table(
        "imported_packages",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_imported_packages")),
    )


def downgrade() -> None:
    op.drop_table("imported_packages")
