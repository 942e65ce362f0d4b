"""The survey pages in their filled states pass the W3C Nu Html Checker (vnu): builder, answering, results."""

import json
import subprocess

import pytest

from inklusio.surveys import services
from tests.security.test_valid_html import vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


def test_survey_pages_are_valid_html(client, lead, survey, invitation, tmp_path):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    for n in range(6):
        q = survey.q
        answers = {q["single"].pk: str(1 + n % 3), q["multiple"].pk: ["1", "2"], q["long_text"].pk: f"Text {n}"}
        services.record_response(survey, answers)
    client.force_login(lead)
    pages = {
        "list": client.get("/staff/surveys/"),
        "new": client.get("/staff/surveys/new/"),
        "builder": client.get(f"/staff/surveys/{survey.pk}/"),
        "builder-en": client.get(f"/en/staff/surveys/{survey.pk}/?lang=en"),
        "question": client.get(f"/staff/surveys/questions/{survey.q['single'].pk}/edit/"),
        "results": client.get(f"/staff/surveys/{survey.pk}/results/"),
        "indicators": client.get("/staff/surveys/indicators/"),
        "indicator-new": client.get("/staff/surveys/indicators/new/"),
        "condition": client.get(f"/staff/surveys/questions/{survey.q['why'].pk}/edit/"),
        "remove": client.get(f"/staff/surveys/{survey.pk}/remove/"),
        "archived-list": client.get("/staff/surveys/?archived=1"),
        "answer": client.get(f"/umfrage/{invitation.token}/"),
        "answer-easy": client.get(f"/leichte-sprache/umfrage/{invitation.token}/"),
        "answer-errors": client.post(f"/umfrage/{invitation.token}/", {}),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
