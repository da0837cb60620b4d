"""Property: arbitrary text (in what the font can draw) in any field comes back out of the PDF."""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache
from pathlib import Path

import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldnotes.model import MeetingStatus
from fieldnotes.report import fonts
from fieldnotes.report.builder import build_pdf
from fieldnotes.report.data import (
    MeetingEntry,
    MissionFacts,
    NoteEntry,
    OrganisationEntry,
    Person,
    ReportData,
    TeamMember,
)
from fieldnotes.report.glyphs import clean_text
from fieldnotes.report.options import Edition, ReportOptions, Section

from .conftest import squash

# Markdown markers are left out of note text here (test_markup covers them); right-to-left
# scripts too: ReportLab draws them in logical order and pypdf reverses them on extraction.
MARKDOWN = set("*#-")
RTL = {"R", "AL", "AN"}
# Marks of right-to-left scripts are neutral themselves, but pypdf reorders them with their
# block.
RTL_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def _rtl(code: int) -> bool:
    return unicodedata.bidirectional(chr(code)) in RTL or any(
        low <= code <= high for low, high in RTL_BLOCKS
    )


@cache
def drawable() -> list[str]:
    fonts.register_fonts()
    return sorted(
        chr(c)
        for c in fonts.regular_coverage()
        if unicodedata.category(chr(c))[0] in "LMNPSZ"
        and unicodedata.category(chr(c)) not in {"Zl", "Zp"}
        and not _rtl(c)
        and chr(c) not in MARKDOWN
    )


def field() -> st.SearchStrategy[str]:
    text = st.text(alphabet=st.sampled_from(drawable()), min_size=1, max_size=40)
    # A field must show something: all-whitespace values are not interesting here.
    return text.filter(lambda t: t.strip() != "")


def report_data(
    title: str, name: str, meeting: str, venue: str, note: str, organisation: str, person: str
) -> ReportData:
    day = dt.date(2026, 5, 12)
    return ReportData(
        mission=MissionFacts(
            title=title,
            programme="",
            components=(),
            host_country="",
            city="",
            start_date=day,
            end_date=day,
            timezone="Europe/Minsk",
            objectives="",
            summary="",
            conclusions="",
            recommendations="",
        ),
        edition=Edition.INTERNAL,
        report_date=day,
        data_timestamp=dt.datetime(2026, 5, 12, tzinfo=dt.UTC),
        members=(TeamMember("m1", name, "", "", "Expert"),),
        organisations=(OrganisationEntry("o1", organisation, "", "Other", ""),),
        contacts=(Person("c1", person, "", "o1", "", "", "", False),),
        meetings=(
            MeetingEntry(
                id="g1",
                date=day,
                start_time=None,
                end_time=None,
                title=meeting,
                kind="Meeting",
                venue=venue,
                agenda="",
                status=MeetingStatus.HELD,
                organisation_ids=("o1",),
                contact_ids=("c1",),
                member_ids=("m1",),
                notes=(NoteEntry("n1", "m1", "g1", note, False, False, ()),),
                actions=(),
            ),
        ),
        feedback=(),
        actions=(),
    )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=field(),
    name=field(),
    meeting=field(),
    venue=field(),
    note=field(),
    organisation=field(),
    person=field(),
)
def test_any_text_in_any_field_extracts_back(
    tmp_path: Path,
    title: str,
    name: str,
    meeting: str,
    venue: str,
    note: str,
    organisation: str,
    person: str,
) -> None:
    values = [title, name, meeting, venue, note, organisation, person]
    # Lines that read as a numbered list item lose their "1." marker, by design.
    note = "\n".join(f"x{line}" for line in note.split("\n"))
    values[4] = note
    # What content.gather_report_data does to every field before the builder sees it.
    values = [clean_text(v) for v in values]
    target = tmp_path / "property.pdf"
    sections = frozenset({Section.OVERVIEW, Section.MEETINGS, Section.PERSONS_MET})
    options = ReportOptions(edition=Edition.INTERNAL, sections=sections)
    result = build_pdf(report_data(*values), options, target)
    assert result.glyph_warnings == ()
    text = squash("".join(page.extract_text() for page in pypdf.PdfReader(target).pages))
    for value in values:
        assert squash(value) in text, value
