"""Removing inquiries and organisations (archive what the report counts, delete the rest) and the tag pages
(create, rename, merge, delete): audited, 403 for roles without the permission, GET changes nothing, CSRF."""

from datetime import date

import pytest

from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType, Tag
from inklusio.core.models import AuditEvent

from ..conftest import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def chamber(db):
    return StakeholderType.objects.get(code="chamber")


def inquiry(project, received_on, topic="Frage zur Ausbildung"):
    return Inquiry.objects.create(project=project, received_on=received_on, channel="email", topic=topic)


def test_an_inquiry_in_the_project_period_is_archived_one_outside_deleted(client, staff, project):
    counted = inquiry(project, date(2025, 3, 1), "Gezählt")
    stray = inquiry(project, date(2020, 1, 1), "Vor dem Projekt")
    client.force_login(staff)
    assert "Archivieren" in client.get(f"/staff/contacts/inquiries/{counted.pk}/remove/").content.decode()
    assert Inquiry.objects.get(pk=counted.pk).archived_at is None  # GET shows the plan only
    client.post(f"/staff/contacts/inquiries/{counted.pk}/remove/")
    client.post(f"/staff/contacts/inquiries/{stray.pk}/remove/")
    assert Inquiry.objects.get(pk=counted.pk).archived_at is not None
    assert not Inquiry.objects.filter(pk=stray.pk).exists()
    assert ">Gezählt</a>" not in client.get("/staff/contacts/inquiries/").content.decode()
    assert ">Gezählt</a>" in client.get("/staff/contacts/inquiries/?archived=1").content.decode()
    assert {"contacts.inquiry.archive", "contacts.inquiry.delete"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_an_organisation_with_people_is_archived_an_empty_one_deleted(client, lead, chamber):
    busy = Organisation.objects.create(name="IHK Kassel", stakeholder_type=chamber)
    Affiliation.objects.create(organisation=busy, person=Person.objects.create(last_name="A", email="a@example.org"))
    empty = Organisation.objects.create(name="Leer GmbH", stakeholder_type=chamber)
    client.force_login(lead)
    page = client.get(f"/staff/contacts/organisations/{busy.pk}/remove/").content.decode()
    assert "1 Person bleibt damit verbunden." in page
    client.post(f"/staff/contacts/organisations/{busy.pk}/remove/")
    client.post(f"/staff/contacts/organisations/{empty.pk}/remove/")
    busy.refresh_from_db()
    assert busy.archived_at and busy.affiliations.count() == 1
    assert not Organisation.objects.filter(pk=empty.pk).exists()
    assert ">IHK Kassel</a>" not in client.get("/staff/contacts/organisations/").content.decode()
    assert ">IHK Kassel</a>" in client.get("/staff/contacts/organisations/?archived=1").content.decode()
    entry = AuditEvent.objects.get(action="contacts.organisation.archive")
    assert entry.detail["people"] == 1 and entry.subject == f"contacts.organisation:{busy.pk}"


@pytest.mark.parametrize("role", ["read_only", "network_coordinator"])
def test_roles_without_delete_permission_get_403(client, make_user, project, chamber, role):
    org = Organisation.objects.create(name="IHK", stakeholder_type=chamber)
    inq = inquiry(project, date(2025, 3, 1))
    tag = Tag.objects.create(name="Kammer")
    client.force_login(make_user(role))
    for url in (
        f"/staff/contacts/organisations/{org.pk}/remove/",
        f"/staff/contacts/inquiries/{inq.pk}/remove/",
        f"/staff/contacts/tags/{tag.pk}/remove/",
        f"/staff/contacts/tags/{tag.pk}/merge/",
    ):
        assert client.post(url).status_code == 403, url
    assert client.post("/staff/contacts/tags/", {"name": "Neu"}).status_code == 403
    assert Organisation.objects.filter(archived_at=None).count() == 1 and Inquiry.objects.get().archived_at is None
    assert list(Tag.objects.values_list("name", flat=True)) == ["Kammer"]


def test_csrf_is_needed(staff, chamber):
    org = Organisation.objects.create(name="IHK", stakeholder_type=chamber)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    assert strict.post(f"/staff/contacts/organisations/{org.pk}/remove/").status_code == 403
    assert strict.post("/staff/contacts/tags/", {"name": "Neu"}).status_code == 403
    assert Organisation.objects.filter(pk=org.pk).exists() and not Tag.objects.exists()


# --- tags ----------------------------------------------------------------------------------------------------


def test_create_rename_and_refuse_duplicates(client, staff):
    client.force_login(staff)
    assert client.post("/staff/contacts/tags/", {"name": "  Kammer  "}).status_code == 302
    tag = Tag.objects.get(name="Kammer")
    response = client.post("/staff/contacts/tags/", {"name": "kammer"})
    assert response.status_code == 400 and "gibt es schon" in response.content.decode()
    assert client.post("/staff/contacts/tags/", {"name": ""}).status_code == 400
    assert client.post(f"/staff/contacts/tags/{tag.pk}/", {"name": "Kammern"}).status_code == 302
    tag.refresh_from_db()
    assert tag.name == "Kammern" and Tag.objects.count() == 1
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["contacts.tag.create", "contacts.tag.rename"]


def test_merge_moves_every_tagging_and_deletes_the_source(client, staff, chamber):
    source, target = Tag.objects.create(name="IHK"), Tag.objects.create(name="Kammer")
    both = Person.objects.create(last_name="Beide", email="b@example.org")
    both.tags.add(source, target)
    only = Person.objects.create(last_name="Eine", email="e@example.org")
    only.tags.add(source)
    org = Organisation.objects.create(name="IHK Kassel", stakeholder_type=chamber)
    org.tags.add(source)
    client.force_login(staff)
    assert client.get(f"/staff/contacts/tags/{source.pk}/merge/").status_code == 405
    response = client.post(f"/staff/contacts/tags/{source.pk}/merge/", {"target": target.pk})
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=source.pk).exists()
    assert set(target.people.all()) == {both, only} and list(target.organisations.all()) == [org]
    entry = AuditEvent.objects.get(action="contacts.tag.merge")
    assert entry.detail == {"source": f"contacts.tag:{source.pk}", "records": 3}


def test_merge_into_itself_or_nothing_is_refused(client, staff):
    tag = Tag.objects.create(name="IHK")
    client.force_login(staff)
    assert client.post(f"/staff/contacts/tags/{tag.pk}/merge/", {"target": tag.pk}).status_code == 400
    assert client.post(f"/staff/contacts/tags/{tag.pk}/merge/", {"target": "999"}).status_code == 400
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_deleting_a_tag_takes_it_off_people(client, staff):
    tag = Tag.objects.create(name="IHK")
    person = Person.objects.create(last_name="A", email="a@example.org")
    person.tags.add(tag)
    client.force_login(staff)
    assert (
        "von 1 Person, Organisation oder Beispiel entfernt"
        in client.get(f"/staff/contacts/tags/{tag.pk}/remove/").content.decode()
    )
    client.post(f"/staff/contacts/tags/{tag.pk}/remove/")
    assert not Tag.objects.exists() and Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.get(action="contacts.tag.delete").detail == {
        "people": 1,
        "organisations": 0,
        "good_practices": 0,
    }
