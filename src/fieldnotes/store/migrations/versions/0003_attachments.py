"""attachments: files (photos, scans, documents) of meetings and notes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 12:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen SQL types, as in 0001: the script must keep creating the same table.
    # The bytes are not here: they live content-addressed in the profile's attachments/
    # folder, so the database (and its daily backups) stays small.
    op.create_table(
        "attachments",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("note_id", sa.String(length=36), nullable=True),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("caption", sa.String(length=1000), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_attachments_mission_id_missions")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_attachments_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["note_id"], ["notes.id"], name=op.f("fk_attachments_note_id_notes")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["members.id"], name=op.f("fk_attachments_author_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_mission_id"), ["mission_id"])
        batch_op.create_index(batch_op.f("ix_attachments_meeting_id"), ["meeting_id"])
        batch_op.create_index(batch_op.f("ix_attachments_note_id"), ["note_id"])
        batch_op.create_index(batch_op.f("ix_attachments_sha256"), ["sha256"])
        batch_op.create_index(batch_op.f("ix_attachments_deleted"), ["deleted"])


def downgrade() -> None:
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_deleted"))
        batch_op.drop_index(batch_op.f("ix_attachments_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachments_note_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_mission_id"))
    op.drop_table("attachments")
