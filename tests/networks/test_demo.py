"""The demo reproduces the seed text's network figures from records."""

from datetime import date

import pytest

from inklusio.core.demo import ensure_demo_login, load_demo
from inklusio.networks import figures, queries
from inklusio.networks.models import Network

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PROJECT_START, PROJECT_END = date(2022, 10, 1), date(2025, 9, 30)


def test_demo_networks_match_the_closing_report(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    context = load_demo()
    ensure_demo_login()
    assert len(context["networks"]) == 3
    # "drei regionale Netzwerke" – "In Hessen entstand ein neues Netzwerk" (in the last project year)
    assert figures.networks_active_at(PROJECT_END) == 3
    assert figures.networks_founded(date(2024, 10, 1), PROJECT_END) == 1
    hesse = next(n for n in Network.objects.all() if n.regions == ["DE-HE"])
    assert date(2024, 10, 1) <= hesse.founded_on <= PROJECT_END
    # "über 20 Treffen"
    assert figures.meetings_held(PROJECT_START, PROJECT_END) == 23
    # "rund 70 aktiven Beteiligten"
    assert figures.active_participants(PROJECT_START, PROJECT_END) == 71
    represented = figures.stakeholder_types_represented(PROJECT_START, PROJECT_END)
    for code in ["inclusion_company", "integration_office", "chamber", "job_centre", "integration_service",
                 "employer_contact_point", "teacher"]:  # fmt: skip
        assert represented.get(code, 0) >= 3, code
    assert max(represented, key=represented.get) == "inclusion_company"
    # the demo login "coordinator" sees exactly the Hesse network
    from django.contrib.auth.models import User

    coordinator = User.objects.get(username="coordinator")
    assert coordinator.groups.filter(name="network_coordinator").exists()
    assert list(queries.networks_for_user(coordinator)) == [hesse]
