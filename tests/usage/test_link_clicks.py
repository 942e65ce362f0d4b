"""Clicks on Infoletter links: counted per mailing and link, then redirected; never an open redirect."""

import pytest
from django.utils import timezone

from inklusio.mailings import links, rendering
from inklusio.usage import buffer
from inklusio.usage.models import LinkClickDay
from inklusio.usage.services import link_key

from ..mailings import factories

pytestmark = pytest.mark.django_db

BODY = (
    "# Neues\n\nZum [Fachtag](https://example.org/fachtag?a=1&b=2) und zu den "
    "[Angeboten](https://example.org/angebote). Fragen an [uns](mailto:info@example.org)."
)


@pytest.fixture
def sent(project):
    return factories.mailing(body=BODY, project=project, status="sent", started_at=timezone.now())


def click_path(mailing, url):
    return f"/infoletter/link/{mailing.pk}/{link_key(url)}/"


def test_the_sent_html_links_through_the_counter_and_keeps_personal_links(sent):
    html = rendering.PreparedMailing(sent).html
    assert f"/infoletter/link/{sent.pk}/{link_key('https://example.org/fachtag?a=1&b=2')}/" in html
    assert "https://example.org/angebote" not in html
    assert "mailto:info@example.org" in html  # not a web link: left as it is
    assert f"/infoletter/abmelden/{rendering.TOKEN}/" in html  # personal links are never rewritten
    assert f"/infoletter/lesen/{rendering.TOKEN}/" in html
    assert "https://example.org/angebote" in rendering.PreparedMailing(sent).text  # plain text: as written


def test_a_click_is_counted_once_per_reader_and_redirects(sent, visitor):
    url = "https://example.org/fachtag?a=1&b=2"
    reader = visitor()
    for _ in range(2):
        response = reader.get(click_path(sent, url))
        assert response.status_code == 302 and response["Location"] == url
        assert response["Cache-Control"] == "private, no-store"
    visitor(address="198.51.100.77").get(click_path(sent, url))
    visitor(agent="Mozilla/5.0 (compatible; Googlebot/2.1)").get(click_path(sent, url))  # a scanner: followed only
    buffer.flush()
    row = LinkClickDay.objects.get()
    assert (row.mailing_id, row.url, row.count) == (sent.pk, url, 2)
    assert not response.cookies


def test_foreign_targets_are_refused(sent, project, visitor):
    other = factories.mailing(body="[Woanders](https://other.example/)", project=project, status="sent")
    reader = visitor()
    for path in [
        click_path(sent, "https://evil.example/"),  # a key of an address that is not in the mailing
        click_path(sent, "https://other.example/"),  # another mailing's link
        f"/infoletter/link/{sent.pk}/not-a-key/",
        f"/infoletter/link/{sent.pk}/https%3A%2F%2Fevil.example/",
        click_path(other, "https://example.org/angebote"),
        f"/infoletter/link/999999/{link_key('https://example.org/angebote')}/",
    ]:
        response = reader.get(path)
        assert response.status_code == 404, path
        assert "Location" not in response
    buffer.flush()
    assert not LinkClickDay.objects.exists()


def test_a_test_send_link_leads_on_but_is_not_counted(project, visitor):
    draft = factories.mailing(body=BODY, project=project)
    response = visitor().get(click_path(draft, "https://example.org/angebote"))
    assert response.status_code == 302
    assert buffer.pending() == {}


def test_links_of_the_mailing_text_only(sent):
    assert set(links.links_of(sent).values()) == {"https://example.org/fachtag?a=1&b=2", "https://example.org/angebote"}


def test_clicks_of_a_deleted_mailing_are_dropped_at_the_flush(sent, visitor):
    visitor().get(click_path(sent, "https://example.org/angebote"))
    sent.deliveries.all().delete()
    sent.delete()
    buffer.flush()
    assert not LinkClickDay.objects.exists()
