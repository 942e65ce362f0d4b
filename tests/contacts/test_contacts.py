"""Contact lists, search, export, merge, forms."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from inklusio.contacts import services
from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType, Tag


@pytest.fixture
def chamber_type(db):
    return StakeholderType.objects.get(code="chamber")


def make_people(count, organisation):
    people = Person.objects.bulk_create(
        Person(
            first_name=f"Vorname{i}",
            last_name=f"Nachname{i:05d}",
            name_key=f"vorname{i} nachname{i:05d}",
            email=f"p{i}@example.org",
            region="DE-HE" if i % 2 else "DE-NW",
        )
        for i in range(count)
    )
    Affiliation.objects.bulk_create(Affiliation(person=p, organisation=organisation, role="Team") for p in people)
    tag = Tag.objects.create(name="Fachtag")
    Person.tags.through.objects.bulk_create(Person.tags.through(person_id=p.pk, tag_id=tag.pk) for p in people[::3])
    return people


@pytest.mark.django_db
@pytest.mark.parametrize("count", [30, 600])
def test_the_filtered_list_takes_a_bounded_number_of_queries(client, lead, chamber_type, count):
    org = Organisation.objects.create(name="IHK München", stakeholder_type=chamber_type, region="DE-BY")
    make_people(count, org)
    client.force_login(lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/staff/contacts/", {"q": "nachname", "region": "DE-HE", "type": "chamber", "tag": "Fachtag"}
        )
    assert response.status_code == 200
    # 17: one of them reads the organisation's branding for the page header; none grows with the data (30 or 600)
    assert len(queries) <= 17, [q["sql"][:120] for q in queries]
    in_hesse_with_tag = sum(1 for i in range(count) if i % 2 == 1 and i % 3 == 0)
    assert response.context["page_obj"].paginator.count == in_hesse_with_tag


@pytest.mark.django_db
def test_search_finds_by_name_without_accents_email_and_organisation(client, lead, chamber_type):
    org = Organisation.objects.create(name="Handwerkskammer Köln", stakeholder_type=chamber_type)
    person = Person.objects.create(first_name="Jörg", last_name="Weiß", email="jw@example.org")
    Affiliation.objects.create(person=person, organisation=org)
    Person.objects.create(first_name="Anna", last_name="Other")
    client.force_login(lead)
    for query in ["weiss", "Jörg Weiß", "jw@", "kammer koeln"]:
        people = client.get("/staff/contacts/", {"q": query}).context["people"]
        assert [p.pk for p in people] == [person.pk], query


@pytest.mark.django_db
def test_csv_and_xlsx_exports_neutralise_formulas(client, lead, chamber_type):
    Person.objects.create(first_name='=HYPERLINK("http://evil")', last_name="@SUM(A1)", phone="+49 69 1")
    client.force_login(lead)
    response = client.get("/staff/contacts/export.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][3] == '\'=HYPERLINK("http://evil")' and rows[1][4] == "'@SUM(A1)"
    assert rows[1][6] == "'+49 69 1"
    response = client.get("/staff/contacts/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 4).value == '\'=HYPERLINK("http://evil")'
    assert sheet.cell(2, 4).data_type == "s"


@pytest.mark.django_db
def test_export_lists_organisations_and_tags_with_as_many_queries_for_more_people(client, lead, chamber_type):
    from datetime import date

    ihk = Organisation.objects.create(name="IHK", stakeholder_type=chamber_type)
    hwk = Organisation.objects.create(name="HWK", stakeholder_type=chamber_type)
    ida = Person.objects.create(first_name="Ida", last_name="Aal")
    Affiliation.objects.create(person=ida, organisation=ihk, start=date(2020, 1, 1))
    Affiliation.objects.create(person=ida, organisation=hwk, start=date(2024, 1, 1))  # the newest first
    ida.tags.add(Tag.objects.create(name="Presse"), Tag.objects.create(name="Beirat"))
    client.force_login(lead)

    def export():
        client.mark_seen()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/staff/contacts/export.csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        return rows, len(queries)

    rows, before = export()
    assert rows[1][4] == "Aal" and rows[1][8] == "HWK; IHK" and rows[1][11] == "Beirat, Presse"
    for n in range(30):
        person = Person.objects.create(first_name="Neu", last_name=f"Zett {n}")
        Affiliation.objects.create(person=person, organisation=ihk)
        person.tags.add(Tag.objects.get(name="Presse"))
    rows, after = export()
    assert len(rows) == 32 and rows[-1][8] == "IHK" and rows[-1][11] == "Presse" and after == before


@pytest.mark.django_db
def test_merge_moves_every_relation_and_keeps_one_of_each(project, chamber_type):
    org = Organisation.objects.create(name="IHK", stakeholder_type=chamber_type)
    other_org = Organisation.objects.create(name="HWK", stakeholder_type=chamber_type)
    survivor = Person.objects.create(first_name="", last_name="Koch", email="")
    duplicate = Person.objects.create(first_name="Ida", last_name="Koch", email="ida@example.org", notes="old note")
    Affiliation.objects.create(person=survivor, organisation=org, role="Beratung")
    Affiliation.objects.create(person=duplicate, organisation=org, role="Beratung")  # same relation twice
    Affiliation.objects.create(person=duplicate, organisation=other_org, role="Vorstand")
    Inquiry.objects.create(project=project, received_on="2025-01-01", channel="email", topic="x", person=duplicate)
    duplicate.tags.add(Tag.objects.create(name="Presse"))

    services.merge_people(survivor, duplicate)

    survivor.refresh_from_db()
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert survivor.first_name == "Ida" and survivor.email == "ida@example.org" and "old note" in survivor.notes
    assert sorted(survivor.affiliations.values_list("organisation__name", flat=True)) == ["HWK", "IHK"]
    assert survivor.inquiries.count() == 1 and list(survivor.tags.values_list("name", flat=True)) == ["Presse"]
    with pytest.raises(services.MergeError):
        services.merge_people(survivor, survivor)


@pytest.mark.django_db
def test_merge_form_rejects_unknown_and_self(client, lead):
    person = Person.objects.create(last_name="Koch")
    client.force_login(lead)
    response = client.get(f"/en/staff/contacts/people/{person.pk}/merge/", {"duplicate": 99999})
    assert "This person cannot be merged into this one." in response.content.decode()
    response = client.get(f"/en/staff/contacts/people/{person.pk}/merge/", {"duplicate": person.pk})
    assert "This person cannot be merged into this one." in response.content.decode()
    response = client.get(f"/en/staff/contacts/people/{person.pk}/merge/", {"duplicate": "9" * 30})
    assert "This person cannot be merged into this one." in response.content.decode()


@pytest.mark.django_db
def test_person_form_validates_and_keeps_the_input(client, lead):
    Person.objects.create(last_name="Koch", email="taken@example.org")
    client.force_login(lead)
    response = client.post(
        "/en/staff/contacts/people/new/", {"first_name": "Mia", "last_name": "", "email": "TAKEN@example.org"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Another person already has this email address." in body and "This field is required." in body
    assert 'value="Mia"' in body
    response = client.post(
        "/en/staff/contacts/people/new/", {"first_name": "Mia", "last_name": "Wolf", "email": "Mia@Example.org"}
    )
    assert response.status_code == 302
    assert Person.objects.get(last_name="Wolf").email == "mia@example.org"


@pytest.mark.django_db
def test_affiliation_dates_are_checked(client, lead, chamber_type):
    person = Person.objects.create(last_name="Koch")
    org = Organisation.objects.create(name="IHK", stakeholder_type=chamber_type)
    client.force_login(lead)
    response = client.post(
        f"/en/staff/contacts/people/{person.pk}/affiliations/",
        {"organisation": org.pk, "start": "2025-05-01", "end": "2024-01-01"},
    )
    assert response.status_code == 400 and "The end must not be before the start." in response.content.decode()
    assert not person.affiliations.exists()


@pytest.mark.django_db
def test_project_end_before_start_is_refused(client, lead):
    client.force_login(lead)
    response = client.post(
        "/en/staff/projects/new/",
        {"title": "X", "slug": "x", "funder": "AM", "start": "2025-01-01", "end": "2024-01-01"},
    )
    assert response.status_code == 200 and "The end must not be before the start." in response.content.decode()


@pytest.mark.django_db
def test_saving_a_person_confirms_it_in_the_page_language(client, lead):
    client.force_login(lead)
    response = client.post("/staff/contacts/people/new/", {"last_name": "Wolf"}, follow=True)
    assert "Die Person wurde gespeichert." in response.content.decode()
    response = client.post("/en/staff/contacts/people/new/", {"last_name": "Vogel"}, follow=True)
    assert "The person was saved." in response.content.decode()
