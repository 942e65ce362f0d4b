"""Build the personalised messages of a mailing: rendered once per mailing, filled in per recipient."""

import re
import uuid
from email.utils import format_datetime, make_msgid

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.translation import gettext as _

from inklusio.core import markdown
from inklusio.core.branding import mail_sender
from inklusio.core.validators import greeting_name

from . import conf
from . import links as counted_links

HTML_TEMPLATE = "mailings/email/mailing.html"

# Placeholders that survive template escaping; replaced per recipient.
TOKEN = "INKLUSIOTOKEN7f3a"  # noqa: S105 - a placeholder, not a secret
GREETING_NAME = "INKLUSIONAME7f3a"


def _url(name: str, *args, language: str) -> str:
    with translation.override(language):
        return conf.site_url() + reverse(name, args=args)


TEST_SEND_SALT = "inklusio.mailings.test-send"


def test_send_token(mailing_id: int) -> str:
    """The token in the links of a test send (and the staff preview) of one mailing: no subscriber's token.

    It opens that mailing's web view with the neutral greeting, and the preferences and unsubscribe links show a
    page that says what they do in the real mail. It is bound to the mailing by an HMAC with the secret key, so
    it cannot be guessed or moved to another mailing; a subscriber's token (``token_urlsafe``) never has this form.
    """
    digest = salted_hmac(TEST_SEND_SALT, str(mailing_id), algorithm="sha256").hexdigest()[:32]
    return f"test-{mailing_id}-{digest}"


def mailing_id_of_test_token(token: str) -> int | None:
    """The mailing a test-send token belongs to, or None when it is not a valid one."""
    match = re.fullmatch(r"test-([0-9]{1,18})-[0-9a-f]{32}", token or "")
    if match is None:
        return None
    mailing_id = int(match.group(1))
    return mailing_id if constant_time_compare(token, test_send_token(mailing_id)) else None


def mailing_links(mailing, token: str) -> dict:
    """The personal links of one mailing for the holder of ``token``, absolute (SITE_URL) in the mailing's language.

    "Read in the browser" is the recipient's own web view (token and mailing): it opens while the mailing is
    still being sent and whether or not the mailing is in the public archive.
    """
    language = mailing.language
    return {
        "unsubscribe_url": _url("mailings_public:unsubscribe", token, language=language) + f"?m={mailing.pk}",
        "one_click_url": _url("mailings_public:one_click", token, mailing.pk, language=language),
        "preferences_url": _url("mailings_public:preferences", token, language=language),
        "web_url": _url("mailings_public:web_view", token, mailing.pk, language=language),
    }


SAMPLE_NAME = "Alex Beispiel"  # the sample recipient of the editor's greeting preview


def greeting(name: str | None, language: str) -> str:
    """The greeting line a recipient called ``name`` gets in a mailing in ``language``: the neutral one
    ("Guten Tag,") when the name is missing or not plausible (core.validators.greeting_name), as in the mail."""
    usable = greeting_name(name)
    with translation.override(language):
        return _("Dear %(name)s,") % {"name": usable} if usable else _("Hello,")


def greeting_preview(language: str) -> dict:
    """For the editor: what a recipient with a usable name and one without get as the first line."""
    return {"sample_name": SAMPLE_NAME, "named": greeting(SAMPLE_NAME, language), "neutral": greeting("", language)}


class PreparedMailing:
    """The mailing's HTML and text with placeholders; ``message(subscriber)`` fills them in."""

    def __init__(self, mailing):
        self.mailing = mailing
        links = mailing_links(mailing, TOKEN)
        with translation.override(mailing.language):
            context = {
                "mailing": mailing,
                "body_html": counted_links.with_counted_links(markdown.render(mailing.body, markdown.MAILING), mailing),
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
        token = test_send_token(mailing.pk)  # the preview's links open like a test send's
        name = ""
        email = "vorschau@example.org"

    prepared = PreparedMailing(mailing)
    message = prepared.message(Sample())
    return {"html": message.alternatives[0][0], "text": message.body}
