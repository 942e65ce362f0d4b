"""Demo data of the Infoletter: the reference project's "Infoletter Ausbildung".

The seed report: "informierte der Infoletter Ausbildung mit insgesamt sieben Mailings rund 500 Abonnent*innen".
So: subscribers who signed up and confirmed over the project years (with consent proof), seven mailings sent
between October 2024 and September 2025 with one delivery record per recipient, some unsubscribes (most of them
through a mailing's link) and bounces; the stock of confirmed subscribers on 2025-09-30 is exactly
``STOCK_AT_END`` (497, "rund 500"), counted by :func:`inklusio.mailings.figures.confirmed_stock`.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import CONFIRMATION_MAIL_VERSION, Delivery, Mailing, Subscriber, Topic, new_token
from .services import current_consent_text, ensure_defaults

STOCK_AT_END = 497
PROJECT_END = date(2025, 9, 30)
FIRST_SIGNUP = date(2022, 11, 3)
LAST_SIGNUP = date(2025, 9, 26)
EARLY_UNSUBSCRIBES = 7
MAILINGS = [
    (date(2024, 10, 15), "Infoletter Ausbildung 1/2024: Fachtag Nord-Rhein-Westfalen im Rückblick", 3, 2),
    (date(2024, 12, 10), "Infoletter Ausbildung 2/2024: Ausbildung in Inklusionsunternehmen – gute Beispiele", 2, 1),
    (date(2025, 2, 11), "Infoletter Ausbildung 1/2025: Einladung zum Online-Kongress", 4, 1),
    (date(2025, 4, 8), "Infoletter Ausbildung 2/2025: Fachpraktiker*innen-Ausbildung nach § 66 BBiG", 2, 2),
    (date(2025, 5, 20), "Infoletter Ausbildung 3/2025: Neue regionale Netzwerke", 3, 1),
    (date(2025, 7, 8), "Infoletter Ausbildung 4/2025: Fördermöglichkeiten für Ausbildungsbetriebe", 2, 1),
    (date(2025, 9, 16), "Infoletter Ausbildung 5/2025: Ergebnisse der Ausbildungsoffensive", 3, 1),
]  # (sent on, subject, unsubscribes through this mailing, bounces)
BODY = """# {title}

Liebe Leser*innen,

in dieser Ausgabe berichten wir aus den Inklusionsunternehmen, die junge Menschen mit und ohne Behinderung
ausbilden, und aus den regionalen Netzwerken der Ausbildungsoffensive.

## Aus dem Projekt

- Rückblick auf unsere Veranstaltungen mit Ausbildungsverantwortlichen, Kammern und Integrationsfachdiensten
- Gute Beispiele: Auszubildende erzählen von ihrem Weg in den Beruf
- Termine der nächsten Netzwerktreffen

## Zum Weiterlesen

