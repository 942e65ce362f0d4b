import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from inklusio.contacts.models import Organisation, StakeholderType, Tag
from inklusio.public.models import GoodPractice, SitePage, TrainingOffer


@pytest.fixture
def company_type(db):
    return StakeholderType.objects.get(code="inclusion_company")


@pytest.fixture
def company(company_type):
    return Organisation.objects.create(
        name="Brückenwerk gGmbH", stakeholder_type=company_type, region="DE-HE", city="Kassel", email="info@bw.example"
    )


@pytest.fixture
def other_company(company_type):
    return Organisation.objects.create(name="Horizont Service gGmbH", stakeholder_type=company_type, region="DE-NW")


def make_offer(organisation, **fields):
    values = {
        "occupation": "fachkraft_lagerlogistik",
        "region": organisation.region or "DE-NW",
        "city": organisation.city or "Köln",
        "start_date": timezone.localdate() + timedelta(days=120),
        "contact_name": "Ayşe Yılmaz",
        "contact_email": "ausbildung@bw.example",
    }
    values.update(fields)
    return TrainingOffer.objects.create(organisation=organisation, **values)


@pytest.fixture
def offer(company):
    return make_offer(company, step_free=True, description="Wir bilden im Lager aus.")


@pytest.fixture
def story(company):
    story = GoodPractice.objects.create(
        title="Lagerlogistik mit Gebärdensprache",
        organisation=company,
        occupation="Fachkraft für Lagerlogistik",
        region="DE-HE",
        teaser="Ein gehörloser Auszubildender im Lager.",
        body="Das Team lernt **Gebärden**.",
        easy_summary="Tim ist gehörlos.\nTim lernt im Lager.",
        status=GoodPractice.Status.PUBLISHED,
        published_on=timezone.localdate(),
    )
    story.tags.add(Tag.objects.create(name="Kommunikation"))
    return story


@pytest.fixture
def draft(company):
    return GoodPractice.objects.create(
        title="Geheimer Entwurf", body="Noch nicht fertig.", easy_summary="Entwurf.", status=GoodPractice.Status.DRAFT
    )


@pytest.fixture
def pages(project):
    home = SitePage.objects.create(
        project=project,
        kind=SitePage.Kind.HOME,
        title_de="Ausbildungsoffensive",
        title_en="Training initiative",
        body_de="Willkommen bei der **Ausbildungsoffensive**.",
        body_en="Welcome to the **training initiative**.",
        funding_credit="Gefördert von der Aktion Mensch",
    )
    SitePage.objects.create(
        project=project, kind=SitePage.Kind.HOME_EASY, title_de="Willkommen", body_de="Wir sind ein Projekt.\nHallo."
    )
    SitePage.objects.create(
        project=project,
        kind=SitePage.Kind.ACCESSIBILITY,
        title_de="Erklärung zur Barrierefreiheit",
        body_de="## Bekannte Einschränkungen\n\n- Alte PDFs",
        compliance="partial",
    )
    SitePage.objects.create(project=project, kind=SitePage.Kind.IMPRINT, title_de="Impressum", body_de="Musterstraße 1")
    SitePage.objects.create(
        project=project, kind=SitePage.Kind.PRIVACY, title_de="Datenschutz", body_de="Keine Cookies"
    )
    return home


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 80, 160)).save(buffer, format="PNG")
    return buffer.getvalue()
