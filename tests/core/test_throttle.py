"""Login throttling: per user name and per client address, not reset by other users' logins, not turned against
real users by failures on made-up names, client address from X-Forwarded-For only behind a trusted proxy, and
checked atomically under parallel attempts (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory

from inklusio.core import throttle
from inklusio.core.models import LoginFailure
from tests.conftest import Client
from tests.databases import only_postgres

PASSWORD = "correct-horse-battery"
LOCKED = "Too many failed logins"
WRONG = "Please enter a correct"


def login(client, username, password, address="203.0.113.7", **headers):
    response = client.post(
        "/en/staff/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )
    text = response.content.decode()
    if response.status_code == 302:
        return "ok"
    if LOCKED in text:
        return "locked"
    assert WRONG in text, text[:500]
    return "wrong"


@pytest.mark.django_db
def test_another_users_success_does_not_reset_a_lock(make_user, settings):
    make_user("project_staff", username="ida")
    make_user("project_staff", username="otto")
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(Client(), "ida", "wrong") == "wrong"
        assert login(Client(), "otto", PASSWORD) == "ok"  # the same address: once this cleared everything
    assert login(Client(), "ida", "wrong") == "wrong"
    assert login(Client(), "otto", PASSWORD) == "ok"
    assert login(Client(), "ida", PASSWORD) == "locked"
    assert login(Client(), "otto", PASSWORD) == "ok"  # the lock is ida's, not the address's


@pytest.mark.django_db
def test_a_name_lock_holds_from_every_address(make_user, settings):
    make_user("project_staff", username="ida")
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        assert login(Client(), "ida", "wrong", address=f"198.51.100.{number}") == "wrong"
    assert login(Client(), "ida", PASSWORD, address="192.0.2.1") == "locked"
    assert LoginFailure.objects.filter(username="ida").count() == settings.LOGIN_FAILURE_LIMIT  # refusals not counted


@pytest.mark.django_db
def test_a_success_clears_only_its_own_name(make_user, settings):
    make_user("project_staff", username="ida")
    make_user("project_staff", username="otto")
    login(Client(), "ida", "wrong")
    login(Client(), "otto", "wrong")
    assert login(Client(), "otto", PASSWORD) == "ok"
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["ida"]


@pytest.mark.django_db
def test_failures_on_made_up_names_never_keep_a_real_password_out(make_user, settings):
    user = make_user("project_staff", username="ida")
    attacker = "203.0.113.66"
    for number in range(settings.LOGIN_FAILURE_ADDRESS_LIMIT * 2):
        login(Client(), f"nobody{number}", "guess", address=attacker)
    # the address is locked for names that already failed there ...
    assert login(Client(), "nobody0", "guess", address=attacker) == "locked"
    # ... and the same answer for a real name that failed there: a lock does not tell whether a name exists
    assert login(Client(), "ida", "wrong", address=attacker) == "wrong"  # its one try from the locked address
    assert login(Client(), "ida", "wrong", address=attacker) == "locked"
    assert login(Client(), "nobody-new", "guess", address=attacker) == "wrong"
    assert login(Client(), "nobody-new", "guess", address=attacker) == "locked"
    # staff behind the same address (e.g. the proxy, without TRUSTED_PROXIES) still log in with the right password
    other = make_user("project_lead", username="lea")
    client = Client()
    assert login(client, "lea", PASSWORD, address=attacker) == "ok"
    assert client.session["_auth_user_id"] == str(other.pk)
    assert login(Client(), "ida", PASSWORD, address="192.0.2.1") == "ok"  # ida from elsewhere: one failure only
    assert not LoginFailure.objects.filter(username=user.username).exists()


@pytest.mark.django_db
def test_made_up_names_cannot_lock_out_all_staff_behind_one_proxy(make_user, settings):
    """The issue's attack: 20 failures on made-up names, every client sharing the proxy's address."""
    staff = [make_user("project_staff", username=f"staff{number}") for number in range(3)]
    for number in range(settings.LOGIN_FAILURE_ADDRESS_LIMIT + 5):
        login(Client(), f"made-up-{number}", "guess", address="127.0.0.1")
    for user in staff:
        assert login(Client(), user.username, PASSWORD, address="127.0.0.1") == "ok"


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_x_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = []
    assert throttle.client_address(_request("127.0.0.1", "198.51.100.9")) == "127.0.0.1"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    # nginx appends the peer it saw; what the client wrote before it is not believed
    assert throttle.client_address(_request("127.0.0.1", "1.2.3.4, 198.51.100.9")) == "198.51.100.9"
    # a chain of trusted proxies is skipped from the right
    assert throttle.client_address(_request("127.0.0.1", "1.2.3.4, 198.51.100.9, 10.1.2.3")) == "198.51.100.9"
    # a peer outside TRUSTED_PROXIES cannot choose its address
    assert throttle.client_address(_request("192.0.2.50", "198.51.100.9")) == "192.0.2.50"
    # no header, an empty one, or garbage from the proxy: the last address that is known
    assert throttle.client_address(_request("127.0.0.1")) == "127.0.0.1"
    assert throttle.client_address(_request("127.0.0.1", " , ")) == "127.0.0.1"
    assert throttle.client_address(_request("127.0.0.1", "1.2.3.4, not-an-address")) == "127.0.0.1"
    assert throttle.client_address(_request("10.0.0.2", "2001:db8::1, 10.0.0.1")) == "2001:db8::1"
    assert throttle.client_address(_request("::1", "198.51.100.9")) == "::1"


@pytest.mark.django_db
def test_a_spoofed_header_neither_escapes_nor_causes_a_lock(make_user, settings):
    make_user("project_staff", username="ida")
    # without trusted proxies, changing X-Forwarded-For does not give new tries
    for number in range(settings.LOGIN_FAILURE_ADDRESS_LIMIT + 1):
        login(Client(), f"x{number}", "guess", address="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert LoginFailure.objects.filter(address="203.0.113.9").count() == settings.LOGIN_FAILURE_ADDRESS_LIMIT + 1
    assert login(Client(), "x0", "guess", address="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.200") == "locked"
    # behind a trusted proxy each client is counted by its own address, so one client's lock is not another's
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(settings.LOGIN_FAILURE_ADDRESS_LIMIT + 1):
        login(Client(), f"y{number}", "guess", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert login(Client(), "y0", "guess", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1") == "locked"
    assert login(Client(), "y0", "guess", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2") == "wrong"
    assert set(LoginFailure.objects.filter(username="y0").values_list("address", flat=True)) == {
        "198.51.100.1",
        "198.51.100.2",
    }


@pytest.mark.django_db
def test_the_code_step_is_throttled_per_user_not_cleared_by_others(client, make_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    lead = make_user("project_lead", username="lea")
    other = make_user("project_lead", username="leo")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import totp_code

    assert login(client, "lea", PASSWORD) == "ok"
    other_client = Client()
    login(other_client, "leo", PASSWORD)
    other_device = TOTPDevice.objects.get(user=other)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/en/staff/login/code/", {"code": "12345x"}, REMOTE_ADDR="203.0.113.7")
    # leo's right code from the same address does not clear lea's failures
    assert (
        other_client.post(
            "/en/staff/login/code/", {"code": totp_code(other_device)}, REMOTE_ADDR="203.0.113.7"
        ).status_code
        == 302
    )
    device = TOTPDevice.objects.get(user=lead)
    response = client.post("/en/staff/login/code/", {"code": totp_code(device)}, REMOTE_ADDR="203.0.113.7")
    assert "Too many wrong codes. Please wait" in response.content.decode()


@pytest.mark.django_db
def test_an_attempt_without_a_password_is_not_counted(client, make_user):
    make_user("project_staff", username="ida")
    client.post("/en/staff/login/", {"username": "ida", "password": ""})
    client.post("/en/staff/login/", {"username": "", "password": "x"})
    assert not LoginFailure.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@only_postgres(
    "40 threads try one name at once; SQLite's test database lets one writer in at a time, so they cannot race "
    "there (the tests above check the limit one attempt after another on both databases); CI's PostgreSQL run "
    "has this"
)
def test_parallel_wrong_passwords_are_checked_at_most_the_limit(make_user, settings):
    """40 wrong passwords for one name at once: no more than LOGIN_FAILURE_LIMIT reach the password check."""
    assert connection.vendor == "postgresql"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # a real, slow check
    make_user("project_staff", username="ida")
    parallel = 40
    start = threading.Barrier(parallel)
    results, lock = [], threading.Lock()

    def attempt(number):
        try:
            client = Client()
            start.wait()
            outcome = login(client, "ida", f"wrong-{number}", address=f"198.51.100.{number}")
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == parallel
    assert results.count("wrong") == settings.LOGIN_FAILURE_LIMIT, results
    assert results.count("locked") == parallel - settings.LOGIN_FAILURE_LIMIT
    assert LoginFailure.objects.filter(username="ida").count() == settings.LOGIN_FAILURE_LIMIT
