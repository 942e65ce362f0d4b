"""The organisation's name and look, read in one place for everything that leaves the house.

:func:`branding_for` merges the organisation's settings (the :class:`~inklusio.core.models.OrganisationProfile`
without a project) with a project's own values where they are set, and returns a frozen :class:`Branding`.
Pages (through the context processor), mails, certificates, World Café cards, the press review and the report
exports all read it from here, so a change in the settings shows everywhere at once.
"""

import base64
import hashlib
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import OrganisationProfile, Project

TEXT_FIELDS = (
    "name", "short_name", "legal_form", "address", "place", "logo_alt", "funder_logo_alt", "funder_caption",
    "imprint_contact", "privacy_contact", "sender_name", "signature", "accent_colour", "signer_name", "signer_role",
)  # fmt: skip
IMAGE_FIELDS = ("logo", "funder_logo", "signature_image")
DEFAULT_ACCENT = "#005a8c"
PRODUCT_NAME = "inklusio"


@dataclass(frozen=True)
class BrandImage:
    """An image of the organisation: served at ``url`` for pages, embedded as ``data_uri`` in PDFs and mails."""

    url: str
    mime: str
    alt: str
    data: bytes = field(repr=False)
    caption: str = ""

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode()}"

    @property
    def extension(self) -> str:
        return "svg" if self.mime == "image/svg+xml" else "png"


@dataclass(frozen=True)
class Branding:
    name: str
    short_name: str
    address_lines: tuple[str, ...]
    legal_form: str
    place: str
    logo: BrandImage | None
    funder_logos: tuple[BrandImage, ...]
    imprint_contact: str
    privacy_contact: str
    sender_name: str
    signature: str
    accent_colour: str
    signer_name: str
    signer_role: str
    signature_image: BrandImage | None
    product_name: str = PRODUCT_NAME

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    def sender(self, address: str | None = None) -> str:
        """``address`` (default: DEFAULT_FROM_EMAIL) with the sender name as its display name."""
        _old_name, email = parseaddr(address or settings.DEFAULT_FROM_EMAIL)
        return formataddr((self.sender_name or self.name, email))


def _image(profile: OrganisationProfile, kind: str, alt: str, caption: str = "") -> BrandImage | None:
    data = getattr(profile, kind)
    if not data:
        return None
    data = bytes(data)
    version = hashlib.sha256(data).hexdigest()[:12]
    url = reverse("branding_image", args=[profile.pk, kind]) + f"?v={version}"
    return BrandImage(url=url, mime=getattr(profile, f"{kind}_mime"), alt=alt, data=data, caption=caption)


def organisation_profile() -> OrganisationProfile | None:
    return OrganisationProfile.objects.filter(project__isnull=True).first()


def branding_for(project: Project | int | None = None) -> Branding:
    """The organisation's branding, with ``project``'s own values where that project sets them."""
    layers = [p for p in [organisation_profile()] if p is not None]
    project_id = project.pk if isinstance(project, Project) else project
    if project_id is not None:
        override = OrganisationProfile.objects.filter(project_id=project_id).first()
        if override is not None:
            layers.append(override)

    def value(name: str) -> str:
        for layer in reversed(layers):
            if getattr(layer, name):
                return getattr(layer, name)
        return ""

    def image(kind: str, alt_field: str | None, caption: str = "") -> BrandImage | None:
        for layer in reversed(layers):
            if getattr(layer, kind):
                alt = (getattr(layer, alt_field) or value(alt_field)) if alt_field else ""
                return _image(layer, kind, alt, caption)
        return None

    name = value("name") or PRODUCT_NAME
    signer_name = value("signer_name")
    # The caption staff write is German (what the funder requires there); other languages get our translation.
    german = (get_language() or "de").startswith("de")
    funder_logo = image("funder_logo", "funder_logo_alt", (german and value("funder_caption")) or _("Funded by"))
    return Branding(
        name=name,
        short_name=value("short_name"),
        address_lines=tuple(line.strip() for line in value("address").splitlines() if line.strip()),
        legal_form=value("legal_form"),
        place=value("place"),
        logo=image("logo", "logo_alt"),
        funder_logos=(funder_logo,) if funder_logo else (),
        imprint_contact=value("imprint_contact"),
        privacy_contact=value("privacy_contact"),
        sender_name=value("sender_name") or name,
        signature=value("signature") or name,
        accent_colour=value("accent_colour") or DEFAULT_ACCENT,
        signer_name=signer_name,
        signer_role=value("signer_role"),
        signature_image=_signature(image("signature_image", None), signer_name),
    )


def _signature(image: BrandImage | None, signer_name: str) -> BrandImage | None:
    if image is None:
        return None
    alt = _("Signature of %(name)s") % {"name": signer_name} if signer_name else _("Signature")
    return BrandImage(url=image.url, mime=image.mime, alt=alt, data=image.data)


def mail_sender(project: Project | int | None = None, address: str | None = None) -> str:
    """The From header for a mail about ``project``: the sender name set in the settings, the configured address."""
    return branding_for(project).sender(address)
