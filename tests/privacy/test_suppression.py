"""An erased address is not added back by an import; the person's own double opt-in brings it back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inklusio.contacts import importing as contact_import
from inklusio.contacts import suppression
from inklusio.contacts.forms import PersonForm
from inklusio.contacts.models import Person
from inklusio.mailings import importing as subscriber_import
from inklusio.mailings import services as mailing_services
from inklusio.mailings.models import Subscriber
from inklusio.privacy import erasure

pytestmark = pytest.mark.django_db

ERASED = "gone@example.org"


@pytest.fixture
def erased():
    person = Person.objects.create(first_name="Gisela", last_name="Gegangen", email=ERASED)
    Subscriber.objects.create(
        email=ERASED,
        name="Gisela Gegangen",
        source="web",
        status="confirmed",
        signed_up_at="2024-01-01T10:00Z",
        confirmed_at="2024-01-01T10:05Z",
    )
    erasure.erase_person(person, reason="request")
    return person


def test_the_contacts_import_reports_the_erased_row_and_imports_the_rest(erased):
    data = b"Vorname;Nachname;E-Mail\nGisela;Gegangen;GONE@example.org\nNeu;Person;neu@example.org\n"
    plan = contact_import.plan_import(data)
    assert plan.ok and plan.suppressed == [2]
    assert [row["email"] for _number, row in plan.rows] == ["neu@example.org"]
    summary = contact_import.execute_import(plan)
    assert (summary.people, summary.suppressed) == (1, 1)
    assert not Person.objects.filter(email__iexact=ERASED).exists()
    assert Person.objects.filter(email="neu@example.org").exists()


def test_the_contacts_import_page_names_the_suppressed_row(erased, staff, client):
    client.force_login(staff)
    data = b"Vorname;Nachname;E-Mail\nGisela;Gegangen;gone@example.org\nNeu;Person;neu@example.org\n"
    response = client.post("/staff/contacts/import/", {"file": SimpleUploadedFile("k.csv", data)}, follow=True)
    assert "auf Wunsch gelöscht" in response.content.decode() and "Zeile 2" in response.content.decode()


def test_the_infoletter_import_reports_the_erased_row_and_imports_the_rest(erased, smtp_server):
    data = b"Email;Name;Confirmed\ngone@example.org;Gisela;2024-01-01 10:00\nneu@example.org;Neu;2024-01-02 10:00\n"
    plan = subscriber_import.plan_import(data)
    assert plan.ok and plan.suppressed == [2]
    summary = subscriber_import.execute_import(plan, tool="CSV")
    assert summary == {"confirmed": 1, "reconfirm": 0, "existing": 0, "suppressed": 1}
    assert not Subscriber.objects.filter(email=ERASED).exists()


def test_staff_cannot_type_the_erased_address_into_a_new_contact(erased):
    form = PersonForm(data={"last_name": "Gegangen", "email": ERASED})
    assert not form.is_valid() and "email" in form.errors


def test_the_persons_own_confirmed_sign_up_lifts_the_suppression(erased, smtp_server):
    subscriber = mailing_services.request_subscription(email=ERASED, source="web form")
    assert subscriber.status == "pending" and suppression.is_suppressed(ERASED)  # not lifted before confirming
    assert mailing_services.confirm(subscriber)
    assert not suppression.is_suppressed(ERASED)
    assert Subscriber.objects.get(email=ERASED).status == "confirmed"
    plan = contact_import.plan_import(b"Nachname;E-Mail\nGegangen;gone@example.org\n")
    assert plan.suppressed == [] and len(plan.rows) == 1
