"""The report's parts, in order, as platypus flowables (DESIGN.md §5, design/look.md).

Every piece of user text goes through :class:`~fieldnotes.report.paragraphs.UserText`;
only the fixed wording of the report is written here as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    TableStyle,
)

from fieldnotes.model import MeetingStatus
from fieldnotes.report import dates
from fieldnotes.report.data import (
    ActionEntry,
    AttachmentEntry,
    BlobReader,
    MeetingEntry,
    NoteEntry,
    OrganisationEntry,
    Person,
    ReportData,
    TeamMember,
)
from fieldnotes.report.document import Bookmark, Heading, contents_line
from fieldnotes.report.facts import FactsTable
from fieldnotes.report.options import EDITION_LABELS, Edition, ReportOptions, Section
from fieldnotes.report.paragraphs import Para as Paragraph
from fieldnotes.report.paragraphs import UserText
from fieldnotes.report.photos import Photo, photo_size
from fieldnotes.report.styles import (
    ACCENT,
    ACCENT_TINT,
    INTERNAL,
    INTERNAL_HEX,
    MUTED_HEX,
    ReportTable,
    Styles,
    finding_box_style,
    internal_box_style,
    table_style,
)

NO_TOPIC = "Other findings"
ANNEX_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Below a photo: its caption and where it was taken, a line or three.
CAPTION_ROOM = 18 * mm


def _join(parts: Iterable[str], separator: str = " · ") -> str:
    return separator.join(p for p in parts if p)


class ReportStory:
    """Builds the flowables of one report; :attr:`bookmarks` lists its headings in order."""

    def __init__(
        self,
        data: ReportData,
        options: ReportOptions,
        styles: Styles,
        text: UserText,
        width: float,
        height: float,
        blobs: BlobReader | None = None,
    ) -> None:
        self.data = data
        self.options = options
        self.styles = styles
        self.text = text
        self.width = width
        self.height = height  # of the body frame
        self.blobs = blobs
        self.bookmarks: list[Bookmark] = []
        self.internal = data.edition is Edition.INTERNAL
        # Fixed first, like the annex letters: the programme links to meeting sections.
        self._meeting_keys: dict[str, str] = {}
        if options.includes(Section.MEETINGS):
            held = [m for m in data.meetings if m.has_section]
            self._meeting_keys = {m.id: f"m{number}" for number, m in enumerate(held, start=1)}
        self._meeting_numbers: dict[str, str] = {}
        self._section_number = 0
        self._fact_labels: dict[str, Paragraph] = {}
        # Meeting sections refer to the photo annex, built after them: letters are fixed first.
        self._annex_letters = {
            section: ANNEX_LETTERS[number] for number, section in enumerate(self._annexes())
        }
        self._photo_numbers = {
            photo.id: number for number, photo in enumerate(data.photos, start=1)
        }

    # -- the whole ---------------------------------------------------------------------------

    def flowables(self) -> list[Flowable]:
        """Cover, contents, then every included section, each from a new page."""
        parts: list[tuple[Section, Callable[[], list[Flowable]]]] = [
            (Section.OVERVIEW, self.overview),
            (Section.PROGRAMME, self.programme),
            (Section.MEETINGS, self.meetings),
            (Section.FINDINGS, self.findings),
            (Section.FEEDBACK, self.feedback),
            (Section.CONCLUSIONS, self.conclusions),
            (Section.ACTIONS, self.actions_table),
            (Section.PERSONS_MET, self.persons_met),
            (Section.ABBREVIATIONS, self.abbreviations),
            (Section.PHOTOS, self.photos),
        ]
        story = self.cover()
        body: list[Flowable] = []
        for section, build in parts:
            if not self.options.includes(section):
                continue
            flowables = build()
            if flowables:
                body += [PageBreak(), *flowables]
        if self.options.includes(Section.CONTENTS):
            story += [PageBreak(), *self.contents()]
        return story + body

    # -- headings ----------------------------------------------------------------------------

    def _heading(
        self, title: str, style_level: int, outline_level: int, key: str, where: str | None
    ) -> Heading:
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[style_level]
        if where is None:  # fixed wording of the report, not user text
            markup = title
            plain = title
        else:
            plain = self.text.checker.check(title, where)
            markup = self.text.markup(plain, where, style)
        bookmark = Bookmark(key, plain, markup, outline_level)
        self.bookmarks.append(bookmark)
        return Heading(markup, style, bookmark)

    def _section_heading(self, title: str, key: str) -> Heading:
        self._section_number += 1
        return self._heading(f"{self._section_number}  {title}", 0, 0, key, None)

    def _annexes(self) -> list[Section]:
        """The annexes that appear, in order (each is lettered A, B, ...)."""
        shown = {
            Section.PERSONS_MET: True,
            Section.ABBREVIATIONS: any(o.acronym for o in self.data.organisations),
            Section.PHOTOS: bool(self.data.photos or self.data.documents),
        }
        return [s for s, present in shown.items() if present and self.options.includes(s)]

    def _annex_heading(self, section: Section, title: str, key: str) -> Heading:
        letter = self._annex_letters[section]
        return self._heading(f"Annex {letter}  {title}", 0, 0, key, None)

    def _sub_heading(self, title: str) -> Paragraph:
        return Paragraph(title, self.styles.h2)

    def _muted(self, wording: str) -> Paragraph:
        return Paragraph(wording, self.styles.muted)

    # -- cover and contents ------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        mission = self.data.mission
        styles = self.styles
        story: list[Flowable] = [NextPageTemplate("body")]
        if self.options.logo is not None:
            story += [_logo(self.options.logo), Spacer(1, 8 * mm)]
        else:
            story.append(Spacer(1, 18 * mm))
        if mission.programme:
            story.append(
                self.text.paragraph(mission.programme, styles.cover_programme, "Programme")
            )
        for component in mission.components:
            story.append(
                self.text.paragraph(component, styles.cover_programme, "Programme component")
            )
        # Through the style, so that characters the bold face lacks fall back to the upright one.
        story.append(self.text.paragraph(mission.title, styles.cover_title, "Mission title"))
        place = _join([mission.host_country, mission.city], ", ")
        if place:
            story.append(self.text.paragraph(place, styles.cover_subtitle, "Host country and city"))
        when = dates.date_range(mission.start_date, mission.end_date)
        if when:
            story.append(Paragraph(when, styles.cover_subtitle))
        story += [Spacer(1, 12 * mm), self._edition_box(), Spacer(1, 14 * mm)]
        if self.data.members:
            story.append(Paragraph("Mission team", styles.h3))
            story.append(self._team_table())
        story += [
            Spacer(1, 10 * mm),
            Paragraph(f"Report date: {dates.long_date(self.data.report_date)}", styles.muted),
        ]
        return story

    def _edition_box(self) -> ReportTable:
        colour = INTERNAL if self.internal else ACCENT
        style = self.styles.cover_edition.clone("edition", textColor=colour)
        box = ReportTable(
            [[Paragraph(EDITION_LABELS[self.data.edition], style)]],
            colWidths=[self.width * 0.7],
        )
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.2, colour),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        box.hAlign = "LEFT"
        return box

    def _team_table(self) -> ReportTable:
        rows = [
            [
                self.text.paragraph(m.name, self.styles.cell, "Team member name"),
                *self._cells(
                    [(m.country, "country"), (m.institution, "institution")],
                    f"Team member {m.name}",
                ),
                Paragraph(m.role, self.styles.cell),
            ]
            for m in self.data.members
        ]
        return self._table(
            ["Name", "Country", "Institution", "Role"], rows, [0.28, 0.17, 0.4, 0.15]
        )

    def contents(self) -> list[Flowable]:
        """Contents lines for every heading of the body; their page numbers come at the end."""
        # The body is built first (flowables() calls this last), so every bookmark is known.
        title = Bookmark("contents", "Contents", "Contents", 0, in_contents=False)
        lines: list[Flowable] = [Heading("Contents", self.styles.toc_title, title)]
        for bookmark in self.bookmarks:
            if not bookmark.in_contents:
                continue
            style = self.styles.toc_level0 if bookmark.level == 0 else self.styles.toc_level1
            lines.append(contents_line(bookmark, style))
        return lines

    @property
    def contents_keys(self) -> list[str]:
        return [b.key for b in self.bookmarks if b.in_contents]

    # -- overview and programme ------------------------------------------------------------

    def overview(self) -> list[Flowable]:
        mission = self.data.mission
        story: list[Flowable] = [self._section_heading("Mission overview", "overview")]
        if mission.summary:
            story += self.text.markdown(mission.summary, "Mission summary")
        story.append(self._sub_heading("Objectives"))
        story += self.text.markdown(mission.objectives, "Mission objectives") or [
            self._muted("No objectives recorded.")
        ]
        story.append(self._sub_heading("Team"))
        story.append(self._team_table() if self.data.members else self._muted("No team members."))
        story.append(self._sub_heading("Organisations met"))
        organisations = self.data.organisations
        if not organisations:
            story.append(self._muted("No organisations recorded."))
        else:
            rows = [
                [
                    *self._cells(
                        [(o.name, "name"), (o.acronym, "acronym")], f"Organisation {o.name}"
                    ),
                    Paragraph(o.kind, self.styles.cell),
                    *self._cells([(o.country, "country")], f"Organisation {o.name}"),
                ]
                for o in organisations
            ]
            story.append(
                self._table(
                    ["Organisation", "Acronym", "Kind", "Country"], rows, [0.5, 0.14, 0.2, 0.16]
                )
            )
        return story

    def programme(self) -> list[Flowable]:
        story: list[Flowable] = [self._section_heading("Programme of the mission", "programme")]
        meetings = self.data.meetings
        if not meetings:
            return [*story, self._muted("No programme recorded.")]
        zone = self.data.mission.timezone
        story.append(self._muted(f"All times are {dates.zone_name(zone)} ({zone})."))
        header = ["Time", "Meeting and institutions", "Kind", "Venue"]
        rows: list[list[Flowable | str]] = []
        day_rows: list[int] = []
        cancelled_rows: list[int] = []
        current_day = None
        for meeting in meetings:
            if meeting.date != current_day:
                current_day = meeting.date
                day_rows.append(len(rows) + 1)
                rows.append([Paragraph(dates.day_heading(meeting.date), self.styles.small_bold)])
            where = self._meeting_where(meeting)
            title = self.text.markup(meeting.title, f"{where}: title", self.styles.small_bold)
            key = self._meeting_keys.get(meeting.id)
            if key:
                title = f'<a href="#{key}">{title}</a>'
            institutions = [
                self.text.markup(o.display_name, f"Organisation {o.name}")
                for o in self._organisations(meeting)
            ]
            cell = (
                f"<b>{title}</b>"
                if not institutions
                else (f"<b>{title}</b><br/>" + "<br/>".join(institutions))
            )
            kind = meeting.kind
            if meeting.status is MeetingStatus.CANCELLED:
                cancelled_rows.append(len(rows) + 1)
                kind = f"{kind}<br/><i>Cancelled</i>"
            rows.append(
                [
                    Paragraph(
                        dates.time_span(meeting.start_time, meeting.end_time), self.styles.cell
                    ),
                    Paragraph(cell, self.styles.cell),
                    Paragraph(kind, self.styles.cell),
                    self.text.paragraph(meeting.venue, self.styles.cell, f"{where}: venue"),
                ]
            )
        table = self._table(header, rows, [0.14, 0.48, 0.16, 0.22])
        extra = _group_row_commands(day_rows)
        for row in cancelled_rows:
            extra.append(("TEXTCOLOR", (0, row), (-1, row), INTERNAL))
        table.setStyle(TableStyle(extra))
        story.append(table)
        return story

    # -- meetings ----------------------------------------------------------------------------

    def _meeting_where(self, meeting: MeetingEntry) -> str:
        return f"Meeting “{meeting.title}” ({dates.long_date(meeting.date)})"

    def _organisations(self, meeting: MeetingEntry) -> list[OrganisationEntry]:
        found = (self.data.organisation(i) for i in meeting.organisation_ids)
        return [o for o in found if o is not None]

    def meetings(self) -> list[Flowable]:
        story: list[Flowable] = [self._section_heading("Meetings", "meetings")]
        held = [m for m in self.data.meetings if m.has_section]
        if not held:
            return [*story, self._muted("No meetings were held.")]
        section = self._section_number
        for number, meeting in enumerate(held, start=1):
            story += self.meeting(meeting, f"{section}.{number}")
        return story

    def meeting(self, meeting: MeetingEntry, number: str) -> list[Flowable]:
        where = self._meeting_where(meeting)
        key = self._meeting_keys[meeting.id]
        self._meeting_numbers[meeting.id] = number
        heading = self._heading(f"{number}  {meeting.title}", 1, 1, key, f"{where}: title")
        story: list[Flowable] = [CondPageBreak(60 * mm), heading, self._facts(meeting, where)]
        if meeting.agenda:
            story.append(Paragraph("Agenda", self.styles.label))
            story += self.text.markdown(meeting.agenda, f"{where}: agenda")
        if meeting.notes:
            story += self._notes_by_author(meeting.notes, where)
        else:
            story.append(self._muted("No notes were recorded for this meeting."))
        if meeting.actions:
            story.append(Paragraph("Follow-up actions", self.styles.label))
            story.append(self._actions(meeting.actions, with_meeting=False, where=where))
        story += self._attachments_of(meeting, where)
        return story

    def _attachments_of(self, meeting: MeetingEntry, where: str) -> list[Flowable]:
        """Where the meeting's photos and documents are: "Photos 3–5 in Annex C"."""
        if Section.PHOTOS not in self._annex_letters:
            return []
        annex = f"Annex {self._annex_letters[Section.PHOTOS]}"
        photos = [p for p in self.data.photos if p.meeting_id == meeting.id]
        documents = [d for d in self.data.documents if d.meeting_id == meeting.id]
        lines: list[str] = []
        if photos:
            numbers = [self._photo_numbers[p.id] for p in photos]
            word = "Photo" if len(numbers) == 1 else "Photos"
            link = f'<a href="#photo{numbers[0]}">{word} {_number_ranges(numbers)}</a>'
            lines.append(f"{link} in {annex}.")
        if documents:
            names = ", ".join(
                self.text.markup(d.file_name, f"{where}: attachment") for d in documents
            )
            word = "Document" if len(documents) == 1 else "Documents"
            lines.append(f"{word} attached: {names} (listed in {annex}).")
        if not lines:
            return []
        return [
            Paragraph("Photos and attachments", self.styles.label),
            Paragraph("<br/>".join(lines), self.styles.muted),
        ]

    def _facts(self, meeting: MeetingEntry, where: str) -> FactsTable:
        cell = self.styles.cell
        when = dates.day_heading(meeting.date)
        span = dates.time_span(meeting.start_time, meeting.end_time)
        if span:
            when += f", {span} ({dates.zone_name(self.data.mission.timezone)})"
        rows: list[tuple[str, Flowable]] = [
            ("When", Paragraph(when, cell)),
            ("Kind", Paragraph(meeting.kind, cell)),
        ]
        if meeting.venue:
            rows.append(("Venue", self.text.paragraph(meeting.venue, cell, f"{where}: venue")))
        organisations = self._organisations(meeting)
        if organisations:
            names = [
                self.text.markup(o.display_name, f"Organisation {o.name}") for o in organisations
            ]
            rows.append(("Organisations", Paragraph("<br/>".join(names), cell)))
        persons = [p for p in (self.data.contact(i) for i in meeting.contact_ids) if p]
        if persons:
            lines: list[str] = []
            for person in persons:
                organisation = self.data.organisation(person.organisation_id)
                line = _join(
                    [
                        person.name,
                        person.position,
                        organisation.acronym or organisation.name if organisation else "",
                    ],
                    ", ",
                )
                lines.append(self.text.markup(line, f"Contact {person.name}"))
            rows.append(("Persons met", Paragraph("<br/>".join(lines), cell)))
        members = [m for m in (self.data.member(i) for i in meeting.member_ids) if m]
        if members:
            team = ", ".join(self.text.markup(m.name, "Team member name") for m in members)
            rows.append(("Team members", Paragraph(team, cell)))
        if meeting.status is not MeetingStatus.HELD:
            status = meeting.status.value.capitalize()
            rows.append(("Status", Paragraph(status, cell)))
        return FactsTable(
            [(self._fact_label(label), value) for label, value in rows],
            self.width * 0.2,
            self.width * 0.8,
        )

    def _fact_label(self, label: str) -> Paragraph:
        """One paragraph per label, drawn in every meeting's facts (wrapped once)."""
        paragraph = self._fact_labels.get(label)
        if paragraph is None:
            paragraph = self._fact_labels[label] = Paragraph(label, self.styles.small_bold)
        return paragraph

    def _author_line(self, author: TeamMember | None) -> str:
        if author is None:
            return "Unknown author"
        name = self.text.markup(author.name, "Team member name", self.styles.author)
        if author.country:
            country = self.text.markup(author.country, f"Team member {author.name}: country")
            regular = self.styles.body.fontName
            return f'{name} <font name="{regular}" color="{MUTED_HEX}">({country})</font>'
        return name

    def _notes_by_author(self, notes: Sequence[NoteEntry], where: str) -> list[Flowable]:
        story: list[Flowable] = []
        previous: str | None = None
        for note in notes:
            if not note.text.strip():
                continue
            author = self.data.member(note.author_id)
            if note.author_id != previous:
                previous = note.author_id
                story.append(Paragraph(self._author_line(author), self.styles.author))
            by = author.name if author else "unknown author"
            story += self._note(note, f"{where}: note by {by}")
        return story

    def _note(self, note: NoteEntry, where: str) -> list[Flowable]:
        flowables = self.text.markdown(note.text, where)
        marks: list[Flowable] = []
        if note.internal:
            marks.append(
                Paragraph("Internal note — not in the external edition", self.styles.internal_mark)
            )
        if not note.key_finding:
            if not note.internal:
                return flowables
            return self._box([*marks, *flowables], internal_box_style())
        label = "Key finding"
        if note.topics:
            topics = ", ".join(self.text.markup(t, "Topic name") for t in note.topics)
            label += f' <font name="{self.styles.body.fontName}">— {topics}</font>'
        content = [*marks, Paragraph(label, self.styles.label), *flowables]
        return self._box(content, finding_box_style(internal=note.internal))

    def _box(self, content: list[Flowable], style: TableStyle) -> list[Flowable]:
        """``content`` in a one-cell table the width of the page, split across pages if long."""
        box = ReportTable([[content]], colWidths=[self.width], splitInRow=1, hAlign="LEFT")
        box.setStyle(style)
        return [box, Spacer(1, 6)]

    def _actions(
        self,
        actions: Sequence[ActionEntry],
        *,
        with_meeting: bool,
        where: str,
    ) -> ReportTable:
        cell = self.styles.cell
        header = ["No.", "Action", "Owner", "Due", "Status"]
        widths = [0.07, 0.49, 0.2, 0.12, 0.12]
        if with_meeting:
            header.append("Meeting")
            widths = [0.07, 0.37, 0.15, 0.1, 0.1, 0.21]
        rows: list[list[Flowable | str]] = []
        for number, action in enumerate(actions, start=1):
            text = self.text.markup(action.text, f"{where}: action {number}")
            if action.internal:
                text = f'<font color="{INTERNAL_HEX}"><b>Internal:</b></font> {text}'
            row: list[Flowable | str] = [
                Paragraph(str(number), cell),
                Paragraph(text, cell),
                self.text.paragraph(action.owner, cell, f"{where}: action {number}, owner"),
                Paragraph(dates.long_date(action.due_date) if action.due_date else "—", cell),
                Paragraph(action.status, cell),
            ]
            if with_meeting:
                meeting = self.data.meeting(action.meeting_id)
                row.append(Paragraph(self._meeting_reference(meeting), cell))
            rows.append(row)
        return self._table(header, rows, widths, zebra=True)

    def _meeting_reference(self, meeting: MeetingEntry | None) -> str:
        """Markup naming ``meeting``, linked to its section when it has one."""
        if meeting is None:
            return "Mission"
        title = self.text.markup(meeting.title, f"{self._meeting_where(meeting)}: title")
        text = f"{title} ({dates.short_date(meeting.date)})"
        key = self._meeting_keys.get(meeting.id)
        if key:
            text = f'<a href="#{key}">{self._meeting_numbers.get(meeting.id, "")}  {text}</a>'
        return text

    # -- findings, feedback, conclusions, actions --------------------------------------------

    def findings(self) -> list[Flowable]:
        story: list[Flowable] = [self._section_heading("Findings by topic", "findings")]
        findings = [n for m in self.data.meetings for n in m.notes if n.key_finding]
        findings += [n for n in self.data.feedback if n.key_finding]
        findings = [n for n in findings if n.text.strip()]
        if not findings:
            return [*story, self._muted("No key findings were marked.")]
        by_topic: dict[str, list[NoteEntry]] = {}
        for note in findings:
            for topic in note.topics or (NO_TOPIC,):
                by_topic.setdefault(topic, []).append(note)
        order = sorted((t for t in by_topic if t != NO_TOPIC), key=str.casefold)
        if NO_TOPIC in by_topic:
            order.append(NO_TOPIC)
        for number, topic in enumerate(order, start=1):
            where = None if topic == NO_TOPIC else "Topic name"
            story.append(self._heading(topic, 1, 1, f"t{number}", where))
            for note in by_topic[topic]:
                author = self.data.member(note.author_id)
                meeting = self.data.meeting(note.meeting_id)
                where_note = (
                    f"{self._meeting_where(meeting)}: note by {author.name if author else '?'}"
                    if meeting
                    else f"Experts' feedback by {author.name if author else '?'}"
                )
                flowables = self.text.markdown(note.text, where_note)
                by = self.text.markup(author.name, "Team member name") if author else "Unknown"
                source = self._meeting_reference(meeting) if meeting else "experts' feedback"
                story += [
                    *flowables,
                    Paragraph(f"— {by}, in {source}", self.styles.reference),
                ]
        return story

    def feedback(self) -> list[Flowable]:
        story: list[Flowable] = [self._section_heading("Experts' feedback", "feedback")]
        written = [n for n in self.data.feedback if n.text.strip()]
        if not written:
            return [*story, self._muted("No feedback was recorded.")]
        for number, member in enumerate(self.data.members, start=1):
            notes = [n for n in written if n.author_id == member.id]
            if not notes:
                continue
            where = f"Experts' feedback by {member.name}"
            title = member.name + (f" ({member.country})" if member.country else "")
            story.append(self._heading(title, 1, 1, f"f{number}", "Team member name"))
            if member.institution:
                story.append(
                    self.text.paragraph(
                        member.institution, self.styles.muted, f"{where}: institution"
                    )
                )
            for note in notes:
                story += self._note(note, where)
        return story

    def conclusions(self) -> list[Flowable]:
        mission = self.data.mission
        story: list[Flowable] = [
            self._section_heading("Conclusions and recommendations", "conclusions")
        ]
        for title, text in (
            ("Conclusions", mission.conclusions),
            ("Recommendations", mission.recommendations),
        ):
            story.append(self._sub_heading(title))
            story += self.text.markdown(text, title) or [self._muted("None recorded.")]
        return story

    def actions_table(self) -> list[Flowable]:
        story: list[Flowable] = [self._section_heading("Follow-up actions", "actions")]
        if not self.data.actions:
            return [*story, self._muted("No follow-up actions were agreed.")]
        story.append(self._actions(self.data.actions, with_meeting=True, where="Follow-up actions"))
        return story

    # -- annexes -----------------------------------------------------------------------------

    def persons_met(self) -> list[Flowable]:
        story: list[Flowable] = [self._annex_heading(Section.PERSONS_MET, "Persons met", "persons")]
        if not self.data.contacts:
            return [*story, self._muted("No persons recorded.")]
        groups: list[tuple[str | None, list[Person]]] = []
        for organisation in self.data.organisations:
            people = [c for c in self.data.contacts if c.organisation_id == organisation.id]
            if people:
                groups.append((organisation.id, people))
        known = {o.id for o in self.data.organisations}
        others = [c for c in self.data.contacts if c.organisation_id not in known]
        if others:
            groups.append((None, others))
        header = ["Name", "Position"]
        widths = [0.35, 0.65]
        if self.internal:
            header += ["E-mail", "Phone"]
            widths = [0.22, 0.28, 0.3, 0.2]
        rows: list[list[Flowable | str]] = []
        group_rows: list[int] = []
        for organisation_id, people in groups:
            group = self.data.organisation(organisation_id)
            if group is None:
                title = "Other persons"
            else:
                title = self.text.markup(
                    group.display_name,
                    f"Organisation {group.name}",
                    self.styles.small_bold,
                )
            group_rows.append(len(rows) + 1)
            rows.append([Paragraph(title, self.styles.small_bold)])
            for person in people:
                where = f"Contact {person.name}"
                name = self.text.markup(person.name, f"{where}: name")
                if person.internal:
                    name += f'<br/><font color="{INTERNAL_HEX}">Internal contact</font>'
                row: list[Flowable | str] = [
                    Paragraph(name, self.styles.cell),
                    self.text.paragraph(person.position, self.styles.cell, f"{where}: position"),
                ]
                if self.internal:
                    row += self._cells([(person.email, "e-mail"), (person.phone, "phone")], where)
                rows.append(row)
                if self.internal and person.notes:
                    notes = self.text.paragraph(person.notes, self.styles.cell, f"{where}: notes")
                    rows.append(["", notes])
        table = self._table(header, rows, widths)
        table.setStyle(TableStyle(_group_row_commands(group_rows)))
        story.append(table)
        return story

    def abbreviations(self) -> list[Flowable]:
        named = [o for o in self.data.organisations if o.acronym]
        if not named:
            return []
        story: list[Flowable] = [
            self._annex_heading(Section.ABBREVIATIONS, "Abbreviations", "abbreviations")
        ]
        named.sort(key=lambda o: (o.acronym.casefold(), o.name.casefold()))
        rows = [
            self._cells([(o.acronym, "acronym"), (o.name, "name")], f"Organisation {o.name}")
            for o in named
        ]
        story.append(self._table(["Abbreviation", "Meaning"], rows, [0.2, 0.8]))
        return story

    def photos(self) -> list[Flowable]:
        """Every photo as large as the page allows, numbered and captioned; then the other
        attachments by name."""
        if Section.PHOTOS not in self._annex_letters:
            return []
        photos, documents = self.data.photos, self.data.documents
        title = "Photos" if not documents else "Photos and attachments" if photos else "Attachments"
        story: list[Flowable] = [self._annex_heading(Section.PHOTOS, title, "photos")]
        for photo in photos:
            story.append(self._photo(photo))
        if documents:
            if photos:
                story.append(self._sub_heading("Other attachments"))
            story.append(self._documents_table(documents))
        return story

    def _photo(self, photo: AttachmentEntry) -> Flowable:
        number = self._photo_numbers[photo.id]
        where = f"Photo {number} ({photo.file_name})"
        # Landscape pictures (slides) two to a page; portrait ones (handouts) a page each.
        room = self.height - CAPTION_ROOM
        if photo.width > photo.height:
            room = self.height / 2 - CAPTION_ROOM
        size = photo_size(photo, self.width, room)
        caption = f"<b>Photo {number}</b>"
        if photo.internal and self.internal:
            caption += f'  <font color="{INTERNAL_HEX}"><b>Internal</b></font>'
        if photo.caption:
            caption += "  " + self.text.markup(photo.caption, f"{where}: caption")
        return KeepTogether(
            [
                Photo(photo, self.blobs, size, f"photo{number}"),
                Paragraph(caption, self.styles.caption),
                Paragraph(self._attachment_source(photo), self.styles.reference),
            ]
        )

    def _attachment_source(self, attachment: AttachmentEntry) -> str:
        """Markup: the meeting (linked) or the mission it belongs to, and who added it."""
        meeting = self.data.meeting(attachment.meeting_id)
        source = self._meeting_reference(meeting) if meeting else "Mission"
        author = self.data.member(attachment.author_id or "")
        if author is not None:
            name = self.text.markup(author.name, "Team member name")
            source += f" · added by {name}"
        return source

    def _documents_table(self, documents: Sequence[AttachmentEntry]) -> ReportTable:
        cell = self.styles.cell
        rows: list[list[Flowable | str]] = []
        for document in documents:
            where = f"Attachment {document.file_name}"
            name = self.text.markup(document.file_name, f"{where}: file name")
            if document.missing:
                name += f'<br/><font color="{MUTED_HEX}">file missing from this profile</font>'
            if document.internal and self.internal:
                name += f'<br/><font color="{INTERNAL_HEX}">Internal</font>'
            rows.append(
                [
                    Paragraph(name, cell),
                    self.text.paragraph(document.caption, cell, f"{where}: caption"),
                    Paragraph(self._attachment_source(document), cell),
                ]
            )
        return self._table(["File", "Caption", "Attached to"], rows, [0.3, 0.35, 0.35])

    # -- tables ------------------------------------------------------------------------------

    def _cells(self, values: Sequence[tuple[str, str]], where: str) -> list[Flowable]:
        return [
            self.text.paragraph(value, self.styles.cell, f"{where}: {field}")
            for value, field in values
        ]

    def _table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Flowable | str]],
        fractions: Sequence[float],
        *,
        zebra: bool = False,
    ) -> ReportTable:
        head = [Paragraph(h, self.styles.cell_header) for h in header]
        table = ReportTable(
            [head, *rows],
            colWidths=[self.width * f for f in fractions],
            repeatRows=1,
            hAlign="LEFT",
        )
        table.setStyle(table_style(zebra=zebra))
        return table


def _group_row_commands(rows: Iterable[int]) -> list[tuple[object, ...]]:
    """Rows that head a group (a day, an organisation): spanning, tinted, and never left
    alone at the foot of a page."""
    commands: list[tuple[object, ...]] = []
    for row in rows:
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), ACCENT_TINT),
            ("NOSPLIT", (0, row), (-1, row + 1)),
        ]
    return commands


def _number_ranges(numbers: Sequence[int]) -> str:
    """``[3, 4, 5, 8]`` as "3–5, 8"."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


def _logo(path: Path) -> Image:
    image = Image(str(path))
    width, height = image.imageWidth, image.imageHeight
    scale = min(60 * mm / width, 30 * mm / height, 1.0)
    image.drawWidth, image.drawHeight = width * scale, height * scale
    image.hAlign = "LEFT"
    return image
