"""Full-text search over notes, meetings, contacts and organisations (SQLite FTS5)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True)
class _Source:
    """One searchable table: how its hits are titled and where they lead."""

    table: str
    snippet_column: int  # -1: the best-matching column
    meeting_id: str  # SQL for the meeting a hit opens (r is the record's row)
    title: str  # SQL for the hit's title, in the user's terms
    joins: str = ""


_SOURCES = {
    "note": _Source(
        "notes",
        0,
        "r.meeting_id",
        "coalesce(mt.title, 'Mission notes') || ' · ' || coalesce(mb.name, '')",
        "LEFT JOIN meetings mt ON mt.id = r.meeting_id LEFT JOIN members mb ON mb.id = r.author_id",
    ),
    "meeting": _Source("meetings", -1, "r.id", "r.date || ' · ' || r.title"),
    "contact": _Source("contacts", -1, "NULL", "r.name"),
    "organisation": _Source("organisations", -1, "NULL", "r.name"),
}


def _statement(source: _Source, scoped: bool) -> str:
    # FTS5 sorts by rank itself and then computes snippets for the rows it returns only;
    # sorting in SQL after a join would compute a snippet for every match. So the best
    # ``window`` matches come from FTS5 alone, and tombstones or other missions are
    # filtered out afterwards (search() widens the window when too many were).
    fts = f"{source.table}_fts"
    scope = "AND r.mission_id = :mission" if scoped else ""
    return f"""
        SELECT r.id, r.mission_id, {source.meeting_id}, {source.title}, best.snip, best.score
        FROM (
            SELECT rowid AS hit, rank AS score,
                   snippet({fts}, {source.snippet_column}, :hs, :he, '…', 16) AS snip
            FROM {fts} WHERE {fts} MATCH :query ORDER BY rank LIMIT :window
        ) AS best
        JOIN {source.table} r ON r.rowid = best.hit
        {source.joins}
        WHERE r.deleted = 0 {scope}
        ORDER BY best.score LIMIT :limit"""


def _count_statement(source: _Source) -> str:
    fts = f"{source.table}_fts"
    return f"SELECT count(*) FROM {fts} WHERE {fts} MATCH :query"


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
    for kind, source in _SOURCES.items():
        statement = text(_statement(source, scoped=mission_id is not None))
        rows = list(session.execute(statement, {**params, "window": limit + 10}))
        if len(rows) < limit:
            # Deleted records or other missions took places in the window: widen it to
            # every match (rare, and then counted first).
            matches = session.scalar(text(_count_statement(source)), params) or 0
            if matches > limit + 10:
                rows = list(session.execute(statement, {**params, "window": matches}))
        for row in rows:
            hits.append(SearchHit(kind, row[0], row[1], row[2], row[3], row[4] or "", row[5]))
    hits.sort(key=lambda hit: hit.rank)
    return hits[:limit]
