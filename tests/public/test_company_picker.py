"""Staff pick the company of a training offer, a good-practice example or a company login by searching among the
inclusion companies (a drop-down of all 1,500 made the forms take seconds at full scale); a company contact keeps
the drop-down with their own organisation only."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from inklusio.contacts.models import Organisation, StakeholderType
from inklusio.public.models import CompanyContact

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def not_a_company(db):
    return Organisation.objects.create(name="Brückenamt", stakeholder_type=StakeholderType.objects.get(code="chamber"))


@pytest.mark.parametrize(
    "url", ["/staff/site/offers/new/", "/staff/site/good-practice/new/", "/staff/site/company-contacts/"]
)
def test_staff_forms_search_only_among_companies(client, make_user, company, not_a_company, url):
    client.force_login(make_user("project_lead"))
    body = client.get(url).content.decode()
    assert '<select name="organisation"' not in body and 'name="organisation_q"' in body
    assert "type=inclusion_company" in body
    found = client.post(url, {"organisation_q": "brücken", "organisation_search": "1"}).content.decode()  # no JS
    assert "Brückenwerk gGmbH" in found and "Brückenamt" not in found


def test_the_search_answers_only_companies_when_asked(client, make_user, company, not_a_company):
    client.force_login(make_user("project_lead"))
    search = reverse("contacts:organisation_search")
    params = {"field": "organisation", "id": "id_organisation", "organisation_q": "brücken"}
    both = client.get(search, params, **HTMX).content.decode()
    assert "Brückenwerk gGmbH" in both and "Brückenamt" in both
    only = client.get(search, {**params, "type": "inclusion_company"}, **HTMX).content.decode()
    assert "Brückenwerk gGmbH" in only and "Brückenamt" not in only
    odd = client.get(search, {**params, "type": "x' OR 1=1"}, **HTMX).content.decode()  # ignored, not an error
    assert "Brückenamt" in odd


def test_a_company_contact_keeps_the_drop_down_of_their_own_company(client, company, other_company):
    user = User.objects.create_user("betrieb", password="correct-horse-battery")
    user.groups.add(Group.objects.get(name="company_contact"))
    CompanyContact.objects.create(user=user, organisation=company)
    client.force_login(user)
    body = client.get("/staff/site/offers/new/").content.decode()
    assert '<select name="organisation"' in body and "Brückenwerk" in body and "Horizont" not in body


def test_a_non_company_chosen_by_hand_is_refused(client, make_user, not_a_company):
    client.force_login(make_user("project_lead"))
    data = {
        "username": "neu",
        "email": "neu@x.example",
        "organisation": not_a_company.pk,
        "password": "a-long-password",
    }
    assert client.post("/staff/site/company-contacts/", data).status_code == 200
    assert not CompanyContact.objects.exists()
