"""Organisation settings: branding_for with project overrides, the staff page and who may use it, the images and
the accent colour as files, and the organisation's look on the public site and in mails."""

import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from inklusio.core import accounts
from inklusio.core.branding import branding_for
from inklusio.core.demo import DEMO_ASSETS
from inklusio.core.models import OrganisationProfile, Project

pytestmark = pytest.mark.django_db
URL = "/staff/settings/organisation/"
LOGO = (DEMO_ASSETS / "organisation-logo.svg").read_bytes()
EVIL = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def png_bytes(size=(20, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#005a8c").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def organisation(db):
    return OrganisationProfile.objects.create(
        name="Verein für Inklusion e. V.",
        short_name="VfI",
        address="Musterweg 2\n\n34117 Kassel",
        place="Kassel",
        logo=LOGO,
        logo_mime="image/svg+xml",
        logo_alt="Logo des Vereins",
        funder_logo=png_bytes(),
        funder_logo_mime="image/png",
        funder_logo_alt="Aktion Mensch",
        funder_caption="Gefördert von",
        imprint_contact="Geschäftsstelle, info@verein.example",
        privacy_contact="Datenschutz, datenschutz@verein.example",
        sender_name="Verein Inklusion",
        signature="Ihr Team vom Verein\nMusterweg 2, Kassel",
        accent_colour="#8a1538",
        signer_name="Erika Muster",
        signer_role="Geschäftsführung",
    )


# --- branding_for ---------------------------------------------------------------------------------------------


def test_branding_without_any_settings_is_inklusio():
    branding = branding_for()
    assert branding.name == "inklusio" and branding.logo is None and branding.funder_logos == ()
    assert branding.sender_name == "inklusio" and branding.accent_colour == "#005a8c"


def test_branding_of_the_organisation(organisation, project):
    branding = branding_for(project)  # no project values: the organisation's
    assert branding.name == "Verein für Inklusion e. V." and branding.display_short_name == "VfI"
    assert branding.address_lines == ("Musterweg 2", "34117 Kassel")
    assert branding.logo.mime == "image/svg+xml" and branding.logo.alt == "Logo des Vereins"
    assert branding.logo.url.startswith(f"/branding/{organisation.pk}/logo?v=")
    assert branding.logo.data_uri.startswith("data:image/svg+xml;base64,")
    [funder] = branding.funder_logos
    assert (funder.alt, funder.caption, funder.mime) == ("Aktion Mensch", "Gefördert von", "image/png")
    assert branding.sender() == "Verein Inklusion <noreply@inklusio.localhost>"
    with pytest.raises(AttributeError):
        branding.name = "changed"  # frozen


def test_project_values_override_only_what_they_set(organisation, project):
    other = Project.objects.create(
        title="Anderes", slug="anderes", funder="x", start=date(2024, 1, 1), end=date(2025, 1, 1)
    )
    OrganisationProfile.objects.create(
        project=project, sender_name="Projekt Ausbildung", signer_name="Max Projekt", funder_logo=LOGO,
        funder_logo_mime="image/svg+xml", funder_logo_alt="Stiftung Beispiel",
    )  # fmt: skip
    branding = branding_for(project)
    assert branding.sender_name == "Projekt Ausbildung" and branding.signer_name == "Max Projekt"
    assert branding.name == organisation.name and branding.signer_role == "Geschäftsführung"  # inherited
    assert branding.funder_logos[0].alt == "Stiftung Beispiel" and branding.funder_logos[0].caption == "Gefördert von"
    assert branding_for(project.pk).sender_name == "Projekt Ausbildung"
    assert branding_for(other).sender_name == "Verein Inklusion"
    assert branding_for().sender_name == "Verein Inklusion"


def test_only_one_organisation_row_without_project(organisation):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationProfile.objects.create(name="Zweite")


# --- the settings page ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("project_lead", 200),
        ("project_staff", 403),
        ("network_coordinator", 403),
        ("read_only", 403),
        ("company_contact", 403),
        (None, 403),
    ],
)
def test_settings_page_authorization(client, make_user, project, role, status):
    client.force_login(make_user(role))
    for url in (URL, f"{URL}{project.slug}/"):
        assert client.get(url).status_code == status
        assert client.post(url, {"name": "Übernahme"}).status_code in ({200, 302} if status == 200 else {403})
    if status == 403:
        assert not OrganisationProfile.objects.exists()


def test_settings_page_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
    assert client.post(URL, {"name": "x"}).status_code == 302
    assert not OrganisationProfile.objects.exists()


