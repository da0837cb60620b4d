"""Report export speed and memory against a bare-ReportLab floor.

A generated large mission (300 meetings, 3 experts, about 1 MB of note text) is exported as
the internal edition; the floor lays out the same note text as plain ReportLab paragraphs in
the same font, with nothing else. Each run is a child process, so that its peak memory
(maximum resident set size) is its own. Both are timed from modules already imported to the
PDF written, with the same stream encoding (no ASCII85, as the report writes).

A second floor, "formatted", sets the same text as the report shows it: bold and italic
runs in their faces and list items as bulleted paragraphs (what ReportLab costs for that
text, still without headings, tables or page furniture). The aim is stated against the
plain floor; the formatted one says how much of the gap is the text's own formatting.

    PYTHONPATH=src python benchmarks/report_benchmark.py [--meetings 300] [--repeat 3]

Aims (issue 3): the report reaches at least 80 % of the floor's pages per second, and peaks
under 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "migration",
    "labour",
    "permit",
    "licence",
    "recruitment",
    "agency",
    "readmission",
    "border",
    "statistics",
    "ministry",
    "employment",
    "pension",
    "portability",
    "counter-trafficking",
    "registration",
    "quota",
    "procedure",
    "agreement",
    "cooperation",
    "Kőműves",
    "Ștefănescu",
    "Məmmədova",
    "миграция",
    "граница",
    "трудовой",
    "მიგრაცია",
    "Հայաստան",
    "data",
    "office",
    "visa",
    "residence",
    "return",
    "integration",
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    return " ".join(words).capitalize() + "."


def _note_text(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        if rng.random() < 0.2:
            parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(3)))
        else:
            parts.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))))
    return "\n\n".join(parts)


def generate(data_dir: Path, meetings: int, note_size: int) -> str:
    """Write the large mission through the services; return its id."""
    from fieldnotes.model import MeetingStatus
    from fieldnotes.services.actions import add_action
    from fieldnotes.services.counterparts import add_contact, add_organisation
    from fieldnotes.services.itinerary import add_meeting
    from fieldnotes.services.missions import create_mission
    from fieldnotes.services.notes import create_note
    from fieldnotes.services.team import add_member
    from fieldnotes.services.topics import ensure_topic
    from fieldnotes.store import Database

    rng = random.Random(3)
    db = Database.open(data_dir)
    with db.session() as s:
        mission = create_mission(
            s,
            lead=False,
            title="Large benchmark mission",
            programme="Prague Process",
            host_country="Belarus",
            city="Minsk",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 3, 31),
            timezone="Europe/Minsk",
            objectives=_note_text(rng, 600),
        )
        members = [
            add_member(s, mission.id, name=name, country=country).id
            for name, country in (
                ("Zoltán Kőműves", "Hungary"),
                ("Ioana Ștefănescu", "Romania"),
                ("Anna Virtanen", "Finland"),
            )
        ]
        organisations = [
            add_organisation(s, mission.id, name=f"Organisation {i}", acronym=f"ORG{i}").id
            for i in range(30)
        ]
        contacts = [
            add_contact(
                s,
                mission.id,
                organisation_id=organisations[i % 30],
                name=f"Контакт {i}",
                position="Head of unit",
            ).id
            for i in range(60)
        ]
        topics = [ensure_topic(s, f"Topic {i}").id for i in range(8)]
        for number in range(meetings):
            meeting = add_meeting(
                s,
                mission.id,
                date=dt.date(2026, 1, 1) + dt.timedelta(days=number // 4),
                start_time=dt.time(9 + 2 * (number % 4)),
                end_time=dt.time(10 + 2 * (number % 4)),
                title=f"Meeting {number + 1} with {rng.choice(WORDS)}",
                venue="Minsk",
                status=MeetingStatus.HELD,
                organisation_ids=[organisations[number % 30]],
                contact_ids=[contacts[number % 60]],
                member_ids=members,
            )
            for author in members:
                create_note(
                    s,
                    mission.id,
                    meeting_id=meeting.id,
                    author_id=author,
                    text=_note_text(rng, note_size),
                    key_finding=rng.random() < 0.1,
                    topic_ids=[rng.choice(topics)],
                )
            if number % 5 == 0:
                add_action(
                    s,
                    mission.id,
                    text=_sentence(rng),
                    meeting_id=meeting.id,
                    owner_member_id=members[0],
                )
        for author in members:
            create_note(s, mission.id, author_id=author, text=_note_text(rng, 3000))
        mission_id = mission.id
    db.close()
    return mission_id


def run_report(data_dir: Path, mission_id: str, out: Path) -> dict[str, float]:
    import fieldnotes.report.builder  # noqa: F401 (imported before timing, as the floor's)
    from fieldnotes.report.options import Edition, ReportOptions
    from fieldnotes.services.report import export_report
    from fieldnotes.store import Database

    db = Database.open(data_dir)
    started, cpu = time.perf_counter(), time.process_time()
    result = export_report(db, mission_id, out, ReportOptions(edition=Edition.INTERNAL))
    return {
        "pages": result.page_count,
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
    }


def run_floor(
    data_dir: Path, mission_id: str, out: Path, formatted: bool = False
) -> dict[str, float]:
    """The same note text as bare paragraphs, same font and size: ReportLab's own speed."""
    from xml.sax.saxutils import escape

    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from sqlalchemy import select

    from fieldnotes.model import Note
    from fieldnotes.paths import resource
    from fieldnotes.report.markup import BlockKind, parse_blocks, runs_to_markup
    from fieldnotes.store import Database

    db = Database.open(data_dir)
    with db.session() as s:
        texts = list(s.scalars(select(Note.text).where(Note.mission_id == mission_id)))
    # Markup made before timing: the floor's cost is ReportLab's alone.
    blocks = [
        (runs_to_markup(b.runs), b.kind is not BlockKind.PARAGRAPH)
        for text in texts
        for b in parse_blocks(text)
    ]
    rl_config.useA85 = 0
    started, cpu = time.perf_counter(), time.process_time()
    faces = {"": "DejaVuSans.ttf"}
    if formatted:
        faces |= {
            "-Bold": "DejaVuSans-Bold.ttf",
            "-Italic": "DejaVuSans-Oblique.ttf",
            "-BoldItalic": "DejaVuSans-BoldOblique.ttf",
        }
    for suffix, file_name in faces.items():
        pdfmetrics.registerFont(TTFont(f"FloorSans{suffix}", str(resource("fonts", file_name))))
    if formatted:
        pdfmetrics.registerFontFamily(
            "FloorSans",
            normal="FloorSans",
            bold="FloorSans-Bold",
            italic="FloorSans-Italic",
            boldItalic="FloorSans-BoldItalic",
        )
    style = ParagraphStyle("floor", fontName="FloorSans", fontSize=10, leading=14, spaceAfter=5)
    if formatted:
        item = ParagraphStyle("item", style, leftIndent=14, bulletIndent=2, spaceAfter=2)
        story = [
            Paragraph(markup, item, bulletText="•") if listed else Paragraph(markup, style)
            for markup, listed in blocks
        ]
    else:
        story = [Paragraph(escape(block), style) for text in texts for block in text.split("\n\n")]
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=24 * mm,
        bottomMargin=20 * mm,
        invariant=1,
    )
    doc.build(story)
    return {
        "pages": doc.page,
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
    }


