"""Public page speed with a large catalogue: 5,000 training offers and 1,000 good-practice examples.

Usage: python benchmarks/public_pages.py [--offers N] [--stories N] [--repeat N] [--database-url URL]
Runs on a fresh SQLite database in a temporary directory (or the given DATABASE_URL, which must be empty).
Prints the median and worst server time per page (Django test client, templates rendered) and the number of
SQL queries, so a page that grows a query per row shows up. Target: every page under 200 ms median.

Measured on the shared 2-core machine (SQLite, 5,000 offers, 1,000 stories): lists 55–85 ms median,
details 15–35 ms, sitemap.xml 160 ms (it was 3,965 ms with django.contrib.sitemaps' template rendering).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    os.environ["INKLUSIO_VAR_DIR"] = tempfile.mkdtemp(prefix="inklusio-bench-public-")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    import warnings

    warnings.filterwarnings("ignore", "No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from inklusio.contacts.models import Organisation, StakeholderType
    from inklusio.core.models import Project
    from inklusio.public.models import GoodPractice, SitePage, TrainingOffer
    from inklusio.public.occupations import OCCUPATIONS

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    project = Project.objects.create(
        title="Bench", slug="bench", funder="Aktion Mensch", start="2024-01-01", end="2026-12-31"
    )
    SitePage.objects.create(project=project, kind="home", title_de="Start", body_de="# Hallo\n\nText " * 50)
    kind = StakeholderType.objects.get(code="inclusion_company")
    regions = ["DE-NW", "DE-NI", "DE-HE", "DE-BY", "DE-BW", "DE-BE", "DE-SN"]
    companies = [
        Organisation(
            name=f"Betrieb {i} gGmbH", name_key=f"betrieb {i}", stakeholder_type=kind, region=rng.choice(regions)
        )
        for i in range(300)
    ]
    Organisation.objects.bulk_create(companies)
    companies = list(Organisation.objects.filter(stakeholder_type=kind))
    today = timezone.localdate()
    codes = [code for code, _name in OCCUPATIONS]
    started = time.perf_counter()
    TrainingOffer.objects.bulk_create(
        [
            TrainingOffer(
                organisation=(company := rng.choice(companies)),
                occupation=rng.choice(codes),
                region=company.region,
                city=f"Stadt {i % 200}",
                start_date=today + timedelta(days=rng.randint(-200, 500)),
                form=rng.choice(TrainingOffer.Form.values),
                step_free=rng.random() < 0.6,
                quiet_room=rng.random() < 0.4,
                description="Ausbildung im Team. " * 10,
                contact_name="Ausbildungsleitung",
                contact_email=f"a{i}@example.org",
            )
            for i in range(args.offers)
        ],
        batch_size=1000,
    )
    for i in range(args.stories):
        GoodPractice.objects.create(
            title=f"Beispiel {i}: Ausbildung im Lager",
            organisation=rng.choice(companies),
            region=rng.choice(regions),
            body="Gebärdensprache im Team. " * 40 + f" Wort{i}",
            easy_summary="Ein Satz.\nNoch ein Satz.",
            status="published" if i % 10 else "draft",
            published_on=today,
        )
    print(
        f"data: {args.offers} offers, {args.stories} stories in {time.perf_counter() - started:.1f} s "
        f"({connection.vendor})"
    )

    client = Client(HTTP_HOST="127.0.0.1")
    offer = TrainingOffer.objects.filter(start_date__gte=today).first()
    story = GoodPractice.objects.filter(status="published").first()
    pages = {
        "home": "/",
        "offers (all)": "/ausbildungsangebote/",
        "offers (filtered)": "/ausbildungsangebote/?region=DE-HE&form=full_time&access=step_free&access=quiet_room",
        "offers (text search)": "/ausbildungsangebote/?q=lager",
        "offers (page 20)": "/ausbildungsangebote/?page=20",
        "offer detail": f"/ausbildungsangebote/{offer.pk}/",
        "stories (all)": "/gute-praxis/",
        "stories (search)": "/gute-praxis/?q=gebärden+wort77",
        "story detail": f"/gute-praxis/{story.pk}/",
        "sitemap.xml": "/sitemap.xml",
    }
    print(f"{'page':<24}{'median ms':>10}{'max ms':>10}{'queries':>9}")
    for name, url in pages.items():
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{name:<24}{statistics.median(times):>10.1f}{max(times):>10.1f}{len(queries):>9}")


if __name__ == "__main__":
    main()
