"""The public site in a real browser: axe in German, English and Leichte Sprache, reflow at 320 CSS px,
no third-party requests, and the main forms with the keyboard only (mails checked on a real SMTP server)."""

from urllib.parse import urlparse

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from inklusio.contacts.models import Inquiry
from inklusio.public import services
from inklusio.public.models import GoodPractice
from tests.demo_snapshot import load_demo_fast
from tests.public.conftest import make_offer, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(project, settings):
    """A public site with pages, offers and a story with an image (built from the unit-test fixtures' helpers)."""
    from django.utils import timezone

    from inklusio.contacts.models import Organisation, StakeholderType, Tag
    from inklusio.public.models import SitePage

    settings.PUBLIC_FORM_MIN_SECONDS = 0
    kind = StakeholderType.objects.get(code="inclusion_company")
    company = Organisation.objects.create(
        name="Brückenwerk gGmbH", stakeholder_type=kind, region="DE-HE", city="Kassel"
    )
    other = Organisation.objects.create(name="Horizont gGmbH", stakeholder_type=kind, region="DE-NW", city="Köln")
    offer = make_offer(company, occupation="koch", step_free=True, description="Küche mit Team.")
    make_offer(other, occupation="fachkraft_lagerlogistik")
    story = GoodPractice.objects.create(
        title="Lagerlogistik mit Gebärdensprache",
        organisation=company,
        occupation="Fachkraft für Lagerlogistik",
        region="DE-HE",
        teaser="Ein gehörloser Auszubildender im Lager.",
        body="## Der Betrieb\n\nDas Team lernt **Gebärden**.",
        easy_summary="Tim ist gehörlos.\nTim lernt im Lager.",
        status="published",
        published_on=timezone.localdate(),
    )
    story.tags.add(Tag.objects.create(name="Kommunikation"))
    services.add_image(story, ContentFile(png_bytes((320, 200)), name="bild.png"), "Ein Azubi am Regal im Lager")
    home = SitePage.objects.create(
        project=project, kind="home", title_de="Ausbildungsoffensive", title_en="Training initiative",
        body_de="Willkommen.\n\n## Angebote\n\n- Fachtage\n- Netzwerke", body_en="Welcome.",
        funding_credit="Gefördert von der Aktion Mensch", funder_logo_alt="Logo der Aktion Mensch",
    )  # fmt: skip
    home.funder_logo.save("logo.png", ContentFile(png_bytes((160, 48))))
    SitePage.objects.create(project=project, kind="home_easy", title_de="Willkommen", body_de="Wir sind ein Projekt.")
    SitePage.objects.create(
        project=project, kind="accessibility", title_de="Erklärung zur Barrierefreiheit", compliance="partial",
        body_de="## Bekannte Einschränkungen\n\n- Alte PDFs",
    )  # fmt: skip
    SitePage.objects.create(project=project, kind="imprint", title_de="Impressum", body_de="Musterstraße 1")
    SitePage.objects.create(project=project, kind="privacy", title_de="Datenschutz", body_de="Keine Cookies")
    return {"offer": offer.pk, "story": story.pk, "company": company}


PUBLIC_PAGES = [
    "/",
    "/ausbildungsangebote/",
    "/ausbildungsangebote/?occupation=koch&region=DE-HE&access=step_free",
    "/ausbildungsangebote/?region=DE-BY",
    "/ausbildungsangebote/{offer}/",
    "/ausbildungsangebote/{offer}/gesendet/",
    "/gute-praxis/",
    "/gute-praxis/?q=lager",
    "/gute-praxis/{story}/",
    "/kontakt/",
    "/kontakt/gesendet/",
    "/barrierefreiheit/",
    "/barrierefreiheit/gesendet/",
    "/impressum/",
    "/datenschutz/",
    "/seitenuebersicht/",
]
EASY_PAGES = ["/leichte-sprache/", "/leichte-sprache/gute-praxis/", "/leichte-sprache/gute-praxis/{story}/"]
STAFF_PAGES = [
    "/staff/site/",
    "/staff/site/pages/test/home/",
    "/staff/site/pages/test/accessibility/",
    "/staff/site/offers/",
    "/staff/site/offers/new/",
    "/staff/site/offers/{offer}/edit/",
    "/staff/site/offers/{offer}/delete/",
    "/staff/site/good-practice/",
    "/staff/site/good-practice/new/",
    "/staff/site/good-practice/{story}/edit/",
    "/staff/site/good-practice/{story}/images/",
    "/staff/site/company-contacts/",
]


