"""Build the messages to participants and members: rendered once per message, filled in per recipient."""

import uuid
from email.utils import format_datetime, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape, format_html, format_html_join

from inklusio.core import markdown
from inklusio.core.branding import mail_sender
from inklusio.core.validators import greeting_name

from . import placeholders
from .models import Material
from .placeholders import token

HTML_TEMPLATE = "participantmail/email/message.html"
TEXT_TEMPLATE = "participantmail/email/message.txt"
MASK = "…"  # stands for a person's token in the links staff see (preview and test send)


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL.rstrip("/") + url


def join_link(registration, item=None) -> str:
    """The person's personal join link (``/j/<join token>/``): never the room's address."""
    return absolute(registration.join_url(item))


def materials_of(event):
    return Material.objects.filter(event=event).order_by("uploaded_at", "id")


def masked(url: str, secret: str) -> str:
    return url.replace(secret, MASK) if secret else url


def event_values(event, language: str) -> dict[str, str]:
    """The event's placeholders in ``language``: title, date and time, venue with address, accessibility."""
    with translation.override(language):
        start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        date = formats.date_format(start, "DATE_FORMAT")
        if end.date() != start.date():
            date += " – " + formats.date_format(end, "DATE_FORMAT")
        date += ", " + formats.time_format(start, "TIME_FORMAT") + " – " + formats.time_format(end, "TIME_FORMAT")
    venue = ", ".join(part for part in [event.venue, " ".join(event.address.split())] if part)
    return {
        "event_title": event.title,
        "date": date,
        "venue": venue,
        "accessibility": event.accessibility_info.strip(),
    }


def material_links(materials, registration, *, mask: bool = False) -> list[tuple[str, str]]:
    """(title, address) of the event's materials for one recipient: a public one by its own link, any other
    through the recipient's personal link (only participants can open it); none for someone without one."""
    links = []
    for material in materials:
        if material.public:
            url = reverse("participantmail_public:material", args=[material.token])
        elif registration is not None:
            url = reverse("participantmail_public:material_personal", args=[material.token, registration.token])
            url = masked(url, registration.token if mask else "")
        else:
            continue
        links.append((material.title, absolute(url)))
    return links


def person_values(person, registration, event, *, materials=(), mask: bool = False) -> dict[str, str]:
    """The recipient's placeholders; with ``mask`` the personal links show no token (what staff may see)."""
    values = {"first_name": greeting_name(person.first_name) or ""}
    links = material_links(materials, registration, mask=mask)
    values["materials"] = "\n".join(f"- {title}: {url}" for title, url in links)
    if registration is not None:
        secret = registration.token if mask else ""
        values["personal_link"] = masked(registration.personal_link(), secret)
        values["join_link"] = masked(join_link(registration), registration.join_token if mask else "")
    return values


def _html_values(values: dict[str, str], materials: list[tuple[str, str]]) -> dict[str, str]:
    html = {key: escape(value) for key, value in values.items()}
    html["materials"] = (
        format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}" style="color:#1d4fa0">{}</a></li>', ((u, t) for t, u in materials)),
        )
        if materials
        else ""
    )
    for key in placeholders.LINKS:
        if values.get(key):
            html[key] = format_html('<a href="{}" style="color:#1d4fa0">{}</a>', values[key], values[key])
    return html


class PreparedMessage:
    """The message's HTML and text with placeholder tokens; ``render(person, registration)`` fills them in."""

    def __init__(self, message):
        self.message = message
        self.event = message.event
        self.shared = event_values(self.event, message.language) if self.event else {}
        self.materials = list(materials_of(self.event)) if self.event else []
        body = placeholders.to_tokens(message.body)
        subject = placeholders.to_tokens(message.subject)
        with translation.override(message.language):
            context = {
                "message": message,
                "subject": subject,
                "body_html": markdown.render(body, markdown.MAILING),
                "body_text": body,
                "event": self.event,
                "network": message.network,
                "personal_url": token("personal_link"),
                "first_name": token("first_name"),
                "project_id": self.event.project_id if self.event else None,
            }
            self.html = render_to_string(HTML_TEMPLATE, context)
            self.text = render_to_string(TEXT_TEMPLATE, context)
        self.subject = subject
        project_id = self.event.project_id if self.event else None
        self.from_email = mail_sender(project_id, settings.DEFAULT_FROM_EMAIL)
        self.domain = self.from_email.rsplit("@", 1)[-1].strip(">") or "inklusio.localhost"

    def render(self, person, registration, *, mask: bool = False) -> dict[str, str]:
        values = {
            **self.shared,
            **person_values(person, registration, self.event, materials=self.materials, mask=mask),
        }
        links = material_links(self.materials, registration, mask=mask)
        # Links in the HTML are anchors; a token inside an href (a Markdown link) gets the bare address.
        html = self.html
        for key in placeholders.LINKS:
            html = html.replace(f'href="{token(key)}"', f'href="{escape(values.get(key, ""))}"')
        return {
            "subject": " ".join(placeholders.fill(self.subject, values).split()),
            "html": placeholders.fill(html, _html_values(values, links)),
            "text": placeholders.fill(self.text, values),
        }

    def email(self, person, registration, *, to: str, delivery_id=None, mask: bool = False) -> EmailMultiAlternatives:
        parts = self.render(person, registration, mask=mask)
        headers = {
            "Content-Language": self.message.language,
            "Date": format_datetime(timezone.now()),
            "Message-ID": make_msgid(
                idstring=f"p{self.message.pk}d{delivery_id or uuid.uuid4().hex[:8]}", domain=self.domain
            ),
            "Auto-Submitted": "auto-generated",
        }
        if delivery_id:
            headers["X-Inklusio-Delivery"] = f"p{self.message.pk}/{delivery_id}"
        email = EmailMultiAlternatives(
            subject=parts["subject"], body=parts["text"], from_email=self.from_email, to=[to], headers=headers
        )
        email.attach_alternative(parts["html"], "text/html")
        return email
