"""Demo events of the reference project, with the closing report's figures.

- three expert days (Fachtage), the third in Frankfurt am Main in the last project year: 273 participants who
  attended (88 + 91 + 94) and 22 distinct speakers across them;
- the closing online congress "Inklusive Ausbildung" on 30 September 2025 (the project's last day): 10 programme
  items, 16 distinct speakers (four of them apprentices), 218 registrations;
- support needs of people who came, each kind served by a support booking that was booked and provided, then
  reduced to counts as the retention job does 30 days after the event (the report's "support provided" counts
  these provisions), and feedback;
- one upcoming expert day of the follow-up project with open registration, live support needs and a booking
  being arranged.

Registrations are written directly (no confirmation mails for demo people). The online congress's attendance
comes in as it would in real life: through the personal join links (the join-link service), then the Zoom
participant report run through the import service, as staff would upload it, which adds the minutes.
"""

import csv
import io
import random
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from inklusio.contacts.demo import people_for_seeding

from . import attendance_import, attendance_reports, bookings, joining, services
from .models import (
    Answer,
    Attendance,
    Contribution,
    Event,
    FeedbackReceipt,
    FeedbackResponse,
    ProgrammeItem,
    Question,
    Registration,
    SupportBooking,
    SupportKind,
    SupportNeed,
)

PERSPECTIVE_BY_TYPE = {
    "inclusion_company": Contribution.Perspective.INCLUSION_COMPANY,
    "company": Contribution.Perspective.COMPANY,
    "chamber": Contribution.Perspective.CHAMBER,
    "integration_office": Contribution.Perspective.INTEGRATION_OFFICE,
    "job_centre": Contribution.Perspective.EMPLOYMENT_SERVICE,
    "employment_agency": Contribution.Perspective.EMPLOYMENT_SERVICE,
    "integration_service": Contribution.Perspective.INTEGRATION_SERVICE,
    "employer_contact_point": Contribution.Perspective.EMPLOYMENT_SERVICE,
    "vocational_school": Contribution.Perspective.SCHOOL,
    "association": Contribution.Perspective.ASSOCIATION,
}

