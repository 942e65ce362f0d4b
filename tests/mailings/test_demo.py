"""The demo reproduces the seed's Infoletter figures: seven mailings in the last year, rund 500 subscribers."""

from datetime import date

import pytest

from inklusio.core.demo import load_demo
from inklusio.mailings import figures
from inklusio.mailings.models import Mailing, Subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_matches_the_seed_report():
    context = load_demo()
    project = context["reference_project"]
    assert figures.confirmed_stock(date(2025, 9, 30)) == 497
    assert figures.mailings_sent(project=project) == 7
    assert figures.mailings_sent(project=project, start=date(2024, 10, 1), end=date(2025, 9, 30)) == 7
    rows = figures.mailing_table(project=project)
    assert [row["recipients"] for row in rows] == sorted(row["recipients"] for row in rows)
    assert rows[0]["recipients"] > 250 and rows[-1]["recipients"] > 450, [r["recipients"] for r in rows]
    assert sum(row["unsubscribed"] for row in rows) == 19 and sum(row["bounced"] for row in rows) == 9
    stock = figures.confirmed_stock_series([date(2023, 9, 30), date(2024, 9, 30), date(2025, 9, 30)])
    assert stock[0][1] < stock[1][1] < stock[2][1]  # grown over the project years
    confirmed = Subscriber.objects.filter(confirmed_at__isnull=False)
    assert not confirmed.filter(consent_text__isnull=True).exists()
    assert not confirmed.filter(confirmation_mail_version="").exists()
    assert confirmed.filter(person__isnull=False).count() > 100
    assert Mailing.objects.filter(status="draft").count() == 1