def test_superuser_may_edit(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x" * 20))
    assert client.get(URL).status_code == 200


def form_data(**overrides):
    data = {
        "name": "Verein für Inklusion e. V.",
        "short_name": "VfI",
        "accent_colour": "#005a8c",
        "address": "Musterweg 2\n34117 Kassel",
        "logo_alt": "Logo des Vereins",
        "sender_name": "Verein",
    }
    data.update(overrides)
    return data


def test_lead_saves_settings_with_logo(client, lead):
    client.force_login(lead)
    logo = SimpleUploadedFile("logo.svg", LOGO, content_type="image/svg+xml")
    signature = SimpleUploadedFile("unterschrift.png", png_bytes(), content_type="image/png")
    response = client.post(URL, {**form_data(), "logo_file": logo, "signature_image_file": signature})
    assert response.status_code == 302
    profile = OrganisationProfile.objects.get(project=None)
    assert bytes(profile.logo) == LOGO and profile.logo_mime == "image/svg+xml"
    assert profile.signature_image_mime == "image/png"
    page = client.get(URL).content.decode()
    assert 'alt="Logo des Vereins"' in page and "Aktuelles Bild entfernen" in page
    # removing the logo
    client.post(URL, {**form_data(), "logo_remove": "on"})
    profile.refresh_from_db()
    assert not profile.logo and profile.logo_mime == ""


def test_svg_with_script_is_refused(client, lead):
    client.force_login(lead)
    logo = SimpleUploadedFile("logo.svg", EVIL, content_type="image/svg+xml")
    response = client.post(URL, {**form_data(), "logo_file": logo})
    page = response.content.decode()
    assert response.status_code == 200 and "error-summary" in page
    assert "Diese SVG-Datei wird nicht angenommen" in page
    assert not OrganisationProfile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", LOGO, "passt nicht zu ihrem Typ"),  # an SVG named .png
        ("logo.gif", b"GIF89a", "PNG- oder SVG-Bild"),
        ("logo.svg", b"", "leer"),
        ("logo.png", b"\x89PNG\r\n\x1a\nbroken", "passt nicht zu ihrem Typ"),
    ],
)
def test_bad_images_are_refused(client, lead, name, content, message):
    client.force_login(lead)
    response = client.post(URL, {**form_data(), "funder_logo_file": SimpleUploadedFile(name, content)})
    page = response.content.decode()
    assert message in page and not OrganisationProfile.objects.exists()


def test_logo_needs_alt_text(client, lead):
    client.force_login(lead)
    logo = SimpleUploadedFile("logo.svg", LOGO)
    response = client.post(URL, {**form_data(logo_alt=""), "logo_file": logo})
    assert "Ein Bild braucht einen Alternativtext." in response.content.decode()
    assert not OrganisationProfile.objects.exists()


@pytest.mark.parametrize(("value", "ok"), [("#767676", True), ("#777777", False), ("#ffff00", False), ("blau", False)])
def test_accent_colour_needs_aa_contrast(client, lead, value, ok):
    client.force_login(lead)
    response = client.post(URL, form_data(accent_colour=value))
    assert (response.status_code == 302) is ok
    if not ok:
        page = response.content.decode()
        assert "4,5:1" in page or "#rrggbb" in page


def test_project_override_page_keeps_blank_fields_blank(client, lead, organisation, project):
    client.force_login(lead)
    response = client.post(f"{URL}{project.slug}/", {"sender_name": "Projekt Ausbildung"})
    assert response.status_code == 302
    override = OrganisationProfile.objects.get(project=project)
    assert override.name == "" and branding_for(project).name == organisation.name
    assert branding_for(project).sender_name == "Projekt Ausbildung"
    assert client.get(f"{URL}unknown-project/").status_code == 404


# --- files for the pages ----------------------------------------------------------------------------------------


def test_branding_css_and_images(client, organisation):
    css = client.get("/branding.css")
    assert css["Content-Type"].startswith("text/css")
    assert "--inklusio-accent: #8a1538;" in css.content.decode()
    logo = client.get(f"/branding/{organisation.pk}/logo")
    assert logo.content == LOGO and logo["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in logo["Content-Security-Policy"] and logo["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/branding/{organisation.pk}/signature_image").status_code == 404  # none set
    assert client.get(f"/branding/{organisation.pk}/name").status_code == 404
    assert client.get("/branding/999/logo").status_code == 404


def test_public_page_carries_the_organisation(client, organisation):
    page = client.get("/").content.decode()
    assert "Verein für Inklusion e. V." in page
    assert f'src="/branding/{organisation.pk}/logo?v=' in page
    assert "Gefördert von" in page and 'alt="Aktion Mensch"' in page
    assert "Musterweg 2" in page and "datenschutz@verein.example" in page
    assert "inklusio · EUPL-1.2" not in page and "läuft mit inklusio" in page
    assert '<link rel="stylesheet" href="/branding.css?v=8a1538">' in page
    english = client.get("/en/").content.decode()
    assert "runs on inklusio" in english and "Verein für Inklusion e. V." in english


# --- mails ------------------------------------------------------------------------------------------------------


def test_invitation_mail_has_sender_name_and_signature(organisation, smtp_server, lead, settings):
    settings.DEFAULT_FROM_EMAIL = "inklusio <noreply@verein.example>"
    accounts.invite("neu", "neu@example.org", "project_staff", actor=lead)
    [message] = smtp_server.messages
    assert message["From"] == "Verein Inklusion <noreply@verein.example>"
    body = message.get_content().replace("\r\n", "\n")
    assert body.rstrip().endswith("-- \nIhr Team vom Verein\nMusterweg 2, Kassel")
