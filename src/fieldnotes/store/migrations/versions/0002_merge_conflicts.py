"""merge conflicts: values that lost a merge, kept until resolved

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen SQL types (not the model's TypeDecorators): this script must keep creating the
    # same table whatever the model later becomes.
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("mission_id", sa.String(length=36), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("loser_value", sa.Text(), nullable=False),
        sa.Column("loser_version", sa.JSON(), nullable=False),
        sa.Column("loser_member", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolved_version", sa.JSON(), nullable=True),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflicts_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflicts_mission_id"), ["mission_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflicts_resolved"), ["resolved"], unique=False)
    # Merges look up a record's history by record id; the 0001 index serves that. Packages
    # also compare versions in bulk, which reads whole tables by mission: already indexed.


def downgrade() -> None:
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflicts_resolved"))
        batch_op.drop_index(batch_op.f("ix_conflicts_mission_id"))
        batch_op.drop_index(batch_op.f("ix_conflicts_record_id"))
    op.drop_table("conflicts")
