"""Package import speed against raw SQLite.

Three packages of 10,000 notes each (one per expert) are imported into a lead profile, then
one of them again unchanged (recognised by its SHA-256), and its content once more through
the whole validation and merge. The floor is raw ``sqlite3`` ``executemany`` of 10,000 note
rows into a WAL/FULL database. Prints the times and the ratios to the floor (aims: a full
import within 5x, an unchanged re-import within 2x).

Run: ``PYTHONPATH=src python benchmarks/package_benchmark.py``
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from fieldnotes.exchange.package import build_package
from fieldnotes.model.types import format_utc, utc_now
from fieldnotes.services import missions, packages, profile, team
from fieldnotes.store import Database

RECORDS = 10_000


def floor_seconds(folder: Path) -> float:
    connection = sqlite3.connect(folder / "floor.sqlite3")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE notes (id TEXT PRIMARY KEY, mission_id TEXT, meeting_id TEXT, "
        "author_id TEXT, position INTEGER, text TEXT, key_finding INTEGER, internal INTEGER, "
        "topic_ids TEXT, created_at TEXT, updated_at TEXT, updated_by TEXT, deleted INTEGER, "
        "version TEXT)"
    )
    now = format_utc(utc_now())
    rows = [
        (
            str(uuid.uuid4()),
            "m",
            None,
            "a",
            i,
            f"Note {i}: work permits and quotas.\n",
            0,
            0,
            "[]",
            now,
            now,
            "a",
            0,
            '{"d": 1}',
        )
        for i in range(RECORDS)
    ]
    start = time.perf_counter()
    with connection:
        connection.executemany(f"INSERT INTO notes VALUES ({','.join('?' * 14)})", rows)
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def make_packages(folder: Path) -> tuple[Database, list[Path]]:
    lead = Database.open(folder / "lead")
    with lead.session() as session:
        profile.save_profile(session, name="Lead")
        mission = missions.create_mission(session, title="Benchmark mission")
        experts = [team.add_member(session, mission.id, name=f"Expert {i}") for i in range(3)]
        mission_id, expert_ids = mission.id, [e.id for e in experts]
    base_path = folder / "base.fieldnotes"
    packages.export_package(lead, mission_id, base_path)
    base = packages.read_package(base_path)
    from fieldnotes.exchange.package_records import SECTION_OF

    paths = []
    now = format_utc(utc_now())
    for index, author in enumerate(expert_ids):
        device = str(uuid.uuid4())
        document = {"format": "fieldnotes-mission", "format_version": 1}
        for model, docs in base.records.items():
            key = SECTION_OF[model]
            document[key] = docs[0] if key == "mission" else list(docs)
        history_revisions = {}
        for i in range(RECORDS):
            note = {
                "id": str(uuid.uuid4()),
                "mission_id": mission_id,
                "meeting_id": None,
                "author_id": author,
                "position": i,
                "text": f"Note {i} by expert {index}: work permits and quotas.\n",
                "key_finding": False,
                "internal": False,
                "topic_ids": [],
                "created_at": now,
                "updated_at": now,
                "updated_by": author,
                "deleted": False,
                "version": {device: 1},
            }
            document["notes"].append(note)
            content = {
                k: v
                for k, v in note.items()
                if k not in {"id", "created_at", "updated_at", "updated_by", "version"}
            }
            history_revisions[note["id"]] = [{"version": {device: 1}, "content": content}]
        history = {
            "format": "fieldnotes-history",
            "format_version": 1,
            "mission_id": mission_id,
            "revisions": history_revisions,
            "conflicts": [],
        }
        data = build_package(
            mission_document=document,
            history_document=history,
            member_id=author,
            member_name=f"Expert {index}",
            device_id=device,
            created_at=now,
        )
        path = folder / f"expert{index}.fieldnotes"
        path.write_bytes(data)
        paths.append(path)
    return lead, paths


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        floors = []
        for attempt in range(3):
            (folder / f"floor{attempt}").mkdir()
            floors.append(floor_seconds(folder / f"floor{attempt}"))
        floor = min(floors)
        lead, paths = make_packages(folder)
        full = []
        for path in paths:
            start = time.perf_counter()
            result = packages.import_package(lead, path)
            full.append(time.perf_counter() - start)
            assert result.summary.added == RECORDS
        start = time.perf_counter()
        again = packages.import_package(lead, paths[0])
        unchanged = time.perf_counter() - start
        assert not again.summary.changed
        # The same content merged again for real: what a re-exported (new bytes) but
        # unchanged package costs, as the digest of the bytes no longer matches.
        start = time.perf_counter()
        merged = packages.import_content(lead, packages.read_package(paths[0]))
        remerged = time.perf_counter() - start
        assert not merged.summary.changed
        lead.close()
    print(f"floor: raw sqlite3 executemany of {RECORDS:,} rows: {floor * 1000:.0f} ms")
    for index, seconds in enumerate(full):
        print(
            f"full import #{index + 1} ({RECORDS:,} records): "
            f"{seconds * 1000:.0f} ms = {seconds / floor:.1f}x floor"
        )
    print(f"unchanged re-import: {unchanged * 1000:.0f} ms = {unchanged / floor:.1f}x floor")
    print(
        f"unchanged content, validated and merged again: {remerged * 1000:.0f} ms = "
        f"{remerged / floor:.1f}x floor"
    )


if __name__ == "__main__":
    main()
