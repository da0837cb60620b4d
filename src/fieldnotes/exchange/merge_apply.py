"""Merging a validated package into a profile database: plan first, then write in bulk.

:func:`plan_import` reads what it needs and decides every record (nothing is written), so
that the caller can check the plan (mass deletion) before :func:`apply_plan` writes it inside
the caller's transaction. Writes go through SQLAlchemy Core in bulk: an import of thousands
of records must not build thousands of ORM objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, delete, func, insert, select, update
from sqlalchemy.orm import Session

from fieldnotes.errors import PackageError
from fieldnotes.exchange.merge import (
    FieldConflict,
    MergeResult,
    Version,
    find_ancestor,
    merge_concurrent,
)
from fieldnotes.exchange.package_content import PackageContent, _per_model, content_fields
from fieldnotes.exchange.package_records import encode_rows, table_of
from fieldnotes.exchange.versions import Order, compare, join
from fieldnotes.model import SYNCED_MODELS, Conflict, Revision, SyncedRecord, conflict_id_for
from fieldnotes.model.conflicts import value_json
from fieldnotes.model.types import format_utc, parse_utc, utc_now
from fieldnotes.store.changes import HISTORY_LIMIT
from fieldnotes.store.record_codec import canonical_json, content_hash, from_document

_CHUNK = 500


# Long texts are merged as whole values, not line by line. A line merge that succeeds for one
# pair of versions and a conflict that follows with a third version make the result depend on
# the order of imports (three-way line merge is not associative), which breaks the
# guarantees every profile relies on. Whole values merge associatively (design notes in
# docs/package-format.md); the conflicts view then offers the line merge to the team lead.
LINE_MERGE_ON_IMPORT = False


@_per_model
def text_fields(model: type[SyncedRecord]) -> frozenset[str]:
    """Long text fields of ``model`` (note text, agenda ...)."""
    table = model.__table__  # type: ignore[attr-defined]
    return frozenset(c.name for c in table.columns if isinstance(c.type, Text))


def line_merged_fields(model: type[SyncedRecord]) -> frozenset[str]:
    return text_fields(model) if LINE_MERGE_ON_IMPORT else frozenset()


@dataclass
class ImportSummary:
    """What an import changed (or would change), in the user's terms."""

    mission_id: str
    mission_title: str
    new_mission: bool = False
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: int = 0  # conflicts opened by this import
    live_before: int = 0  # live records of the mission before the import

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.conflicts)


@dataclass
class MergePlan:
    summary: ImportSummary
    inserts: dict[type[SyncedRecord], list[dict[str, Any]]] = field(default_factory=dict)
    updates: dict[type[SyncedRecord], list[dict[str, Any]]] = field(default_factory=dict)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    trim_ids: list[str] = field(default_factory=list)
    conflict_inserts: list[dict[str, Any]] = field(default_factory=list)
    conflict_updates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return bool(
            any(self.inserts.values())
            or any(self.updates.values())
            or self.revisions
            or self.conflict_inserts
            or self.conflict_updates
        )


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _content(model: type[SyncedRecord], document: dict[str, Any]) -> dict[str, Any]:
    names = content_fields(model)
    return {k: v for k, v in document.items() if k in names}


def _version(model: type[SyncedRecord], document: dict[str, Any]) -> Version:
    return Version(_content(model, document), document["version"], document["updated_by"])


