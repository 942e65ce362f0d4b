"""Training offers: public search and filters, expiry, "ask about this place", and the company-contact scope."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from inklusio.contacts.models import Inquiry
from inklusio.core.models import AuditEvent
from inklusio.public.models import CompanyContact, TrainingOffer

from .conftest import make_offer
from .test_forms import contact_data

pytestmark = pytest.mark.django_db


def test_expired_and_unpublished_offers_are_not_public(client, company, offer):
    expired = make_offer(company, start_date=timezone.localdate() - timedelta(days=1))
    hidden = make_offer(company, published=False)
    today = make_offer(company, start_date=timezone.localdate())
    response = client.get("/ausbildungsangebote/")
    shown = list(response.context["page_obj"])
    assert offer in shown and today in shown
    assert expired not in shown and hidden not in shown
    assert client.get(f"/ausbildungsangebote/{expired.pk}/").status_code == 404
    assert client.get(f"/ausbildungsangebote/{hidden.pk}/").status_code == 404
    assert expired.expired and not offer.expired


def test_filters_by_occupation_region_start_form_and_accessibility(client, company, other_company):
    soon = timezone.localdate() + timedelta(days=30)
    later = timezone.localdate() + timedelta(days=300)
    kitchen = make_offer(company, occupation="koch", start_date=soon, form="part_time", quiet_room=True)
    store = make_offer(other_company, occupation="fachkraft_lagerlogistik", start_date=later, step_free=True)
    other = make_offer(other_company, occupation="", occupation_other="Tierpfleger*in", start_date=later)

    def shown(query):
        response = client.get("/ausbildungsangebote/?" + query)
        assert response.status_code == 200
        return set(response.context["page_obj"])

    assert shown("") == {kitchen, store, other}
    assert shown("occupation=koch") == {kitchen}
    assert shown("region=DE-NW") == {store, other}
    assert shown(f"start_from={(soon + timedelta(days=1)).isoformat()}") == {store, other}
    assert shown("form=part_time") == {kitchen}
    assert shown("access=step_free") == {store}
    assert shown("access=step_free&access=quiet_room") == set()
    assert shown("q=Kassel") == {kitchen}
    assert shown("q=tierpfleger") == {other}
    assert shown("q=lagerlogistik") == {store}
    assert shown("q=Horizont") == {store, other}


def test_bad_filter_input_is_ignored_not_an_error(client, offer):
    response = client.get("/ausbildungsangebote/?region=XX-YY&start_from=not-a-date&access=evil&page=99")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_offer_detail_and_ask_about_this_place(
    client, project, offer, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    response = client.get(f"/ausbildungsangebote/{offer.pk}/")
    assert response.status_code == 200
    assert "Fachkraft für Lagerlogistik" in response.content.decode()
    data = {k: v for k, v in contact_data(message="Ist der Platz noch frei?").items() if k != "topic"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ausbildungsangebote/{offer.pk}/", data)
    assert response["Location"] == f"/ausbildungsangebote/{offer.pk}/gesendet/"
    inquiry = Inquiry.objects.get()
    assert inquiry.kind == Inquiry.Kind.TRAINING_OFFER
    assert inquiry.organisation == offer.organisation
    [to_company] = smtp_server.to("ausbildung@bw.example")
    assert "Ist der Platz noch frei?" in to_company.get_content()
    assert to_company["Reply-To"] == "mira@example.org"
    assert "Fachkraft für Lagerlogistik" in to_company["Subject"]
    assert len(smtp_server.to("mira@example.org")) == 1


def test_asking_about_an_expired_offer_is_impossible(client, project, company, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    expired = make_offer(company, start_date=timezone.localdate() - timedelta(days=3))
    response = client.post(f"/ausbildungsangebote/{expired.pk}/", contact_data())
    assert response.status_code == 404
    assert not Inquiry.objects.exists()


# --- company contacts: a login scoped to their own organisation -------------------------------------------


@pytest.fixture
def company_login(client, company):
    user = User.objects.create_user("betrieb", password="correct-horse-battery")
    user.groups.add(Group.objects.get(name="company_contact"))
    CompanyContact.objects.create(user=user, organisation=company)
    client.force_login(user)
    return user


def offer_form_data(organisation, **changes):
    data = {
        "organisation": organisation.pk,
        "occupation": "koch",
        "occupation_other": "",
        "region": "DE-HE",
        "city": "Kassel",
        "start_date": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "form": "full_time",
        "places": "2",
        "contact_name": "Ayşe Yılmaz",
        "contact_email": "ausbildung@bw.example",
        "published": "on",
    }
    data.update(changes)
    return data


def test_company_contact_role_has_no_model_permissions(company_login):
    assert not company_login.get_all_permissions()


def test_company_contact_sees_and_edits_only_own_offers(client, company_login, company, other_company, offer):
    foreign = make_offer(other_company, occupation="koch")
    response = client.get("/staff/site/offers/")
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [offer]
    assert "Horizont" not in response.content.decode()
    # By URL and ID: the other organisation's offer does not exist for them.
    assert client.get(f"/staff/site/offers/{foreign.pk}/edit/").status_code == 404
    assert client.post(f"/staff/site/offers/{foreign.pk}/edit/", offer_form_data(company)).status_code == 404
    assert client.get(f"/staff/site/offers/{foreign.pk}/delete/").status_code == 404
    assert client.post(f"/staff/site/offers/{foreign.pk}/delete/").status_code == 404
    foreign.refresh_from_db()
    assert (foreign.organisation, foreign.city) == (other_company, "Köln")
    # Own offer: editable.
    response = client.post(f"/staff/site/offers/{offer.pk}/edit/", offer_form_data(company, city="Fulda"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.city == "Fulda"
    assert AuditEvent.objects.filter(action="public.offer_changed").exists()


def test_company_contact_cannot_move_or_create_offers_for_another_organisation(
    client, company_login, company, other_company, offer
):
    response = client.post(f"/staff/site/offers/{offer.pk}/edit/", offer_form_data(other_company))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    offer.refresh_from_db()
    assert offer.organisation == company
    response = client.post("/staff/site/offers/new/", offer_form_data(other_company))
    assert response.status_code == 200
    assert not TrainingOffer.objects.filter(organisation=other_company).exists()
    response = client.post("/staff/site/offers/new/", offer_form_data(company))
    assert response.status_code == 302
    assert TrainingOffer.objects.filter(organisation=company).count() == 2


def test_company_contact_can_delete_own_offer(client, company_login, offer):
    assert client.post(f"/staff/site/offers/{offer.pk}/delete/").status_code == 302
    assert not TrainingOffer.objects.exists()


def test_company_contact_cannot_reach_other_staff_pages(client, company_login, story):
    assert client.get("/staff/site/").status_code in (302, 403)
    assert client.get("/staff/site/good-practice/").status_code in (302, 403)
    assert client.get(f"/staff/site/good-practice/{story.pk}/edit/").status_code in (302, 403)
    assert client.get("/staff/site/company-contacts/").status_code == 403


def test_staff_see_and_edit_every_offer(client, staff, company, other_company, offer):
    foreign = make_offer(other_company)
    client.force_login(staff)
    response = client.get("/staff/site/offers/")
    assert set(response.context["page_obj"]) == {offer, foreign}
    response = client.post(f"/staff/site/offers/{foreign.pk}/edit/", offer_form_data(other_company, city="Bonn"))
    assert response.status_code == 302
    foreign.refresh_from_db()
    assert foreign.city == "Bonn"


def test_offer_needs_an_occupation(client, staff, company):
    client.force_login(staff)
    response = client.post("/staff/site/offers/new/", offer_form_data(company, occupation="", occupation_other=" "))
    assert response.status_code == 200
    assert "occupation" in response.context["form"].errors


def test_users_without_role_or_link_get_nothing(client, make_user, offer):
    assert client.get("/staff/site/offers/").status_code == 302  # to the login
    client.force_login(make_user(None))
    assert client.get("/staff/site/offers/").status_code == 403
    assert client.get(f"/staff/site/offers/{offer.pk}/edit/").status_code == 404
    assert client.get("/staff/site/offers/new/").status_code == 403


def test_read_only_sees_offers_but_cannot_edit(client, make_user, offer, company):
    client.force_login(make_user("read_only"))
    assert client.get("/staff/site/offers/").status_code == 200
    assert client.get(f"/staff/site/offers/{offer.pk}/edit/").status_code == 403
    assert client.post("/staff/site/offers/new/", offer_form_data(company)).status_code == 403


def test_staff_create_company_contact_login(client, staff, company):
    client.force_login(staff)
    data = {"username": "neu", "email": "neu@bw.example", "organisation": company.pk, "password": "a-long-password"}
    assert client.post("/staff/site/company-contacts/", data).status_code == 302
    link = CompanyContact.objects.get()
    assert link.organisation == company
    assert link.user.groups.filter(name="company_contact").exists()
    assert link.user.check_password("a-long-password")
    assert client.post("/staff/site/company-contacts/", data).status_code == 200  # name taken
