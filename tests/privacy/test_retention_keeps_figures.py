"""Every retention rule applied to the reference project's records leaves every figure of its reports unchanged."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inklusio.core.models import Project
from inklusio.impact import exports, services
from inklusio.privacy import inactive, retention
from tests.demo_snapshot import load_demo_fast

from .retention_records import set_mtime

pytestmark = pytest.mark.django_db

INACTIVE = "privacy.inactive_contacts"


def reports() -> dict:
    """The JSON report of every project: every indicator, breakdown and sentence built from the figures."""
    return {
        project.slug: json.loads(exports.render(services.build_report(project), "json"))
        for project in Project.objects.order_by("slug")
    }


def add_records_the_demo_lacks(now):
    """The demo has no uploads: add a meeting document and abandoned import files, all long ago."""
    from inklusio.contacts.importing import import_dir
    from inklusio.mailings.importing import import_dir as subscriber_dir
    from inklusio.networks import services as network_services
    from inklusio.networks.models import Meeting
    from inklusio.outreach.services import import_dir as outreach_dir

    meeting = Meeting.objects.filter(starts_at__lt=now).order_by("starts_at").first()
    network_services.store_document(meeting, SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n%%EOF\n"), "Protokoll")
    from inklusio.finance.bookings_import import import_dir as booking_dir

    for path in (
        import_dir() / "vergessen.csv",
        subscriber_dir() / "liste.csv",
        outreach_dir() / "export.csv",
        booking_dir() / "buchungen.csv",
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Vorname;Nachname\nAnna;Muster\n")
        set_mtime(path, now - timedelta(days=400))
    from inklusio.events.models import AttendanceImport, Event

    congress = Event.objects.filter(kind=Event.Kind.ONLINE_CONGRESS).first()
    report = AttendanceImport.objects.create(event=congress, day=congress.days()[0], filename="zoom.csv")
    AttendanceImport.objects.filter(pk=report.pk).update(created=now - timedelta(days=400))
    from inklusio.contacts.models import Person
    from inklusio.finance.demo import FUNDER, categories_for
    from inklusio.finance.models import Receipt
    from inklusio.surveys.models import Response, Survey

    Receipt.objects.create(  # a receipt kept beyond every period (counted from the end of its year)
        project=Project.objects.order_by("pk").first(), number="ALT-1", payee="Alt", description="Alt", gross=10,
        receipt_date=(now - timedelta(days=13 * 366)).date(), category=categories_for(FUNDER)[0],
    )  # fmt: skip

    # the demo's surveys are anonymous: one answer given with a name, in the survey the level-5 figure reads
    response = Response.objects.filter(survey__purpose=Survey.Purpose.FOLLOW_UP).first()
    Survey.objects.filter(pk=response.survey_id).update(anonymous=False)
    Response.objects.filter(pk=response.pk).update(person=Person.objects.first())


def shortest_periods() -> dict:
    return {category.key: category.minimum_days for category in retention.categories()}


def apply_and_compare(now, keys, django_capture_on_commit_callbacks):
    before = reports()
    planned = {d.category.key: d.count for d in retention.dry_run(now, overrides=shortest_periods(), keys=keys)}
    with django_capture_on_commit_callbacks(execute=True):
        run = retention.run(now, overrides=shortest_periods(), keys=keys)
    assert not run.failed
    assert {key: entry["count"] for key, entry in run.results.items()} == planned
    assert reports() == before
    return planned


def leave_some_contacts_inactive(now, per_kind=12):
    """Erasing all 300 demo contacts takes half a minute; keep the test fast with a sample of each kind of
    history (registrations, network attendance, inquiries, speaking, World Café seats). The others count as
    edited recently, which no figure reads."""
    from inklusio.contacts.models import Person

    candidates = inactive.inactive_people(now - timedelta(days=retention.category(INACTIVE).minimum_days))
    sample = set()
    for relation in (
        "event_registrations",
        "network_attendances",
        "inquiries",
        "event_contributions",
        "world_cafe_seats",
        "affiliations",
    ):
        sample.update(candidates.filter(**{f"{relation}__isnull": False}).values_list("pk", flat=True)[:per_kind])
    Person.objects.exclude(pk__in=sample).update(updated=now)
    return sample


def test_every_rule_keeps_every_figure(django_capture_on_commit_callbacks):
    load_demo_fast()
    # Far enough ahead that every record is past every minimum period (the demo's people were created today).
    now = timezone.now() + timedelta(days=3 * 365)
    add_records_the_demo_lacks(timezone.now())
    others = {category.key for category in retention.categories()} - {INACTIVE}
    applied = apply_and_compare(now, others, django_capture_on_commit_callbacks)
    assert all(applied.values()), applied  # each rule applied to real records
    sample = leave_some_contacts_inactive(now)
    applied = apply_and_compare(now, {INACTIVE}, django_capture_on_commit_callbacks)
    assert applied[INACTIVE] == len(sample) >= 30
    again = retention.run(now, overrides=shortest_periods())
    assert again.total == 0 and not again.failed, again.results
