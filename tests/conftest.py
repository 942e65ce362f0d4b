"""Shared fixtures: users per role, a real SMTP server on loopback, a real Chromium with axe-core."""

import os
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from django.test import Client as DjangoClient

from tests import migrated_state
from tests.demo_snapshot import load_demo_fast

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_ROOT = tmp_path / "uploads"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "mail"]}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.USAGE_FLUSH_SECONDS = 0  # no flushing thread: tests flush the usage counts themselves


@pytest.fixture(autouse=True)
def _usage_counts_start_empty():
    """Page views counted in one test (in memory, with their repeat window) must not reach the next."""
    from django.core.cache import caches

    from inklusio.usage import buffer, visitors

    buffer.discard()
    caches["usage"].clear()
    visitors.forget_salt()
    yield
    buffer.discard()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in German; a request to /en/... in one test must not leak English into the next."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and what migrate wrote in it remembered: a committing test puts it back
    (``tests/migrated_state.py``)."""
    with django_db_blocker.unblock():
        migrated_state.remember()


# --- the demo, once per module ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data loaded once for a test module, inside a transaction rolled back at the module's end (each
    test runs in its own savepoint within it, through ``demo``). Yields the directory of its files (scans)."""
    from django.db import transaction
    from django.test import override_settings

    files = tmp_path_factory.mktemp("demo")
    overrides = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        UPLOAD_ROOT=files / "uploads",
        MEDIA_ROOT=files / "media",
        TASKS={
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "mail"]}
        },
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    with django_db_blocker.unblock(), overrides, transaction.atomic():
        load_demo_fast()
        yield files
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db, settings):
    """The module's demo data inside this test's savepoint, with its file directories."""
    settings.UPLOAD_ROOT = demo_once / "uploads"
    settings.MEDIA_ROOT = demo_once / "media"
    return demo_once


# --- users and roles ---------------------------------------------------------------------------------------

ROLES = ["project_lead", "project_staff", "network_coordinator", "read_only"]


@pytest.fixture
def make_user(db):
    """Make a user with a role; roles that require two-factor login get a confirmed TOTP device (``two_factor``)."""
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def make(
        role: str | None = None,
        username: str | None = None,
        password: str = "correct-horse-battery",
        two_factor: bool | None = None,
    ):
        user = User.objects.create_user(
            username or f"user-{role or 'none'}-{User.objects.count()}", email="staff@example.org", password=password
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        if two_factor or (two_factor is None and role in settings.TWO_FACTOR_REQUIRED_ROLES):
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        return user

    return make


def totp_code(device, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` 30-second steps later) for ``device``."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead):06d}"


# The browser tests check staff pages with axe in German only: the English page is the same template with other
# gettext texts, and the authorization matrix requests every page under /en/ as well. Public pages, the
# easy-language pages, the surveys and the staff overview are checked in both languages (prefix "" and "/en").
STAFF_PAGE_PREFIXES = ("",)


class Client(DjangoClient):
    """Django's test client whose ``force_login`` also passes the second step for a user with a confirmed device.

    It marks the session the way ``django_otp.login`` does after a real code; the middleware still checks it.
    """

    def force_login(self, user, backend=None):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        super().force_login(user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    def mark_seen(self):
        """Note the session as seen just now, so the next request does not refresh "last seen" (a session write
        at most once a minute, see core.middleware): for tests that compare the queries of two requests."""
        import time

        from inklusio.core.middleware import LAST_SEEN_SESSION_KEY

        session = self.session
        session[LAST_SEEN_SESSION_KEY] = int(time.time())
        session.save()


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def lead(make_user):
    return make_user("project_lead")


@pytest.fixture
def staff(make_user):
    return make_user("project_staff")


@pytest.fixture
def project(db):
    from datetime import date

    from inklusio.core.models import Project

    return Project.objects.create(
        title="Testprojekt", slug="test", funder="Aktion Mensch", start=date(2024, 1, 1), end=date(2026, 12, 31)
    )


# --- a real SMTP server on loopback -------------------------------------------------------------------------


@dataclass
class SmtpSink:
    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    fail_with: str | None = None  # e.g. "451 try later" or "550 no such user" to answer every RCPT

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.envelopes.clear()

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m, env in zip(self.messages, self.envelopes, strict=True) if address in env.rcpt_tos]


class _Handler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.sink.fail_with:
            return self.sink.fail_with
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.sink.lock:
            self.sink.messages.append(message)
            self.sink.envelopes.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1; Django's SMTP backend is pointed at it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # aiosmtpd's start() connects to its port, so it cannot be 0: pick a free one
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    sink = SmtpSink("127.0.0.1", free_port)
    controller = Controller(_Handler(sink), hostname="127.0.0.1", port=free_port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = sink.host, sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        controller.stop()


# --- a real browser -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's 'chromium' (the test command does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    """Log a user into the browser page by giving it a real session cookie."""
    from django.conf import settings

    def do_login(user):
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return user

    return do_login


def _inject_axe(page):
    """axe-core into the page (or frame), and into every page the context opens from now on: an init script is
    loaded by the browser itself, instead of sending the 570 KB script to each page again."""
    if page.evaluate("typeof window.axe !== 'undefined'"):
        return
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    context = (page.page if hasattr(page, "parent_frame") else page).context  # a frame: its page's context
    if not getattr(context, "_axe_on_every_page", False):
        context.add_init_script(AXE_SCRIPT)
        context._axe_on_every_page = True


def assert_accessible(page, context=None):
    """Run axe-core (WCAG 2.2 A and AA rules) on the page; fail listing every violation."""
    _inject_axe(page)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    # Only the violations come back: the other result lists are large and unread.
    violations = page.evaluate(
        "([context, options]) => axe.run(context || document, options).then(r => r.violations)", [context, options]
    )
    if violations:
        lines = [f"{page.url}: {len(violations)} axe violations"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture
def axe():
    return assert_accessible


def tab_to(page, selector: str, max_presses: int = 80):
    """Press Tab until the element matching ``selector`` has focus (keyboard-only navigation)."""
    target = page.locator(selector).first
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return target
    pytest.fail(f"{selector} was not reachable with Tab within {max_presses} presses")


@pytest.fixture
def keyboard():
    return tab_to
