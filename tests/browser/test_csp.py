"""The Content-Security-Policy holds on real pages: Chromium reports no violation on any app's main pages.

The demo data gives every kind of page its content (charts, the World Café plan, a mailing preview, htmx).
Violations are caught two ways: the ``securitypolicyviolation`` event (an init script, which CSP does not
block) and Chromium's console messages ("Refused to …").
"""

import pytest

from inklusio.core.demo import REFERENCE_SLUG
from tests.demo_snapshot import load_demo_fast

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def demo():
    load_demo_fast()


def _pages():
    from inklusio.contacts.models import Person
    from inklusio.events.models import Event
    from inklusio.mailings.models import Mailing
    from inklusio.networks.models import Meeting, Network
    from inklusio.outreach.models import Channel, Post
    from inklusio.public.models import GoodPractice
    from inklusio.public.queries import public_offers
    from inklusio.worldcafe.models import WorldCafe

    project = REFERENCE_SLUG
    event = Event.objects.filter(registrations__isnull=False).distinct().order_by("-starts_at").first()
    public_event = Event.objects.filter(visibility=Event.Visibility.PUBLIC).order_by("-starts_at").first()
    cafe = WorldCafe.objects.exclude(plan=[]).first()
    story = GoodPractice.objects.filter(status="published").first()
    public = [
        "/",
        "/en/",
        "/ausbildungsangebote/",
        f"/ausbildungsangebote/{public_offers().first().pk}/",
        "/gute-praxis/",
        f"/gute-praxis/{story.pk}/",
        "/kontakt/",
        "/barrierefreiheit/",
        "/events/",
        f"/events/{public_event.slug}/",
        f"/events/{public_event.slug}/register/",
        "/infoletter/",
        "/infoletter/archiv/",
        "/leichte-sprache/",
        "/leichte-sprache/events/",
        "/staff/login/",
    ]
    staff = [
        "/staff/",
        "/staff/contacts/",
        f"/staff/contacts/people/{Person.objects.first().pk}/",
        "/staff/contacts/import/",
        "/staff/events/",
        f"/staff/events/{event.pk}/",  # registrations chart
        f"/staff/events/{event.pk}/participants/",
        f"/staff/events/{event.pk}/check-in/",
        f"/staff/events/{event.pk}/feedback/",
        "/staff/worldcafe/",
        f"/staff/worldcafe/{cafe.pk}/",
        f"/staff/worldcafe/{cafe.pk}/rounds/",  # the World Café plan
        f"/staff/worldcafe/{cafe.pk}/people/",
        f"/staff/worldcafe/{cafe.pk}/projector/1/",
        "/staff/infoletter/",
        "/staff/infoletter/new/",  # htmx segment count
        f"/staff/infoletter/{Mailing.objects.first().pk}/",  # the HTML email in a sandboxed srcdoc frame
        "/staff/infoletter/subscribers/",
        "/staff/outreach/",
        "/staff/outreach/calendar/",
        f"/staff/outreach/posts/{Post.objects.first().pk}/",
        f"/staff/outreach/channels/{Channel.objects.first().pk}/",  # follower chart
        "/staff/outreach/press/",
        "/staff/networks/",
        f"/staff/networks/{Network.objects.first().pk}/",  # stakeholder chart
        f"/staff/networks/meetings/{Meeting.objects.first().pk}/",
        "/staff/impact/",
        f"/staff/impact/{project}/",  # dashboard charts
        f"/staff/impact/{project}/report/",
        f"/staff/impact/{project}/report/export/html/",  # stand-alone report with its CSS allowed by hash
        "/staff/site/",
        "/en/staff/",
    ]
    return public, staff


def _violations(page, messages):
    found = page.evaluate("window.__csp || []")
    return found + [m for m in messages if "Content Security Policy" in m]


def test_no_page_violates_the_content_security_policy(page, demo, login, lead):
    from inklusio.mailings.models import Mailing

    public, staff = _pages()
    page.add_init_script(LISTENER)
    messages = []
    page.on("console", lambda message: messages.append(message.text) if message.type == "error" else None)
    problems = {}

    def visit(path):
        messages.clear()
        response = page.goto(path)
        assert response.status == 200, path
        assert "unsafe-inline" not in response.headers["content-security-policy"], path
        if found := _violations(page, messages):
            problems[path] = found

    for path in public:
        visit(path)
    login(lead)
    for path in staff:
        visit(path)

    # htmx at work: changing the segment makes it fetch and swap the recipient count.
    page.goto("/staff/infoletter/new/")
    messages.clear()
    with page.expect_response(lambda r: "/segment/" in r.url):
        page.locator("#mailing-form input[type=checkbox]").first.check()
    page.wait_for_load_state("networkidle")
    if found := _violations(page, messages):
        problems["htmx segment count"] = found
    assert page.evaluate("document.querySelectorAll('style').length") == 0, "htmx injected a <style> element"

    assert not problems, problems

    # The email's own inline CSS is allowed by hash, so the preview looks like the email (not unstyled).
    page.goto(f"/staff/infoletter/{Mailing.objects.first().pk}/")
    font = page.frame_locator("iframe.mailing-preview").locator("body").evaluate("b => getComputedStyle(b).fontFamily")
    assert "Arial" in font
