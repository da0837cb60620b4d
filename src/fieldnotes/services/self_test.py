"""``fieldnotes self-test``: a headless end-to-end run that proves an installation works.

It runs from source and from the frozen bundle alike, in a temporary profile: the demo
mission, notes in every script by two members, a package exported and merged into a second
profile and back, both report editions, and a check of the PDFs' text and embedded fonts.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fieldnotes.errors import FieldnotesError

# Words in every script the report must draw (Latin diacritics, Cyrillic, Georgian, Armenian).
SCRIPT_SAMPLE = "Kőműves ștefănescu ğı ə · Ковалёва · საქართველო · Հայաստան"
INTERNAL_SAMPLE = "Self-test internal remark 7341"
LEAD_SAMPLE = "Self-test lead note 5519"
EXPERT_SAMPLE = "Self-test expert note 2286"
SHIPPED_FONT = "DejaVuSans"


class SelfTestFailure(FieldnotesError):
    """One step of the self-test did not do what it should."""


@dataclass
class SelfTestReport:
    steps: list[str] = field(default_factory=list)

    def passed(self, step: str) -> None:
        self.steps.append(step)


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text_and_fonts(path: Path) -> tuple[str, set[str], set[str]]:
    """The text of a PDF, the fonts it embeds and the fonts it uses without embedding."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    embedded: set[str] = set()
    missing: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        if not fonts:
            continue
        for font_ref in fonts.get_object().values():
            font = font_ref.get_object()
            name = str(font.get("/BaseFont", "?"))
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0].get_object() if descendants else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else None
            has_file = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            (embedded if has_file else missing).add(re.sub(r"^/?[A-Z]{6}\+", "", name.lstrip("/")))
    return text, embedded, missing


@contextmanager
def _profile_folder(base: Path | None) -> Iterator[Path]:
    if base is not None:
        base.mkdir(parents=True, exist_ok=True)
        yield base
        return
    with tempfile.TemporaryDirectory(prefix="fieldnotes-self-test-") as folder:
        yield Path(folder)


def run_self_test(base: Path | None = None, say: Callable[[str], None] = print) -> SelfTestReport:
    """Run every step; raise SelfTestFailure naming the first step that failed."""
    from fieldnotes.model import MemberRole
    from fieldnotes.report.options import Edition, ReportOptions
    from fieldnotes.services import notes, packages, report, team
    from fieldnotes.services.demo import write_demo
    from fieldnotes.services.profile import save_profile
    from fieldnotes.store import Database

    result = SelfTestReport()

    def step(name: str) -> None:
        result.passed(name)
        say(f"ok: {name}")

    with _profile_folder(base) as folder:
        lead_db = Database.open(folder / "lead")
        expert_db = Database.open(folder / "expert")
        try:
            with lead_db.session() as session:
                mission_id = write_demo(session, today=dt.date(2026, 5, 15), set_profile=True)
                members = team.list_members(session, mission_id)
            step("demo mission written")

            expert = next(m for m in members if m.role != MemberRole.TEAM_LEAD)
            with lead_db.session() as session:
                meeting_id = _first_meeting(session, mission_id)
                written = notes.create_note(session, mission_id, meeting_id=meeting_id)
                notes.save_note_text(session, written.id, f"{LEAD_SAMPLE}: {SCRIPT_SAMPLE}")
                notes.create_note(
                    session, mission_id, meeting_id=meeting_id, text=INTERNAL_SAMPLE, internal=True
                )
            step("notes written by the team lead")

            package = folder / "lead.fieldnotes"
            packages.export_package(lead_db, mission_id, package)
            with expert_db.session() as session:
                save_profile(session, name=expert.name, country=expert.country)
            imported = packages.import_package(expert_db, package, member=expert.id)
            if imported.summary.mission_id != mission_id:
                raise SelfTestFailure("the package did not carry the mission")
            with expert_db.session() as session:
                note = notes.create_note(session, mission_id, meeting_id=meeting_id)
                notes.save_note_text(session, note.id, EXPERT_SAMPLE)
            step(f"package imported by {expert.name}, who wrote a note")

            reply = folder / "expert.fieldnotes"
            packages.export_package(expert_db, mission_id, reply)
            packages.import_package(lead_db, reply)
            with lead_db.session() as session:
                texts = [n.text for n in notes.notes_for_meeting(session, meeting_id)]
            if EXPERT_SAMPLE not in texts:
                raise SelfTestFailure("the expert's note did not arrive in the lead's profile")
            step("expert's package merged back into the lead's profile")

            for edition in (Edition.INTERNAL, Edition.EXTERNAL):
                path = folder / f"report-{edition.value}.pdf"
                built = report.export_report(
                    lead_db, mission_id, path, ReportOptions(edition=edition)
                )
                if built.glyph_warnings:
                    raise SelfTestFailure(f"{edition.value} report cannot draw some characters")
                _check_pdf(path, edition is Edition.INTERNAL)
                step(f"{edition.value} report: {built.page_count} pages, text and fonts checked")
        finally:
            lead_db.close()
            expert_db.close()
    return result


def _first_meeting(session: object, mission_id: str) -> str:
    from sqlalchemy.orm import Session

    from fieldnotes.model import MeetingStatus
    from fieldnotes.services.itinerary import list_meetings

    assert isinstance(session, Session)
    held = [m for m in list_meetings(session, mission_id) if m.status == MeetingStatus.HELD]
    if not held:
        raise SelfTestFailure("the demo mission has no held meeting")
    return held[0].id


def _check_pdf(path: Path, internal: bool) -> None:
    text, embedded, missing = pdf_text_and_fonts(path)
    flat = _normalised(text)
    expected = [LEAD_SAMPLE, EXPERT_SAMPLE, *SCRIPT_SAMPLE.split(" · ")]
    for sample in expected:
        if _normalised(sample) not in flat:
            raise SelfTestFailure(f"{path.name}: the text {sample!r} is missing")
    if internal != (INTERNAL_SAMPLE in flat):
        where = "missing from" if internal else "leaked into"
        raise SelfTestFailure(f"{path.name}: the internal remark is {where} the report")
    if missing:
        raise SelfTestFailure(f"{path.name}: fonts not embedded: {sorted(missing)}")
    foreign = {name for name in embedded if not name.startswith(SHIPPED_FONT)}
    if not embedded or foreign:
        raise SelfTestFailure(f"{path.name}: fonts other than the shipped ones: {sorted(foreign)}")
