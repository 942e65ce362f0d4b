"""Build the personalised messages of a mailing: rendered once per mailing, filled in per recipient."""

import re
import uuid
from email.utils import format_datetime, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.translation import gettext as _

from inklusio.core import markdown
from inklusio.core.branding import mail_sender
from inklusio.core.delivery import Built, build
from inklusio.core.validators import greeting_name

from . import conf
from . import links as counted_links

HTML_TEMPLATE = "mailings/email/mailing.html"

# Placeholders that survive template escaping; replaced per recipient.
TOKEN = "INKLUSIOTOKEN7f3a"  # noqa: S105 - a placeholder, not a secret
GREETING_NAME = "INKLUSIONAME7f3a"
# Placeholders of the pre-rendered message bytes only (see PreparedMailing.built).
TEXT_NAME = "INKLUSIOTEXTNAME7f3a"
RECIPIENT = "inklusio-recipient-7f3a@example.invalid"
DATE = "INKLUSIODATE7f3a"
MESSAGE_ID = "<INKLUSIOMESSAGEID7f3a@example.invalid>"
DELIVERY = "INKLUSIODELIVERY7f3a"
LONGEST_VALUE = 200  # bytes a filled-in name or token may have in the fast path; longer ones take the slow one


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


def _plain(value: str) -> bool:
    """No control characters (line breaks above all): a value that can be put into a line as it is."""
    return all(ch >= " " and ch != "\x7f" for ch in value)


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
        self._templates = None

    def built(self, subscriber, delivery_id) -> Built:
        """The message for one subscriber as SMTP bytes, filled into the mailing's message rendered once.

        The message is serialised once per mailing (and sender) with placeholders, for a recipient with a name and
        one without; each recipient's bytes are then a few replacements instead of building and serialising a
        MIME message (the larger part of a message's cost in the worker). The result is the message ``message``
        builds (``tests/mailings/test_prerendered.py`` compares them); whenever a replacement could change more
        than the placeholder (a part not sent as 8bit, a very long value, a line break or the MIME boundary in
        a name), this recipient's message takes the slow path instead.
        """
        if self._templates is None:
            self._templates = {True: self._template(named=True), False: self._template(named=False)}
        name = greeting_name(subscriber.name)
        template = self._templates[bool(name)]
        token = subscriber.token or ""
        html_name = escape(name).encode() if name else b""
        text_name = name.encode() if name else b""
        if (
            template is None
            or len(html_name) > LONGEST_VALUE
            or len(token) > LONGEST_VALUE
            or not _plain(name)
            or not _plain(token)
            or template["boundary"] in html_name + text_name
        ):
            return build(self.message(subscriber, delivery_id=delivery_id))
        recipient = sanitize_address(subscriber.email, self._encoding)  # ValueError if it is no address
        if "\n" in recipient or "\r" in recipient:
            raise ValueError("line break in the recipient address")
        delivery = str(delivery_id or uuid.uuid4().hex[:8])
        values = {
            RECIPIENT: recipient,
            DATE: format_datetime(timezone.now()),
            MESSAGE_ID: make_msgid(idstring=f"m{self.mailing.pk}d{delivery}", domain=self.domain),
            DELIVERY: delivery,
            TOKEN: token,
        }
        data = template["data"]
        for placeholder, value in values.items():
            data = data.replace(placeholder.encode(), value.encode())
        if name:
            data = data.replace(GREETING_NAME.encode(), html_name).replace(TEXT_NAME.encode(), text_name)
        return Built(
            None,
            self._from_addr,
            [recipient],
            data,
            make_message=lambda: self.message(subscriber, delivery_id=delivery_id),
        )

    def _template(self, *, named: bool) -> dict | None:
        """The message with placeholders, serialised; None when the fast path cannot fill it in safely."""

        class Placeholder:
            token = TOKEN
            name = SAMPLE_NAME if named else ""
            email = RECIPIENT

        message = self.message(Placeholder(), delivery_id=DELIVERY)
        message.extra_headers["Date"] = DATE
        message.extra_headers["Message-ID"] = MESSAGE_ID
        if named:
            message.body = self.text.replace(GREETING_NAME, TEXT_NAME)
            message.alternatives = []
            message.attach_alternative(self.html, "text/html")
        mime = message.message()
        self._encoding = message.encoding or settings.DEFAULT_CHARSET
        self._from_addr = sanitize_address(message.from_email, self._encoding)
        parts = mime.get_payload()
        if not mime.is_multipart() or any(part["Content-Transfer-Encoding"] != "8bit" for part in parts):
            return None  # quoted-printable or base64 (e.g. lines over 998 characters): filled in per recipient
        data = mime.as_bytes(linesep="\r\n")
        placeholders = [p.encode() for p in (TOKEN, GREETING_NAME, TEXT_NAME, RECIPIENT, DATE, MESSAGE_ID, DELIVERY)]
        for line in data.split(b"\r\n"):
            count = sum(line.count(p) for p in placeholders)
            if count and len(line) + count * LONGEST_VALUE > 998:
                return None  # a filled-in line could pass the limit of the SMTP standard
        return {"data": data, "boundary": mime.get_boundary().encode()}

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
