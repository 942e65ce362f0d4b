"""Two factors mean two factors: a session that has given only the password is a visitor everywhere (staff pages,
public previews, the pending secret) until the code; and every enrolment has its own secret."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from inklusio.core import twofactor
from inklusio.public.models import GoodPractice
from tests.conftest import Client, totp_code

PASSWORD = "correct-horse-battery"
pytestmark = pytest.mark.django_db


def password_login(client, user):
    response = client.post("/en/staff/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def draft(db):
    return GoodPractice.objects.create(
        title="Geheimer Entwurf", body="Noch nicht fertig.", easy_summary="Entwurf.", status=GoodPractice.Status.DRAFT
    )


def test_password_only_sees_no_draft_no_sitemap_preview_no_staff_page(client, lead, draft):
    password_login(client, lead)
    assert client.get(f"/gute-praxis/{draft.pk}/").status_code == 404  # as for an anonymous visitor
    assert client.get(f"/en/gute-praxis/{draft.pk}/").status_code == 404
    assert client.get(f"/leichte-sprache/gute-praxis/{draft.pk}/").status_code == 404
    assert "Geheimer Entwurf" not in client.get("/seitenuebersicht/").content.decode()
    assert "Geheimer Entwurf" not in client.get("/gute-praxis/").content.decode()
    for path in ["/en/staff/", "/en/staff/site/good-practice/", "/staff/contacts/", "/en/staff/account/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/staff/login/code/?next=" in response["Location"], path
    # a POST to a staff page is not carried out either
    assert client.post("/en/staff/projects/new/", {"title": "x"})["Location"] == "/en/staff/login/code/"

    device = TOTPDevice.objects.get(user=lead)
    assert client.post("/en/staff/login/code/", {"code": totp_code(device)}).status_code == 302
    assert client.get(f"/gute-praxis/{draft.pk}/").status_code == 200
    assert "Geheimer Entwurf" in client.get("/seitenuebersicht/").content.decode()
    assert client.get("/en/staff/site/good-practice/").status_code == 200


def test_a_public_page_shows_a_password_only_session_as_a_visitor(client, lead):
    password_login(client, lead)
    page = client.get("/en/").content.decode()
    assert lead.username not in page
    assert "/staff/logout/" not in page


def test_password_only_gets_no_qr_of_a_pending_secret(client, lead):
    # an enrolment the lead started earlier and did not finish (e.g. replacing the phone)
    pending = TOTPDevice.objects.create(user=lead, name="authenticator", confirmed=False)
    password_login(client, lead)
    assert client.get("/en/staff/account/two-factor/qr.svg").status_code == 404
    response = client.get("/en/staff/account/two-factor/")
    assert response["Location"] == "/en/staff/login/code/"
    assert pending.key not in client.get("/en/staff/login/code/").content.decode()


def test_each_enrolment_has_its_own_secret_bound_to_its_session(make_user):
    lead = make_user("project_lead", username="neu", two_factor=False)
    intruder, owner = Client(), Client()
    password_login(intruder, lead)  # someone who knows only the password, before the lead has a device
    seen = intruder.get("/en/staff/account/two-factor/").content.decode()
    intruder_key = re.search(r'<code class="otp-secret">([A-Z2-7 ]+)</code>', seen).group(1)
    intruder_device = TOTPDevice.objects.get(user=lead, confirmed=False)

    password_login(owner, lead)
    page = owner.get("/en/staff/account/two-factor/").content.decode()
    owner_key = re.search(r'<code class="otp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert owner_key != intruder_key
    owner_device = TOTPDevice.objects.get(user=lead, confirmed=False)
    assert owner_device.pk != intruder_device.pk
    # the QR image is this session's secret; the intruder's was replaced
    assert owner.get("/en/staff/account/two-factor/qr.svg").content.decode() == twofactor.qr_svg(owner_device)
    assert intruder.get("/en/staff/account/two-factor/qr.svg").status_code == 404
    # the intruder's key no longer works, neither in their session nor in the owner's
    response = intruder.post("/en/staff/account/two-factor/", {"code": totp_code(intruder_device)})
    assert response.status_code == 200 and "This setup has expired" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=lead, confirmed=True).exists()
    # the intruder's POST started a new enrolment in their session; the owner confirms with a new one, too
    owner.get("/en/staff/account/two-factor/")
    owner_device = TOTPDevice.objects.get(user=lead, confirmed=False)
    response = owner.post("/en/staff/account/two-factor/", {"code": totp_code(owner_device)})
    assert response.status_code == 302 and response["Location"].startswith("/en/staff/account/recovery-codes/")
    assert list(TOTPDevice.objects.filter(user=lead).values_list("pk", "confirmed")) == [(owner_device.pk, True)]
    assert owner.get("/en/staff/").status_code == 200
    # from now on the password alone opens nothing, not even a new enrolment
    assert intruder.get("/en/staff/").status_code == 302
    assert intruder.get("/en/staff/account/two-factor/")["Location"] == "/en/staff/login/code/"
    assert intruder.get("/en/staff/account/two-factor/qr.svg").status_code == 404


def test_a_new_enrolment_after_the_code_makes_a_new_secret(client, lead):
    client.force_login(lead)
    first = client.get("/en/staff/account/two-factor/").content.decode()
    second = client.get("/en/staff/account/two-factor/").content.decode()
    pattern = r'<code class="otp-secret">([A-Z2-7 ]+)</code>'
    assert re.search(pattern, first).group(1) != re.search(pattern, second).group(1)
    assert TOTPDevice.objects.filter(user=lead, confirmed=False).count() == 1
    assert TOTPDevice.objects.filter(user=lead, confirmed=True).count() == 1  # the old one works until confirmed


def test_a_device_enrolled_elsewhere_holds_sessions_that_had_none(client, make_user):
    user = make_user("project_staff", username="sam")
    password_login(client, user)
    assert client.get("/en/staff/").status_code == 200  # no device, no role that needs one: no second step
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    assert client.get("/en/staff/")["Location"].startswith("/en/staff/login/code/")


def test_logout_works_before_the_code(client, lead):
    password_login(client, lead)
    page = client.get("/en/staff/login/code/").content.decode()
    assert '<form method="post" action="/en/staff/logout/">' in page and f"Log out {lead.username}" in page
    response = client.post("/en/staff/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/en/staff/login/code/")["Location"].startswith("/en/staff/login/")
