"""The demo computes the report's level-5 figure from the follow-up survey of the network members."""

import json

import pytest

from inklusio.impact import exports, services
from tests.demo_snapshot import load_demo_fast

pytestmark = pytest.mark.django_db


def test_the_level_5_figure_comes_from_the_network_follow_up_survey():
    from inklusio.core.demo import REFERENCE_SLUG
    from inklusio.core.models import Project

    load_demo_fast()
    project = Project.objects.get(slug=REFERENCE_SLUG)
    report = services.build_report(project)
    row = report.figures_by_code["companies_started_training"]
    assert (row.value, row.level, row.manual, row.respondents) == (8, 5, False, 30)
    data = json.loads(exports.render(report, "json"))
    text = " ".join(s["text"] for s in data["sections"])
    assert "Inklusionsunternehmen, die nach einem Netzwerktreffen erstmals ausbilden (Stufe 5): 8" in text
    assert "30 Antwortenden" in text
    assert "Netzwerkmitglieder, die die Treffen hilfreich finden (Stufe 4): " in text
