"""Erasure (Art. 17): the person's name and address are nowhere in the database, the counted rows stay."""

import json
import time
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from inklusio.contacts import suppression
from inklusio.contacts.models import Person, SuppressionEntry
from inklusio.core.access import AUTH_AT_SESSION_KEY
from inklusio.core.models import AuditEvent
from inklusio.events.models import Attendance, Contribution, Registration, SupportNeed
from inklusio.mailings.models import Delivery, Subscriber
from inklusio.networks import models as networks
from inklusio.privacy import erasure
from inklusio.worldcafe.models import CafeParticipant

from .conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db

TEXT_FIELDS = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "URLField"}


def _as_text(value) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text[:1] in "[{":
        try:  # SQLite stores JSON with non-ASCII characters escaped
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return text


def text_columns():
    """Every char, text and JSON column of every table, found by introspecting the database itself."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                field_type = connection.introspection.get_field_type(column.type_code, column)
                if field_type in TEXT_FIELDS or "json" in str(column.type_code).lower():
                    yield table, column.name


def find_anywhere(*needles) -> list[str]:
    needles = [n.casefold() for n in needles]
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")  # noqa: S608 (names from introspection)
            for (value,) in cursor.fetchall():
                if value is not None and any(n in _as_text(value).casefold() for n in needles):
                    hits.append(f"{table}.{column}: {_as_text(value)[:80]}")
    return hits


def _finished_task_naming_the_person():
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    common = dict(task_path="inklusio.mailings.tasks.send_confirmation", queue_name="mail", backend_name="default")
    DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status="SUCCESSFUL",
        args_kwargs={"args": [EMAIL], "kwargs": {}},
        run_after=now,
        return_value=f"sent to {NAME[0]} {NAME[1]}",
        exception_class_path="",
        traceback="",
        **common,
    )
    DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status="READY",
        args_kwargs={"args": [], "kwargs": {"to": EMAIL}},
        run_after=now,
        exception_class_path="",
        traceback="",
        **common,
    )


def test_the_search_finds_the_person_before_erasure(person_everywhere):
    """The search below must be able to fail: before erasure it finds the person in many tables."""
    _finished_task_naming_the_person()
    hits = find_anywhere(EMAIL, f"{NAME[0]} {NAME[1]}")
    tables = {hit.split(".")[0] for hit in hits}
    assert {"contacts_person", "mailings_subscriber", "core_auditevent", "django_tasks_database_dbtaskresult"} <= tables
    assert {"public_trainingoffer", "worldcafe_cafeparticipant", "networks_meeting", "auth_user"} <= tables


def test_after_erasure_the_name_and_email_are_nowhere_in_the_database(person_everywhere, lead):
    _finished_task_naming_the_person()
    counted = _counted_rows()
    result = erasure.erase_person(person_everywhere, actor=lead, reason="request")
    assert find_anywhere(EMAIL, f"{NAME[0]} {NAME[1]}", NAME[1], "MARK-answer", "MARK-support-detail") == []
    assert _counted_rows() == counted
    assert result["addresses_suppressed"] == 1 and suppression.is_suppressed(EMAIL)
    person = Person.objects.get(pk=person_everywhere.pk)
    assert person.anonymised and person.full_name == f"Anonymisierte Person Nr. {person.pk}"
    assert (person.stakeholder_type.code, person.region) == ("apprentice", "DE-HE")  # figures group by them
    assert SupportNeed.objects.get().kind == "sign_language"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "unsubscribed" and subscriber.confirmed_at is not None
    event = AuditEvent.objects.get(action=erasure.ACTION)
    assert (event.actor, event.subject, event.detail["reason"]) == (lead, f"person {person.pk}", "request")


def _counted_rows():
    return {
        "registrations": Registration.objects.count(),
        "attendance": Attendance.objects.count(),
        "contributions": Contribution.objects.count(),
        "deliveries": Delivery.objects.filter(status="sent").count(),
        "subscribers": Subscriber.objects.count(),
        "memberships": networks.Membership.objects.count(),
        "meeting attendance": networks.Attendance.objects.filter(attended=True).count(),
        "invitations": networks.Invitation.objects.count(),
        "seats": CafeParticipant.objects.count(),
        "people": Person.objects.count(),
    }


def test_the_suppression_list_holds_no_address_in_clear(person_everywhere):
    erasure.erase_person(person_everywhere, reason="request")
    entry = SuppressionEntry.objects.get()
    assert EMAIL not in entry.digest and len(entry.digest) == 64
    assert suppression.is_suppressed("  Erika.Mueller@EXAMPLE.org ")
    assert not suppression.is_suppressed("erika.mueller@example.com")


def test_the_list_survives_a_rotated_secret_key(person_everywhere, settings):
    erasure.erase_person(person_everywhere, reason="request")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert suppression.is_suppressed(EMAIL)
    assert suppression.suppressed_among([EMAIL, "other@example.org"]) == {EMAIL}


def test_an_erasure_needs_a_reason_and_happens_once(person_everywhere):
    with pytest.raises(erasure.ErasureError):
        erasure.erase_person(person_everywhere, reason="")
    assert not Person.objects.get(pk=person_everywhere.pk).anonymised
    erasure.erase_person(person_everywhere, reason="request")
    with pytest.raises(erasure.ErasureError):
        erasure.erase_person(person_everywhere, reason="request")


def test_only_the_lead_erases_and_only_with_the_name_typed(person_everywhere, staff, lead, client):
    url = f"/staff/privacy/people/{person_everywhere.pk}/erase/"
    client.force_login(staff)
    assert client.get(url).status_code == 403
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert "§ 147 AO" in page and "Teilnahmelisten" in page  # the exceptions, shown before erasing
    response = client.post(url, {"reason": "request", "confirm_name": "Erika Mustermann"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not Person.objects.get(pk=person_everywhere.pk).anonymised
    response = client.post(url, {"reason": "request", "confirm_name": "  erika  müller-lüdenscheid "})
    assert response.status_code == 302
    assert Person.objects.get(pk=person_everywhere.pk).anonymised
    assert client.get(url).status_code == 302  # already anonymised: back to the person


@pytest.mark.parametrize("action", ["erase", "export"])
def test_export_and_erasure_ask_for_the_password_again_after_a_while(person_everywhere, lead, client, action):
    url = f"/staff/privacy/people/{person_everywhere.pk}/{action}/"
    client.force_login(lead)
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time()) - 3600
    session.save()
    response = client.post(url, {"reason": "request", "confirm_name": "Erika Müller-Lüdenscheid", "format": "zip"})
    assert response.status_code == 302 and response["Location"].startswith("/staff/reauth/?next=")
    assert not Person.objects.get(pk=person_everywhere.pk).anonymised
    assert not AuditEvent.objects.filter(action__startswith="privacy.").exists()
