"""The demo data, loaded once per test module, with one logged-in session per role, for the tests that request
every URL as every role (the authorization matrix, the export formats).

The demo is loaded inside a transaction that stays open for the module and is rolled back at its end; each test
runs in a savepoint inside it (pytest-django's ``db``), and :func:`request_as` puts every single request in one
more savepoint that is rolled back, so a POST that deletes or sends leaves the next request the same data.
"""

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings

from tests.demo_snapshot import load_demo_fast

from ..conftest import Client
from . import matrix_finance_plan, matrix_finance_receipts, matrix_finance_statements

# The finance areas' rows and objects (each module: EXPECTED, ARGS and build(world) adding its ids).
FINANCE_AREAS = (matrix_finance_plan, matrix_finance_receipts, matrix_finance_statements)

# The roles in the order of the expected table's columns.
ROLES = (
    "anonymous",
    "password_only_lead",
    "reviewer",
    "coordinator",
    "staff",
    "lead",
    "superuser",
    "company",
    "finance",
)
PASSWORD = "correct-horse-battery"
CSV_CONTACTS = b"Vorname;Nachname;E-Mail\nPaula;Probe;paula.probe@example.org\n"
CSV_ATTENDANCE = b"Name;E-Mail;Minuten\nGast Ohne Anmeldung;;40\nNoch Jemand;;lange\n"
CSV_OUTREACH = b"Beitrags-ID,Ver\xc3\xb6ffentlichungszeit,Reichweite\n1,2024-01-01 10:00,5\n"
# Tasks are enqueued into the database (as in production) and never run here: a view's answer is what counts.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    """Ids of demo objects by name (``ids``) and, for the scoped roles, of objects outside their scope
    (``foreign``: another network than the coordinator's, another organisation than the company contact's)."""

    ids: dict = field(default_factory=dict)
    foreign: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # role -> session key (anonymous: None)
    users: dict = field(default_factory=dict)
    files: Path | None = None

    def __getattr__(self, name):
        try:
            return self.__dict__["ids"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Answer:
    status: int
    location: str
    writes: list[str]
    content_type: str


# Tables a request may write to without changing data: the session (login state, last seen).
HARMLESS_TABLES = ("django_session",)


def _writes_of(sql: str) -> str | None:
    words = sql.lstrip().split(None, 3)
    if not words:
        return None
    verb = words[0].upper()
    if verb not in {"INSERT", "UPDATE", "DELETE", "REPLACE"}:
        return None
    lowered = sql.lower()
    if any(f'"{table}"' in lowered or f" {table} " in lowered for table in HARMLESS_TABLES):
        return None
    return " ".join(sql.split())[:160]


def request_as(world: World, role: str, method: str, url: str, data=None, *, keep: bool = False) -> Answer:
    """One request as ``role``, inside a savepoint that is rolled back (``keep``: left to the test's own rollback);
    records every data-changing statement."""
    client = clean_client()
    if world.sessions.get(role):
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    writes = []

    def watch(execute, sql, params, many, context):
        written = _writes_of(sql)
        if written:
            writes.append(written)
        return execute(sql, params, many, context)

    with transaction.atomic():
        with connection.execute_wrapper(watch):
            response = client.get(url) if method == "GET" else client.post(url, data or {})
        transaction.set_rollback(not keep)
    if response.streaming:  # read it through the test client's wrapper, which closes the file without also
        b"".join(response.streaming_content)  # closing the database connection (request_finished would)
    return Answer(response.status_code, response.get("Location", ""), writes, response.get("Content-Type", ""))


_CLIENTS: dict[tuple, Client] = {}


def clean_client() -> Client:
    """A test client with no cookies. Reused: a new client builds the middleware chain again on its first request
    (milliseconds, times thousands of requests); one per middleware list, for a test that overrides it."""
    key = tuple(settings.MIDDLEWARE)
    if key not in _CLIENTS:
        _CLIENTS[key] = Client(enforce_csrf_checks=False)
    client = _CLIENTS[key]
    client.cookies.clear()
    return client


def _session_for(user, *, second_factor: bool) -> str:
    from inklusio.core.access import AUTH_AT_SESSION_KEY

    client = Client() if second_factor else _PlainClient()
    client.force_login(user)
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time())  # recent: REAUTH_MAX_AGE is raised for the module
    session.save()
    return session.session_key


class _PlainClient(Client):
    """Logs in with the password only: the second step (the code) has not been given."""

    def force_login(self, user, backend=None):
        super(Client, self).force_login(user, backend)


def _build(files: Path) -> World:  # noqa: PLR0915 - one list of the objects the matrix requests
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.auth.tokens import default_token_generator
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import resolve, reverse
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, Tag
    from inklusio.core.demo import REFERENCE_SLUG
    from inklusio.core.models import OrganisationProfile, Project
    from inklusio.events.models import Contribution, Event, ProgrammeItem, Question, Registration, SupportBooking
    from inklusio.impact.models import ManualIndicator, Target
    from inklusio.impact.services import EDITABLE_SECTIONS
    from inklusio.mailings import links as mailing_links
    from inklusio.mailings.models import Delivery, Mailing, Subscriber, SubscriberImport
    from inklusio.networks.models import Invitation, Meeting, Membership, Network, PendingMembership
    from inklusio.networks.services import store_document
    from inklusio.outreach.models import Channel, FollowerSnapshot, Post, PressClipping, PressRelease
    from inklusio.privacy import retention
    from inklusio.public.models import GoodPractice, SitePage, TrainingOffer
    from inklusio.public.queries import public_offers
    from inklusio.worldcafe.models import CafeTable, WorldCafe
    from inklusio.worldcafe.services import add_person, make_plan

    load_demo_fast()
    User = get_user_model()
    world = World(files=files)

    def user(name, role=None, *, device=False, superuser=False):
        account = User.objects.filter(username=name).first() or User(username=name, email=f"{name}@example.org")
        account.set_password(PASSWORD)
        account.is_superuser = account.is_staff = superuser
        account.save()
        if role:
            account.groups.set([Group.objects.get(name=role)])
        if device:
            TOTPDevice.objects.create(user=account, name="matrix", confirmed=True)
        world.users[name] = account
        return account

    lead = user("matrix-lead", "project_lead", device=True)
    staff = user("matrix-staff", "project_staff")
    coordinator = user("coordinator", "network_coordinator")  # the demo's coordinator of the Hesse network
    reviewer = user("matrix-reviewer", "read_only")
    superuser = user("matrix-admin", device=True, superuser=True)
    company = user("betrieb-demo")  # the demo's company contact (role company_contact, one organisation)
    finance = user("matrix-finance", "finance")
    world.sessions = {
        "anonymous": None,
        "password_only_lead": _session_for(lead, second_factor=False),
        "reviewer": _session_for(reviewer, second_factor=True),
        "coordinator": _session_for(coordinator, second_factor=True),
        "staff": _session_for(staff, second_factor=True),
        "lead": _session_for(lead, second_factor=True),
        "superuser": _session_for(superuser, second_factor=True),
        "company": _session_for(company, second_factor=True),
        "finance": _session_for(finance, second_factor=True),
    }
    ids, foreign = world.ids, world.foreign

    # core
    invited = User.objects.create_user("matrix-invited", email="invited@example.org")
    invited.set_unusable_password()
    invited.save()
    ids["uidb64"] = urlsafe_base64_encode(force_bytes(invited.pk))
    ids["invite_token"] = default_token_generator.make_token(invited)
    ids["user"] = staff.pk
    ids["project"] = REFERENCE_SLUG

    # networks: the coordinator's own network and another one
    own_network = Network.objects.get(coordinators=coordinator)
    other_network = Network.objects.exclude(pk=own_network.pk).exclude(coordinators=coordinator).first()
    for key, network, target in (("own", own_network, ids), ("other", other_network, foreign)):
        membership = Membership.objects.filter(network=network, person__anonymised=False).order_by("pk").first()
        meeting = Meeting.objects.filter(network=network).order_by("-starts_at").first()
        document = store_document(
            meeting, SimpleUploadedFile(f"protokoll-{key}.pdf", PDF, "application/pdf"), f"Protokoll {key}", actor=staff
        )
        target.update(
            network=network.pk,
            membership=membership.pk,
            meeting=meeting.pk,
            document=document.pk,
            member=membership.person_id,
        )
    ids["invitation_token"] = Invitation.objects.filter(meeting__network=own_network).first().token

    # contacts: a member of the coordinator's network (in their scope) and someone outside it
    person = Person.objects.get(pk=ids["member"])
    outside = (
        Person.objects.filter(anonymised=False, affiliations__isnull=False)
        .exclude(network_memberships__network=own_network)
        .exclude(pk=foreign["member"])
        .order_by("pk")
        .first()
    )
    ids["person"], foreign["person"] = person.pk, outside.pk
    ids["affiliation"] = (Affiliation.objects.filter(person=person).first() or _affiliate(person)).pk
    foreign["affiliation"] = Affiliation.objects.filter(person=outside).first().pk
    ids["organisation"] = Organisation.objects.order_by("pk").first().pk
    ids["inquiry"] = Inquiry.objects.order_by("pk").first().pk
    ids["tag"] = Tag.objects.order_by("pk").first().pk

    # uploads by staff, through the real upload pages (a pending import belongs to who uploaded it)
    uploader = Client()
    uploader.force_login(staff)
    response = uploader.post(
        reverse("contacts:import_upload"), {"file": SimpleUploadedFile("kontakte.csv", CSV_CONTACTS, "text/csv")}
    )
    ids["contact_import"] = resolve(response["Location"]).kwargs["pk"]
    from inklusio.core.models import ImportJob

    ids["import_job"] = ImportJob.objects.create(
        kind="contacts",
        import_id=ids["contact_import"],
        owner=staff,
        filename="kontakte.csv",
        state=ImportJob.State.DONE,
        rows_total=1,
        rows_done=1,
        result={"lines": ["1 person imported."], "next": "/staff/contacts/"},
    ).pk
    channel = Channel.objects.order_by("pk").first()
    response = uploader.post(
        reverse("outreach:import_upload"),
        {"channel": channel.pk, "file": SimpleUploadedFile("meta.csv", CSV_OUTREACH, "text/csv")},
    )
    ids["outreach_import"] = resolve(response["Location"]).kwargs["pk"]
    # an attendance report for the online congress, one row unreadable (so confirming it is refused)
    congress = Event.objects.filter(kind=Event.Kind.ONLINE_CONGRESS).first()
    response = uploader.post(
        reverse("events:attendance_report_upload", args=[congress.pk]),
        {
            "file": SimpleUploadedFile("zoom.csv", CSV_ATTENDANCE, "text/csv"),
            "day": congress.days()[0].isoformat(),
        },
    )
    ids["attendance_event"] = congress.pk
    ids["attendance_import"] = resolve(response["Location"]).kwargs["import_pk"]

    # events
    with_everything = Event.objects.filter(questions__isnull=False, programme__contributions__isnull=False)
    event = with_everything.order_by("-starts_at")[0]
    item = ProgrammeItem.objects.filter(event=event, contributions__isnull=False).first()
    registration = Registration.objects.filter(event=event, status="confirmed", attendances__isnull=False).first()
    registration = registration or Registration.objects.filter(event=event).first()
    ids.update(
        event=event.pk,
        event_slug=Event.objects.filter(visibility="public").order_by("-starts_at").first().slug,
        item=item.pk,
        contribution=Contribution.objects.filter(item=item).first().pk,
        question=Question.objects.filter(event=event).first().pk,
        registration=registration.pk,
        registration_token=registration.token,
        support_booking=SupportBooking.objects.filter(event=event).order_by("pk").first().pk,
    )
    # a document made in the worker for staff (core.documents): only its owner may open it
    from inklusio.core import documents
    from inklusio.core.models import DocumentJob

    job = DocumentJob.objects.create(
        owner=staff, kind="events.certificates", title="Bescheinigungen", status="done", stored_as="matrix-job",
        filename="bescheinigungen.zip", content_type="application/zip", done=1, total=1,
    )  # fmt: skip
    documents.file_path(job).write_bytes(b"PK\x05\x06" + bytes(18))
    ids["document_job"] = job.pk
    # the personal join link of a confirmed registration for the (past) online congress, and one of its items
    congress = Event.objects.filter(kind=Event.Kind.ONLINE_CONGRESS, registrations__status="confirmed").first()
    ids["join_token"] = congress.registrations.filter(status="confirmed").first().join_token
    ids["join_item"] = congress.programme.exclude(room_url="").first().pk

    # a small World Café of its own (the demo's 94 people make each table-card PDF take seconds)
    cafe = WorldCafe.objects.create(project=event.project, title="Matrix-Café", rounds=2)
    for index in range(6):
        add_person(cafe, Person.objects.filter(anonymised=False).order_by("pk")[index])
    for index in range(2):
        CafeTable.objects.create(cafe=cafe, name=str(index + 1), capacity=4, position=index)
    make_plan(cafe, time_limit=0)  # the first valid plan: the pages need a plan, not the best one
    ids["worldcafe"] = cafe.pk
    ids["cafe_table"] = cafe.tables.order_by("pk").first().pk
    ids["cafe_participant"] = cafe.participants.order_by("pk").first().pk

    # mailings: a draft (editable) and a sent one (archive, one-click unsubscribe)
    ids["mailing"] = Mailing.objects.filter(status="draft").first().pk
    ids["sent_mailing"] = Mailing.objects.filter(status="sent").first().pk
    ids["sent_mailing_link"] = next(iter(mailing_links.links_of(Mailing.objects.get(pk=ids["sent_mailing"]))))
    subscriber = Subscriber.objects.filter(status="confirmed").first()
    ids["subscriber"], ids["subscriber_token"] = subscriber.pk, subscriber.token
    reader = Delivery.objects.filter(mailing_id=ids["sent_mailing"], status="sent").select_related("subscriber")
    ids["reader_token"] = reader.first().subscriber.token  # a recipient of the sent issue: its web view opens
    ids["subscriber_import"] = SubscriberImport.objects.create(
        uploaded_by=staff, filename="liste.csv", stored_as="matrix-list", tool="other"
    ).pk  # waiting for the worker (tasks are only queued here); only its uploader may see it
    # networks: a membership request a coordinator made for an address outside their scope
    ids["membership_request_token"] = PendingMembership.objects.create(
        network=own_network, email="beitritt@example.org", joined_on=timezone.localdate()
    ).token

    # participant messages: a draft to the event's people, one to each network's members; materials of the event
    from inklusio.participantmail import services as message_services
    from inklusio.participantmail.models import Message

    ids["message"] = Message.objects.create(
        event=event, groups=["confirmed"], subject="Hinweis", body="Hallo {Vorname}", created_by=staff
    ).pk
    for key, network, target in (("own", own_network, ids), ("other", other_network, foreign)):
        target["network_message"] = Message.objects.create(
            network=network, subject=f"Treffen {key}", body="Hallo {Vorname}", created_by=staff
        ).pk
    for public in (False, True):
        material = message_services.add_material(
            event, SimpleUploadedFile("folien.pdf", PDF, "application/pdf"), title="Folien", public=public, actor=staff
        )
        ids["public_material_token" if public else "material_token"] = material.token
        ids["public_material" if public else "material"] = material.pk

    # outreach
    ids.update(
        post=Post.objects.first().pk,
        channel=channel.pk,
        snapshot=FollowerSnapshot.objects.filter(channel=channel).first().pk,
        clipping=PressClipping.objects.first().pk,
        release=PressRelease.objects.first().pk,
    )

    # impact, privacy
    ids["section"] = EDITABLE_SECTIONS[0]
    ids["target"] = Target.objects.filter(project__slug=REFERENCE_SLUG).first().code
    # The demo's level-5 figure now comes from a survey (surveys/demo.py): a manual indicator of the matrix's own.
    manual = ManualIndicator.objects.first() or ManualIndicator.objects.create(
        project=Project.objects.get(slug=REFERENCE_SLUG), code="matrix_manual", label_de="Manuell",
        label_en="Manual", unit_de="Anzahl", unit_en="count", level=5, definition_de="Für die Matrix.",
    )  # fmt: skip
    ids["manual"] = manual.pk
    # surveys: the demo's network follow-up, one of its questions and indicators, a link not answered yet
    from inklusio.surveys.models import Invitation as SurveyInvitation
    from inklusio.surveys.models import Survey, SurveyIndicator

    follow_up = Survey.objects.filter(is_template=False, network__isnull=True, event__isnull=True).first()
    ids["survey"], ids["survey_question"] = follow_up.pk, follow_up.questions.first().pk
    ids["survey_indicator"] = SurveyIndicator.objects.first().pk
    ids["survey_token"] = SurveyInvitation.objects.filter(answered=False).first().token
    ids["retention_key"] = next(iter(retention.periods()))

    # public site: the company contact's own offer and another organisation's; a draft story (staff preview only)
    own_org = company.company_contact.organisation
    ids["offer"] = TrainingOffer.objects.filter(organisation=own_org).first().pk
    foreign["offer"] = TrainingOffer.objects.exclude(organisation=own_org).first().pk
    ids["public_offer"] = public_offers().first().pk
    draft = GoodPractice.objects.filter(status="draft", images__isnull=False).first()
    draft = draft or GoodPractice.objects.filter(status="draft").first()
    ids["story"], ids["story_image"] = draft.pk, (draft.images.first() or _image(draft)).pk
    ids["published_story"] = GoodPractice.objects.filter(status="published").first().pk
    ids["home_page"] = SitePage.objects.get(project__slug=REFERENCE_SLUG, kind="home").pk
    ids["page_kind"] = "home"
    ids["branding"] = OrganisationProfile.objects.get(project=None).pk  # the demo organisation's settings

    # webhooks: a subscription with one delivery in its log
    from inklusio.webhooks.models import Subscription, WebhookDelivery

    hook = Subscription.objects.create(
        description="CRM", url="https://crm.example.org/hook", kinds=["inquiry.created"], secret="whsec_AAAA"
    )
    ids["webhook"] = hook.pk
    # the API: a token of the project lead's (only its owner may revoke it)
    from inklusio.api import tokens as api_tokens

    lead_token, _raw = api_tokens.create_token(
        world.users["matrix-lead"], name="matrix", scopes=["contacts:read"], days=30
    )
    ids["api_token"] = lead_token.pk
    ids["webhook_delivery"] = WebhookDelivery.objects.create(
        subscription=hook, message_id="msg_matrix", kind="inquiry.created", body="{}", next_attempt_at=timezone.now()
    ).pk
    for area in FINANCE_AREAS:
        area.build(world)
    return world


def _affiliate(person):
    from inklusio.contacts.models import Affiliation, Organisation

    return Affiliation.objects.create(person=person, organisation=Organisation.objects.first())


def _image(story):
    """The demo's draft has no picture: give it a copy of a published story's (the same stored file)."""
    from inklusio.public.models import GoodPracticeImage

    image = GoodPracticeImage.objects.exclude(story=story).first()
    image.pk, image.story = None, story
    image.save()
    return image


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo data and the role sessions, once per module, rolled back at its end."""
    with tempfile.TemporaryDirectory(prefix="inklusio-matrix-") as tmp:
        files = Path(tmp) / "live"
        overrides = override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            UPLOAD_ROOT=files / "uploads",
            MEDIA_ROOT=files / "media",
            TASKS=TASKS,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            SESSION_IDLE_TIMEOUT=10**6,
            REAUTH_MAX_AGE=10**7,
        )
        with django_db_blocker.unblock(), overrides, transaction.atomic():
            world = _build(files)
            shutil.copytree(files, files.with_name("pristine"))
            yield world
            transaction.set_rollback(True)


@pytest.fixture
def world(demo_world, db, settings):
    """The module's demo world inside this test's savepoint, with the module's file directories."""
    settings.UPLOAD_ROOT = demo_world.files / "uploads"
    settings.MEDIA_ROOT = demo_world.files / "media"
    settings.SESSION_IDLE_TIMEOUT = 10**6
    settings.REAUTH_MAX_AGE = 10**7
    settings.TASKS = TASKS
    yield demo_world
    # files are not rolled back with the database: bring back what a request deleted (a discarded import)
    shutil.copytree(demo_world.files.with_name("pristine"), demo_world.files, dirs_exist_ok=True,
                    copy_function=_copy_if_changed)  # fmt: skip


def _copy_if_changed(source: str, target: str) -> None:
    """Copy a file back only when it is missing or changed (most requests change none: a look at each file's size
    and time is much cheaper than copying the whole tree after every test; ``copy2`` keeps both)."""
    kept = os.stat(source)
    try:
        now = os.stat(target)
    except FileNotFoundError:
        now = None
    if now is None or (now.st_size, now.st_mtime_ns) != (kept.st_size, kept.st_mtime_ns):
        shutil.copy2(source, target)