class _Planner:
    def __init__(self, session: Session, content: PackageContent) -> None:
        self.session = session
        self.content = content
        mission = content.mission
        self.plan = MergePlan(ImportSummary(mission["id"], mission["title"]))
        self.new_conflicts: dict[str, dict[str, Any]] = {}
        self.now = format_utc(utc_now())

    def run(self) -> MergePlan:
        summary = self.plan.summary
        mission_id = summary.mission_id
        for model in SYNCED_MODELS:
            docs = self.content.records.get(model, [])
            if docs:
                self._plan_model(model, docs, mission_id)
        summary.new_mission = any(
            d["id"] == mission_id for d in self.plan.inserts.get(SYNCED_MODELS[0], [])
        )
        summary.live_before = self._live_count(mission_id)
        self._plan_conflicts()
        return self.plan

    def _live_count(self, mission_id: str) -> int:
        total = 0
        for model in SYNCED_MODELS[1:]:
            table = model.__table__  # type: ignore[attr-defined]
            if "mission_id" not in table.c:
                continue
            total += (
                self.session.scalar(
                    select(func.count()).where(
                        table.c.mission_id == mission_id, table.c.deleted.is_(False)
                    )
                )
                or 0
            )
        return total

    def _load_local(self, model: type[SyncedRecord], ids: list[str]) -> dict[str, dict[str, Any]]:
        table = model.__table__  # type: ignore[attr-defined]
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            rows = list(self.session.execute(select(table).where(table.c.id.in_(chunk))))
            for doc in encode_rows(model, rows):
                found[doc["id"]] = doc
        return found

    def _local_history(
        self, record_ids: list[str]
    ) -> dict[str, list[tuple[dict[str, int], str, str]]]:
        """(version, content hash, content JSON) of the local revisions, oldest first."""
        table = Revision.__table__
        history: dict[str, list[tuple[dict[str, int], str, str]]] = {}
        for chunk in _chunks(record_ids):
            rows = self.session.execute(
                select(table.c.record_id, table.c.version, table.c.content_hash, table.c.content)
                .where(table.c.record_id.in_(chunk))
                .order_by(table.c.id)
            )
            for record_id, version, digest, content in rows:
                history.setdefault(record_id, []).append((dict(version), digest, content))
        return history

    def _plan_model(
        self, model: type[SyncedRecord], docs: list[dict[str, Any]], mission_id: str
    ) -> None:
        summary = self.plan.summary
        local_docs = self._load_local(model, [d["id"] for d in docs])
        decisions: list[tuple[dict[str, Any], dict[str, Any] | None, Order]] = []
        needs_history: list[str] = []
        for doc in docs:
            local = local_docs.get(doc["id"])
            if local is None:
                decisions.append((doc, None, Order.AFTER))
                continue
            if "mission_id" in local and local["mission_id"] != mission_id:
                raise PackageError(
                    f"Record {doc['id']} of the package belongs to another mission in this "
                    "profile; the package cannot be imported."
                )
            order = compare(doc["version"], local["version"])
            if order is Order.BEFORE:
                summary.unchanged += 1
                continue
            if order is Order.EQUAL and content_hash(_content(model, doc)) == content_hash(
                _content(model, local)
            ):
                summary.unchanged += 1
                settled = _join_bookkeeping(local, doc)
                if settled != local:
                    # Same version reached along different merge paths: agree on who and when.
                    self.plan.updates.setdefault(model, []).append(self._row(model, settled))
                continue
            decisions.append((doc, local, order))
            needs_history.append(doc["id"])
        local_history = self._local_history(needs_history) if needs_history else {}
        inserts = self.plan.inserts.setdefault(model, [])
        updates = self.plan.updates.setdefault(model, [])
        for doc, local, order in decisions:
            record_id = doc["id"]
            incoming_history = self.content.history.get(record_id, [])
            known = {(canonical_json(v), h) for v, h, _c in local_history.get(record_id, [])}
            if local is None:
                inserts.append(self._row(model, doc))
                if not doc["deleted"]:
                    summary.added += 1
                self._add_history(model, record_id, incoming_history, known, doc)
                continue
            if order is Order.AFTER:
                result_doc = doc
            else:
                result = self._merge(
                    model, local, doc, local_history.get(record_id, []), incoming_history
                )
                result_doc = self._merged_document(local, doc, result)
                self._record_conflicts(model, record_id, mission_id, result.conflicts)
            updates.append(self._row(model, result_doc))
            if result_doc["deleted"] and not local["deleted"]:
                summary.deleted += 1
            elif content_hash(_content(model, result_doc)) != content_hash(_content(model, local)):
                summary.updated += 1
            self._add_history(model, record_id, incoming_history, known, result_doc)
            self.plan.trim_ids.append(record_id)

    def _merge(
        self,
        model: type[SyncedRecord],
        local: dict[str, Any],
        incoming: dict[str, Any],
        local_history: list[tuple[dict[str, int], str, str]],
        incoming_history: list[tuple[dict[str, int], dict[str, Any]]],
    ) -> MergeResult:
        ours, theirs = _version(model, local), _version(model, incoming)
        if compare(ours.version, theirs.version) is Order.EQUAL:
            # Same vector, different content (see merge.decide): converge without ancestor.
            return merge_concurrent(ours, theirs, None, line_merged_fields(model))
        history = [Version(json.loads(c), v) for v, _h, c in local_history]
        history += [Version(c, v) for v, c in incoming_history]
        ancestor = find_ancestor(ours, theirs, history)
        return merge_concurrent(ours, theirs, ancestor, line_merged_fields(model))

    @staticmethod
    def _merged_document(
        local: dict[str, Any], incoming: dict[str, Any], result: MergeResult
    ) -> dict[str, Any]:
        merged = dict(result.content)
        merged["id"] = local["id"]
        merged["version"] = result.version
        merged["updated_by"] = result.updated_by
        merged["created_at"] = min(local["created_at"], incoming["created_at"], key=parse_utc)
        merged["updated_at"] = max(local["updated_at"], incoming["updated_at"], key=parse_utc)
        return merged

    @staticmethod
    def _row(model: type[SyncedRecord], document: dict[str, Any]) -> dict[str, Any]:
        return from_document(model, document)

    def _add_history(
        self,
        model: type[SyncedRecord],
        record_id: str,
        incoming_history: list[tuple[dict[str, int], dict[str, Any]]],
        known: set[tuple[str, str]],
        current: dict[str, Any],
    ) -> None:
        table = table_of(model)
        items = [*incoming_history, (current["version"], _content(model, current))]
        for version, content in items:
            text = canonical_json(content)
            digest = content_hash(content)
            key = (canonical_json(version), digest)
            if key in known:
                continue
            known.add(key)
            self.plan.revisions.append(
                {
                    "table_name": table,
                    "record_id": record_id,
                    "version": version,
                    "content_hash": digest,
                    "content": text,
                    "recorded_at": utc_now(),
                    "recorded_by": None,
                }
            )

    def _record_conflicts(
        self,
        model: type[SyncedRecord],
        record_id: str,
        mission_id: str,
        conflicts: list[FieldConflict],
    ) -> None:
        table = table_of(model)
        for conflict in conflicts:
            loser = value_json(conflict.loser_value)
            conflict_id = conflict_id_for(table, record_id, conflict.field, loser)
            entry = {
                "id": conflict_id,
                "table": table,
                "record_id": record_id,
                "field": conflict.field,
                "kind": conflict.kind.value,
                "loser_value": conflict.loser_value,
                "loser_version": conflict.loser_version,
                "loser_member": conflict.loser_member,
                "created_at": self.now,
                "resolved": False,
                "resolved_version": None,
                "resolved_by": None,
                "mission_id": mission_id,
                "_opened_here": True,
            }
            previous = self.new_conflicts.get(conflict_id)
            self.new_conflicts[conflict_id] = (
                entry if previous is None else _join_conflicts(previous, entry)
            )

    def _plan_conflicts(self) -> None:
        mission_id = self.plan.summary.mission_id
        merged = dict(self.new_conflicts)
        for incoming in self.content.conflicts:
            entry = {**incoming, "mission_id": mission_id}
            previous = merged.get(entry["id"])
            merged[entry["id"]] = entry if previous is None else _join_conflicts(previous, entry)
        if not merged:
            return
        ids = sorted(merged)
        existing: dict[str, Conflict] = {}
        for chunk in _chunks(ids):
            for row in self.session.scalars(select(Conflict).where(Conflict.id.in_(chunk))):
                existing[row.id] = row
        for conflict_id in ids:
            entry = merged[conflict_id]
            found = existing.get(conflict_id)
            if found is None:
                self.plan.conflict_inserts.append(_conflict_row(entry))
                if entry.get("_opened_here") and not entry["resolved"]:
                    self.plan.summary.conflicts += 1
                continue
            local = {
                "loser_version": found.loser_version,
                "created_at": format_utc(found.created_at),
                "resolved": found.resolved,
                "resolved_version": found.resolved_version,
                "resolved_by": found.resolved_by,
            }
            joined = _join_conflicts({**entry, **local}, entry)
            changes = {key: joined[key] for key in local if joined[key] != local[key]}
            if changes:
                row_changes = _conflict_row({**entry, **joined})
                self.plan.conflict_updates.append(
                    {"id": conflict_id, **{k: row_changes[k] for k in changes}}
                )


