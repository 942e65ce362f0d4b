"""Demo: the three regional networks of the reference project (seed text: "drei regionale Netzwerke mit über
20 Treffen und rund 70 aktiven Beteiligten"; Hesse founded in the last project year).

23 meetings between Oct 2022 and Sep 2025, 71 distinct people attended at least one (the active participants by
the default definition), drawn from inclusion companies, integration offices, chambers, job centres,
integration services, employer contact points (EAAs) and teachers. The demo login "coordinator" coordinates Hesse.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from inklusio.contacts.demo import people_for_seeding

from .models import Attendance, Invitation, Meeting, Membership, Network

COORDINATOR_USERNAME = "coordinator"
# name, region, founded, meeting dates (first day of month; the loader picks a weekday), members, active
NETWORKS = [
    (
        "Netzwerk Inklusive Ausbildung NRW",
        "DE-NW",
        date(2022, 11, 15),
        [
            (2022, 12),
            (2023, 3),
            (2023, 6),
            (2023, 10),
            (2024, 1),
            (2024, 4),
            (2024, 9),
            (2025, 1),
            (2025, 5),
            (2025, 9),
        ],
        34,
        30,
    ),
    (
        "Netzwerk Inklusive Ausbildung Niedersachsen",
        "DE-NI",
        date(2023, 3, 8),
        [(2023, 4), (2023, 7), (2023, 11), (2024, 2), (2024, 5), (2024, 10), (2025, 2), (2025, 6), (2025, 9)],
        30,
        26,
    ),
    (
        "Netzwerk Inklusive Ausbildung Hessen",
        "DE-HE",
        date(2024, 11, 12),
        [(2024, 12), (2025, 3), (2025, 6), (2025, 9)],
        18,
        15,
    ),
]
# The stakeholder mix a network aims for, as shares of its members.
MIX = [
    ("inclusion_company", 0.36),
    ("integration_office", 0.09),
    ("chamber", 0.12),
    ("job_centre", 0.1),
    ("integration_service", 0.12),
    ("employer_contact_point", 0.09),
    ("teacher", 0.12),
]
TOPICS = [
    "Fachpraktikerausbildung nach § 66 BBiG",
    "Ausbildungsvergütung und Förderung",
    "Nachteilsausgleich in Prüfungen",
    "Übergang Schule – Beruf",
    "Assistierte Ausbildung",
    "Budget für Ausbildung",
    "Kooperation mit Berufsschulen",
    "Azubi-Gewinnung über Social Media",
    "Jobcoaching im Betrieb",
]
VENUES = {
    "DE-NW": ["Inklusionsamt LVR, Köln", "IHK Dortmund, Märkische Straße 120, Dortmund", "Brückenwerk gGmbH, Essen"],
    "DE-NI": ["Handwerkskammer Hannover, Berliner Allee 17, Hannover", "Integrationsfachdienst Braunschweig"],
    "DE-HE": ["LWV Hessen, Ständeplatz 6–10, Kassel", "IHK Frankfurt am Main, Börsenplatz 4"],
}


def _type_code(person):
    if person.stakeholder_type_id:
        return person.stakeholder_type.code
    affiliations = list(person.affiliations.all())
    return affiliations[0].organisation.stakeholder_type.code if affiliations else None


def _choose_members(rng, pool_by_type, region, count, taken):
    chosen = []
    for code, share in MIX:
        wanted = max(1, round(count * share))
        local = [p for p in pool_by_type.get(code, []) if p.region == region and p.pk not in taken]
        other = [p for p in pool_by_type.get(code, []) if p.region != region and p.pk not in taken]
        rng.shuffle(local)
        rng.shuffle(other)
        for person in (local + other)[:wanted]:
            chosen.append(person)
            taken.add(person.pk)
    spare = [p for p in pool_by_type["inclusion_company"] if p.region == region and p.pk not in taken]
    rng.shuffle(spare)
    for person in spare[: max(0, count - len(chosen))]:
        chosen.append(person)
        taken.add(person.pk)
    chosen = chosen[:count]
    rng.shuffle(chosen)
    return chosen


def _meeting_start(rng, year, month):
    day = date(year, month, 1) + timedelta(days=rng.randint(7, 24))
    while day.weekday() > 3:  # Monday to Thursday
        day += timedelta(days=1)
    return datetime.combine(day, time(rng.choice([10, 14])), tzinfo=timezone.get_current_timezone())


def load(context: dict) -> None:
    rng = context["rng"]
    reference, follow_up = context["reference_project"], context["follow_up_project"]
    people = people_for_seeding(context["people"], with_email=True)
    pool_by_type: dict[str, list] = {}
    for person in people:
        code = _type_code(person)
        if code and code != "apprentice":
            pool_by_type.setdefault(code, []).append(person)

    User = get_user_model()
    coordinator, _created = User.objects.get_or_create(
        username=COORDINATOR_USERNAME, defaults={"email": f"{COORDINATOR_USERNAME}@example.org"}
    )
    taken: set[int] = set()
    networks, meetings = [], []
    for name, region, founded, dates, member_count, active_count in NETWORKS:
        network = Network.objects.create(
            name=name,
            regions=[region],
            founded_on=founded,
            description=f"Regionales Netzwerk für inklusive Ausbildung in Inklusionsunternehmen ({name.split()[-1]}): "
            "Austausch von Inklusionsbetrieben, Inklusionsamt, Kammern, Jobcentern, IFD, EAA und Berufsschulen.",
        )
        network.projects.set([reference, follow_up])
        if region == "DE-HE":
            network.coordinators.add(coordinator)
        members = _choose_members(rng, pool_by_type, region, member_count, taken)
        memberships = []
        for index, person in enumerate(members):
            joined = founded if index < member_count * 2 // 3 else founded + timedelta(days=rng.randint(60, 400))
            joined = min(joined, date(2025, 6, 1))
            memberships.append(
                Membership.objects.create(
                    network=network,
                    person=person,
                    organisation=person.organisations.first(),
                    role=Membership.Role.COORDINATOR if index == 0 else Membership.Role.MEMBER,
                    joined_on=joined,
                )
            )
        active = members[:active_count]
        # who attended which meeting: a sample of the active members; everyone active attends at least once
        plan = []
        for year, month in dates:
            starts = _meeting_start(rng, year, month)
            eligible = [m.person for m in memberships if m.joined_on <= starts.date() and m.person in active]
            plan.append((starts, set(rng.sample(eligible, k=max(1, int(len(eligible) * rng.uniform(0.4, 0.7)))))))
        for person in active:
            if not any(person in attendees for _starts, attendees in plan):
                candidates = [i for i, (s, _a) in enumerate(plan) if s.date() >= founded]
                plan[candidates[-1]][1].add(person)
                membership = next(m for m in memberships if m.person == person)
                if membership.joined_on > plan[candidates[-1]][0].date():
                    membership.joined_on = founded
                    membership.save(update_fields=["joined_on"])
        for number, (starts, attendees) in enumerate(plan, start=1):
            topics = rng.sample(TOPICS, 2)
            meeting_format = rng.choice(["in_person", "in_person", "online", "hybrid"])
            meeting = Meeting.objects.create(
                network=network,
                title=f"{number}. Netzwerktreffen",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2, minutes=30),
                format=meeting_format,
                venue=rng.choice(VENUES[region]) if meeting_format != "online" else "",
                link="https://meet.example.org/netzwerk-" + region.lower() if meeting_format != "in_person" else "",
                agenda=f"1. Begrüßung und Vorstellungsrunde\n2. {topics[0]}\n3. {topics[1]}\n"
                "4. Termine und Verschiedenes",
                minutes=f"## Ergebnisse\n\n- {topics[0]}: Erfahrungen aus den Betrieben ausgetauscht.\n"
                f"- {topics[1]}: Ansprechpersonen benannt.\n\n**Nächstes Treffen:** in etwa drei Monaten.",
                topics=", ".join(topics),
                invitations_sent_at=starts - timedelta(days=21),
            )
            meetings.append(meeting)
            invited = [m.person for m in memberships if m.joined_on <= starts.date()]
            Invitation.objects.bulk_create(
                [
                    Invitation(
                        meeting=meeting,
                        person=person,
                        sent_at=starts - timedelta(days=21),
                        reply=Invitation.Reply.YES if person in attendees else rng.choice(["no", "none", "no"]),
                        replied_at=starts - timedelta(days=rng.randint(2, 14)),
                    )
                    for person in invited
                ]
            )
            Attendance.objects.bulk_create(
                [Attendance(meeting=meeting, person=person, attended=person in attendees) for person in invited]
            )
        networks.append(network)
    context["networks"] = networks
    context["network_meetings"] = meetings
