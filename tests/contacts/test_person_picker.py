"""The person picker's search (contacts:person_search): visibility per role, bounds, the page without JavaScript,
and the picker field in forms (no-JS search button, refusing people outside the field's queryset)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType
from inklusio.contacts.picker import email_domain
from inklusio.contacts.queries import PICKER_LIMIT
from inklusio.networks import services as network_services
from inklusio.networks.models import Network

pytestmark = pytest.mark.django_db
URL = "/en" + reverse("contacts:person_search")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def albrechts():
    chamber = StakeholderType.objects.get(code="chamber")
    people = []
    for i, (org, mail) in enumerate(
        [("IHK Kassel", "d.albrecht@ihk-kassel.de"), ("Lebenshilfe Köln", "david@lebenshilfe.de"), ("", "")]
    ):
        person = Person.objects.create(first_name="David", last_name="Albrecht", email=mail, city=f"Stadt{i}")
        if org:
            Affiliation.objects.create(
                person=person, organisation=Organisation.objects.create(name=org, stakeholder_type=chamber)
            )
        people.append(person)
    return people


@pytest.fixture
def coordinator_world(make_user, albrechts):
    coordinator = make_user("network_coordinator")
    network = Network.objects.create(name="Netzwerk Nord", regions=["DE-HE"], founded_on=date(2023, 1, 1))
    network.coordinators.add(coordinator)
    network_services.add_member(network, albrechts[0], joined_on=date(2024, 1, 1))
    return coordinator


def test_live_results_tell_look_alikes_apart_by_organisation_and_domain(client, staff, albrechts):
    client.force_login(staff)
    response = client.get(URL, {"field": "person", "id": "id_person", "person_q": "albrecht"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert body.count('type="radio" name="person"') == 3
    assert "IHK Kassel · @ihk-kassel.de" in body and "Lebenshilfe Köln · @lebenshilfe.de" in body
    assert "d.albrecht@" not in body and "david@" not in body  # the domain, never the address
    assert "3 people found" in body


def test_search_matches_email_and_organisation_and_folds_umlauts(client, staff, albrechts):
    client.force_login(staff)
    by_email = client.get(URL, {"q": "d.albrecht@ihk"}).content.decode()
    assert "IHK Kassel" in by_email and "Lebenshilfe" not in by_email
    by_organisation = client.get(URL, {"q": "lebenshilfe koeln"}).content.decode()
    assert "Lebenshilfe Köln" in by_organisation and "IHK Kassel" not in by_organisation


def test_coordinator_finds_only_their_networks_people(client, coordinator_world, albrechts):
    client.force_login(coordinator_world)
    body = client.get(URL, {"field": "person", "id": "id_person", "person_q": "albrecht"}, **HTMX).content.decode()
    assert f'value="{albrechts[0].pk}"' in body
    assert f'value="{albrechts[1].pk}"' not in body and f'value="{albrechts[2].pk}"' not in body
    page = client.get(URL, {"q": "david"}).content.decode()
    assert page.count(reverse("contacts:person_detail", args=[albrechts[0].pk])) == 1
    assert reverse("contacts:person_detail", args=[albrechts[1].pk]) not in page


@pytest.mark.parametrize("role", ["read_only", "company_contact"])
def test_reviewer_sees_what_people_for_user_allows_and_company_contact_nothing(client, make_user, albrechts, role):
    client.force_login(make_user(role))
    body = client.get(URL, {"q": "albrecht"}).content.decode()
    found = [p for p in albrechts if f"/people/{p.pk}/" in body]
    if role == "read_only":  # the funder's reviewer reads the contact base (view permission), never changes it
        assert found == albrechts
    else:
        assert found == [] and "Nobody found." in body


def test_anonymous_is_sent_to_login(client, albrechts):
    response = client.get(URL, {"q": "albrecht"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_search_is_bounded_and_uses_few_queries(client, staff):
    Person.objects.bulk_create(
        Person(first_name="Anna", last_name=f"Schmidt{i:03d}", name_key=f"anna schmidt{i:03d}") for i in range(60)
    )
    client.force_login(staff)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(URL, {"field": "person", "id": "id_person", "person_q": "schmidt"}, **HTMX).content.decode()
    assert body.count('type="radio"') == PICKER_LIMIT
    assert len(queries) <= 12, [q["sql"] for q in queries]


@pytest.mark.parametrize("bad", ["", "a b", "x" * 81, '"><script>', "person_q"])
def test_bad_field_names_get_the_plain_page_not_a_fragment(client, staff, albrechts, bad):
    client.force_login(staff)
    response = client.get(URL, {"field": bad, "id": "id_person", f"{bad}_q": "albrecht"}, **HTMX)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[-1]


def test_empty_and_overlong_queries(client, staff, albrechts):
    client.force_login(staff)
    assert client.get(URL, {"field": "person", "id": "id_person", "person_q": "  "}, **HTMX).content == b""
    assert client.get(URL, {"q": "a" * 5000}).status_code == 200


def test_no_js_search_button_in_a_form_shows_results_and_saves_nothing(client, staff, project, albrechts):
    client.force_login(staff)
    url = "/en" + reverse("contacts:inquiry_create")
    form = {
        "project": project.pk,
        "received_on": "2025-03-01",
        "channel": "email",
        "kind": "general",
        "topic": "Frage",
        "outcome": "open",
        "person_q": "albrecht",
        "person_search": "1",
    }
    body = client.post(url, form).content.decode()
    assert Inquiry.objects.count() == 0
    assert "Choose one of the people found, then save." in body and body.count('name="person" value=') == 3
    assert 'value="Frage"' in body  # what was typed stays
    del form["person_search"]
    response = client.post(url, {**form, "person": albrechts[1].pk})
    assert response.status_code == 302 and Inquiry.objects.get().person == albrechts[1]


def test_picker_refuses_a_person_outside_its_queryset(client, make_user, coordinator_world, albrechts, project):
    from inklusio.contacts.forms import InquiryForm
    from inklusio.contacts.queries import people_for_user

    data = {"project": project.pk, "received_on": "2025-03-01", "channel": "email", "kind": "general"}
    data.update(topic="x", outcome="open", person=albrechts[1].pk)
    form = InquiryForm(data, people=people_for_user(coordinator_world))
    assert not form.is_valid() and "person" in form.errors
    form = InquiryForm({**data, "person": "9" * 40}, people=people_for_user(coordinator_world))
    assert not form.is_valid() and "person" in form.errors


def test_email_domain():
    assert email_domain("a.b@example.org") == "@example.org"
    assert email_domain("") == "" and email_domain("no-address") == ""
