"""Home (with the extension hook), statements, Leichte Sprache, sitemap, robots, staff page editing."""

import pytest
from django.apps import apps

from inklusio.public import extensions
from inklusio.public.models import SitePage

from .conftest import make_offer

pytestmark = pytest.mark.django_db


def test_home_shows_project_text_blocks_and_funding_credit(client, pages, story, offer):
    html = client.get("/").content.decode()
    assert "<title>Ausbildungsoffensive – inklusio</title>" in html
    assert "<strong>Ausbildungsoffensive</strong>" in html
    assert "Gefördert von der Aktion Mensch" in html
    assert story.title in html
    assert "Fachkraft für Lagerlogistik" in html
    assert 'property="og:title" content="Ausbildungsoffensive"' in html
    assert 'href="/leichte-sprache/"' in html
    assert "kern-icon--easy-language" in html
    for path in ["/ausbildungsangebote/", "/gute-praxis/", "/events/", "/infoletter/", "/kontakt/"]:
        assert f'href="{path}"' in html
    for path in ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/seitenuebersicht/"]:
        assert f'href="{path}"' in html


def test_english_home_uses_english_text_and_marks_german_content(client, pages, project):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "<strong>training initiative</strong>" in html
    assert 'href="/en/ausbildungsangebote/"' in html
    SitePage.objects.filter(kind="home").update(body_en="")
    html = client.get("/en/").content.decode()
    assert '<div class="prose" lang="de">' in html


def test_home_markdown_is_sanitised(client, pages):
    pages.body_de = '<script>alert("x")</script> [klick](javascript:alert(1))'
    pages.save()
    html = client.get("/").content.decode()
    assert '<script>alert("x")' not in html
    assert 'href="javascript' not in html


