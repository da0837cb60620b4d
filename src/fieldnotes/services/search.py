"""Full-text search over notes, meetings, contacts and organisations (SQLite FTS5)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

# (kind, FTS table, SQL giving id, mission_id, meeting_id, title, snippet, rank).
# Titles say where the hit is in the user's terms: the meeting and author of a note.
_QUERIES = {
    "note": """
        SELECT n.id, n.mission_id, n.meeting_id,
               coalesce(mt.title, 'Mission notes') || ' · ' || coalesce(mb.name, ''),
               snippet(notes_fts, 0, :hs, :he, '…', 16), bm25(notes_fts)
        FROM notes_fts JOIN notes n ON n.rowid = notes_fts.rowid
        LEFT JOIN meetings mt ON mt.id = n.meeting_id
        LEFT JOIN members mb ON mb.id = n.author_id
        WHERE notes_fts MATCH :query AND n.deleted = 0 {scope:n}
        ORDER BY bm25(notes_fts) LIMIT :limit""",
    "meeting": """
        SELECT m.id, m.mission_id, m.id, m.date || ' · ' || m.title,
               snippet(meetings_fts, -1, :hs, :he, '…', 16), bm25(meetings_fts)
        FROM meetings_fts JOIN meetings m ON m.rowid = meetings_fts.rowid
        WHERE meetings_fts MATCH :query AND m.deleted = 0 {scope:m}
        ORDER BY bm25(meetings_fts) LIMIT :limit""",
    "contact": """
        SELECT c.id, c.mission_id, NULL, c.name,
               snippet(contacts_fts, -1, :hs, :he, '…', 16), bm25(contacts_fts)
        FROM contacts_fts JOIN contacts c ON c.rowid = contacts_fts.rowid
        WHERE contacts_fts MATCH :query AND c.deleted = 0 {scope:c}
        ORDER BY bm25(contacts_fts) LIMIT :limit""",
    "organisation": """
        SELECT o.id, o.mission_id, NULL, o.name,
               snippet(organisations_fts, -1, :hs, :he, '…', 16), bm25(organisations_fts)
        FROM organisations_fts JOIN organisations o ON o.rowid = organisations_fts.rowid
        WHERE organisations_fts MATCH :query AND o.deleted = 0 {scope:o}
        ORDER BY bm25(organisations_fts) LIMIT :limit""",
}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "note", "meeting", "contact" or "organisation"
    record_id: str
    mission_id: str
    meeting_id: str | None
    title: str
    snippet: str  # matched words between HIGHLIGHT_START and HIGHLIGHT_END
    rank: float

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, highlighted) runs."""
        parts: list[tuple[str, bool]] = []
        for index, chunk in enumerate(
            re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", self.snippet)
        ):
            if chunk:
                parts.append((chunk, index % 2 == 1))
        return parts

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def fts_query(user_text: str) -> str | None:
    """An FTS5 query matching every word of ``user_text`` as a prefix; None if no words.

    Words are quoted, so FTS5 operators typed by the user (AND, NEAR, ``*``, quotes) are
    searched as text instead of raising syntax errors.
    """
    words = re.findall(r"\w+", user_text)
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def search(
    session: Session, user_text: str, *, mission_id: str | None = None, limit: int = 20
) -> list[SearchHit]:
    """The best ``limit`` hits for ``user_text``, best first, optionally in one mission."""
    query = fts_query(user_text)
    if query is None:
        return []
    hits: list[SearchHit] = []
    params = {
        "query": query,
        "limit": limit,
        "hs": HIGHLIGHT_START,
        "he": HIGHLIGHT_END,
        "mission": mission_id,
    }
    for kind, sql in _QUERIES.items():
        alias = sql.split("{scope:")[1][0]
        scope = f"AND {alias}.mission_id = :mission" if mission_id else ""
        statement = text(sql.replace(f"{{scope:{alias}}}", scope))
        for row in session.execute(statement, params):
            hits.append(SearchHit(kind, row[0], row[1], row[2], row[3], row[4] or "", row[5]))
    hits.sort(key=lambda hit: hit.rank)
    return hits[:limit]
