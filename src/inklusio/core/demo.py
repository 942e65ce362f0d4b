"""The demo: the reference project of ``shared/seed`` rebuilt deterministically by every app's ``demo.py``."""

import random
import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .extensions import demo_loaders
from .models import OrganisationProfile, Project
from .roles import FINANCE, NETWORK_COORDINATOR, PROJECT_LEAD, PROJECT_STAFF, READ_ONLY

DEMO_USERNAME = "demo"
# One login per role, so the roles can be tried; all share the printed password.
ROLE_USERS = {
    "demo": PROJECT_LEAD,
    "staff": PROJECT_STAFF,
    "coordinator": NETWORK_COORDINATOR,
    "reviewer": READ_ONLY,
    "finanzen": FINANCE,
}


def database_is_empty() -> bool:
    return not Project.objects.exists()


def load_demo(seed: int = 2022) -> dict:
    """Run every app's demo loader in order inside one transaction; returns the shared context."""
    context = {"rng": random.Random(seed)}
    with transaction.atomic():
        for load in demo_loaders():
            load(context)
    return context


def _password_file():
    return settings.VAR_DIR / "demo-password"


def _team_without_passwords() -> dict:
    """The role logins, so the demo can assign work to them; ``ensure_demo_login`` gives them the password."""
    User = get_user_model()
    team = {}
    for username, role in ROLE_USERS.items():
        user, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.set([Group.objects.get(name=role)])
        team[username] = user
    return team


def ensure_demo_login() -> tuple[str, str]:
    """Create (or reset) the demo logins and return the username and password to print."""
    path = _password_file()
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    password = path.read_text().strip()
    User = get_user_model()
    for username, role in ROLE_USERS.items():
        user, _created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.set_password(password)
        user.is_staff = False
        user.save()
        user.groups.set([Group.objects.get(name=role)])
    return DEMO_USERNAME, password


def demo_authenticator():
    """The demo lead's TOTP device (created once, kept across restarts): its key is printed with the login.

    The project lead role requires two-factor login, and the demo does not switch that off; instead the
    tester adds this key to an authenticator app. It is as secret as the printed password.
    """
    user = get_user_model().objects.get(username=DEMO_USERNAME)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="demo authenticator", confirmed=True)


REFERENCE_SLUG = "ausbildungsoffensive"
FOLLOW_UP_SLUG = "berufliche-bildung"


def load(context: dict) -> None:
    """Core's own part of the demo: the reference project and its follow-up."""
    reference = Project.objects.create(
        title="bag if Ausbildungsoffensive",
        slug=REFERENCE_SLUG,
        funder="Aktion Mensch",
        start=date(2022, 10, 1),
        end=date(2025, 9, 30),
        description="Inklusive Ausbildung in Inklusionsunternehmen sichtbar machen: Fachtage, Online-Kongress, "
        "regionale Netzwerke, Infoletter Ausbildung und Öffentlichkeitsarbeit.",
    )
    follow_up = Project.objects.create(
        title="Berufliche Bildung – Mehr Chancen – Mehr Wert",
        slug=FOLLOW_UP_SLUG,
        funder="Aktion Mensch",
        start=date(2025, 9, 30),
        end=date(2027, 3, 31),
        description="Stärkung der beruflichen Bildung in Inklusionsbetrieben (Anschlussprojekt, 18 Monate).",
        predecessor=reference,
    )
    context["reference_project"] = reference
    context["follow_up_project"] = follow_up
    context["team"] = _team_without_passwords()
    load_organisation()


DEMO_ASSETS = Path(__file__).parent / "demo_assets"


def load_organisation() -> OrganisationProfile:
    """The reference association's settings, with placeholder logos drawn for the demo (not the real ones); an
    organisation that is already set up keeps its own."""
    existing = OrganisationProfile.objects.filter(project__isnull=True).first()
    if existing is not None:
        return existing
    svg = "image/svg+xml"
    return OrganisationProfile.objects.create(
        name="Bundesarbeitsgemeinschaft Inklusionsfirmen e. V. (bag if)",
        short_name="bag if",
        legal_form="eingetragener Verein (e. V.)",
        address="Musterstraße 1\n10115 Berlin",
        place="Berlin",
        logo=(DEMO_ASSETS / "organisation-logo.svg").read_bytes(),
        logo_mime=svg,
        logo_alt="bag if – Bundesarbeitsgemeinschaft Inklusionsfirmen",
        funder_logo=(DEMO_ASSETS / "funder-textlogo.svg").read_bytes(),
        funder_logo_mime=svg,
        funder_logo_alt="Aktion Mensch",
        funder_caption="Gefördert von",
        imprint_contact="Geschäftsstelle der bag if (Demo-Angaben)\ninfo@inklusio.example",
        privacy_contact="Datenschutzbeauftragte*r (Demo-Angaben)\ndatenschutz@inklusio.example",
        sender_name="bag if Ausbildungsoffensive",
        signature="Ihr Projektteam der bag if Ausbildungsoffensive\nBundesarbeitsgemeinschaft Inklusionsfirmen e. V.\n"
        "Musterstraße 1, 10115 Berlin",
        accent_colour="#005a8c",
        signer_name="Dr. Maria Beispiel",
        signer_role="Projektleitung",
        signature_image=(DEMO_ASSETS / "signature.svg").read_bytes(),
        signature_image_mime=svg,
    )
