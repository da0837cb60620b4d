"""The consolidated report read back from the PDF (pypdf): contents, editions, scripts, safety."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pypdf
import pytest

from fieldnotes.errors import Cancelled, ReportError
from fieldnotes.report.markup import parse_blocks
from fieldnotes.report.options import Edition, PageSize, ReportOptions, Section
from fieldnotes.services.report import export_report
from fieldnotes.store import Database

from .conftest import (
    CONTACT_HY,
    CONTACT_KA,
    CONTACT_RU,
    EXPERT_AZ,
    EXPERT_RO,
    LEAD,
    MissionFixture,
    body_text,
    page_texts,
    squash,
    write_mission,
)

INTERNAL = ReportOptions(edition=Edition.INTERNAL)
EXTERNAL = ReportOptions(edition=Edition.EXTERNAL)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """User text such as <img src=http://...> must never make the builder reach out."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the report builder tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def export(db: Database, fx: MissionFixture, tmp_path: Path, options: ReportOptions) -> Path:
    path = tmp_path / f"{options.edition.value}.pdf"
    result = export_report(db, fx.mission_id, path, options)
    assert path.is_file()
    assert result.page_count == len(pypdf.PdfReader(path).pages)
    return path


def positions(text: str, needles: list[str]) -> list[int]:
    """Where each needle occurs after the previous one (-1: not found in that order)."""
    squashed = squash(text)
    found: list[int] = []
    cursor = 0
    for needle in needles:
        at = squashed.find(squash(needle), cursor)
        found.append(at)
        cursor = max(cursor, at)
    return found


