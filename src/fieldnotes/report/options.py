"""What the user chooses for one report: edition, page size, sections, title, logo.

Kept free of ReportLab so that the export dialog can import it at window start-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Edition(StrEnum):
    EXTERNAL = "external"  # shared with counterparts: nothing flagged internal
    INTERNAL = "internal"  # everything, marked "Internal" on every page


class PageSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class Section(StrEnum):
    """The optional parts of the report, in the order they appear (the cover always does)."""

    CONTENTS = "contents"
    OVERVIEW = "overview"
    PROGRAMME = "programme"
    MEETINGS = "meetings"
    FINDINGS = "findings"
    FEEDBACK = "feedback"
    CONCLUSIONS = "conclusions"
    ACTIONS = "actions"
    PERSONS_MET = "persons_met"
    ABBREVIATIONS = "abbreviations"
    PHOTOS = "photos"


SECTION_LABELS: dict[Section, str] = {
    Section.CONTENTS: "Table of contents",
    Section.OVERVIEW: "Mission overview",
    Section.PROGRAMME: "Programme of the mission",
    Section.MEETINGS: "Meetings",
    Section.FINDINGS: "Findings by topic",
    Section.FEEDBACK: "Experts' feedback",
    Section.CONCLUSIONS: "Conclusions and recommendations",
    Section.ACTIONS: "Follow-up actions",
    Section.PERSONS_MET: "Annex: persons met",
    Section.ABBREVIATIONS: "Annex: abbreviations",
    Section.PHOTOS: "Annex: photos",
}

EDITION_LABELS: dict[Edition, str] = {
    Edition.EXTERNAL: "External — for counterparts",
    Edition.INTERNAL: "Internal — not for distribution",
}


@dataclass(frozen=True)
class ReportOptions:
    """Choices for one export; the defaults give the external A4 report with every section."""

    edition: Edition = Edition.EXTERNAL
    page_size: PageSize = PageSize.A4
    sections: frozenset[Section] = field(default_factory=lambda: frozenset(Section))
    title: str | None = None  # replaces the mission title on the cover and in the header
    logo: Path | None = None  # image shown on the cover (PNG or JPEG)
    # The date printed in the footer and stored as the PDF's creation date. None: the date of
    # the newest change to the mission's data, so that the same data gives the same bytes.
    report_date: dt.date | None = None

    def includes(self, section: Section) -> bool:
        return section in self.sections
