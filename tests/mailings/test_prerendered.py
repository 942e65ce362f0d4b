"""The pre-rendered message path: each recipient's bytes filled into the mailing rendered once must be the
message the full build makes (apart from the Date, the Message-ID's random part and the MIME boundary)."""

from email import policy
from email.parser import BytesParser

import pytest

from inklusio.core.delivery import build
from inklusio.mailings.rendering import PreparedMailing

from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db

BODY = "# Neues aus dem Projekt\n\nText mit [Link](https://example.org) und Umlauten: Grüße.\n\n" * 2


def parsed(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def headers(message) -> list[tuple[str, str]]:
    return [
        (k, " ".join(str(v).split())) for k, v in message.items() if k not in {"Date", "Message-ID", "Content-Type"}
    ]


def assert_same_message(fast: bytes, slow: bytes, delivery_id: int, mailing_id: int):
    a, b = parsed(fast), parsed(slow)
    assert headers(a) == headers(b)
    assert a.get_content_type() == b.get_content_type() == "multipart/alternative"
    assert f"m{mailing_id}d{delivery_id}" in a["Message-ID"] and a["Date"]
    parts_a, parts_b = a.get_payload(), b.get_payload()
    assert len(parts_a) == len(parts_b) == 2
    for part_a, part_b in zip(parts_a, parts_b, strict=True):
        assert part_a.get_content_type() == part_b.get_content_type()
        assert part_a["Content-Transfer-Encoding"] == part_b["Content-Transfer-Encoding"] == "8bit"
        assert part_a.get_content() == part_b.get_content()
    assert max(len(line) for line in fast.split(b"\r\n")) <= 998


@pytest.mark.parametrize(
    "name",
    ["Anna Schmidt", "Jürgen Müller-Lüdenscheidt", "Zoë O'Brien & Söhne", "", "x"],
)
def test_prerendered_bytes_are_the_built_message(name):
    m = mailing(subject="Infoletter Ausbildung – März", body=BODY)
    sub = subscriber("empfaenger@example.org", name=name)
    prepared = PreparedMailing(m)
    fast = prepared.built(sub, delivery_id=4711)
    assert fast.message is None  # the fast path was taken
    slow = build(prepared.message(sub, delivery_id=4711))
    assert fast.from_addr == slow.from_addr and fast.recipients == slow.recipients == ["empfaenger@example.org"]
    assert_same_message(fast.data, slow.data, 4711, m.pk)
    assert sub.token.encode() in fast.data and b"INKLUSIO" not in fast.data
    # the other backends (console, locmem) get the EmailMessage, built on demand
    assert fast.email().to == ["empfaenger@example.org"]


def test_two_recipients_get_their_own_token_and_name():
    m = mailing(body=BODY)
    one, two = subscriber("a@example.org", name="Anna Schmidt"), subscriber("b@example.org", name="Bert Kaya")
    prepared = PreparedMailing(m)
    first, second = prepared.built(one, delivery_id=1), prepared.built(two, delivery_id=2)
    assert one.token.encode() in first.data and two.token.encode() not in first.data
    assert b"Bert Kaya" in second.data and b"Anna Schmidt" not in second.data
    assert parsed(second.data)["X-Inklusio-Delivery"] == f"{m.pk}/2"


def test_a_line_over_the_smtp_limit_takes_the_full_build():
    long_paragraph = " ".join(["Wort"] * 400)  # one paragraph, one line of about 2000 characters in the HTML
    m = mailing(body=f"# Lang\n\n{long_paragraph}\n")
    sub = subscriber("c@example.org", name="Anna Schmidt")
    built = PreparedMailing(m).built(sub, delivery_id=3)
    assert built.message is not None  # the slow path: Django chose quoted-printable for the long line
    message = parsed(built.data)
    assert "Wort Wort" in message.get_body(("html",)).get_content()
    assert max(len(line) for line in built.data.split(b"\r\n")) <= 998


def test_a_bad_address_fails_both_paths_alike():
    m = mailing(body=BODY)
    sub = subscriber("d@example.org", name="Anna Schmidt")
    sub.email = "d@example.org\nBcc: x@example.org"
    prepared = PreparedMailing(m)
    with pytest.raises(ValueError):
        prepared.built(sub, delivery_id=5)
    with pytest.raises(ValueError):
        build(prepared.message(sub, delivery_id=5))