EXPERT_DAYS = [
    {
        "title": "1. Fachtag Inklusive Ausbildung: Wege in die Ausbildung",
        "slug": "fachtag-2023-koeln",
        "day": date(2023, 5, 11),
        "venue": "Tagungszentrum Rheinufer",
        "region": "DE-NW",
        "address": "Rheinuferstraße 12\n50679 Köln",
        "capacity": 100,
        "confirmed": 96,
        "attended": 88,
        "cancelled": 5,
        "waitlisted": 0,
        "speakers": 8,
    },
    {
        "title": "2. Fachtag Inklusive Ausbildung: Ausbilden im Inklusionsbetrieb",
        "slug": "fachtag-2024-hannover",
        "day": date(2024, 6, 13),
        "venue": "Haus der Region",
        "region": "DE-NI",
        "address": "Hildesheimer Straße 20\n30169 Hannover",
        "capacity": 95,
        "confirmed": 95,
        "attended": 91,
        "cancelled": 6,
        "waitlisted": 3,
        "speakers": 8,
    },
    {
        "title": "3. Fachtag Inklusive Ausbildung: Netzwerke, die tragen",
        "slug": "fachtag-2025-frankfurt",
        "day": date(2025, 5, 22),
        "venue": "Saalbau Gallus",
        "region": "DE-HE",
        "address": "Frankenallee 111\n60326 Frankfurt am Main",
        "capacity": 100,
        "confirmed": 100,
        "attended": 94,
        "cancelled": 4,
        "waitlisted": 5,
        "speakers": 8,
    },
]
EXPERT_DAY_PROGRAMME = [
    (time(9, 30), 30, "Begrüßung und Einführung", ProgrammeItem.Format.TALK),
    (time(10, 0), 45, "Impulsvortrag: Inklusive Ausbildung in der Praxis", ProgrammeItem.Format.TALK),
    (time(10, 45), 60, "Podium: Auszubildende erzählen", ProgrammeItem.Format.PANEL),
    (time(11, 45), 60, "Mittagspause", ProgrammeItem.Format.BREAK),
    (time(12, 45), 90, "World Café: Erfahrungen austauschen, Kontakte knüpfen", ProgrammeItem.Format.WORLD_CAFE),
    (time(14, 15), 75, "Workshops: Finanzierung, Begleitung, Prüfungen", ProgrammeItem.Format.WORKSHOP),
    (time(15, 30), 30, "Ergebnisse und Ausblick", ProgrammeItem.Format.TALK),
]
CONGRESS_PROGRAMME = [
    (time(9, 30), 20, "Eröffnung des Online-Kongresses", ProgrammeItem.Format.TALK, 2),
    (time(9, 50), 40, "Keynote: Drei Jahre Ausbildungsoffensive", ProgrammeItem.Format.TALK, 1),
    (time(10, 30), 50, "Podium: Ausbildung aus Sicht der Auszubildenden", ProgrammeItem.Format.PANEL, 4),
    (time(11, 20), 10, "Pause", ProgrammeItem.Format.BREAK, 0),
    (time(11, 30), 45, "Fachforum: Teilqualifizierung und Fachpraktiker-Ausbildung", ProgrammeItem.Format.WORKSHOP, 2),
    (time(12, 15), 45, "Fachforum: Kammern als Partner inklusiver Ausbildung", ProgrammeItem.Format.WORKSHOP, 2),
    (time(13, 0), 45, "Mittagspause", ProgrammeItem.Format.BREAK, 0),
    (time(13, 45), 45, "Good Practice: Inklusionsbetriebe bilden aus", ProgrammeItem.Format.TALK, 2),
    (time(14, 30), 45, "Fachforum: Förderung durch Inklusionsämter und Agenturen", ProgrammeItem.Format.WORKSHOP, 2),
    (time(15, 15), 30, "Abschluss und Ausblick auf das Anschlussprojekt", ProgrammeItem.Format.TALK, 1),
    (time(15, 45), 30, "Offener Austausch in Kleingruppen", ProgrammeItem.Format.WORKSHOP, 0),
    (time(16, 15), 30, "Digitaler Markt: Inklusionsbetriebe stellen ihre Ausbildung vor", ProgrammeItem.Format.TALK, 0),
]
COMMENTS = [
    "Die Berichte der Auszubildenden waren das Beste am Tag.",
    "Mehr Zeit für den Austausch im World Café wäre schön.",
    "Sehr gut organisiert, auch die Gebärdensprachdolmetschung.",
    "Die Workshops hätten länger sein können.",
    "Viele neue Kontakte in meiner Region – danke!",
    "Die Unterlagen in Leichter Sprache haben geholfen.",
    "Technik lief reibungslos, Breakout-Räume gerne öfter.",
]


def _at(day: date, clock: time):
    return timezone.make_aware(datetime.combine(day, clock))


def _people_of_type(people, code):
    return [p for p in people if p.stakeholder_type_id and p.stakeholder_type.code == code]


def _perspective(person, rng):
    affiliation = next(iter(person.affiliations.all()), None)
    if affiliation is None:
        return Contribution.Perspective.OTHER
    return PERSPECTIVE_BY_TYPE.get(affiliation.organisation.stakeholder_type.code, Contribution.Perspective.OTHER)


def _speakers(rng, pool, apprentices, count, apprentice_count):
    chosen_apprentices = [apprentices.pop() for _ in range(apprentice_count)]
    others = [pool.pop() for _ in range(count - apprentice_count)]
    result = []
    for index, person in enumerate(chosen_apprentices):
        perspective = (
            Contribution.Perspective.APPRENTICE_WITH_DISABILITY
            if index % 2 == 0
            else Contribution.Perspective.APPRENTICE_WITHOUT_DISABILITY
        )
        result.append((person, perspective))
    result += [(person, _perspective(person, rng)) for person in others]
    return result


