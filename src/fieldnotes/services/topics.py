"""Topics: tags shared across missions that group key findings in the report."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import Topic, topic_id_for
from fieldnotes.store.changes import create_record, restore_record


def ensure_topic(session: Session, name: str) -> Topic:
    """The topic called ``name`` (case and spacing ignored), created if new."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A topic needs a name.")
    topic_id = topic_id_for(name)
    topic = session.get(Topic, topic_id)
    if topic is None:
        return create_record(session, Topic(id=topic_id, name=name))
    restore_record(session, topic)
    return topic


def list_topics(session: Session) -> list[Topic]:
    topics = list(session.scalars(select(Topic).where(Topic.deleted.is_(False))))
    topics.sort(key=lambda t: t.name.casefold())
    return topics


def topics_by_id(session: Session, topic_ids: list[str]) -> list[Topic]:
    """The live topics among ``topic_ids``, in that order."""
    if not topic_ids:
        return []
    found = {
        t.id: t
        for t in session.scalars(
            select(Topic).where(Topic.id.in_(topic_ids), Topic.deleted.is_(False))
        )
    }
    return [found[i] for i in topic_ids if i in found]