def test_section_headings_in_order(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    text = body_text(export(db, mission, tmp_path, INTERNAL), first_page=3)
    headings = [
        "1 Mission overview",
        "2 Programme of the mission",
        "3 Meetings",
        *[f"3.{n} {title}" for n, title in enumerate(mission.held_titles, start=1)],
        "4 Findings by topic",
        "Labour migration",
        "Work permits",
        "Other findings",
        "5 Experts' feedback",
        "6 Conclusions and recommendations",
        "7 Follow-up actions",
        "Annex A Persons met",
        "Annex B Abbreviations",
    ]
    found = positions(text, headings)
    assert -1 not in found, [h for h, p in zip(headings, found, strict=True) if p < 0]


def test_outline_and_metadata(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    reader = pypdf.PdfReader(export(db, mission, tmp_path, INTERNAL))

    def titles(entries: list) -> list[str]:  # type: ignore[type-arg]
        out: list[str] = []
        for entry in entries:
            out += titles(entry) if isinstance(entry, list) else [entry.title]
        return out

    outline = titles(reader.outline)
    for n, title in enumerate(mission.held_titles, start=1):
        assert f"3.{n}  {title}" in outline
    assert "7  Follow-up actions" in outline
    assert reader.metadata is not None
    assert reader.metadata.title == mission.title
    assert LEAD in (reader.metadata.author or "")
    assert "internal" in (reader.metadata.subject or "")


def test_every_note_under_its_author_in_internal_edition(
    db: Database, mission: MissionFixture, tmp_path: Path
) -> None:
    text = squash(body_text(export(db, mission, tmp_path, INTERNAL), first_page=3))
    meetings_start = text.find(squash("3 Meetings"))
    bounds = [
        text.find(squash(f"3.{n} {t}"), meetings_start)
        for n, t in enumerate(mission.held_titles, start=1)
    ]
    bounds.append(text.find(squash("4 Findings by topic")))
    for meeting_title, author, note_text, _internal, _key in mission.notes:
        if meeting_title is None:
            start, end = text.find(squash("5 Experts' feedback")), len(text)
        else:
            index = mission.held_titles.index(meeting_title)
            start, end = bounds[index], bounds[index + 1]
        section = text[start:end]
        author_at = section.find(squash(author))
        assert author_at >= 0, (author, meeting_title)
        cursor = author_at
        for block in parse_blocks(note_text):
            found = section.find(squash(block.plain), cursor)
            assert found > author_at, (block.plain, meeting_title)
            cursor = found


def test_external_edition_leaves_out_internal_material(
    db: Database, mission: MissionFixture, tmp_path: Path
) -> None:
    external = squash("\n".join(page_texts(export(db, mission, tmp_path, EXTERNAL))))
    for secret in mission.internal_texts + mission.private_details:
        assert squash(secret) not in external, secret
    assert "@" not in external
    assert "Internal" not in external.replace(squash("External"), "")
    for _meeting, _author, text, internal, _key in mission.notes:
        if not internal:
            assert squash(parse_blocks(text)[0].plain) in external
    internal = squash("\n".join(page_texts(export(db, mission, tmp_path, INTERNAL))))
    for secret in mission.internal_texts + mission.private_details:
        assert squash(secret) in internal, secret


def test_internal_edition_says_internal_on_every_page(
    db: Database, mission: MissionFixture, tmp_path: Path
) -> None:
    for text in page_texts(export(db, mission, tmp_path, INTERNAL)):
        assert "Internal" in text or "INTERNAL" in text


def test_page_n_of_m_on_every_page(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    pages = page_texts(export(db, mission, tmp_path, INTERNAL))
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        match = re.search(r"Page (\d+) of\s*(\d+)", text)
        assert match is not None, number
        assert (int(match[1]), int(match[2])) == (number, len(pages))


def test_contents_page_numbers_point_at_the_headings(
    db: Database, mission: MissionFixture, tmp_path: Path
) -> None:
    path = export(db, mission, tmp_path, INTERNAL)
    pages = page_texts(path)
    contents = pages[1]
    for title in ("7 Follow-up actions", "Annex B Abbreviations", f"3.3 {mission.held_titles[2]}"):
        # The dot leaders and the number (a form) are drawn by a callback that runs before
        # the line's text is written, so they come first in the extracted text.
        pattern = r"(\d+)\s+" + r"\s+".join(map(re.escape, title.split()))
        match = re.search(pattern, contents)
        number = int(match[1]) if match else None
        target = next(i for i, t in enumerate(pages[2:], start=3) if squash(title) in squash(t))
        assert number == target, title


def test_mixed_scripts_extract_exactly(
    db: Database, mission: MissionFixture, tmp_path: Path
) -> None:
    text = "\n".join(page_texts(export(db, mission, tmp_path, INTERNAL)))
    for name in (LEAD, EXPERT_RO, EXPERT_AZ, CONTACT_RU, CONTACT_KA, CONTACT_HY):
        assert name in text, name
    for character in "őűșțəğı":
        assert character in text


HOSTILE = [
    "a<b",
    "x <y> z",
    "AT&T",
    "&amp; &nbsp; &#65;",
    '<img src="{probe}"/>',
    '<a href="http://198.51.100.7/track">click</a>',
    "<para>",
    "</b> <font size=40>",
    "price **high and *low",
    "5 * 3 = 15",
]


def test_hostile_text_comes_out_verbatim(db: Database, tmp_path: Path) -> None:
    probe = tmp_path / "probe.png"  # never created: reading it would raise
    lines = [line.format(probe=probe) for line in HOSTILE]
    fx = write_mission(db, extra_note="\n\n".join(lines))
    text = body_text(export(db, fx, tmp_path, INTERNAL), first_page=3)
    for line in lines:
        assert squash(line) in squash(text), line
    assert not probe.exists()


def test_hostile_text_in_titles_and_names(db: Database, tmp_path: Path) -> None:
    from fieldnotes.services.missions import update_mission
    from fieldnotes.services.team import add_member

    fx = write_mission(db)
    with db.session() as s:
        update_mission(s, fx.mission_id, title="Mission <b>AT&T</b> & <img src=x>")
        add_member(s, fx.mission_id, name="Eve <i>&lt;", country="<para>")
    text = "\n".join(page_texts(export(db, fx, tmp_path, INTERNAL)))
    assert "Mission <b>AT&T</b> & <img src=x>" in text
    assert "Eve <i>&lt;" in text
    assert "<para>" in text


def test_rebuild_is_byte_identical(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    first = export_report(db, mission.mission_id, tmp_path / "a.pdf", INTERNAL)
    second = export_report(db, mission.mission_id, tmp_path / "b.pdf", INTERNAL)
    assert first.path.read_bytes() == second.path.read_bytes()


def test_cancelled_meeting_only_in_programme(
    db: Database, mission: MissionFixture, tmp_path: Path
) -> None:
    text = squash(body_text(export(db, mission, tmp_path, INTERNAL), first_page=3))
    programme = text[text.find(squash("2 Programme")) : text.find(squash("3 Meetings"))]
    assert squash(mission.cancelled_title) in programme
    assert squash("Cancelled") in programme
    assert text.count(squash(mission.cancelled_title)) == 1


def test_letter_page_size(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    path = export(db, mission, tmp_path, ReportOptions(page_size=PageSize.LETTER))
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_sections_can_be_left_out(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    options = ReportOptions(sections=frozenset({Section.MEETINGS}), title="Short version")
    text = "\n".join(page_texts(export(db, mission, tmp_path, options)))
    assert "Short version" in text
    assert "1  Meetings" in text or "1 Meetings" in text
    assert "Programme of the mission" not in text
    assert "Contents" not in text


def test_undrawable_characters_are_reported_and_export_succeeds(
    db: Database, tmp_path: Path
) -> None:
    fx = write_mission(db, extra_note="Chinese 中文 and an emoji 😀 and Arabic in italic *سلام*")
    result = export_report(db, fx.mission_id, tmp_path / "r.pdf", INTERNAL)
    found = {w.character: w for w in result.glyph_warnings}
    assert set(found) == {"中", "文"}
    assert found["中"].codepoint == "U+4E2D"
    assert "Round table with IOM" in found["中"].location
    assert LEAD in found["中"].location
    assert "Chinese" in found["中"].context
    text = "\n".join(page_texts(result.path))
    assert "Chinese \ufffd\ufffd" in text
    # Beyond U+FFFF (fixed ToUnicode map) and the upright fallback for italic Arabic.
    assert "😀" in text
    # pypdf reverses right-to-left runs; either way no glyph is lost (\x00 = notdef)
    assert "سلام" in text or "سلام"[::-1] in text
    assert "\x00" not in text


def test_progress_and_cancel(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "r.pdf"
    export_report(
        db, mission.mission_id, target, INTERNAL, progress=lambda d, t: seen.append((d, t))
    )
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(0 <= d <= t for d, t in seen)

    before = target.read_bytes()
    calls = iter(range(1000))
    with pytest.raises(Cancelled):
        export_report(db, mission.mission_id, target, EXTERNAL, cancelled=lambda: next(calls) > 3)
    assert target.read_bytes() == before  # untouched
    assert not list(tmp_path.glob("*.part"))  # no temporary file left


def test_unwritable_folder_and_bad_logo_are_user_errors(
    db: Database, mission: MissionFixture, tmp_path: Path
) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        export_report(db, mission.mission_id, tmp_path / "missing" / "r.pdf")
    bad_logo = tmp_path / "logo.png"
    bad_logo.write_text("not an image")
    with pytest.raises(ReportError, match="logo"):
        export_report(db, mission.mission_id, tmp_path / "r.pdf", ReportOptions(logo=bad_logo))


def test_logo_on_cover(db: Database, mission: MissionFixture, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), "navy").save(logo)
    path = export(db, mission, tmp_path, ReportOptions(logo=logo))
    resources = pypdf.PdfReader(path).pages[0]["/Resources"]
    assert "/XObject" in resources
