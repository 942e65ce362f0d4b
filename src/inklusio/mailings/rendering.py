"""Build the personalised messages of a mailing: rendered once per mailing, filled in per recipient."""

import uuid
from email.utils import format_datetime, make_msgid

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from inklusio.core import markdown
from inklusio.core.branding import mail_sender
from inklusio.core.validators import greeting_name

from . import conf

HTML_TEMPLATE = "mailings/email/mailing.html"

# Placeholders that survive template escaping; replaced per recipient.
TOKEN = "INKLUSIOTOKEN7f3a"  # noqa: S105 - a placeholder, not a secret
GREETING_NAME = "INKLUSIONAME7f3a"


def _url(name: str, *args, language: str) -> str:
    with translation.override(language):
        return conf.site_url() + reverse(name, args=args)


def mailing_links(mailing, token: str) -> dict:
    language = mailing.language
    return {
        "unsubscribe_url": _url("mailings_public:unsubscribe", token, language=language) + f"?m={mailing.pk}",
        "one_click_url": _url("mailings_public:one_click", token, mailing.pk, language=language),
        "preferences_url": _url("mailings_public:preferences", token, language=language),
        "web_url": _url("mailings_public:archive_detail", mailing.pk, language=language),
    }


class PreparedMailing:
    """The mailing's HTML and text with placeholders; ``message(subscriber)`` fills them in."""

    def __init__(self, mailing):
        self.mailing = mailing
        links = mailing_links(mailing, TOKEN)
        with translation.override(mailing.language):
            context = {
                "mailing": mailing,
                "body_html": markdown.render(mailing.body, markdown.MAILING),
                "name": GREETING_NAME,
                **links,
            }
            self.html = render_to_string(HTML_TEMPLATE, context)
            self.text = render_to_string("mailings/email/mailing.txt", context)
            context["name"] = ""
            self.html_anonymous = render_to_string(HTML_TEMPLATE, context)
            self.text_anonymous = render_to_string("mailings/email/mailing.txt", context)
        self.one_click = links["one_click_url"]
        self.unsubscribe = links["unsubscribe_url"]
        self.from_email = mail_sender(mailing.project_id, conf.from_email())
        self.list_id = conf.list_id()
        self.domain = self.from_email.rsplit("@", 1)[-1].strip(">") or "inklusio.localhost"

    def message(self, subscriber, delivery_id=None, to=None) -> EmailMultiAlternatives:
        token = subscriber.token
        name = greeting_name(subscriber.name)  # a name that is not plausible gets the neutral greeting
        if name:
            html = self.html.replace(GREETING_NAME, escape(name))
            text = self.text.replace(GREETING_NAME, name)
        else:
            html, text = self.html_anonymous, self.text_anonymous
        html = html.replace(TOKEN, token)
        text = text.replace(TOKEN, token)
        headers = {
            "List-Unsubscribe": f"<{self.one_click.replace(TOKEN, token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_id,
            "Content-Language": self.mailing.language,
            "Date": format_datetime(timezone.now()),
            "Message-ID": make_msgid(
                idstring=f"m{self.mailing.pk}d{delivery_id or uuid.uuid4().hex[:8]}", domain=self.domain
            ),
            "Auto-Submitted": "auto-generated",
            "Precedence": "bulk",
        }
        if delivery_id:
            headers["X-Inklusio-Delivery"] = f"{self.mailing.pk}/{delivery_id}"
        message = EmailMultiAlternatives(
            subject=self.mailing.subject,
            body=text,
            from_email=self.from_email,
            to=[to or subscriber.email],
            headers=headers,
        )
        message.attach_alternative(html, "text/html")
        return message


def preview(mailing) -> dict:
    """The mailing as the recipient sees it (HTML and plain text), for a sample recipient without a name."""

    class Sample:
        token = "vorschau"  # noqa: S105 - sample recipient
        name = ""
        email = "vorschau@example.org"

    prepared = PreparedMailing(mailing)
    message = prepared.message(Sample())
    return {"html": message.alternatives[0][0], "text": message.body}
