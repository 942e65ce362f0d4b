"""What counting leaves behind: no cookie on a public page, and no address, user agent or salt in any table."""

import pytest
from django.db import connection
from django.utils import timezone

from inklusio.mailings.models import Mailing
from inklusio.usage import buffer, visitors
from inklusio.usage.services import link_key
from tests.demo_snapshot import load_demo_fast

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.197"
AGENT = "Mozilla/5.0 (X11; Linux x86_64) InklusioProbe/7f3a9c Chrome/131.0.0.0 Safari/537.36"


def counted_pages():
    from inklusio.events.models import Event
    from inklusio.public.models import GoodPractice, TrainingOffer

    event = Event.objects.filter(visibility="public").order_by("-starts_at").first()
    story = GoodPractice.objects.filter(status="published").first()
    offer = TrainingOffer.objects.filter(published=True).order_by("-start_date").first()
    mailing = Mailing.objects.filter(status="sent", in_archive=True).first()
    return [
        "/",
        "/en/",
        "/events/",
        f"/events/{event.slug}/",
        f"/events/{event.slug}/programme/",
        f"/events/{event.slug}/calendar.ics",
        "/events/calendar.ics",
        "/ausbildungsangebote/",
        f"/ausbildungsangebote/{offer.pk}/",
        "/gute-praxis/",
        f"/gute-praxis/{story.pk}/",
        "/infoletter/archiv/",
        f"/infoletter/archiv/{mailing.pk}/",
        "/leichte-sprache/",
        "/leichte-sprache/gute-praxis/",
        f"/leichte-sprache/gute-praxis/{story.pk}/",
        "/leichte-sprache/events/",
    ]


def every_text_cell_containing(needle: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                quoted_table, quoted = connection.ops.quote_name(table), connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} WHERE CAST({quoted} AS TEXT) LIKE %s",  # noqa: S608
                    [f"%{needle}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def test_no_cookie_no_address_no_user_agent_anywhere(client):
    from django.conf import settings
    from django.test import Client

    load_demo_fast()
    visitor = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    before = buffer.pending()
    assert before == {}
    cookieless = []
    for path in counted_pages():
        response = visitor.get(path)
        assert response.status_code == 200, path
        # Counting sets no cookie. The one cookie a public page sets is Django's CSRF token, and only where the
        # page carries a form that posts (the Infoletter box, an inquiry form): strictly necessary, no consent.
        names = set(response.cookies)
        assert names <= {settings.CSRF_COOKIE_NAME}, (path, names)
        if names:
            assert b'name="csrfmiddlewaretoken"' in response.content, path
        else:
            cookieless.append(path)
    mailing = Mailing.objects.filter(status="sent").first()
    click = visitor.get(f"/infoletter/link/{mailing.pk}/{link_key('https://example.org/ausbildungsoffensive')}/")
    assert click.status_code == 302 and not click.cookies
    assert {"/events/", "/gute-praxis/", "/leichte-sprache/", "/events/calendar.ics"} <= set(cookieless)
    assert len(buffer.pending()) == len(counted_pages()) + 1
    assert buffer.flush() > 0
    salt = visitors.daily_salt(timezone.localdate())
    for needle in [ADDRESS, "InklusioProbe", "7f3a9c", salt.hex()[:16]]:
        assert every_text_cell_containing(needle) == [], needle
