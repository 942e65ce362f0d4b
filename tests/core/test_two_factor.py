"""Two-factor login with real TOTP codes, recovery codes, forced enrolment for leads, throttling, idle expiry."""

import re
import time

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inklusio.core.access import AUTH_AT_SESSION_KEY
from inklusio.core.middleware import LAST_SEEN_SESSION_KEY
from inklusio.core.models import AuditEvent
from tests.conftest import totp_code

PASSWORD = "correct-horse-battery"
pytestmark = pytest.mark.django_db


def password_login(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/en/staff/login/", data)


def actions():
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_login_with_a_real_totp_code(client, lead):
    device = TOTPDevice.objects.get(user=lead)
    response = password_login(client, lead, "/en/staff/projects/")
    assert response.status_code == 302
    # the password alone opens nothing: every staff page leads to the code step, keeping the target
    response = client.get("/en/staff/projects/")
    assert response.status_code == 302 and response["Location"].startswith("/en/staff/login/code/")
    assert "next=%2Fen%2Fstaff%2Fprojects%2F" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert 'autocomplete="one-time-code"' in page and '<label class="kern-label" for="id_code">' in page

    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/en/staff/login/code/", {"code": wrong, "next": "/en/staff/projects/"})
    assert response.status_code == 200 and "This code is not valid" in response.content.decode()
    assert client.get("/en/staff/").status_code == 302

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = client.post("/en/staff/login/code/", {"code": totp_code(device), "next": "/en/staff/projects/"})
    assert response.status_code == 302 and response["Location"] == "/en/staff/projects/"
    assert client.get("/en/staff/projects/").status_code == 200
    assert actions() == ["auth.login", "auth.two_factor_failed", "auth.two_factor_verified"]
    verified = AuditEvent.objects.get(action="auth.two_factor_verified")
    assert verified.actor == lead and verified.detail == {"user": lead.pk, "recovery_code": False}


def test_a_used_code_cannot_be_replayed(client, lead):
    device = TOTPDevice.objects.get(user=lead)
    code = totp_code(device)
    password_login(client, lead)
    assert client.post("/en/staff/login/code/", {"code": code})["Location"] == "/en/staff/"
    other = type(client)()
    password_login(other, lead)
    response = other.post("/en/staff/login/code/", {"code": code})
    assert response.status_code == 200 and "not valid" in response.content.decode()


def test_wrong_codes_are_throttled_by_django_otp(client, lead):
    device = TOTPDevice.objects.get(user=lead)
    password_login(client, lead)
    client.post("/en/staff/login/code/", {"code": "000000" if totp_code(device) != "000000" else "111111"})
    # right after a wrong code even the right one is refused until the delay has passed
    response = client.post("/en/staff/login/code/", {"code": totp_code(device)})
    assert "Too many wrong codes. Please wait until" in response.content.decode()
    assert client.get("/en/staff/").status_code == 302


def test_wrong_codes_lock_the_code_step_for_the_window(client, lead, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only inklusio's own window-based throttle counts here
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.get(user=lead)
    password_login(client, lead)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/en/staff/login/code/", {"code": "12345x"})
    response = client.post("/en/staff/login/code/", {"code": totp_code(device)})
    assert "Too many wrong codes. Please wait 15 minutes" in response.content.decode()
    assert actions().count("auth.two_factor_failed") == settings.LOGIN_FAILURE_LIMIT + 1


def test_a_recovery_code_works_once(client, lead):
    from inklusio.core import twofactor

    codes = twofactor.new_recovery_codes(lead)
    password_login(client, lead)
    response = client.post("/en/staff/login/code/", {"code": codes[0]})
    assert response.status_code == 302
    assert "9 are left" in client.get("/en/staff/").content.decode()
    assert AuditEvent.objects.get(action="auth.two_factor_verified").detail["recovery_code"] is True
    again = type(client)()
    password_login(again, lead)
    assert again.post("/en/staff/login/code/", {"code": codes[0]}).status_code == 200


def test_a_lead_without_a_device_must_enrol_first(client, make_user):
    lead = make_user("project_lead", username="neu", two_factor=False)
    password_login(client, lead)
    for path in ["/en/staff/", "/en/staff/contacts/", "/en/staff/audit/", "/en/staff/events/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/en/staff/account/two-factor/")
    page = client.get("/en/staff/account/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=lead, confirmed=False)
    secret = re.search(r'<code class="otp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    from base64 import b32decode

    assert b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)) == device.bin_key
    assert "otpauth://totp/inklusio%3Aneu?secret=" in page
    assert re.search(r'<img class="qr-code" src="/en/staff/account/two-factor/qr.svg"[^>]+alt="QR code', page)
    svg = client.get("/en/staff/account/two-factor/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b'<svg xmlns="http://www.w3.org/2000/svg"' in svg.content

    response = client.post("/en/staff/account/two-factor/", {"code": "abc"})
    assert response.status_code == 200 and "This code is not valid" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = client.post("/en/staff/account/two-factor/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"].startswith("/en/staff/account/recovery-codes/")
    page = client.get(response["Location"]).content.decode()
    shown = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(shown) == 10 and set(shown) == set(StaticToken.objects.values_list("token", flat=True))
    # shown once only
    assert client.get("/en/staff/account/recovery-codes/")["Location"] == "/en/staff/account/"
    assert client.get("/en/staff/").status_code == 200
    assert "auth.two_factor_enrolled" in actions()


def test_staff_without_a_device_need_no_code_and_may_enrol(client, make_user):
    user = make_user("project_staff", username="sam")
    password_login(client, user)
    assert client.get("/en/staff/").status_code == 200
    assert "Two-factor login is off" in client.get("/en/staff/account/").content.decode()


def test_a_device_cannot_be_replaced_before_the_code_step(client, lead):
    password_login(client, lead)
    response = client.get("/en/staff/account/two-factor/")
    assert response["Location"] == "/en/staff/login/code/"
    assert not TOTPDevice.objects.filter(user=lead, confirmed=False).exists()


def test_re_enrolment_replaces_the_old_device(client, lead):
    old = TOTPDevice.objects.get(user=lead)
    client.force_login(lead)
    client.get("/en/staff/account/two-factor/")
    new = TOTPDevice.objects.get(user=lead, confirmed=False)
    assert client.post("/en/staff/account/two-factor/", {"code": totp_code(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=lead).values_list("pk", flat=True)) == [new.pk]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_staff_may_turn_two_factor_off_but_a_lead_may_not(client, lead, make_user):
    user = make_user("project_staff", two_factor=True)
    client.force_login(user)
    assert client.post("/en/staff/account/two-factor/off/").status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert "auth.two_factor_disabled" in actions()
    client.force_login(lead)
    client.post("/en/staff/account/two-factor/off/")
    assert TOTPDevice.objects.filter(user=lead, confirmed=True).exists()


def test_roles_requiring_two_factor_are_configurable(client, make_user, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["project_staff"]
    staff = make_user("project_staff", two_factor=False)
    lead = make_user("project_lead", two_factor=False)
    password_login(client, staff)
    assert client.get("/en/staff/")["Location"].startswith("/en/staff/account/two-factor/")
    other = type(client)()
    password_login(other, lead)
    assert other.get("/en/staff/").status_code == 200


def test_idle_sessions_expire_with_a_message(client, lead, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    client.force_login(lead)
    assert client.get("/en/staff/projects/").status_code == 200
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - 59
    session.save()
    assert client.get("/en/staff/projects/").status_code == 200  # within the limit: still logged in, clock reset
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - 61
    session.save()
    response = client.get("/en/staff/projects/?page=1")
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/login/?next=%2Fen%2Fstaff%2Fprojects%2F%3Fpage%3D1"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Your session ended after 1 minute without activity" in page


def test_a_session_ends_at_the_absolute_limit_however_active(client, lead, settings):
    from inklusio.core.middleware import LOGIN_AT_SESSION_KEY

    settings.SESSION_COOKIE_AGE = 3600
    client.force_login(lead)
    assert isinstance(client.session[LOGIN_AT_SESSION_KEY], int)  # every login notes its time
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = int(time.time()) - 3599
    session[LAST_SEEN_SESSION_KEY] = int(time.time())  # active a moment ago
    session.save()
    assert client.get("/en/staff/projects/").status_code == 200
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = int(time.time()) - 3601
    session.save()
    response = client.get("/en/staff/projects/")
    assert response.status_code == 302 and response["Location"].startswith("/en/staff/login/")
    assert "_auth_user_id" not in client.session
    assert "Your session ended 1 hour after you logged in" in client.get(response["Location"]).content.decode()


def test_reauthentication_asks_for_password_and_code_and_returns(client, lead, make_user):
    other = make_user("project_staff", username="otto")
    client.force_login(lead)
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time()) - 3600
    session.save()
    target = f"/en/staff/users/{other.pk}/?tab=1"
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/reauth/?next=%2Fen%2Fstaff%2Fusers%2F" + f"{other.pk}%2F%3Ftab%3D1"
    page = client.get(response["Location"]).content.decode()
    assert 'name="password"' in page and 'name="code"' in page

    device = TOTPDevice.objects.get(user=lead)
    response = client.post("/en/staff/reauth/", {"password": "wrong", "code": totp_code(device), "next": target})
    assert response.status_code == 200 and "The password is not correct" in response.content.decode()
    response = client.post("/en/staff/reauth/", {"password": PASSWORD, "code": totp_code(device), "next": target})
    assert response.status_code == 302 and response["Location"] == target
    assert client.get(target).status_code == 200
    assert actions() == ["auth.reauthentication_failed", "auth.reauthenticated"]


def test_a_stale_post_is_not_carried_out_but_sent_through_reauthentication(client, lead, make_user):
    other = make_user("project_staff")
    client.force_login(lead)
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time()) - 3600
    session.save()
    response = client.post(f"/en/staff/users/{other.pk}/", {"action": "role", "role": "project_lead"})
    assert response["Location"] == f"/en/staff/reauth/?next=%2Fen%2Fstaff%2Fusers%2F{other.pk}%2F"
    assert not other.groups.filter(name="project_lead").exists()
    assert "submit the form again" in client.get(response["Location"]).content.decode()


def test_reauthentication_never_redirects_off_site(client, make_user):
    user = make_user("project_staff")
    client.force_login(user)
    response = client.post("/en/staff/reauth/", {"password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/en/staff/"


def test_the_demo_lead_logs_in_with_the_printed_key(client, settings, tmp_path):
    from argparse import Namespace

    from inklusio.cli import _demo_login_text
    from inklusio.core import demo

    settings.VAR_DIR = tmp_path
    username, password = demo.ensure_demo_login()
    device = demo.demo_authenticator()
    assert demo.demo_authenticator() == device  # kept across restarts
    text = _demo_login_text(Namespace(host="127.0.0.1", port=8000), username, password, device)
    assert password in text and device.config_url in text
    key = re.search(r"Key: ([A-Z2-7 ]+)\n", text).group(1)
    client.post("/en/staff/login/", {"username": username, "password": password})
    from base64 import b32decode

    raw = key.replace(" ", "")
    assert b32decode(raw + "=" * (-len(raw) % 8)) == device.bin_key
    assert client.post("/en/staff/login/code/", {"code": totp_code(device)}).status_code == 302
    assert client.get("/en/staff/").status_code == 200
