"""The Leichte Sprache pages of the public site and the Infoletter in a real browser: axe in German and under
/en/ (English frame, German content), no hyphenation, reflow at 320 CSS px, and the contact form and the
Infoletter sign-up with its confirmation done with the keyboard only (mails on a real SMTP server)."""

import re

import pytest
from playwright.sync_api import expect

from inklusio.contacts.models import Inquiry
from inklusio.mailings.models import Subscriber
from tests.browser.test_public_pages import site  # noqa: F401 — the same public site as the standard pages' tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EASY_PAGES = [
    "/leichte-sprache/",
    "/leichte-sprache/ausbildungsangebote/",
    "/leichte-sprache/ausbildungsangebote/?q=Kassel",
    "/leichte-sprache/ausbildungsangebote/?q=Mars",
    "/leichte-sprache/ausbildungsangebote/{offer}/",
    "/leichte-sprache/kontakt/",
    "/leichte-sprache/kontakt/gesendet/",
    "/leichte-sprache/barrierefreiheit/",
    "/leichte-sprache/barrierefreiheit/gesendet/",
    "/leichte-sprache/datenschutz/",
    "/leichte-sprache/infoletter/",
    "/leichte-sprache/infoletter/danke/",
]
FORMS = ["/leichte-sprache/kontakt/", "/leichte-sprache/barrierefreiheit/", "/leichte-sprache/infoletter/"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_easy_pages_have_no_axe_violations_and_no_hyphenation(page, site, axe, prefix):  # noqa: F811
    for path in EASY_PAGES:
        url = prefix + path.format(**site)
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, url
        whole_german = path == "/leichte-sprache/"  # the easy home page is German as a whole, also under /en/
        assert page.locator("html").get_attribute("lang") == ("de" if whole_german else prefix.strip("/") or "de"), url
        block = page.locator(".easy-language")
        assert block.get_attribute("lang") == "de", url
        assert block.evaluate("el => getComputedStyle(el).hyphens") == "none", url
        assert block.evaluate("el => getComputedStyle(el).textAlign") in ("left", "start"), url
        italic = block.evaluate(
            "el => [...el.querySelectorAll('*')].filter(e => getComputedStyle(e).fontStyle !== 'normal').length"
        )
        assert italic == 0, f"{url}: {italic} elements in italics"
        assert page.locator("nav[aria-label='Menü in Leichter Sprache'] a").count() >= 7, url
        if prefix and not whole_german:
            expect(page.locator(".easy-language-note[lang=en]")).to_contain_text("This page is in German")
        axe(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_easy_form_errors_are_accessible_and_in_leichte_sprache(page, site, axe, prefix):  # noqa: F811
    for path in FORMS:
        page.goto(prefix + path)
        page.click("main form[method=post] button[type=submit]")
        summary = page.locator(".error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben.")
        expect(summary).to_be_focused()  # waits for the page's script to move the focus
        assert summary.get_attribute("lang") == "de"
        axe(page)


def test_easy_pages_reflow_at_320_css_pixels(page, site):  # noqa: F811
    page.set_viewport_size({"width": 320, "height": 640})
    for path in EASY_PAGES:
        page.goto(path.format(**site))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path}: scrollWidth {width}"


# --- keyboard only ------------------------------------------------------------------------------------------


def _type_into(page, keyboard, fields):
    for selector, value in fields:
        keyboard(page, selector)
        if value is True:
            page.keyboard.press("Space")
        else:
            page.keyboard.type(value)


def test_easy_contact_form_with_the_keyboard_only(page, site, keyboard, smtp_server):  # noqa: F811
    page.goto("/leichte-sprache/kontakt/")
    # first sent without the consent: the summary in Leichte Sprache gets focus, its link leads to the box
    _type_into(
        page,
        keyboard,
        [
            ("#id_name", "Mira Schulz"),
            ("#id_email", "mira@example.org"),
            ("#id_topic", "Frage zur Ausbildung"),
            ("#id_message", "Gibt es einen Platz in der Küche?"),
        ],
    )
    keyboard(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Bitte setzen Sie den Haken.")
    keyboard(page, ".error-summary a[href='#id_consent']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_consent")).to_be_focused()
    page.keyboard.press("Space")
    keyboard(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/leichte-sprache/kontakt/gesendet/(#.*)?$"))  # the fragment may stay
    expect(page.locator("h1")).to_have_text("Danke für Ihre Nachricht")
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.topic) == ("general", "[Leichte Sprache] Frage zur Ausbildung")
    [confirmation] = smtp_server.to("mira@example.org")
    assert str(confirmation["Subject"]).strip() == "Wir haben Ihre Nachricht bekommen"
    assert "Gibt es einen Platz in der Küche?" in confirmation.get_content()


def test_easy_infoletter_signup_and_confirmation_with_the_keyboard_only(page, site, keyboard, smtp_server):  # noqa: F811
    page.goto("/leichte-sprache/")
    keyboard(page, "main a[href='/leichte-sprache/infoletter/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leichte-sprache/infoletter/")
    _type_into(page, keyboard, [("#id_email", "ada@example.org"), ("#id_name", "Ada"), ("#id_consent", True)])
    keyboard(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leichte-sprache/infoletter/danke/")
    expect(page.locator("h1")).to_have_text("Bitte schauen Sie in Ihre E-Mails")
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.easy_language) == ("pending", True)
    [mail] = smtp_server.to("ada@example.org")
    assert "Bestätigen heißt: Sie sagen noch einmal Ja." in mail.get_content()
    link = re.search(r"https?://\S+/leichte-sprache/infoletter/bestaetigen/\S+/", mail.get_content()).group(0)
    page.goto("/" + link.split("/", 3)[3])
    keyboard(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leichte-sprache/infoletter/bestaetigt/**")
    expect(page.locator("h1")).to_have_text("Sie haben bestätigt")
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
