"""Use cases of counterpart organisations and the people met there."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import Contact, Organisation, OrganisationKind
from fieldnotes.services.fields import known_fields, required_line
from fieldnotes.services.lookup import get_live
from fieldnotes.services.missions import get_mission
from fieldnotes.store.changes import create_record, delete_record, update_record

ORGANISATION_FIELDS = frozenset({"name", "acronym", "kind", "country"})
CONTACT_FIELDS = frozenset(
    {"organisation_id", "name", "position", "email", "phone", "notes", "internal"}
)


def _strip(fields: dict[str, Any], allowed: frozenset[str], what: str) -> dict[str, Any]:
    clean = {
        k: (v.strip() if isinstance(v, str) and k != "notes" else v)
        for k, v in known_fields(fields, allowed, what).items()
    }
    if "name" in clean:
        clean["name"] = required_line(clean["name"], f"A {what} needs a name.")
    return clean


def _clean_organisation(fields: dict[str, Any]) -> dict[str, Any]:
    clean = _strip(fields, ORGANISATION_FIELDS, "organisation")
    if "kind" in clean:
        clean["kind"] = OrganisationKind(clean["kind"])
    return clean


def add_organisation(session: Session, mission_id: str, **fields: Any) -> Organisation:
    get_mission(session, mission_id)
    clean = _clean_organisation(fields)
    if "name" not in clean:
        raise ValidationError("An organisation needs a name.")
    return create_record(session, Organisation(mission_id=mission_id, **clean))


def update_organisation(session: Session, organisation_id: str, **fields: Any) -> Organisation:
    organisation = get_live(session, Organisation, organisation_id, "organisation")
    update_record(session, organisation, _clean_organisation(fields))
    return organisation


def delete_organisation(session: Session, organisation_id: str) -> None:
    delete_record(session, get_live(session, Organisation, organisation_id, "organisation"))


def list_organisations(session: Session, mission_id: str) -> list[Organisation]:
    organisations = list(
        session.scalars(
            select(Organisation).where(
                Organisation.mission_id == mission_id, Organisation.deleted.is_(False)
            )
        )
    )
    organisations.sort(key=lambda o: o.name.casefold())
    return organisations


def _clean_contact(session: Session, mission_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    clean = _strip(fields, CONTACT_FIELDS, "contact")
    organisation_id = clean.get("organisation_id")
    if organisation_id:
        organisation = get_live(session, Organisation, organisation_id, "organisation")
        if organisation.mission_id != mission_id:
            raise ValidationError("That organisation belongs to another mission.")
    elif "organisation_id" in clean:
        clean["organisation_id"] = None
    return clean


def add_contact(session: Session, mission_id: str, **fields: Any) -> Contact:
    get_mission(session, mission_id)
    clean = _clean_contact(session, mission_id, fields)
    if "name" not in clean:
        raise ValidationError("A contact needs a name.")
    return create_record(session, Contact(mission_id=mission_id, **clean))


def update_contact(session: Session, contact_id: str, **fields: Any) -> Contact:
    contact = get_live(session, Contact, contact_id, "contact")
    update_record(session, contact, _clean_contact(session, contact.mission_id, fields))
    return contact


def delete_contact(session: Session, contact_id: str) -> None:
    delete_record(session, get_live(session, Contact, contact_id, "contact"))


def list_contacts(session: Session, mission_id: str) -> list[Contact]:
    contacts = list(
        session.scalars(
            select(Contact).where(Contact.mission_id == mission_id, Contact.deleted.is_(False))
        )
    )
    contacts.sort(key=lambda c: c.name.casefold())
    return contacts