def _registrations(
    event,
    people,
    *,
    confirmed,
    attended,
    cancelled,
    waitlisted,
    rng,
    opens,
    stakeholder_types,
    until=None,
    record=None,
    arrivals=None,
):
    """Write the registrations of an event directly: attended ⊆ confirmed; plus cancellations, waitlist.

    Attendance is written as check-ins at the door, or, with ``record``, handed to ``record(registration,
    when)`` (the online congress: its join links record it). With ``arrivals`` (a dict), the arrival time of each
    present registration is put there too (for :func:`_attendance_from_platform_report`)."""
    total = confirmed + cancelled + waitlisted
    chosen = rng.sample(people, total)
    span = max(int(((until or event.starts_at) - opens).total_seconds()), 3600)
    created = sorted(opens + timedelta(seconds=rng.randint(0, span - 3600)) for _ in range(total))
    statuses = (
        [Registration.Status.CONFIRMED] * confirmed
        + [Registration.Status.CANCELLED] * cancelled
        + [Registration.Status.WAITLISTED] * waitlisted
    )
    head = statuses[: confirmed + cancelled]
    rng.shuffle(head)  # cancellations happen among the early registrations; the waiting list comes last
    statuses = head + statuses[confirmed + cancelled :]
    rows = []
    for person, when, status in zip(chosen, created, statuses, strict=True):
        affiliation = next(iter(person.affiliations.all()), None)
        rows.append(
            Registration(
                event=event,
                person=person,
                status=status,
                organisation_name=affiliation.organisation.name if affiliation else "",
                stakeholder_type=person.stakeholder_type
                or (affiliation.organisation.stakeholder_type if affiliation else stakeholder_types["other"]),
                privacy_notice_version="2022-10",
                photo_consent=rng.random() < 0.7,
                created=when,
                confirmed_at=when if status != Registration.Status.WAITLISTED else None,
                cancelled_at=when + timedelta(days=rng.randint(1, 10)) if status == "cancelled" else None,
                was_waitlisted=status == Registration.Status.WAITLISTED,
            )
        )
    Registration.objects.bulk_create(rows)
    services.recount_seats([event])  # written in bulk: the seat counter follows
    registrations = list(event.registrations.order_by("created", "id"))
    confirmed_rows = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    present = rng.sample(confirmed_rows, attended)
    for day in event.days():
        rows = [(r, _at(day, time(9, rng.randint(0, 40)))) for r in present]
        if record is None:
            Attendance.objects.bulk_create([Attendance(registration=r, day=day, checked_in_at=at) for r, at in rows])
        for registration, at in rows if record else []:
            record(registration, at)
        if arrivals is not None:
            arrivals.update({registration.pk: at for registration, at in rows})
    return registrations, present


def _joins_through_links(congress):
    """The congress's attendance comes in through the personal join links, as the POST of a join link records it
    (at the fixed demo times): each person joins the congress's room, and some go on into one to three programme
    rooms. A separate random stream, so the rest of the demo stays as it was."""
    item_rng = random.Random(18)
    rooms = [item for item in congress.programme.all() if item.room_url]

    def record(registration, at):
        joining.record_join(registration, now=max(at, joining.room_for(registration).opens_at))
        for item in item_rng.sample(rooms, item_rng.randint(0, 3)):
            room = joining.room_for(registration, item)
            joining.record_join(registration, item, now=room.opens_at + timedelta(minutes=item_rng.randint(0, 20)))

    return record