def child(mode: str, data_dir: Path, mission_id: str, out: Path) -> None:
    if mode == "report":
        figures = run_report(data_dir, mission_id, out)
    else:
        figures = run_floor(data_dir, mission_id, out, formatted=mode == "formatted")
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def measure(mode: str, data_dir: Path, mission_id: str, out: Path) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(data_dir), mission_id, str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=300)
    parser.add_argument("--note-size", type=int, default=1150, help="characters per note")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, data_dir, mission_id, out = args.child
        child(mode, Path(data_dir), mission_id, Path(out))
        return

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.perf_counter()
        mission_id = generate(root / "profile", args.meetings, args.note_size)
        print(f"generated {args.meetings} meetings in {time.perf_counter() - started:.1f} s")
        results: dict[str, dict[str, float]] = {}
        for mode in ("floor", "formatted", "report"):
            runs = [
                measure(mode, root / "profile", mission_id, root / f"{mode}.pdf")
                for _ in range(args.repeat)
            ]
            best = min(runs, key=lambda r: r["cpu"])
            best["peak_mb"] = max(r["peak_mb"] for r in runs)
            results[mode] = best
            size = (root / f"{mode}.pdf").stat().st_size / 1e6
            print(
                f"{mode:>9}: {best['pages']:.0f} pages in {best['cpu']:.2f} s CPU "
                f"({best['seconds']:.2f} s wall) = {best['pages'] / best['cpu']:.0f} pages/s, "
                f"peak {best['peak_mb']:.0f} MB, {size:.1f} MB file"
            )
        report = results["report"]
        # CPU time, not wall time: the machines this runs on are shared, and a neighbour's
        # load would otherwise decide the ratio.
        speed = {mode: r["pages"] / r["cpu"] for mode, r in results.items()}
        ratio = speed["report"] / speed["floor"]
        print(f"    ratio: report/floor pages per second = {ratio:.2f} (aim >= 0.80)")
        formatted_ratio = speed["report"] / speed["formatted"]
        print(f"           report/formatted floor = {formatted_ratio:.2f}")
        print(f"     peak: {report['peak_mb']:.0f} MB (aim < 300 MB)")


if __name__ == "__main__":
    main()
