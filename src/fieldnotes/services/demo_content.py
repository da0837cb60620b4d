"""What the demo mission says: a four-day Prague Process expert mission to Belarus.

Pure data, written as a team would have written it by the last day of the mission; the
builder in :mod:`fieldnotes.services.demo` turns it into records through the services.
People and companies are fictitious; e-mail addresses use reserved example domains.
Days are mission-day indexes (0 = first day), so the mission can be dated relative to today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldnotes.model import (
    ActionStatus,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MissionStatus,
    OrganisationKind,
)

# The demo's last day is "today" in Minsk, so it opens as a mission in progress.
MISSION_DAYS = 4
TIMEZONE = "Europe/Minsk"


@dataclass(frozen=True)
class DemoMember:
    key: str
    name: str
    country: str
    institution: str
    role: MemberRole
    email: str


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    acronym: str
    kind: OrganisationKind
    country: str


@dataclass(frozen=True)
class DemoContact:
    key: str
    organisation: str | None
    name: str
    position: str
    email: str = ""
    phone: str = ""
    notes: str = ""
    internal: bool = False


@dataclass(frozen=True)
class DemoNote:
    author: str
    text: str
    key_finding: bool = False
    internal: bool = False
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoMeeting:
    key: str
    day: int
    start: dt.time
    end: dt.time
    title: str
    kind: MeetingKind
    venue: str
    status: MeetingStatus
    organisations: tuple[str, ...]
    contacts: tuple[str, ...]
    members: tuple[str, ...]
    agenda: str = ""
    notes: tuple[DemoNote, ...] = ()


@dataclass(frozen=True)
class DemoAction:
    text: str
    due_in_days: int  # after the mission's last day
    meeting: str | None = None
    owner_member: str | None = None
    owner_organisation: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    internal: bool = False


def _t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


ALL = ("anna", "zoltan", "ioana")
LEAD = "anna"

LABOUR = "Labour migration"
LICENSING = "Licensing of recruiters"
PERMITS = "Work permits"
READMISSION = "Readmission"
TRAFFICKING = "Counter-trafficking"
PENSIONS = "Pension portability"
IRREGULAR_DATA = "Irregular-migration data"

MISSION = {
    "title": "Expert mission to Belarus on labour migration",
    "programme": "Prague Process",
    "components": ["Objective 2 — Knowledge Base", "Pilot Project 2 — Legal Migration"],
    "host_country": "Belarus",
    "city": "Minsk",
    "timezone": TIMEZONE,
    "status": MissionStatus.IN_PROGRESS,
    "objectives": (
        "The mission supports the Belarusian authorities in reviewing how labour migration "
        "is managed, and feeds the Prague Process Knowledge Base with current practice.\n\n"
        "1. Map the legal and institutional framework for **outgoing and incoming labour "
        "migration**, including work permits and the licensing of private recruiters.\n"
        "2. Identify gaps in the protection of migrant workers, with attention to "
        "**counter-trafficking** safeguards and pension portability.\n"
        "3. Review the availability and quality of **migration statistics**, including data "
        "on irregular migration and readmission.\n"
        "4. Agree follow-up activities under Pilot Project 2 with national counterparts and "
        "international partners.\n\n"
        "*Phase I* (days 1–2) covers the national authorities and recruitment agencies; "
        "*Phase II* (days 3–4) covers the EU Delegation, international organisations and "
        "civil society."
    ),
    "summary": (
        "Over four days the team met seven national institutions and recruitment agencies "
        "and five international and civil-society partners in Minsk. Counterparts were open "
        "and well prepared; the DCM coordinated the programme. One meeting with a recruitment "
        "agency was cancelled at short notice and is replaced by a written questionnaire."
    ),
    "conclusions": (
        "Belarus has a complete legal framework for external labour migration, but its "
        "implementation is fragmented between the DCM, the employment services and the "
        "regional executive committees.\n\n"
        "- **Licensing** of private recruiters is thorough on paper, yet inspections after "
        "the licence is granted are rare and complaints are not analysed systematically.\n"
        "- **Work permits** are processed quickly for employers already known to the "
        "authorities; first-time employers face long and paper-based procedures.\n"
        "- **Statistics** on emigration rely on registrations that many workers never make; "
        "irregular-migration data are collected by three bodies with different definitions.\n"
        "- **Protection**: the NGO hotline and IOM's referral work are effective, but there "
        "is no formal national referral mechanism for victims of labour exploitation abroad.\n"
        "- **Pension portability** is settled within the EAEU, but not for the growing number "
        "of workers going to EU and other third countries."
    ),
    "recommendations": (
        "1. Introduce risk-based inspections of licensed recruitment agencies, using "
        "complaints data, and publish the list of licensed agencies in one public register.\n"
        "2. Offer a fully electronic work-permit application for first-time employers, "
        "building on the Hungarian and Finnish examples shared during the mission.\n"
        "3. Agree common definitions for irregular-migration indicators between the SBC, "
        "the DCM and Belstat, and publish a yearly joint table.\n"
        "4. Formalise the referral of victims of labour exploitation between the DCM, "
        "IOM and La Strada in a written procedure.\n"
        "5. Include pension portability in the next round of bilateral labour agreements.\n"
        "6. Organise a Prague Process study visit to Romania and Hungary on recruiter "
        "licensing and inspections in the next programme year."
    ),
}

MEMBERS = (
    DemoMember(
        "anna",
        "Anna Virtanen",
        "Finland",
        "Finnish Immigration Service (Migri)",
        MemberRole.TEAM_LEAD,
        "anna.virtanen@example.fi",
    ),
    DemoMember(
        "zoltan",
        "Zoltán Kőműves",
        "Hungary",
        "National Directorate-General for Aliens Policing (OIF)",
        MemberRole.EXPERT,
        "zoltan.komuves@example.hu",
    ),
    DemoMember(
        "ioana",
        "Ioana Ștefănescu",
        "Romania",
        "General Inspectorate for Immigration (IGI)",
        MemberRole.EXPERT,
        "ioana.stefanescu@example.ro",
    ),
)

ORGANISATIONS = (
    DemoOrganisation(
        "dcm",
        "Department for Citizenship and Migration of the Ministry of Internal Affairs",
        "DCM",
        OrganisationKind.MINISTRY,
        "Belarus",
    ),
    DemoOrganisation(
        "employment",
        "Employment Service of the Minsk Regional Executive Committee",
        "",
        OrganisationKind.AGENCY,
        "Belarus",
    ),
    DemoOrganisation("sbc", "State Border Committee", "SBC", OrganisationKind.AGENCY, "Belarus"),
    DemoOrganisation(
        "cis",
        "Executive Committee of the Commonwealth of Independent States",
        "CIS EC",
        OrganisationKind.INTERNATIONAL,
        "",
    ),
    DemoOrganisation(
        "belstat",
        "National Statistical Committee",
        "Belstat",
        OrganisationKind.AGENCY,
        "Belarus",
    ),
    DemoOrganisation(
        "trudexport",
        "TrudExport Recruitment LLC",
        "",
        OrganisationKind.PRIVATE,
        "Belarus",
    ),
    DemoOrganisation("vostok", "Vostok Personnel LLC", "", OrganisationKind.PRIVATE, "Belarus"),
    DemoOrganisation(
        "eud",
        "Delegation of the European Union to Belarus",
        "EUD",
        OrganisationKind.EMBASSY,
        "",
    ),
    DemoOrganisation(
        "iom",
        "International Organization for Migration, Mission in Belarus",
        "IOM",
        OrganisationKind.INTERNATIONAL,
        "",
    ),
    DemoOrganisation(
        "unhcr",
        "Office of the UN High Commissioner for Refugees in Belarus",
        "UNHCR",
        OrganisationKind.INTERNATIONAL,
        "",
    ),
    DemoOrganisation(
        "undp",
        "United Nations Development Programme in Belarus",
        "UNDP",
        OrganisationKind.INTERNATIONAL,
        "",
    ),
    DemoOrganisation(
        "lastrada",
        "La Strada Belarus (International Public Association “Gender Perspectives”)",
        "La Strada",
        OrganisationKind.NGO,
        "Belarus",
    ),
)

CONTACTS = (
    DemoContact(
        "kovaleva",
        "dcm",
        "Алена Ковалёва",
        "Deputy Head of the Department",
        "a.kovaleva@example.by",
        "+375 17 555 01 10",
    ),
    DemoContact(
        "shimansky",
        "dcm",
        "Дмитрий Шиманский",
        "Head of the Labour Migration Division",
        "d.shimansky@example.by",
        "+375 17 555 01 24",
    ),
    DemoContact(
        "matskevich",
        "dcm",
        "Ирина Мацкевич",
        "Chief Inspector, Readmission and Return Unit",
        "i.matskevich@example.by",
    ),
    DemoContact(
        "grinevich",
        "employment",
        "Татьяна Гриневич",
        "Head of the Employment Service",
        "t.grinevich@example.by",
        "+375 17 555 02 31",
    ),
    DemoContact(
        "bondarenko",
        "employment",
        "Олег Бондаренко",
        "Senior Specialist, Foreign Workers and Vacancies",
    ),
    DemoContact(
        "lysenko",
        "sbc",
        "Андрей Лысенко",
        "Deputy Head of the Border Control Department (Colonel)",
    ),
    DemoContact(
        "orlova",
        "cis",
        "Наталья Орлова",
        "Counsellor, Migration Cooperation Section",
        "n.orlova@example.org",
    ),
    DemoContact(
        "zhuk",
        "belstat",
        "Светлана Жук",
        "Head of the Population and Migration Statistics Department",
        "s.zhuk@example.by",
    ),
    DemoContact(
        "sokolov",
        "trudexport",
        "Виктор Соколов",
        "Director",
        "director@trudexport.example.by",
        "+375 29 555 44 10",
    ),
    DemoContact(
        "levchenko",
        "vostok",
        "Марина Левченко",
        "Managing Partner",
        "m.levchenko@example.by",
        notes="Cancelled the meeting on the day; agreed to answer the questionnaire in writing.",
    ),
    DemoContact(
        "hoffmann",
        "eud",
        "Katrin Hoffmann",
        "Programme Manager, Migration and Mobility",
        "katrin.hoffmann@example.eu",
    ),
    DemoContact(
        "moroz",
        "iom",
        "Елена Мороз",
        "National Programme Officer, Counter-Trafficking",
        "e.moroz@example.int",
    ),
    DemoContact(
        "fontaine",
        "unhcr",
        "Louise Fontaine",
        "Protection Officer",
        "fontaine@example.org",
    ),
    DemoContact(
        "kuzmich",
        "undp",
        "Андрей Кузьмич",
        "Programme Analyst, Inclusive Growth",
        "andrei.kuzmich@example.org",
    ),
    DemoContact(
        "kovalchuk",
        "lastrada",
        "Вольга Кавальчук",
        "Coordinator of the Safe Migration Hotline",
        "hotline@example.by",
    ),
    DemoContact(
        "sidarenka",
        None,
        "Вольга Сідарэнка",
        "Interpreter (Russian/Belarusian–English)",
        "olga.interpreter@example.by",
        "+375 29 555 77 03",
        notes="Freelance interpreter booked for the whole mission; number for the team only.",
        internal=True,
    ),
)

# Entered twice in Latin script on day one, then deleted: the demo carries one tombstone.
DUPLICATE_CONTACT = DemoContact("kovaleva-latin", "dcm", "Alena Kovaleva", "Deputy Head")

MEETINGS = (
    DemoMeeting(
        "briefing",
        0,
        _t("08:00"),
        _t("08:45"),
        "Team briefing and division of tasks",
        MeetingKind.INTERNAL,
        "Hotel Minsk, business centre",
        MeetingStatus.HELD,
        (),
        ("sidarenka",),
        ALL,
        agenda="- Programme and logistics\n- Who leads on which topic\n- Note-taking and report",
        notes=(
            DemoNote(
                "anna",
                "Agreed division of labour for the meetings:\n\n"
                "- **Zoltán** leads on work permits and the licensing of recruiters;\n"
                "- **Ioana** leads on readmission, irregular-migration data and "
                "counter-trafficking;\n"
                "- I open each meeting, cover labour-market data and pension portability, "
                "and keep time.\n\n"
                "Everyone writes their own notes in fieldnotes and marks key findings as they "
                "go, so that the report can be drafted on the last afternoon. The interpreter "
                "confirmed both days of Phase I; Phase II is still open. Remarks on the "
                "border visit that we do not want to share with counterparts go into "
                "internal notes only.",
                internal=True,
            ),
        ),
    ),
    DemoMeeting(
        "dcm",
        0,
        _t("09:30"),
        _t("12:00"),
        "Department for Citizenship and Migration (DCM)",
        MeetingKind.MEETING,
        "Ministry of Internal Affairs, Gorodskoy Val 4, Minsk",
        MeetingStatus.HELD,
        ("dcm",),
        ("kovaleva", "shimansky", "matskevich", "sidarenka"),
        ALL,
        agenda=(
            "1. Opening and presentation of the mission\n"
            "2. Legal framework for external labour migration\n"
            "3. Work permits and special permits for employers\n"
            "4. Readmission and return\n"
            "5. Cooperation within the Prague Process"
        ),
        notes=(
            DemoNote(
                "anna",
                "Ms Ковалёва opened the meeting and welcomed the mission as the first expert "
                "visit under Pilot Project 2. She presented the DCM's mandate: citizenship, "
                "residence, asylum, and the regulation of **external labour migration** under "
                "the Law on External Labour Migration and its implementing decrees.\n\n"
                "The DCM sees its priorities in three areas:\n\n"
                "1. better information for Belarusians going abroad to work;\n"
                "2. faster procedures for foreign workers in sectors with shortages "
                "(construction, health care, IT);\n"
                "3. more reliable data on who leaves and who returns.\n\n"
                "She asked the team for concrete examples of electronic case management "
                "from the EU.",
                topics=(LABOUR,),
            ),
            DemoNote(
                "zoltan",
                "Mr Шиманский explained the two-step procedure for foreign workers: the "
                "employer first obtains a **special permit** to recruit abroad, then the "
                "worker receives an individual **work permit**. Employers that have recruited "
                "before may use a simplified track, which takes about ten working days.\n\n"
                "First-time employers submit paper files to the regional executive committee "
                "and wait up to two months; most delays come from missing documents, not "
                "from the checks themselves. In 2023 the DCM issued roughly 28,000 permits, "
                "mainly for workers from Central Asia.\n\n"
                "**Finding:** a single electronic application for first-time employers would "
                "remove most of the delay; the Hungarian employer portal is a good model.",
                key_finding=True,
                topics=(PERMITS, LABOUR),
            ),
            DemoNote(
                "ioana",
                "Ms Мацкевич described readmission cooperation. Agreements are in force "
                "with most neighbouring states, and technical contacts continue at working "
                "level, but the number of **readmission requests** handled each year is "
                "small and falling.\n\n"
                "- Identification of third-country nationals without documents is the main "
                "obstacle; consular cooperation with some countries of origin is slow.\n"
                "- Return is mostly voluntary, organised with IOM's assisted return "
                "programme.\n"
                "- There is no shared case register between the DCM and the SBC.\n\n"
                "The unit would welcome an exchange on case management with the Romanian "
                "General Inspectorate for Immigration.",
                key_finding=True,
                topics=(READMISSION,),
            ),
            DemoNote(
                "ioana",
                "The figures on readmission were given orally only and the unit declined to "
                "share the tables. We should not quote them in the external report; ask "
                "again through the Secretariat.",
                internal=True,
            ),
        ),
    ),
    DemoMeeting(
        "employment",
        0,
        _t("14:00"),
        _t("15:30"),
        "Site visit: Minsk Regional Employment Service",
        MeetingKind.SITE_VISIT,
        "Employment Service, Minsk Regional Executive Committee",
        MeetingStatus.HELD,
        ("employment",),
        ("grinevich", "bondarenko"),
        ALL,
        agenda="Tour of the job centre; vacancy database; quotas for foreign workers.",
        notes=(
            DemoNote(
                "anna",
                "Ms Гриневич showed the job centre and the national **vacancy database**, "
                "which employers must use before they may recruit abroad. A vacancy has to be "
                "open to national jobseekers for at least fifteen days.\n\n"
                "The region reports shortages of nurses, welders and drivers, while "
                "unemployment among young graduates is rising. Foreign workers are matched to "
                "vacancies only after the labour-market test; there is no regional quota as "
                "such, but the committee can refuse sectors it considers saturated.\n\n"
                "The service has no information on residents who go abroad to work: they "
                "simply disappear from the register.",
                topics=(LABOUR,),
            ),
            DemoNote(
                "zoltan",
                "Mr Бондаренко demonstrated the vacancy database. It is well designed, but "
                "the labour-market test is done by hand: a specialist compares each request "
                "with the list of registered jobseekers.\n\n"
                "- Around 40 requests a week in the Minsk region.\n"
                "- Rejections are rare (under 5 %) and mostly for incomplete files.\n"
                "- Employers complain that the test repeats checks already made for the "
                "special permit.\n\n"
                "Worth recommending that the test result is shared electronically with the "
                "DCM so that the employer submits documents once.",
                topics=(PERMITS,),
            ),
        ),
    ),
    DemoMeeting(
        "sbc",
        0,
        _t("16:30"),
        _t("18:00"),
        "State Border Committee: border management and irregular-migration data",
        MeetingKind.MEETING,
        "State Border Committee, Minsk",
        MeetingStatus.HELD,
        ("sbc",),
        ("lysenko", "sidarenka"),
        ALL,
        agenda="Border-crossing statistics; detection of irregular migration; data sharing.",
        notes=(
            DemoNote(
                "ioana",
                "Colonel Лысенко presented the SBC's statistics on border crossings and on "
                "persons detected while crossing irregularly. The SBC counts **events**, not "
                "persons: one person stopped three times appears three times.\n\n"
                "The DCM counts persons found staying irregularly inland, and Belstat "
                "publishes neither figure. As a result, the three institutions give three "
                "different answers to the question of how many irregular migrants there "
                "are. The SBC would be ready to work on common definitions if the DCM leads.",
                key_finding=True,
                topics=(IRREGULAR_DATA,),
            ),
            DemoNote(
                "anna",
                "A short, formal meeting. The presentation was prepared in advance and "
                "questions outside it were referred to the DCM. The SBC confirmed that it "
                "takes part in regional data exchanges under the CIS framework and would "
                "share anonymised yearly tables with the Knowledge Base on request.",
            ),
            DemoNote(
                "zoltan",
                "Questions on the eastern border were not welcome; the interpreter was asked "
                "to stop translating at one point. Keep this out of the shared report.",
                internal=True,
            ),
        ),
    ),
    DemoMeeting(
        "cis",
        1,
        _t("09:30"),
        _t("11:00"),
        "CIS Executive Committee: labour mobility and pension agreements",
        MeetingKind.MEETING,
        "CIS Executive Committee, Kirov St. 17, Minsk",
        MeetingStatus.HELD,
        ("cis",),
        ("orlova",),
        ALL,
        agenda="Regional labour-mobility agreements; pension rights of migrant workers.",
        notes=(
            DemoNote(
                "anna",
                "Ms Орлова explained that migrant workers moving within the Eurasian "
                "Economic Union keep their pension rights under the EAEU pension agreement: "
                "periods of work in each member state count towards a pension paid by that "
                "state.\n\n"
                "Outside the EAEU, coverage depends on old bilateral agreements, many of them "
                "dating from the 1990s. Workers who go to the EU, Israel or the Gulf states "
                "usually lose the contributions they made abroad, or never make any.\n\n"
                "**Finding:** pension portability is settled within the region but is a real "
                "gap for the growing number of workers going further afield.",
                key_finding=True,
                topics=(PENSIONS, LABOUR),
            ),
            DemoNote(
                "zoltan",
                "The CIS framework on labour migration is mainly declaratory; implementation "
                "is bilateral. Ms Орлова suggested that the Prague Process Knowledge Base "
                "could host a comparison of CIS and EU rules on recognition of "
                "qualifications, which many counterparts lack. The Committee is open to "
                "joining a future Prague Process workshop as an observer.",
                topics=(LABOUR,),
            ),
        ),
    ),
    DemoMeeting(
        "belstat",
        1,
        _t("11:30"),
        _t("13:00"),
        "National Statistical Committee (Belstat): migration statistics",
        MeetingKind.MEETING,
        "Belstat, Partizansky Ave. 12, Minsk",
        MeetingStatus.HELD,
        ("belstat",),
        ("zhuk",),
        ("anna", "ioana"),
        agenda="Sources of migration statistics; census; emigration estimates.",
        notes=(
            DemoNote(
                "ioana",
                "Ms Жук presented the sources of migration statistics: residence "
                "registration, the 2019 census and administrative data from the DCM. "
                "Emigration is measured through **de-registration**, which most people who "
                "leave to work abroad never do.\n\n"
                "- Official emigration figures are therefore far below the estimates of "
                "destination countries.\n"
                "- Belstat is testing a mirror-statistics method with Eurostat data from "
                "Poland, Lithuania and Germany.\n"
                "- Irregular migration is outside its mandate; it publishes no figure.\n\n"
                "Belstat asked for support in validating the mirror-statistics method.",
                key_finding=True,
                topics=(IRREGULAR_DATA, LABOUR),
            ),
            DemoNote(
                "anna",
                "Very competent team, open to methodological cooperation. The draft "
                "methodology note on emigration estimates will be shared with us once "
                "approved internally. Finland's experience with register-based statistics "
                "could be useful here; I will ask Statistics Finland whether an expert "
                "could join a follow-up webinar.",
            ),
        ),
    ),
    DemoMeeting(
        "trudexport",
        1,
        _t("14:30"),
        _t("15:30"),
        "Recruitment agency TrudExport",
        MeetingKind.MEETING,
        "TrudExport Recruitment LLC, Pobediteley Ave., Minsk",
        MeetingStatus.HELD,
        ("trudexport",),
        ("sokolov",),
        ("zoltan", "ioana"),
        agenda="Licensing; contracts with foreign employers; protection of workers.",
        notes=(
            DemoNote(
                "zoltan",
                "Mr Соколов runs one of about 250 agencies **licensed** by the DCM to place "
                "Belarusian workers abroad, mainly in Poland, Lithuania and the Czech "
                "Republic. The licence is granted for an unlimited period once the agency "
                "shows premises, qualified staff and a model contract.\n\n"
                "After licensing, the agency has been inspected once in seven years. It must "
                "register every contract with a foreign employer with the DCM, but nobody "
                "checks whether workers actually receive the agreed conditions.\n\n"
                "**Finding:** licensing is strict at entry and almost absent afterwards; a "
                "risk-based inspection regime is missing.",
                key_finding=True,
                topics=(LICENSING,),
            ),
            DemoNote(
                "ioana",
                "The model contract shown to us is good: wages, working hours, housing and "
                "travel costs are spelled out, and the worker receives a copy in Russian. "
                "Fees charged to workers are forbidden by law, yet Mr Соколов admitted that "
                "unlicensed intermediaries advertising on social media charge up to 800 EUR. "
                "Workers recruited that way are the ones who end up in La Strada's hotline "
                "statistics.",
                topics=(TRAFFICKING, LICENSING),
            ),
        ),
    ),
    DemoMeeting(
        "vostok",
        1,
        _t("16:00"),
        _t("17:00"),
        "Recruitment agency Vostok Personnel",
        MeetingKind.MEETING,
        "Vostok Personnel LLC, Minsk",
        MeetingStatus.CANCELLED,
        ("vostok",),
        ("levchenko",),
        ("zoltan", "ioana"),
        agenda=(
            "Cancelled by the agency on the morning of the visit. Ms Левченко agreed to "
            "answer the mission's questionnaire in writing."
        ),
    ),
    DemoMeeting(
        "dinner",
        1,
        _t("19:00"),
        _t("21:00"),
        "Working dinner hosted by the DCM",
        MeetingKind.SOCIAL,
        "Restaurant in the Upper Town, Minsk",
        MeetingStatus.HELD,
        ("dcm",),
        ("kovaleva",),
        ALL,
    ),
    DemoMeeting(
        "eud",
        2,
        _t("09:00"),
        _t("10:30"),
        "Briefing at the EU Delegation",
        MeetingKind.BRIEFING,
        "Delegation of the European Union to Belarus",
        MeetingStatus.HELD,
        ("eud",),
        ("hoffmann",),
        ALL,
        agenda="EU cooperation on migration and mobility; Phase II programme.",
        notes=(
            DemoNote(
                "anna",
                "Ms Hoffmann briefed the team on the EU's current cooperation with Belarus "
                "on migration, which now runs almost entirely through international "
                "organisations and civil society. Direct projects with state institutions "
                "are limited to technical exchanges such as this mission.\n\n"
                "She encouraged us to keep the recommendations practical and to link them "
                "to what IOM and UNDP already do, so that they can be taken up without new "
                "agreements. The Delegation will share the final report with member-state "
                "embassies.",
            ),
        ),
    ),
    DemoMeeting(
        "iom",
        2,
        _t("11:00"),
        _t("12:30"),
        "IOM: labour migration and counter-trafficking",
        MeetingKind.MEETING,
        "IOM Mission in Belarus, Minsk",
        MeetingStatus.HELD,
        ("iom",),
        ("moroz",),
        ALL,
        agenda="Assisted return; counter-trafficking; pre-departure information.",
        notes=(
            DemoNote(
                "ioana",
                "Ms Мороз presented IOM's counter-trafficking programme. Most victims "
                "identified in recent years were exploited for **labour**, not sexual "
                "exploitation, typically in construction and agriculture in Russia and "
                "Poland.\n\n"
                "- Referral of victims works case by case, through personal contacts between "
                "IOM, La Strada and the DCM.\n"
                "- There is **no written national referral mechanism** for victims of labour "
                "exploitation abroad.\n"
                "- IOM runs pre-departure information sessions in five regional centres.\n\n"
                "IOM would support drafting a referral procedure if the DCM requests it.",
                key_finding=True,
                topics=(TRAFFICKING,),
            ),
            DemoNote(
                "zoltan",
                "IOM's pre-departure sessions reach about 3,000 people a year, a small "
                "share of those who leave. Ms Мороз suggested that licensed agencies be "
                "required to hold such a session before every departure, which would "
                "connect licensing with protection at no cost to the state.",
                topics=(LICENSING, TRAFFICKING),
            ),
        ),
    ),
    DemoMeeting(
        "unhcr",
        2,
        _t("14:30"),
        _t("16:00"),
        "UNHCR: asylum system and mixed movements",
        MeetingKind.MEETING,
        "UNHCR Office in Belarus, Minsk",
        MeetingStatus.HELD,
        ("unhcr",),
        ("fontaine",),
        ("anna", "ioana"),
        agenda="Access to asylum at the border; mixed movements; data.",
        notes=(
            DemoNote(
                "ioana",
                "Ms Fontaine gave an overview of the asylum system and UNHCR's monitoring "
                "at border crossing points. Persons in mixed movements are often recorded "
                "only as irregular crossings, so asylum seekers and migrants are not "
                "distinguished in the SBC data.\n\n"
                "UNHCR supports the idea of common definitions between the SBC, the DCM and "
                "Belstat and offered its methodological guidance on mixed-movement "
                "statistics.",
                topics=(IRREGULAR_DATA,),
            ),
            DemoNote(
                "anna",
                "Useful context for the report, but asylum is outside the mission's terms "
                "of reference. We agreed to mention UNHCR's offer on statistics in the "
                "recommendations and leave the rest to the Secretariat.",
            ),
        ),
    ),
    DemoMeeting(
        "undp",
        3,
        _t("09:30"),
        _t("11:00"),
        "UNDP: local development and return migration",
        MeetingKind.MEETING,
        "UN House, Kirov St. 17, Minsk",
        MeetingStatus.HELD,
        ("undp",),
        ("kuzmich",),
        ALL,
        agenda="Returnees in local labour markets; regional development programmes.",
        notes=(
            DemoNote(
                "anna",
                "Mr Кузьмич presented UNDP's local development programme in small towns, "
                "where returning labour migrants bring savings and skills but rarely start "
                "businesses. Returnees are not registered as such, so programmes cannot "
                "target them.\n\n"
                "UNDP proposed a small pilot: the employment services would ask jobseekers "
                "whether they have worked abroad, and offer returnees start-up advice. This "
                "fits Pilot Project 2 well and needs no legal change.",
                topics=(LABOUR,),
            ),
            DemoNote(
                "zoltan",
                "Returnees lose pension years worked abroad unless a bilateral agreement "
                "exists, which discourages formal work abroad in the first place. UNDP has "
                "survey data from 2022 showing that over half of returnees worked without a "
                "written contract. Ask for the survey report.",
                topics=(PENSIONS,),
            ),
        ),
    ),
    DemoMeeting(
        "lastrada",
        3,
        _t("11:30"),
        _t("13:00"),
        "NGO La Strada: safe migration hotline",
        MeetingKind.MEETING,
        "La Strada Belarus, Minsk",
        MeetingStatus.HELD,
        ("lastrada",),
        ("kovalchuk",),
        ALL,
        agenda="Hotline data; cases of labour exploitation; cooperation with authorities.",
        notes=(
            DemoNote(
                "ioana",
                "Ms Кавальчук presented the **safe migration hotline**, which answered about "
                "6,000 calls last year. Most callers check whether an agency or a job offer "
                "is genuine before leaving; the hotline keeps an informal list of "
                "intermediaries that generate complaints.\n\n"
                "1. Callers cannot check online whether an agency holds a licence.\n"
                "2. Cases of exploitation are referred to the police, but feedback on the "
                "outcome is rare.\n"
                "3. La Strada would share anonymised complaint data with the DCM to guide "
                "inspections.\n\n"
                "A public register of licensed agencies would cut a large part of the "
                "hotline's workload.",
                key_finding=True,
                topics=(TRAFFICKING, LICENSING),
            ),
            DemoNote(
                "zoltan",
                "This meeting closed the loop on licensing: the NGO has exactly the "
                "complaint data that the DCM lacks for risk-based inspections. Hungary's "
                "experience of publishing the register of licensed agencies, with the date "
                "of the last inspection, is directly relevant.",
                topics=(LICENSING,),
            ),
        ),
    ),
    DemoMeeting(
        "drafting",
        3,
        _t("15:00"),
        _t("17:00"),
        "Team session: conclusions and recommendations",
        MeetingKind.INTERNAL,
        "Hotel Minsk, business centre",
        MeetingStatus.PLANNED,
        (),
        (),
        ALL,
        agenda="Agree the conclusions, recommendations and follow-up actions.",
    ),
    DemoMeeting(
        "debrief",
        3,
        _t("17:30"),
        _t("18:30"),
        "Debriefing with the DCM",
        MeetingKind.MEETING,
        "Ministry of Internal Affairs, Gorodskoy Val 4, Minsk",
        MeetingStatus.PLANNED,
        ("dcm",),
        ("kovaleva", "shimansky", "sidarenka"),
        ALL,
        agenda="Preliminary conclusions of the mission; next steps under Pilot Project 2.",
    ),
)

FEEDBACK = (
    DemoNote(
        "anna",
        "The mission reached its objectives. Counterparts were well prepared, and the DCM "
        "made sure that every institution on the programme received us at the right level.\n\n"
        "The most valuable part was seeing the whole chain of **labour migration**, from "
        "the vacancy database to the recruitment agency and the hotline, within two days. "
        "The gaps lie between institutions rather than within them: data, inspections and "
        "referral of victims each depend on two or three bodies that do not share "
        "information.\n\n"
        "For future missions, Phase II should come first: the international partners gave "
        "us the questions we should have asked the authorities.",
    ),
    DemoNote(
        "zoltan",
        "My focus was work permits and the licensing of recruiters. The legal framework is "
        "sound and in places stricter than ours, but the state stops looking once a licence "
        "is granted.\n\n"
        "- The **special permit** and the labour-market test duplicate each other.\n"
        "- Inspections of agencies are not based on risk or complaints.\n"
        "- Unlicensed intermediaries online are the real problem, and nobody is in charge "
        "of them.\n\n"
        "I would be glad to host a Belarusian delegation in Budapest to show our electronic "
        "employer portal and inspection planning.",
    ),
    DemoNote(
        "ioana",
        "I covered readmission, irregular-migration data and counter-trafficking. The "
        "counterparts were frank about the limits of their data, which is a good basis for "
        "cooperation.\n\n"
        "The most urgent point is the **referral of victims** of labour exploitation: it "
        "works today only because a few people know each other. A written procedure "
        "between the DCM, IOM and La Strada would make it survive staff changes. On data, "
        "common definitions between the SBC, the DCM and Belstat are a low-cost first step "
        "that the Knowledge Base could support with a template.\n\n"
        "Romania's national anti-trafficking agency has offered to receive a study visit.",
    ),
)

ACTIONS = (
    DemoAction(
        "Send the DCM the Hungarian and Finnish templates for electronic employer "
        "applications for work permits.",
        14,
        meeting="dcm",
        owner_member="zoltan",
    ),
    DemoAction(
        "Answer the mission's questionnaire on recruitment practice in writing "
        "(replaces the cancelled meeting).",
        21,
        meeting="vostok",
        owner_organisation="vostok",
    ),
    DemoAction(
        "Share the draft methodology note on emigration estimates (mirror statistics).",
        30,
        meeting="belstat",
        owner_organisation="belstat",
    ),
    DemoAction(
        "Prepare a comparative note on licensing and inspection of private employment "
        "agencies in Finland, Hungary and Romania.",
        30,
        meeting="trudexport",
        owner_member="zoltan",
        status=ActionStatus.IN_PROGRESS,
    ),
    DemoAction(
        "Propose a draft referral procedure for victims of labour exploitation abroad, "
        "with La Strada and the DCM.",
        45,
        meeting="iom",
        owner_organisation="iom",
    ),
    DemoAction(
        "Connect La Strada with Romania's National Agency against Trafficking in Persons "
        "(Agenția Națională împotriva Traficului de Persoane, ANITP) for a study visit.",
        45,
        meeting="lastrada",
        owner_member="ioana",
    ),
    DemoAction(
        "Circulate the draft mission report to all counterparts for factual comments.",
        21,
        owner_member="anna",
    ),
    DemoAction(
        "Ask the Secretariat to request the readmission tables from the DCM through "
        "official channels.",
        10,
        meeting="dcm",
        owner_member="anna",
        internal=True,
    ),
    DemoAction(
        "Confirm the interpreter for Phase II.",
        -2,
        meeting="briefing",
        owner_member="anna",
        status=ActionStatus.DONE,
        internal=True,
    ),
)
