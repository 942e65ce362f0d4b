"""The demo loader of the public site, run with the apps before it (core, contacts, …)."""

import pytest
from django.test import Client

from inklusio.core.demo import load_demo
from inklusio.public.models import CompanyContact, GoodPractice, SitePage
from inklusio.public.queries import current_project, public_offers

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_builds_the_public_site_for_the_reference_project():
    context = load_demo(seed=2022)
    reference = context["reference_project"]
    assert current_project() == reference
    home = SitePage.objects.get(project=reference, kind="home")
    assert home.funding_credit == "Gefördert von der Aktion Mensch"
    assert home.funder_logo and home.funder_logo_alt == "Logo der Aktion Mensch"
    assert set(SitePage.objects.filter(project=reference).values_list("kind", flat=True)) == set(SitePage.Kind.values)

    offers = list(public_offers())
    assert len(offers) == 15
    assert all(o.organisation.stakeholder_type.code == "inclusion_company" for o in offers)
    assert len({o.region for o in offers}) >= 3
    assert len({o.occupation_name for o in offers}) >= 8
    assert any(o.occupation == "" and o.occupation_other for o in offers)
    assert len(context["training_offers"]) == 15

    stories = GoodPractice.objects.all()
    assert stories.count() == 10
    assert all(len(s.easy_lines) >= 4 for s in stories)
    assert stories.filter(status="published").count() == 9
    assert stories.filter(images__isnull=False).distinct().count() == 5
    assert CompanyContact.objects.get().organisation.training_offers.exists()

    client = Client()
    html = client.get("/").content.decode()
    assert "Ausbildungsoffensive" in html
    # the funding credit comes from the organisation settings: the caption the funder requires and its logo
    assert '<figcaption class="kern-body">Gefördert von</figcaption>' in html and 'alt="Aktion Mensch"' in html
    assert client.get(f"/foerderlogo/{home.pk}/")["Content-Type"] == "image/png"
    assert client.get("/ausbildungsangebote/").context["page_obj"].paginator.count == 15
