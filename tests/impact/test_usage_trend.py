"""Use of the digital offers in the report and dashboard: the sentence on interest follows the counts both ways."""

from datetime import date, timedelta

import pytest

from inklusio.impact import exports, services
from inklusio.impact.narrative import digital_interest
from inklusio.usage.models import PageViewDay

pytestmark = pytest.mark.django_db

GROWTH_WORDS = "Interesse an den digitalen Angeboten wuchs"


def count_months(first: date, per_month: list[int]) -> None:
    """One row on the 10th of each month from ``first`` on (the 10th: a page view day like any other)."""
    rows, month = [], first
    for views in per_month:
        rows.append(PageViewDay(day=month.replace(day=10), section="home", page="/", count=views))
        month = (month + timedelta(days=32)).replace(day=1)
    PageViewDay.objects.bulk_create(rows)


def evaluation(report) -> str:
    return " ".join(next(s for s in report.sections if s.key == "evaluation").generated)


@pytest.fixture
def year(project):
    project.start, project.end = date(2024, 1, 1), date(2024, 12, 31)
    project.save()
    return project


def test_growth_is_stated_with_how_much(year):
    count_months(date(2024, 1, 1), [1000] * 6 + [1300] * 6)
    text = evaluation(services.build_report(year))
    assert GROWTH_WORDS in text
    assert "7.800 Aufrufe, 30\u00a0% mehr als in den sechs Monaten davor (6.000)" in text
    english = evaluation(services.build_report(year, lang="en"))
    assert "Interest in the digital offers grew as well" in english and "30% more" in english


def test_no_growth_is_not_called_growth(year):
    count_months(date(2024, 1, 1), [1300] * 6 + [1000] * 6)
    text = evaluation(services.build_report(year))
    assert "wuchs" not in text and "wachsend" not in text
    assert "Die Nutzung der digitalen Angebote ging zurück" in text and "23\u00a0% weniger" in text


def test_about_the_same_says_so(year):
    count_months(date(2024, 1, 1), [1000] * 6 + [1020] * 6)
    text = evaluation(services.build_report(year))
    assert "blieb etwa gleich" in text and "wuchs" not in text


def test_a_half_counted_month_at_the_end_is_left_out(year):
    """A period ending on the 15th: that month is not compared (it would look like a fall)."""
    count_months(date(2024, 1, 1), [1000] * 6 + [1300] * 6 + [200])
    report = services.build_report(year, start=date(2024, 1, 1), end=date(2025, 1, 15))
    assert "6.000" not in evaluation(report) or GROWTH_WORDS in evaluation(report)
    assert "7.800 Aufrufe, 30\u00a0% mehr" in evaluation(report)


def test_without_any_counts_there_is_no_sentence(year):
    assert "digitalen" not in evaluation(services.build_report(year))


def test_the_sentence_rules_directly():
    assert GROWTH_WORDS in digital_interest([10] * 6 + [11] * 6)  # +10 %
    assert "wuchs" not in digital_interest([100] * 6 + [104] * 6)  # +4 %: about the same
    assert "zu kurz" in digital_interest([100] * 11)
    assert "keine Zählungen" in digital_interest([0] * 6 + [100] * 6)
    assert digital_interest([100] * 6 + [0] * 6).startswith(
        "In den letzten sechs Monaten des Zeitraums wurde keine Nutzung der digitalen Angebote gezählt, in den sechs "
        "Monaten davor 600 Aufrufe."
    )
    assert digital_interest([0] * 12) == "Eine Nutzung der digitalen Angebote wurde im Zeitraum nicht gezählt."
    assert digital_interest(None) == digital_interest([]) == ""


def test_the_trend_is_in_the_report_pages_and_documents(year, client, lead):
    count_months(date(2024, 1, 1), [1000] * 6 + [1300] * 6)
    report = services.build_report(year)
    assert [m.total for m in report.usage] == [1000] * 6 + [1300] * 6
    html = exports.render(report, "html").decode()
    assert 'id="chart-usage-title"' in html and "Nutzung der digitalen Angebote je Monat" in html
    client.force_login(lead)
    page = client.get(f"/staff/impact/{year.slug}/").content.decode()
    assert 'id="chart-usage-dashboard-title"' in page and '<td class="kern-table__cell">1.300</td>' in page
    report_page = client.get(f"/staff/impact/{year.slug}/report/").content.decode()
    assert 'id="chart-usage-title"' in report_page


def test_dashboard_without_counts_says_what_happens(year, client, lead):
    client.force_login(lead)
    page = client.get(f"/staff/impact/{year.slug}/").content.decode()
    assert "chart-usage-dashboard" not in page
