"""Merging a validated package into a profile database: plan first, then write in bulk.

:func:`plan_import` reads what it needs and decides every record (nothing is written), so
that the caller can check the plan (mass deletion) before :func:`apply_plan` writes it inside
the caller's transaction. Writes go through SQLAlchemy Core in bulk: an import of thousands
of records must not build thousands of ORM objects.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Text, delete, func, insert, select, update
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
from fieldnotes.store.record_codec import (
    bind_processor,
    canonical_json,
    content_hash,
    from_document,
    row_codec,
)

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
    """What an import will write. ``inserts`` and ``revisions`` are database values (rows in
    ``row_codec`` and :data:`REVISION_COLUMNS` order), written in bulk without the ORM."""

    summary: ImportSummary
    inserts: dict[type[SyncedRecord], list[tuple[Any, ...]]] = field(default_factory=dict)
    updates: dict[type[SyncedRecord], list[dict[str, Any]]] = field(default_factory=dict)
    revisions: list[tuple[Any, ...]] = field(default_factory=list)
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


REVISION_COLUMNS = (
    "table_name",
    "record_id",
    "version",
    "content_hash",
    "content",
    "recorded_at",
    "recorded_by",
)
# How a version vector is stored (VersionVectorType: sorted keys, JSON), for raw rows.
_VERSION_PROCESSOR = bind_processor(Revision.__table__.c.version)
# Stored texts by the vector's items: the revisions of a package share a handful of vectors.
_VERSION_TEXTS: dict[tuple[tuple[str, int], ...], str] = {}


def _version_text(version: dict[str, int]) -> str:
    """What :data:`_VERSION_PROCESSOR` makes of ``version`` (a checked vector), cached."""
    key = tuple(version.items())
    text = _VERSION_TEXTS.get(key)
    if text is None:
        text = _VERSION_PROCESSOR(version)
        if len(_VERSION_TEXTS) < 4096:
            _VERSION_TEXTS[key] = text
    return text


def _version_key(version: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """A version vector as a set key (cheaper than its canonical JSON)."""
    return tuple(sorted(version.items()))


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
        self.session.flush()  # raw reads below must see what the session holds
        for model in SYNCED_MODELS:
            docs = self.content.records.get(model, [])
            if docs:
                self._plan_model(model, docs, self.content.rows_of(model), mission_id)
        summary.new_mission = bool(self.plan.inserts.get(SYNCED_MODELS[0]))
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

    def _stored_rows(self, model: type[SyncedRecord], ids: list[str]) -> dict[str, tuple[Any, ...]]:
        """The stored values of the local records among ``ids``, as SQLite holds them.

        No SQLAlchemy type processing: most records of a package are usually unchanged,
        and comparing raw rows (and vectors) settles them without decoding anything.
        """
        columns = row_codec(model).columns
        names = ", ".join(f'"{name}"' for name in columns)
        id_at = columns.index("id")
        # The session's own DB-API connection (same transaction): its cursor yields plain
        # tuples, without a SQLAlchemy Row per record.
        cursor = self.session.connection().connection.cursor()
        found: dict[str, tuple[Any, ...]] = {}
        try:
            for chunk in _chunks(ids):
                marks = ", ".join("?" * len(chunk))
                cursor.execute(
                    f'SELECT {names} FROM "{table_of(model)}" WHERE id IN ({marks})', chunk
                )
                for row in cursor.fetchall():
                    found[row[id_at]] = row
        finally:
            cursor.close()
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
        self,
        model: type[SyncedRecord],
        docs: list[dict[str, Any]],
        rows: list[tuple[Any, ...]],
        mission_id: str,
    ) -> None:
        summary = self.plan.summary
        columns = row_codec(model).columns
        version_at = columns.index("version")
        mission_at = columns.index("mission_id") if "mission_id" in columns else None
        stored = self._stored_rows(model, [d["id"] for d in docs])
        # (document, its database row, local document or None, order)
        decisions: list[tuple[dict[str, Any], tuple[Any, ...], dict[str, Any] | None, Order]] = []
        undecided: list[tuple[int, Order]] = []
        for index, doc in enumerate(docs):
            row = stored.get(doc["id"])
            if row is None:
                decisions.append((doc, rows[index], None, Order.AFTER))
                continue
            if mission_at is not None and row[mission_at] != mission_id:
                raise PackageError(
                    f"Record {doc['id']} of the package belongs to another mission in this "
                    "profile; the package cannot be imported."
                )
            if row == rows[index]:
                summary.unchanged += 1  # the very same record, bookkeeping included
                continue
            order = compare(doc["version"], json.loads(row[version_at]))
            if order is Order.BEFORE:
                summary.unchanged += 1
                continue
            undecided.append((index, order))
        local_docs = self._load_local(model, [docs[index]["id"] for index, _o in undecided])
        needs_history: list[str] = []
        for index, order in undecided:
            doc = docs[index]
            local_doc = local_docs[doc["id"]]
            if order is Order.EQUAL and content_hash(_content(model, doc)) == content_hash(
                _content(model, local_doc)
            ):
                summary.unchanged += 1
                settled = _join_bookkeeping(local_doc, doc)
                if settled != local_doc:
                    # Same version reached along different merge paths: agree on who and when.
                    self.plan.updates.setdefault(model, []).append(self._row(model, settled))
                continue
            decisions.append((doc, rows[index], local_doc, order))
            needs_history.append(doc["id"])
        local_history = self._local_history(needs_history) if needs_history else {}
        inserts = self.plan.inserts.setdefault(model, [])
        updates = self.plan.updates.setdefault(model, [])
        for doc, row, local, order in decisions:
            record_id = doc["id"]
            incoming_history = self.content.history.get(record_id, [])
            known = {(_version_key(v), h) for v, h, _c in local_history.get(record_id, [])}
            if local is None:
                inserts.append(row)
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
        known: set[tuple[tuple[tuple[str, int], ...], str]],
        current: dict[str, Any],
    ) -> None:
        table = table_of(model)
        items = list(incoming_history)
        version, content = current["version"], _content(model, current)
        if not items or items[-1][0] != version or items[-1][1] != content:
            # Usually the newest revision a package carries is the record itself: compared
            # as dicts first, it is not serialised and hashed a second time.
            items.append((version, content))
        for version, content in items:
            text = canonical_json(content)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            key = (_version_key(version), digest)
            if key in known:
                continue
            known.add(key)
            self.plan.revisions.append(
                (table, record_id, _version_text(version), digest, text, self.now, None)
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
    connection = session.connection()
    for model in SYNCED_MODELS:
        rows = plan.inserts.get(model)
        if rows:
            insert_rows(connection, table_of(model), row_codec(model).columns, rows)
    for model in SYNCED_MODELS:
        updates = plan.updates.get(model)
        if updates:
            session.execute(update(model), updates)
    if plan.revisions:
        # No trigger on revisions: one executemany straight into the table, no staging.
        insert_rows(connection, "revisions", REVISION_COLUMNS, plan.revisions, staged=False)
    if plan.trim_ids:
        _trim_history(session, plan.trim_ids)
    if plan.conflict_inserts:
        session.execute(insert(Conflict), plan.conflict_inserts)
    for changes in plan.conflict_updates:
        conflict_id = changes["id"]
        values = {k: v for k, v in changes.items() if k != "id"}
        session.execute(update(Conflict).where(Conflict.id == conflict_id).values(**values))


def insert_rows(
    connection: Connection,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    *,
    staged: bool = True,
) -> None:
    """Insert raw database values in bulk, in the connection's transaction.

    The rows go first into a temporary table without triggers, then into ``table`` with one
    INSERT … SELECT. Why: the full-text index is kept by per-row triggers, and SQLite's FTS5
    flushes its pending terms at every statement that fires one, so ten thousand separate
    INSERTs into ``notes`` cost about six times more than the same rows in one statement.
    A table without triggers (``staged=False``) takes the rows directly in one executemany.
    """
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" * len(columns))
    if not staged:
        connection.exec_driver_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        return
    stage = f"fieldnotes_stage_{table}"
    # IF NOT EXISTS and DELETE: a temporary table created outside the transaction survives
    # a rollback on this pooled connection.
    connection.exec_driver_sql(f'CREATE TEMP TABLE IF NOT EXISTS "{stage}" ({names})')
    connection.exec_driver_sql(f'DELETE FROM temp."{stage}"')
    connection.exec_driver_sql(f'INSERT INTO temp."{stage}" ({names}) VALUES ({marks})', rows)
    connection.exec_driver_sql(
        f'INSERT INTO "{table}" ({names}) SELECT {names} FROM temp."{stage}"'
    )
    connection.exec_driver_sql(f'DELETE FROM temp."{stage}"')


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