def _attendance_from_platform_report(event, present, arrivals, seed: int) -> None:
    """The online congress's attendance, as staff record it: a Zoom participant report (made here, in Zoom's
    layout) uploaded and confirmed through the same service as the upload page. Some people rejoined (two
    sessions), some joined as guests without an address (matched by name where the name is unique), the host
    and a guest without registration are unknown, and a few registrants left too early to count."""
    rng = random.Random(seed)  # its own: the demo's shared random sequence stays as it was
    day = event.days()[0]
    confirmed = list(event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("person"))
    name_counts = Counter(attendance_reports.name_key(f"{r.person.first_name} {r.person.last_name}") for r in confirmed)
    end = timezone.localtime(event.ends_at)
    sessions = [("Kongress-Team (Host)", "kongress@example.org", timezone.localtime(event.starts_at), end)]
    for registration in present:
        person = registration.person
        name = f"{person.first_name} {person.last_name}"
        unique = name_counts[attendance_reports.name_key(name)] == 1
        email = "" if unique and rng.random() < 0.1 else person.email
        joined = timezone.localtime(arrivals[registration.pk])
        left = joined + timedelta(minutes=rng.randint(45, 390))
        left = min(left, end)
        if rng.random() < 0.2 and (left - joined) > timedelta(minutes=60):  # dropped out and came back
            pause = joined + (left - joined) / 2
            sessions.append((name, email, joined, pause - timedelta(minutes=5)))
            joined = pause
        sessions.append((name, email, joined, left))
    present_ids = {r.pk for r in present}
    for registration in [r for r in confirmed if r.pk not in present_ids][:4]:  # too short to count
        joined = timezone.localtime(event.starts_at) + timedelta(minutes=rng.randint(0, 120))
        person = registration.person
        sessions.append(
            (f"{person.first_name} {person.last_name}", person.email, joined, joined + timedelta(minutes=8))
        )
    sessions.append(("Gast ohne Anmeldung", "", timezone.localtime(event.starts_at), end - timedelta(hours=2)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"])
    for name, email, joined, left in sessions:
        minutes = max(1, round((left - joined).total_seconds() / 60))
        guest = "No" if email else "Yes"
        writer.writerow([name, email, f"{joined:%m/%d/%Y %I:%M:%S %p}", f"{left:%m/%d/%Y %I:%M:%S %p}", minutes, guest])
    record = attendance_import.start(
        event=event, day=day, filename="zoom-teilnehmer.csv", data=out.getvalue().encode(), actor=None
    )
    attendance_import.confirm(record=record, choices={}, actor=None)


def _feedback(event, present, rng, answers: int):
    Registration.objects.filter(pk__in=[r.pk for r in present]).update(
        feedback_invited_at=event.ends_at + timedelta(hours=2)
    )
    answered = rng.sample(present, answers)
    FeedbackReceipt.objects.bulk_create([FeedbackReceipt(registration=r) for r in answered])
    FeedbackResponse.objects.bulk_create(
        [
            FeedbackResponse(
                event=event,
                overall=rng.choice([5, 5, 4, 4, 4, 3]),
                content=rng.choice([5, 4, 4, 4, 3]),
                accessibility=rng.choice([5, 5, 4, 4, 3, 2]),
                comment=rng.choice(COMMENTS) if rng.random() < 0.4 else "",
                submitted_on=(event.ends_at + timedelta(days=rng.randint(0, 6))).date(),
            )
            for _ in answered
        ]
    )


DEMO_PROVIDERS = {
    SupportKind.SIGN_LANGUAGE: ("Gebärdensprachdolmetschen Rhein-Main", Decimal("960.00")),
    SupportKind.SPEECH_TO_TEXT: ("Schriftdolmetschdienst Hessen", Decimal("720.00")),
    SupportKind.INDUCTION_LOOP: ("Haustechnik des Veranstaltungsorts", Decimal("0.00")),
    SupportKind.STEP_FREE: ("Veranstaltungsort", Decimal("0.00")),
    SupportKind.EASY_LANGUAGE: ("Büro für Leichte Sprache", Decimal("350.00")),
}


def _provided_support(event, present, counts: dict):
    """Support needs of people who came, one booking per kind that was booked and then provided, and the deletion
    of the details 30 days after the event (counts stay). Its own random source, so the rest of the demo draws
    the same as before."""
    rng = random.Random(f"support:{event.slug}")
    for kind, count in counts.items():
        chosen = rng.sample(present, count)
        SupportNeed.objects.bulk_create([SupportNeed(registration=r, kind=kind, consent_at=r.created) for r in chosen])
        provider, cost = DEMO_PROVIDERS[kind]
        data = bookings.BookingData(
            provider=provider,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            cost=cost,
            status=SupportBooking.Status.BOOKED,
            registration_ids=[r.pk for r in chosen],
        )
        booking = bookings.save_booking(SupportBooking(event=event, kind=kind), data)
        data.status = SupportBooking.Status.PROVIDED
        bookings.save_booking(booking, data)
    services.purge_event_support_needs(event.pk, now=event.ends_at + timedelta(days=30))


def load(context: dict) -> None:
    rng = context["rng"]
    reference = context["reference_project"]
    follow_up = context["follow_up_project"]
    types = context["stakeholder_types"]
    new_person = context["new_person"]
    people = list(context["people"])

    people = people_for_seeding(people)
    apprentices = _people_of_type(people, "apprentice")
    rng.shuffle(apprentices)
    others = [p for p in people if p not in apprentices and list(p.affiliations.all())]
    rng.shuffle(others)
    speaker_pool = others[:60]
    participants_pool = [p for p in people if p not in speaker_pool]

    # --- three expert days: 22 distinct speakers (8 per day, one speaker on two days each for days 2 and 3) ---
    expert_days = []
    previous_day_speakers = []
    for number, spec in enumerate(EXPERT_DAYS):
        day = spec["day"]
        event = Event.objects.create(
            project=reference,
            kind=Event.Kind.CONFERENCE_DAY,
            title=spec["title"],
            slug=spec["slug"],
            starts_at=_at(day, time(9, 30)),
            ends_at=_at(day, time(16, 0)),
            venue=spec["venue"],
            address=spec["address"],
            region=spec["region"],
            accessibility_info="Stufenloser Zugang über den Haupteingang, Aufzug zu allen Sälen, barrierefreie "
            "Toiletten, Induktionsschleife im großen Saal, Gebärdensprach- und Schriftdolmetschung im Plenum.",
            description="Der Fachtag bringt Inklusionsunternehmen, Kammern, Inklusionsämter, Jobcenter, "
            "Integrationsfachdienste, Berufsschulen und Auszubildende zusammen. Auszubildende mit und ohne "
            "Behinderung berichten aus ihrem Alltag; im World Café tauschen sich alle aus.",
            description_easy="Der Fachtag ist ein Treffen.\nEs geht um Ausbildung.\n"
            "Auch Menschen mit Behinderung können eine Ausbildung machen.\n"
            "Auszubildende erzählen von ihrer Arbeit.\nSie können Fragen stellen.",
            capacity=spec["capacity"],
            registration_opens=_at(day - timedelta(days=70), time(9, 0)),
            registration_closes=_at(day - timedelta(days=3), time(23, 59)),
            visibility=Event.Visibility.PUBLIC,
        )
        items = []
        for clock, minutes, title, fmt in EXPERT_DAY_PROGRAMME:
            start = _at(day, clock)
            items.append(
                ProgrammeItem.objects.create(
                    event=event,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=minutes),
                    title=title,
                    format=fmt,
                    room="Großer Saal" if fmt != ProgrammeItem.Format.WORKSHOP else "Seminarräume 1–3",
                )
            )
        repeat = previous_day_speakers[:1]  # one speaker comes again
        new_count = spec["speakers"] - len(repeat)
        apprentice_count = 2 if number < 2 else 1
        speakers = repeat + _speakers(rng, speaker_pool, apprentices, new_count, apprentice_count)
        talk, keynote, panel, _break, cafe, workshops, closing = items
        # host: the first speaker opens and closes the day; the panel has the apprentices and a moderator
        host, host_perspective = speakers[-1]
        Contribution.objects.create(
            item=talk, person=host, role=Contribution.Role.SPEAKER, perspective=host_perspective
        )
        Contribution.objects.create(
            item=closing, person=host, role=Contribution.Role.SPEAKER, perspective=host_perspective
        )
        Contribution.objects.create(item=cafe, person=host, role=Contribution.Role.HOST, perspective=host_perspective)
        appr = [(p, pp) for p, pp in speakers if pp.startswith("apprentice")]
        rest = [(p, pp) for p, pp in speakers if not pp.startswith("apprentice") and p != host]
        keynote_person, keynote_perspective = rest[0]
        Contribution.objects.create(item=keynote, person=keynote_person, perspective=keynote_perspective)
        for person, perspective in appr + rest[1:3]:
            Contribution.objects.create(item=panel, person=person, perspective=perspective)
        Contribution.objects.create(
            item=panel, person=rest[1][0], role=Contribution.Role.MODERATOR, perspective=rest[1][1]
        )
        for person, perspective in rest[3:]:
            Contribution.objects.create(item=workshops, person=person, perspective=perspective)
        previous_day_speakers = [s for s in speakers if s not in repeat and not s[1].startswith("apprentice")]
        Question.objects.create(
            event=event,
            text="Essenswunsch",
            kind=Question.Kind.CHOICE,
            choices="vegetarisch\nvegan\nmit Fleisch",
            position=1,
        )
        Question.objects.create(
            event=event, text="Nehmen Sie am World Café teil?", kind=Question.Kind.YES_NO, position=2
        )
        registrations, present = _registrations(
            event,
            participants_pool,
            confirmed=spec["confirmed"],
            attended=spec["attended"],
            cancelled=spec["cancelled"],
            waitlisted=spec["waitlisted"],
            rng=rng,
            opens=event.registration_opens,
            stakeholder_types=types,
        )
        food, cafe_question = event.questions.all()
        Answer.objects.bulk_create(
            [Answer(registration=r, question=food, value=rng.choice(food.choice_list())) for r in registrations]
            + [
                Answer(registration=r, question=cafe_question, value=rng.choice(["yes", "yes", "no"]))
                for r in registrations
            ]
        )
        _feedback(event, present, rng, answers=[34, 39, 41][number])
        _provided_support(
            event,
            present,
            {"sign_language": 2, "step_free": 3 + number, "induction_loop": 1, "easy_language": 2 + number},
        )
        expert_days.append(event)

    # --- the online congress: 10 programme items, 16 speakers (four apprentices), 218 registrations ---
    day = reference.end  # 30 September 2025, the project's last day
    congress = Event.objects.create(
        project=reference,
        kind=Event.Kind.ONLINE_CONGRESS,
        title="Online-Kongress „Inklusive Ausbildung“",
        slug="online-kongress-inklusive-ausbildung",
        starts_at=_at(day, time(9, 30)),
        ends_at=_at(day, time(16, 0)),
        room_url="https://konferenz.example.org/inklusive-ausbildung",
        description="Der digitale Abschlusskongress der Ausbildungsoffensive: praxisnahe Einblicke in verschiedene "
        "Aspekte der inklusiven Ausbildung, Good-Practice-Beispiele und die Perspektiven von Auszubildenden "
        "mit und ohne Behinderung.",
        description_easy="Der Kongress ist im Internet.\nSie brauchen einen Computer oder ein Handy.\n"
        "Es geht um Ausbildung für alle.\nAuszubildende erzählen von ihrer Arbeit.",
        registration_opens=_at(day - timedelta(days=56), time(9, 0)),
        registration_closes=_at(day - timedelta(days=1), time(12, 0)),
        visibility=Event.Visibility.PUBLIC,
    )
    congress_speakers = _speakers(rng, speaker_pool, apprentices, 16, 4)
    queue = list(congress_speakers)
    appr = [s for s in queue if s[1].startswith("apprentice")]
    rest = [s for s in queue if not s[1].startswith("apprentice")]
    moderator = rest[0]
    for index, (clock, minutes, title, fmt, speaker_count) in enumerate(CONGRESS_PROGRAMME):
        start = _at(day, clock)
        item = ProgrammeItem.objects.create(
            event=congress,
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            title=title,
            format=fmt,
            room_url="" if fmt == ProgrammeItem.Format.BREAK else f"https://konferenz.example.org/raum-{index + 1}",
        )
        if fmt == ProgrammeItem.Format.PANEL:
            chosen = appr
            Contribution.objects.create(
                item=item, person=moderator[0], role=Contribution.Role.MODERATOR, perspective=moderator[1]
            )
        else:
            chosen = [rest.pop() for _ in range(speaker_count)] if index else [moderator] + [rest.pop()]
        for person, perspective in chosen:
            Contribution.objects.get_or_create(
                item=item, person=person, role=Contribution.Role.SPEAKER, defaults={"perspective": perspective}
            )
    for person, perspective in rest:  # anyone not placed yet speaks in the closing item
        Contribution.objects.get_or_create(
            item=congress.programme.last(),
            person=person,
            role=Contribution.Role.SPEAKER,
            defaults={"perspective": perspective},
        )
    newcomers = [new_person(rng.choice([None, types["apprentice"], types["teacher"]])) for _ in range(30)]
    congress_people = participants_pool + newcomers
    arrivals = {}
    _registrations_congress, present = _registrations(
        congress,
        congress_people,
        confirmed=218,
        attended=171,
        cancelled=0,
        waitlisted=0,
        rng=rng,
        opens=congress.registration_opens,
        stakeholder_types=types,
        record=_joins_through_links(congress),
        arrivals=arrivals,
    )
    _attendance_from_platform_report(congress, present, arrivals, seed=2025)
    Registration.objects.filter(event=congress).update(reminder_sent_at=congress.starts_at - timedelta(hours=24))
    _feedback(congress, present, rng, answers=57)
    _provided_support(congress, present, {"speech_to_text": 4, "sign_language": 3, "easy_language": 5})

    # --- an upcoming expert day of the follow-up project: registration open, live support needs ---
    today = timezone.localdate()
    upcoming_day = min(max(today + timedelta(days=60), follow_up.start), follow_up.end - timedelta(days=7))
    upcoming = Event.objects.create(
        project=follow_up,
        kind=Event.Kind.CONFERENCE_DAY,
        title="Fachtag Berufliche Bildung – Mehr Chancen, mehr Wert",
        slug="fachtag-berufliche-bildung-kassel",
        starts_at=_at(upcoming_day, time(10, 0)),
        ends_at=_at(upcoming_day, time(16, 0)),
        venue="Kongress Palais Kassel",
        address="Friedrich-Ebert-Straße 152\n34119 Kassel",
        region="DE-HE",
        accessibility_info="Stufenloser Zugang, Aufzug, barrierefreie Toiletten, Induktionsschleife.",
        description="Der erste Fachtag des Anschlussprojekts: berufliche Bildung in Inklusionsbetrieben stärken.",
        description_easy="Der Fachtag ist ein Treffen.\nEs geht um Lernen im Beruf.\nAlle können kommen.",
        capacity=80,
        registration_opens=_at(upcoming_day - timedelta(days=90), time(9, 0)),
        registration_closes=_at(upcoming_day - timedelta(days=2), time(23, 59)),
        visibility=Event.Visibility.PUBLIC,
    )
    ProgrammeItem.objects.create(event=upcoming, starts_at=upcoming.starts_at, title="Begrüßung", format="talk")
    ProgrammeItem.objects.create(
        event=upcoming, starts_at=upcoming.starts_at + timedelta(hours=2), title="World Café", format="world_cafe"
    )
    opens = min(upcoming.registration_opens, timezone.now() - timedelta(days=5))
    upcoming_regs, _present = _registrations(
        upcoming,
        participants_pool,
        confirmed=34,
        attended=0,
        cancelled=2,
        waitlisted=0,
        rng=rng,
        opens=opens,
        stakeholder_types=types,
        until=timezone.now(),
    )
    now = timezone.now()
    kinds = [
        SupportKind.SIGN_LANGUAGE,
        SupportKind.STEP_FREE,
        SupportKind.EASY_LANGUAGE,
        SupportKind.COMPANION,
        SupportKind.SIGN_LANGUAGE,
    ]
    confirmed = [r for r in upcoming_regs if r.status == Registration.Status.CONFIRMED]
    SupportNeed.objects.bulk_create(
        [
            SupportNeed(registration=r, kind=k, detail="", consent_at=now)
            for r, k in zip(confirmed[:5], kinds, strict=True)
        ]
    )
    # Interpreting is being arranged (no mail: only a booked booking tells people); the other requests are open.
    bookings.save_booking(
        SupportBooking(event=upcoming, kind=SupportKind.SIGN_LANGUAGE),
        bookings.BookingData(
            provider="Gebärdensprachdolmetschen Nordhessen",
            starts_at=upcoming.starts_at,
            ends_at=upcoming.ends_at,
            cost=Decimal("960.00"),
            registration_ids=[r.pk for r in confirmed[:5:4]],
        ),
    )

    context["events"] = expert_days + [congress, upcoming]
    context["expert_days"] = expert_days
    context["online_congress"] = congress