def _join_bookkeeping(local: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """One version's bookkeeping as every profile settles it: earliest creation, latest
    change, and the larger member id (an arbitrary but shared choice)."""
    authors = [a for a in (local["updated_by"], incoming["updated_by"]) if a is not None]
    return {
        **local,
        "created_at": min(local["created_at"], incoming["created_at"], key=parse_utc),
        "updated_at": max(local["updated_at"], incoming["updated_at"], key=parse_utc),
        "updated_by": max(authors) if authors else None,
    }


def _join_conflicts(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The union of two observations of one conflict: resolved wins, vectors join."""
    resolved = bool(a["resolved"] or b["resolved"])
    resolutions = [c for c in (a, b) if c["resolved"] and c["resolved_version"] is not None]
    resolution = max(
        resolutions,
        key=lambda c: (sum(c["resolved_version"].values()), sorted(c["resolved_version"].items())),
        default=None,
    )
    return {
        **a,
        "loser_version": join(a["loser_version"], b["loser_version"]),
        "created_at": min(a["created_at"], b["created_at"], key=parse_utc),
        "resolved": resolved,
        "resolved_version": resolution["resolved_version"] if resolution else None,
        "resolved_by": resolution["resolved_by"] if resolution else None,
        "_opened_here": bool(a.get("_opened_here") or b.get("_opened_here")),
    }


def _conflict_row(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": entry["id"],
        "table_name": entry["table"],
        "record_id": entry["record_id"],
        "mission_id": entry["mission_id"],
        "field": entry["field"],
        "kind": entry["kind"],
        "loser_value": value_json(entry["loser_value"]),
        "loser_version": dict(entry["loser_version"]),
        "loser_member": entry["loser_member"],
        "created_at": parse_utc(entry["created_at"]),
        "resolved": entry["resolved"],
        "resolved_version": entry["resolved_version"],
        "resolved_by": entry["resolved_by"],
    }


def plan_import(session: Session, content: PackageContent) -> MergePlan:
    """Decide every record of the package against the database; writes nothing."""
    return _Planner(session, content).run()


def apply_plan(session: Session, plan: MergePlan) -> None:
    """Write a plan inside the caller's transaction (referenced kinds first)."""
    for model in SYNCED_MODELS:
        rows = plan.inserts.get(model)
        if rows:
            session.execute(insert(model), rows)
    for model in SYNCED_MODELS:
        rows = plan.updates.get(model)
        if rows:
            session.execute(update(model), rows)
    if plan.revisions:
        session.execute(insert(Revision), plan.revisions)
    if plan.trim_ids:
        _trim_history(session, plan.trim_ids)
    if plan.conflict_inserts:
        session.execute(insert(Conflict), plan.conflict_inserts)
    for changes in plan.conflict_updates:
        conflict_id = changes["id"]
        values = {k: v for k, v in changes.items() if k != "id"}
        session.execute(update(Conflict).where(Conflict.id == conflict_id).values(**values))


def _trim_history(session: Session, record_ids: list[str]) -> None:
    for chunk in _chunks(sorted(set(record_ids))):
        ranked = (
            select(
                Revision.id,
                func.row_number()
                .over(partition_by=Revision.record_id, order_by=Revision.id.desc())
                .label("rank"),
            )
            .where(Revision.record_id.in_(chunk))
            .subquery()
        )
        session.execute(
            delete(Revision).where(
                Revision.id.in_(select(ranked.c.id).where(ranked.c.rank > HISTORY_LIMIT))
            )
        )