Alle Unterlagen finden Sie auf unserer [Projektseite](https://example.org/ausbildungsoffensive).

Ihr Team der Ausbildungsoffensive
"""
FIRST = ["Anna", "Ben", "Cem", "Dana", "Emre", "Fatma", "Greta", "Hakan", "Ina", "Jonas", "Kira", "Lars", "Mira",
         "Nils", "Olga", "Paul", "Rana", "Sven", "Tina", "Ugur", "Vera", "Wim", "Yara", "Zoe"]  # fmt: skip
LAST = ["Albers", "Brandt", "Demir", "Engel", "Fischer", "Graf", "Hoffmann", "Kaya", "Lange", "Meyer", "Nowak",
        "Özdemir", "Peters", "Roth", "Schulz", "Thiel", "Vogel", "Wagner", "Yilmaz", "Zimmermann"]  # fmt: skip


def _at(day: date, hour: int, rng) -> datetime:
    moment = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)))
    return timezone.make_aware(moment)


def _signup_day(rng) -> date:
    """Sign-ups grow over the project: later days are more likely (density rising linearly)."""
    span = (LAST_SIGNUP - FIRST_SIGNUP).days
    return FIRST_SIGNUP + timedelta(days=int(span * (rng.random() ** 0.6)))


def load(context: dict) -> None:
    rng = context["rng"]
    project = context.get("reference_project")
    ensure_defaults()
    consent = current_consent_text()
    topics = list(Topic.objects.all())
    training = next(t for t in topics if t.code == "ausbildung")
    removals = EARLY_UNSUBSCRIBES + sum(u + b for _d, _s, u, b in MAILINGS)
    confirmed_count = STOCK_AT_END + removals

    people = [p for p in context.get("people", []) if p.email]
    rng.shuffle(people)
    linked = people[: int(confirmed_count * 0.4)]
    used = {p.email.lower() for p in people}
    sources = ["website:infoletter", "website:infoletter", "event:fachtag", "event:online-kongress", "network:meeting"]
    subscribers = []
    for index in range(confirmed_count):
        person = linked[index] if index < len(linked) else None
        if person:
            email, name = person.email.lower(), f"{person.first_name} {person.last_name}".strip()
        else:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}.{last.lower().replace('ö', 'oe')}.{index}@example.net"
            while email in used:
                email = email.replace("@", "x@")
            name = f"{first} {last}" if rng.random() < 0.7 else ""
        used.add(email)
        day = _signup_day(rng)
        signed_up = _at(day, rng.randrange(7, 22), rng)
        confirmed = signed_up + timedelta(minutes=rng.randrange(2, 60 * 30))
        subscribers.append(
            Subscriber(
                email=email,
                name=name,
                language="en" if rng.random() < 0.03 else "de",
                status=Subscriber.Status.CONFIRMED,
                person=person,
                region=getattr(person, "region", "")
                if person
                else rng.choice(context.get("network_regions", [""]) + [""]),
                token=new_token(),
                consent_text=consent,
                source=rng.choice(sources),
                signed_up_at=signed_up,
                confirmation_sent_at=signed_up + timedelta(seconds=rng.randrange(2, 30)),
                confirmation_mail_version=CONFIRMATION_MAIL_VERSION,
                confirmed_at=confirmed,
            )
        )
    # the confirmations of the last days of the project happen before it ends
    for subscriber in subscribers:
        if subscriber.confirmed_at.date() > PROJECT_END:
            subscriber.confirmed_at = subscriber.signed_up_at + timedelta(minutes=5)
    Subscriber.objects.bulk_create(subscribers, batch_size=500)
    subscribers = list(Subscriber.objects.filter(email__in=[s.email for s in subscribers]).order_by("confirmed_at"))
    Through = Subscriber.topics.through
    links = []
    for subscriber in subscribers:
        chosen = {training} | {t for t in topics if rng.random() < 0.35}
        links.extend(Through(subscriber_id=subscriber.pk, topic_id=t.pk) for t in chosen)
    Through.objects.bulk_create(links, batch_size=1000)

    # a few left before the first mailing (through the preferences page, no mailing to attribute it to)
    first_mailing_day = MAILINGS[0][0]
    early = [s for s in subscribers if s.confirmed_at.date() < first_mailing_day - timedelta(days=90)]
    for subscriber in rng.sample(early, EARLY_UNSUBSCRIBES):
        latest = (first_mailing_day - subscriber.confirmed_at.date()).days - 1
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = subscriber.confirmed_at + timedelta(days=rng.randrange(20, latest))
        subscriber.save(update_fields=["status", "unsubscribed_at"])

    mailings = []
    for sent_on, subject, unsubscribes, bounced in MAILINGS:
        start = _at(sent_on, 9, rng)
        active = [
            s
            for s in subscribers
            if s.confirmed_at < start
            and not (s.unsubscribed_at and s.unsubscribed_at < start)
            and not (s.bounced_at and s.bounced_at < start)
        ]
        mailing = Mailing.objects.create(
            project=project,
            subject=subject,
            language="de",
            body=BODY.format(title=subject.split(": ", 1)[1]),
            status=Mailing.Status.SENT,
            started_at=start,
            finished_at=start + timedelta(seconds=len(active) // 4 + 5),
        )
        mailing.topics.set([training])
        picked = rng.sample(active, bounced + unsubscribes)
        bouncing, leaving = picked[:bounced], picked[bounced:]
        bouncing_ids = {s.pk for s in bouncing}
        deliveries = []
        for position, subscriber in enumerate(active):
            moment = start + timedelta(seconds=position // 4)
            bounce = subscriber.pk in bouncing_ids
            deliveries.append(
                Delivery(
                    mailing=mailing,
                    subscriber=subscriber,
                    status=Delivery.Status.BOUNCED if bounce else Delivery.Status.SENT,
                    worker="demo",
                    claimed_at=moment,
                    sending_at=moment,
                    sent_at=None if bounce else moment,
                    attempts=1,
                    last_error="550 5.1.1 mailbox unknown" if bounce else "",
                )
            )
        Delivery.objects.bulk_create(deliveries, batch_size=1000)
        for subscriber in bouncing:
            subscriber.status = Subscriber.Status.BOUNCED
            subscriber.bounced_at = start + timedelta(minutes=rng.randrange(1, 90))
            subscriber.bounce_reason = "550 5.1.1 mailbox unknown"
            subscriber.save(update_fields=["status", "bounced_at", "bounce_reason"])
        for subscriber in leaving:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = start + timedelta(hours=rng.randrange(1, 24 * 5))
            subscriber.unsubscribed_via = mailing
            subscriber.save(update_fields=["status", "unsubscribed_at", "unsubscribed_via"])
        mailings.append(mailing)

    # two sign-ups still waiting for confirmation, and a draft for the follow-up project
    now = timezone.now()
    for index in range(2):
        Subscriber.objects.create(
            email=f"neu.{index}@example.net",
            status=Subscriber.Status.PENDING,
            consent_text=consent,
            source="website:infoletter",
            signed_up_at=now - timedelta(hours=index + 1),
            confirmation_sent_at=now - timedelta(hours=index + 1),
            confirmation_mail_version=CONFIRMATION_MAIL_VERSION,
        )
    Mailing.objects.create(
        project=context.get("follow_up_project"),
        subject="Infoletter Berufliche Bildung 1/2026",
        body=BODY.format(title="Das Anschlussprojekt startet"),
    )
    context["infoletter_mailings"] = mailings
    context["infoletter_stock_at_end"] = STOCK_AT_END
