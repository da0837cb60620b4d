"""initial schema: missions, team, counterparts, itinerary, notes, actions, full-text search

Revision ID: 0001
Revises:
Create Date: 2026-11-27 18:41:00.114846
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Full-text search: one external-content FTS5 table per searchable table, kept in step by
# triggers so that every writer (window, CLI, import) updates the index. Diacritics are
# folded so that "Zoltan" finds "Zoltán".
FTS_COLUMNS = {
    "notes": ("text",),
    "meetings": ("title", "venue", "agenda"),
    "contacts": ("name", "position", "notes"),
    "organisations": ("name", "acronym"),
}


def _create_full_text_search() -> None:
    for table, columns in FTS_COLUMNS.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        fts = f"{table}_fts"
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
            "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
        )


def upgrade() -> None:
    op.create_table(
        "local_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("institution", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_profile")),
    )
    op.create_table(
        "missions",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("programme", sa.String(length=200), nullable=False),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("host_country", sa.String(length=100), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("conclusions", sa.Text(), nullable=False),
        sa.Column("recommendations", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missions")),
    )
    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_missions_deleted"), ["deleted"], unique=False)

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
    )
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revisions_record_id"), ["record_id"], unique=False)

    op.create_table(
        "topics",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topics")),
    )
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topics_deleted"), ["deleted"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("organisation_ids", sa.JSON(), nullable=False),
        sa.Column("contact_ids", sa.JSON(), nullable=False),
        sa.Column("member_ids", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_meetings_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_mission_id"), ["mission_id"], unique=False)

    op.create_table(
        "members",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("institution", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_members_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_members_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_members_mission_id"), ["mission_id"], unique=False)

    op.create_table(
        "organisations",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_organisations_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisations_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_organisations_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_contacts_mission_id_missions")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_contacts_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_mission_id"), ["mission_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contacts_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "mission_links",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_mission_links_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_mission_links_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("mission_id", name=op.f("pk_mission_links")),
    )
    op.create_table(
        "notes",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("author_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("key_finding", sa.Boolean(), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("topic_ids", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["members.id"], name=op.f("fk_notes_author_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_notes_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_notes_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notes_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_notes_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notes_mission_id"), ["mission_id"], unique=False)

    op.create_table(
        "actions",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("note_id", sa.String(length=36), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_member_id", sa.String(length=36), nullable=True),
        sa.Column("owner_organisation_id", sa.String(length=36), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_actions_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_actions_mission_id_missions")
        ),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], name=op.f("fk_actions_note_id_notes")),
        sa.ForeignKeyConstraint(
            ["owner_member_id"], ["members.id"], name=op.f("fk_actions_owner_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["owner_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_actions_owner_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_mission_id"), ["mission_id"], unique=False)

    _create_full_text_search()


def downgrade() -> None:
    for table in FTS_COLUMNS:
        op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_mission_id"))
        batch_op.drop_index(batch_op.f("ix_actions_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_actions_deleted"))

    op.drop_table("actions")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_mission_id"))
        batch_op.drop_index(batch_op.f("ix_notes_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_notes_deleted"))
        batch_op.drop_index(batch_op.f("ix_notes_author_id"))

    op.drop_table("notes")
    op.drop_table("mission_links")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_mission_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_deleted"))

    op.drop_table("contacts")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_mission_id"))
        batch_op.drop_index(batch_op.f("ix_organisations_deleted"))

    op.drop_table("organisations")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_mission_id"))
        batch_op.drop_index(batch_op.f("ix_members_deleted"))

    op.drop_table("members")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_mission_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_deleted"))

    op.drop_table("meetings")
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topics_deleted"))

    op.drop_table("topics")
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revisions_record_id"))

    op.drop_table("revisions")
    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_missions_deleted"))

    op.drop_table("missions")
    op.drop_table("local_profile")
