"""Every GET page of the URLconf with real ids, as the roles that may open it, and a way to grow the data around
those ids; shared by ``test_page_queries.py`` (query counts at two small sizes) and ``benchmarks/pages.py``
(timings at full scale).

The pages come from the authorization matrix (``PATTERNS`` is read from ``django.urls.get_resolver()``;
``EXPECTED`` says which roles get an answer for GET, ``ARGS`` gives the ids), so a new page is covered here as soon
as it has its row in the matrix, which it must have anyway.
"""

import importlib.util
import sys
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from .conftest import ROLES, Answer, World, clean_client, request_as
from .test_authorization_matrix import ARGS, EXPECTED, PATTERNS

ROOT = Path(__file__).resolve().parents[2]
# Who asks for a page: a public page the anonymous visitor; a staff page the most privileged role that may open it
# and the two scoped roles where they may open it too (their query functions filter by network or organisation).
PREFERRED = ("lead", "staff", "superuser", "reviewer")
SCOPED = ("coordinator", "company", "anonymous")


def page_requests() -> list[tuple[str, str]]:
    """``(url name, role)`` for every pattern some role may GET (its matrix row says ``ok``)."""
    found = []
    for name in sorted(PATTERNS):
        get = dict(zip(ROLES, EXPECTED[name][0].split(), strict=True))
        allowed = [role for role in ROLES if get[role] == "ok"]
        if not allowed:
            continue
        if "anonymous" in allowed:  # a public page: as the visitor (staff see the same page)
            roles = ["anonymous"]
        else:
            roles = [next((role for role in PREFERRED if role in allowed), allowed[0])]
            roles += [role for role in SCOPED if role in allowed and role not in roles]
        found += [(name, role) for role in roles]
    return found


def url_of(name: str, world: World) -> str:
    return reverse(name, kwargs=ARGS[name](world) if name in ARGS else {})


def get(world: World, role: str, url: str):
    """One GET as ``role`` in a savepoint that is rolled back (see conftest.request_as)."""
    return request_as(world, role, "GET", url)


def serve(world: World, role: str, url: str) -> Answer:
    """One GET as ``role`` outside any transaction, as a web server answers it (a report's figures are then read
    side by side, core/side_by_side.py); what the page writes (a session's last-seen time) stays."""
    client = clean_client()
    if world.sessions.get(role):
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return Answer(response.status_code, response.get("Location", ""), [], response.get("Content-Type", ""))


def counted(action):
    """``(result of action(), number of SQL statements it ran)``; no cap, unlike CaptureQueriesContext's 9,000."""
    from django.db import connection

    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = action()
    return result, statements


def report_generator():
    """``benchmarks/report.py``, the synthetic association's generator."""
    if "inklusio_bench_report" not in sys.modules:
        spec = importlib.util.spec_from_file_location("inklusio_bench_report", ROOT / "benchmarks" / "report.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["inklusio_bench_report"]


def grow(world: World, n: int, *, first: int) -> None:
    """``n`` more of everything around the pages' own objects: people with registrations for the event (attended,
    with a support need and answers), programme items, memberships, meetings and invitations in the network,
    affiliations and inquiries of the person and the organisation, deliveries of the sent mailing, posts and
    follower counts of the channel, participants of the World Café; then the likely-duplicate search runs, as the
    worker's periodic job would. ``first`` keeps names and addresses unique."""
    from django.utils import timezone

    from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person
    from inklusio.core.models import Project
    from inklusio.events.models import Attendance, Event, ProgrammeItem, Registration, SupportNeed
    from inklusio.mailings.models import Delivery, Subscriber
    from inklusio.networks.models import Attendance as MeetingAttendance
    from inklusio.networks.models import Invitation, Meeting, Membership, Network
    from inklusio.outreach.models import Channel, FollowerSnapshot, Post

    now = timezone.now()
    event = Event.objects.get(pk=world.event)
    network = Network.objects.get(pk=world.network)
    meeting = Meeting.objects.get(pk=world.meeting)
    person = Person.objects.get(pk=world.person)
    organisation = Organisation.objects.get(pk=world.organisation)
    channel = Channel.objects.get(pk=world.channel)
    project = Project.objects.get(slug=world.project)
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [
                Person(first_name="Neu", last_name=f"Gast {first + i}", name_key=f"neu gast {first + i}",
                       email=f"grow{first + i}@example.org")
                for i in range(n)
            ]
        )  # fmt: skip
        for i, new in enumerate(people):
            registration = Registration.objects.create(
                event=event, person=new, status="confirmed", privacy_notice_version="1", created=now
            )
            Attendance.objects.create(registration=registration, day=event.days()[0], checked_in_at=now)
            SupportNeed.objects.create(registration=registration, kind="sign_language", consent_at=now)
            ProgrammeItem.objects.create(event=event, starts_at=event.starts_at, title=f"Punkt {first + i}")
            Membership.objects.create(network=network, person=new, joined_on=now.date())
            Invitation.objects.create(meeting=meeting, person=new, sent_at=now)
            MeetingAttendance.objects.create(meeting=meeting, person=new, attended=True)
            Meeting.objects.create(
                network=network, title=f"Treffen {first + i}", starts_at=now, ends_at=now + timedelta(hours=1)
            )
            other = Organisation.objects.create(
                name=f"Verein {first + i}",
                name_key=f"verein {first + i}",
                stakeholder_type=organisation.stakeholder_type,
            )
            Affiliation.objects.create(person=person, organisation=other)
            Affiliation.objects.create(person=new, organisation=organisation)
            for who in ({"person": person}, {"organisation": organisation}):
                Inquiry.objects.create(project=project, received_on=now.date(), channel="email", topic="Frage", **who)
            subscriber = Subscriber.objects.create(
                email=f"grow{first + i}@example.org", status="confirmed", signed_up_at=now, confirmed_at=now
            )
            Delivery.objects.create(mailing_id=world.sent_mailing, subscriber=subscriber, status="sent", sent_at=now)
            Post.objects.create(channel=channel, project=project, status="published", scheduled_at=now,
                                caption=f"Neu {first + i}")  # fmt: skip
            FollowerSnapshot.objects.get_or_create(
                channel=channel, date=now.date() - timedelta(days=400 + first + i), defaults={"count": 10}
            )
            from inklusio.worldcafe.models import WorldCafe
            from inklusio.worldcafe.services import add_person

            add_person(WorldCafe.objects.get(pk=world.worldcafe), new)
    from inklusio.contacts.duplicates_search import search_duplicates

    search_duplicates()  # the worker's periodic job: the likely-duplicates list shows the new look-alikes