def test_home_renders_without_any_project(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


def test_home_blocks_hook_collects_apps_in_order_and_skips_missing_templates(monkeypatch):
    config = apps.get_app_config("contacts")
    monkeypatch.setattr(
        config, "public_home_blocks", ["public/includes/home_offers.html", "nope/missing.html"], raising=False
    )
    blocks = extensions.home_blocks()
    assert "nope/missing.html" not in blocks
    assert blocks[0] == "public/includes/home_offers.html"  # contacts comes before public in INSTALLED_APPS
    assert blocks[-2:] == ["public/includes/home_goodpractice.html", "public/includes/home_offers.html"]


def test_statement_pages(client, pages):
    assert "Musterstraße 1" in client.get("/impressum/").content.decode()
    assert "Keine Cookies" in client.get("/datenschutz/").content.decode()
    SitePage.objects.filter(kind="imprint").delete()
    assert "noch nicht geschrieben" in client.get("/impressum/").content.decode()


def test_leichte_sprache_pages_are_german_line_by_line_and_link_back(client, pages, story):
    html = client.get("/leichte-sprache/").content.decode()
    assert '<html lang="de">' in html
    assert "<p>Wir sind ein Projekt.</p>" in html and "<p>Hallo.</p>" in html
    assert 'href="/"' in html
    html = client.get("/en/leichte-sprache/gute-praxis/").content.decode()
    assert '<html lang="de">' in html
    html = client.get(f"/leichte-sprache/gute-praxis/{story.pk}/").content.decode()
    assert "<p>Tim ist gehörlos.</p>" in html and "<p>Tim lernt im Lager.</p>" in html
    assert f'href="/gute-praxis/{story.pk}/"' in html
    assert "/leichte-sprache/events/" in client.get("/leichte-sprache/").content.decode()


def test_sitemap_lists_public_pages_in_both_languages_but_not_drafts_or_expired(client, story, draft, offer, company):
    from datetime import timedelta

    from django.utils import timezone

    expired = make_offer(company, start_date=timezone.localdate() - timedelta(days=1))
    response = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1")
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/xml")
    assert f"/gute-praxis/{story.pk}/</loc>" in xml
    assert f"/en/gute-praxis/{story.pk}/" in xml
    assert f"/ausbildungsangebote/{offer.pk}/</loc>" in xml
    assert f"/gute-praxis/{draft.pk}/" not in xml
    assert f"/ausbildungsangebote/{expired.pk}/" not in xml
    assert "/leichte-sprache/</loc>" in xml
    assert "/en/leichte-sprache/" not in xml  # Leichte Sprache is German only
    assert f"/leichte-sprache/gute-praxis/{story.pk}/</loc>" in xml
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    locs = [url.find("s:loc", ns).text for url in root.findall("s:url", ns)]
    assert len(locs) == len(set(locs))
    story_url = next(
        u for u in root.findall("s:url", ns) if u.find("s:loc", ns).text.endswith(f"/gute-praxis/{story.pk}/")
    )
    hreflangs = {link.get("hreflang"): link.get("href") for link in story_url.findall("x:link", ns)}
    assert hreflangs == {
        "de": f"http://127.0.0.1/gute-praxis/{story.pk}/",
        "en": f"http://127.0.0.1/en/gute-praxis/{story.pk}/",
    }
    assert story_url.find("s:lastmod", ns) is not None


def test_robots_txt_points_to_the_sitemap_and_keeps_staff_out(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /staff/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_staff_edit_pages_per_project(client, staff, project, make_user):
    client.force_login(staff)
    assert client.get("/staff/site/").status_code == 200
    data = {
        "title_de": "Barrierefreiheit",
        "title_en": "",
        "body_de": "Alles gut",
        "body_en": "",
        "compliance": "full",
        "reviewed_on": "2025-01-31",
    }
    response = client.post(f"/staff/site/pages/{project.slug}/accessibility/", data)
    assert response.status_code == 302
    page = SitePage.objects.get(kind="accessibility")
    assert page.compliance == "full"
    assert "vollständig" in client.get("/barrierefreiheit/").content.decode()
    assert client.get(f"/staff/site/pages/{project.slug}/nonsense/").status_code == 404
    client.force_login(make_user("read_only"))
    assert client.post(f"/staff/site/pages/{project.slug}/imprint/", data).status_code == 403


def test_funder_logo_is_served_only_when_valid(client, pages):
    from django.core.files.base import ContentFile

    from .conftest import png_bytes

    assert client.get(f"/foerderlogo/{pages.pk}/").status_code == 404
    pages.funder_logo.save("logo.png", ContentFile(png_bytes()), save=False)
    pages.funder_logo_alt = "Logo der Aktion Mensch"
    pages.save()
    assert client.get(f"/foerderlogo/{pages.pk}/")["Content-Type"] == "image/png"
    assert 'alt="Logo der Aktion Mensch"' in client.get("/").content.decode()


def test_staff_upload_funder_logo_needs_alt_text_and_a_real_image(client, staff, pages, project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import png_bytes

    client.force_login(staff)
    url = f"/staff/site/pages/{project.slug}/home/"
    data = {"title_de": "Start", "body_de": "Hallo", "funding_credit": "Gefördert von der Aktion Mensch"}
    response = client.post(url, {**data, "funder_logo": SimpleUploadedFile("l.png", b"<svg/>"), "funder_logo_alt": "x"})
    assert "funder_logo" in response.context["form"].errors
    response = client.post(
        url, {**data, "funder_logo": SimpleUploadedFile("l.png", png_bytes()), "funder_logo_alt": ""}
    )
    assert "funder_logo_alt" in response.context["form"].errors
    logo = SimpleUploadedFile("l.png", png_bytes())
    response = client.post(url, {**data, "funder_logo": logo, "funder_logo_alt": "Logo der Aktion Mensch"})
    assert response.status_code == 302
    pages.refresh_from_db()
    assert pages.funder_logo and pages.funder_logo_alt == "Logo der Aktion Mensch"
