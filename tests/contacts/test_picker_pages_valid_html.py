"""The picker, duplicates and merge pages in their filled states pass the W3C Nu Html Checker (vnu).

The site-wide crawl (tests/security/test_valid_html.py) reaches these pages mostly empty; this checks them with
results open and both sides shown. Skipped like that test when vnu or Java is missing (unless required).
"""

import json
import subprocess

import pytest
from django.urls import reverse

from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType
from tests.security.test_valid_html import vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


def test_filled_pages_are_valid_html(client, staff, project, tmp_path):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    chamber = StakeholderType.objects.get(code="chamber")
    kept = Person.objects.create(first_name="Jörg", last_name="Weiß", email="joerg@example.org")
    removed = Person.objects.create(first_name="Joerg", last_name="Weiss", email="j.weiss@example.org")
    Affiliation.objects.create(
        person=kept, organisation=Organisation.objects.create(name="IHK", stakeholder_type=chamber)
    )
    Inquiry.objects.create(project=project, received_on="2025-01-01", channel="email", topic="x", person=removed)
    client.force_login(staff)
    pages = {
        "picker-no-js": client.post(reverse("contacts:inquiry_create"), {"person_q": "weiss", "person_search": "1"}),
        "picker-chosen": client.get(reverse("contacts:inquiry_update", args=[Inquiry.objects.get().pk])),
        "merge": client.get(reverse("contacts:person_merge", args=[kept.pk]), {"duplicate": removed.pk}),
        "merge-search": client.get(
            reverse("contacts:person_merge", args=[kept.pk]), {"duplicate_q": "weiss", "duplicate_search": "1"}
        ),
        "duplicates": client.get(reverse("contacts:duplicate_list")),
        "search": client.get(reverse("contacts:person_search"), {"q": "weiss"}),
        "organisation-picker-no-js": client.post(
            reverse("contacts:inquiry_create"), {"organisation_q": "ihk", "organisation_search": "1"}
        ),
        "organisation-picker-results": client.get(
            reverse("contacts:organisation_search"),
            {"field": "organisation", "id": "id_organisation", "organisation_q": "ihk"},
            headers={"HX-Request": "true"},
        ),
    }
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        assert 'type="radio"' in response.content.decode() or name in ("merge", "duplicates", "search"), name
        if name == "organisation-picker-results":  # a fragment: checked inside a page of its own
            response.content = b"<!DOCTYPE html><html lang=de><title>x</title><form>" + response.content + b"</form>"
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
