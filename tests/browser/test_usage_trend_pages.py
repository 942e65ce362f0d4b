"""The use of the digital offers on the impact dashboard and in the report: axe-clean in both languages, the chart
next to its table, the table reachable by keyboard; screenshots for looking (``USAGE_SHOTS=dir``)."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from inklusio.impact import charts  # import matplotlib before the live server (slow)
from inklusio.usage.models import LinkClickDay, PageViewDay
from tests.conftest import STAFF_PAGE_PREFIXES

assert charts
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("USAGE_SHOTS", "")


@pytest.fixture
def counted(project):
    rows, month = [], date(2024, 1, 1)
    for number in range(24):
        for section, page, share in [
            ("home", "/", 5),
            ("offers", "/ausbildungsangebote/", 3),
            ("downloads", "/e.ics", 1),
        ]:
            rows.append(
                PageViewDay(day=month + timedelta(days=9), section=section, page=page, count=share * (80 + 9 * number))
            )
        month = (month + timedelta(days=32)).replace(day=1)
    PageViewDay.objects.bulk_create(rows)
    assert not LinkClickDay.objects.exists()
    return project


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_trend_on_dashboard_and_report_has_no_axe_violations(page, login, lead, counted, axe, prefix):
    login(lead)
    for path, chart_id in [
        ("/staff/impact/test/", "chart-usage-dashboard"),
        ("/staff/impact/test/report/", "chart-usage"),
    ]:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(prefix + path)
            assert response.status == 200
            chart = page.locator(f"svg#{chart_id}, svg[aria-labelledby^='{chart_id}-title']")
            assert chart.count() == 1
            assert page.locator(f"#{chart_id}-title").text_content()
            table = page.locator(".usage-trend table")
            assert table.locator("tbody tr").count() == 36  # every month of the project period up to today
            axe(page)
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                name = f"{'report' if 'report' in path else 'dashboard'}{prefix.replace('/', '-')}-{width}.png"
                page.locator(".usage-trend").first.scroll_into_view_if_needed()
                page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def test_the_trend_table_is_reached_with_the_keyboard(page, login, lead, counted, keyboard):
    login(lead)
    page.goto("/staff/impact/test/")
    region = keyboard(page, ".usage-trend .table-wrap", max_presses=200)
    assert "Nutzung der digitalen Angebote je Monat" in region.inner_text()
    page.keyboard.press("End")  # the region scrolls with the keyboard