def _check(page, axe, url, lang):
    response = page.goto(url)
    assert response.status == 200, url
    assert page.locator("h1").count() == 1, url
    assert page.locator("html").get_attribute("lang") == lang, url
    assert page.title().endswith("– inklusio") and len(page.title()) > len(" – inklusio"), url
    axe(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_have_no_axe_violations(page, site, axe, prefix):
    for path in PUBLIC_PAGES:
        _check(page, axe, prefix + path.format(**site), prefix.strip("/") or "de")
        assert page.locator('meta[property="og:title"]').get_attribute("content"), path
        assert page.locator('a[href$="/leichte-sprache/"] .kern-icon--easy-language').count() >= 1, path


def test_leichte_sprache_pages_have_no_axe_violations_and_no_hyphenation(page, site, axe):
    for path in EASY_PAGES:
        _check(page, axe, path.format(**site), "de")
        block = page.locator(".easy-language")
        assert block.evaluate("el => getComputedStyle(el).hyphens") == "none", path
        assert block.evaluate("el => getComputedStyle(el).textAlign") in ("left", "start"), path
        assert block.locator("a", has_text="Alltags-Sprache").count() == 1, path


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_form_errors_are_accessible(page, site, axe, prefix):
    for path in ["/kontakt/", "/barrierefreiheit/", f"/ausbildungsangebote/{site['offer']}/"]:
        page.goto(prefix + path)
        page.click("main form[method=post] button[type=submit]")
        summary = page.locator(".error-summary")
        expect(summary).to_be_visible()  # waits for the answer, path
        expect(summary).to_be_focused()  # waits for the page's script to move the focus
        axe(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_staff_pages_of_the_public_site_have_no_axe_violations(page, login, lead, site, axe, prefix):
    login(lead)
    for path in STAFF_PAGES:
        _check(page, axe, prefix + path.format(**site), prefix.strip("/") or "de")


def test_every_public_page_reflows_at_320_css_pixels(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in PUBLIC_PAGES + EASY_PAGES + ["/en/", "/en/ausbildungsangebote/{offer}/"]:
        page.goto(path.format(**site))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path}: scrollWidth {width}"


def test_no_request_leaves_localhost(page, site):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    for path in PUBLIC_PAGES + EASY_PAGES + ["/en/", "/en/gute-praxis/{story}/"]:
        page.goto(path.format(**site))
        page.wait_for_load_state("networkidle")
    assert len(seen) > len(PUBLIC_PAGES)  # pages, stylesheets, fonts, images were all recorded
    assert any("/bilder/" in url for url in seen) and any(".css" in url for url in seen)
    foreign = [
        url
        for url in seen
        if urlparse(url).scheme not in ("data",) and urlparse(url).hostname not in ("127.0.0.1", "localhost")
    ]
    assert foreign == []


# --- keyboard only ------------------------------------------------------------------------------------------


def test_offer_search_and_filter_with_the_keyboard(page, site, keyboard):
    page.goto("/ausbildungsangebote/")
    keyboard(page, "#id_region")
    page.keyboard.type("Hessen")
    keyboard(page, "#id_access_0")  # step-free access
    page.keyboard.press("Space")
    keyboard(page, "main form[role=search] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ausbildungsangebote/?*")
    assert "region=DE-HE" in page.url and "access=step_free" in page.url
    results = page.locator("main .card-list > li")
    assert results.count() == 1
    assert "Koch" in results.first.inner_text()
    keyboard(page, f'main .card-list a[href$="/ausbildungsangebote/{site["offer"]}/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ausbildungsangebote/{site['offer']}/")
    assert page.locator("h1").inner_text() == "Koch/Köchin"


def _fill_by_keyboard(page, keyboard, fields):
    for selector, value in fields:
        keyboard(page, selector)
        if value is True:
            page.keyboard.press("Space")
        else:
            page.keyboard.type(value)


def test_ask_about_this_place_with_the_keyboard(page, site, keyboard, smtp_server):
    page.goto(f"/ausbildungsangebote/{site['offer']}/")
    _fill_by_keyboard(
        page,
        keyboard,
        [
            ("#id_name", "Mira Schulz"),
            ("#id_email", "mira@example.org"),
            ("#id_message", "Ist der Platz noch frei?"),
            ("#id_consent", True),
        ],
    )
    keyboard(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gesendet/")
    inquiry = Inquiry.objects.get()
    assert inquiry.kind == "training_offer" and inquiry.organisation == site["company"]
    [to_company] = smtp_server.to("ausbildung@bw.example")
    assert "Ist der Platz noch frei?" in to_company.get_content()
    assert to_company["Reply-To"] == "mira@example.org"
    [confirmation] = smtp_server.to("mira@example.org")
    assert "Ihre Nachricht" in confirmation["Subject"]


def test_contact_form_with_the_keyboard(page, site, keyboard, smtp_server):
    page.goto("/en/kontakt/")
    _fill_by_keyboard(
        page,
        keyboard,
        [
            ("#id_name", "Sam Lee"),
            ("#id_email", "sam@example.org"),
            ("#id_topic", "Cooperation"),
            ("#id_message", "We are a chamber and would like to cooperate."),
            ("#id_consent", True),
        ],
    )
    keyboard(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/kontakt/gesendet/")
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.topic) == ("general", "Cooperation")
    [confirmation] = smtp_server.to("sam@example.org")
    assert confirmation["Subject"] == "Your message to Testprojekt"
    assert "We are a chamber" in confirmation.get_content()


def test_barrier_feedback_with_the_keyboard(page, site, keyboard, smtp_server):
    page.goto("/barrierefreiheit/")
    _fill_by_keyboard(
        page,
        keyboard,
        [
            ("#id_name", "Kai Brandt"),
            ("#id_email", "kai@example.org"),
            ("#id_page", "/gute-praxis/"),
            ("#id_message", "Der Kontrast der Schlagworte ist zu gering."),
            ("#id_consent", True),
        ],
    )
    keyboard(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/barrierefreiheit/gesendet/")
    inquiry = Inquiry.objects.get()
    assert inquiry.kind == "accessibility"
    assert "/gute-praxis/" in inquiry.topic
    assert len(smtp_server.to("kai@example.org")) == 1


def test_honeypot_is_not_reachable_with_the_keyboard(page, site):
    page.goto("/kontakt/")
    for _ in range(60):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") != "id_website"


@pytest.mark.slow
def test_demo_site_is_accessible_and_reflows(page, axe):
    """The demo content (long German occupation names, generated images, Markdown) in the browser."""
    from inklusio.public.models import GoodPractice, TrainingOffer

    load_demo_fast()
    story = GoodPractice.objects.order_by("pk").first()  # the demo's first story and offer
    offer = TrainingOffer.objects.order_by("pk").first()
    paths = [
        "/",
        "/en/",
        "/ausbildungsangebote/",
        f"/ausbildungsangebote/{offer.pk}/",
        "/gute-praxis/",
        f"/gute-praxis/{story.pk}/",
        "/barrierefreiheit/",
        "/en/barrierefreiheit/",
        "/impressum/",
        "/datenschutz/",
        "/leichte-sprache/",
        "/leichte-sprache/gute-praxis/",
        f"/leichte-sprache/gute-praxis/{story.pk}/",
    ]
    for path in paths:
        assert page.goto(path).status == 200, path
        axe(page)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in paths:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
