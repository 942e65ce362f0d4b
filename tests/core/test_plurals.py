"""A count in a message agrees with its noun in both languages: "1 Test-E-Mail", never "1 Test-E-Mails"."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

MESSAGES = [
    # singular, plural, German for 1, German for 2
    (
        "%(count)s test mail has been sent.",
        "%(count)s test mails have been sent.",
        "1 Test-E-Mail wurde gesendet.",
        "2 Test-E-Mails wurden gesendet.",
    ),
    (
        "%(count)d organisation imported.",
        "%(count)d organisations imported.",
        "1 Organisation importiert.",
        "2 Organisationen importiert.",
    ),
    (
        "%(count)d row was already in the contact base.",
        "%(count)d rows were already in the contact base.",
        "1 Zeile war bereits in den Kontakten.",
        "2 Zeilen waren bereits in den Kontakten.",
    ),
    (
        "%(count)s check-in recorded.",
        "%(count)s check-ins recorded.",
        "1 Check-in eingetragen.",
        "2 Check-ins eingetragen.",
    ),
    (
        "%(count)s new invitation is being sent.",
        "%(count)s new invitations are being sent.",
        "1 neue Einladung wird verschickt.",
        "2 neue Einladungen werden verschickt.",
    ),
    (
        "%(count)d participant imported.",
        "%(count)d participants imported.",
        "1 Teilnehmer*in importiert.",
        "2 Teilnehmer*innen importiert.",
    ),
    ("%(days)s day", "%(days)s days", "1 Tag", "2 Tage"),
]


@pytest.mark.parametrize(("singular", "plural", "german_one", "german_two"), MESSAGES)
def test_message_for_one_and_two_in_both_languages(singular, plural, german_one, german_two):
    def shown(number):
        values = {"count": number, "days": number}
        return ngettext(singular, plural, number) % values

    with translation.override("de"):
        assert (shown(1), shown(2)) == (german_one, german_two)
    with translation.override("en"):
        assert shown(1) == (singular % {"count": 1, "days": 1})
        assert shown(2) == (plural % {"count": 2, "days": 2})


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("de", "Bereit: 1 neuer Beitrag.", "Bereit: 2 neue Beiträge."),
        ("en", "Ready: 1 new post.", "Ready: 2 new posts."),
    ],
)
def test_template_counts_use_blocktranslate_count(language, one, two):
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=items|length %}Ready: {{ counter }} new post."
        "{% plural %}Ready: {{ counter }} new posts.{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"items": [1]})) == one
        assert template.render(Context({"items": [1, 2]})) == two


def test_import_review_template_agrees_with_its_count():
    from django.template.loader import get_template

    source = get_template("outreach/import_review.html").template.source
    assert "Ready: {{ created }} new posts" not in source
    assert "count counter=plan.creates|length" in source
