"""Where each indicator stands against its target today (the staff overview's "behind their target" panel)."""

from datetime import date

import pytest

from inklusio.contacts.models import Inquiry
from inklusio.impact import services
from inklusio.impact.models import ManualIndicator, ManualValue, Target

pytestmark = pytest.mark.django_db

TODAY = date(2025, 7, 2)  # the project (2024-01-01 to 2026-12-31) is half over: 549 of 1096 days


def inquiries(project, count, received_on=date(2025, 3, 1)):
    for n in range(count):
        Inquiry.objects.create(project=project, received_on=received_on, channel="email", topic=f"Frage {n}")


def progress(project):
    return {row.code: row for row in services.target_progress(project, TODAY, "en")}


@pytest.mark.parametrize(("count", "behind"), [(6, True), (12, False)])
def test_a_flow_is_measured_against_its_share_of_the_target(project, count, behind):
    Target.objects.create(project=project, code="inquiries", target=20)
    inquiries(project, count)
    inquiries(project, 30, received_on=date(2025, 8, 1))  # after today: not counted yet
    row = progress(project)["inquiries"]
    assert row.value == count
    assert row.expected == pytest.approx(20 * 549 / 1096)
    assert row.behind is behind


def test_a_period_target_running_today_comes_before_the_whole_project_target(project):
    Target.objects.create(project=project, code="inquiries", target=100)
    Target.objects.create(
        project=project, code="inquiries", target=4, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)
    )
    Target.objects.create(
        project=project, code="inquiries", target=99, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31)
    )
    inquiries(project, 1, received_on=date(2024, 6, 1))  # before the period
    inquiries(project, 3)
    row = progress(project)["inquiries"]
    assert (row.value, row.target) == (3, 4)
    assert row.expected == pytest.approx(4 * 183 / 365)
    assert row.behind is False


def test_the_line_starts_at_the_baseline(project):
    Target.objects.create(project=project, code="inquiries", baseline=10, target=30)
    inquiries(project, 15)
    row = progress(project)["inquiries"]
    assert row.expected == pytest.approx(10 + 20 * 549 / 1096)
    assert row.behind is True


@pytest.mark.parametrize(("value", "behind"), [(5, False), (8, True)])
def test_lower_is_better_for_a_manual_indicator(project, value, behind):
    indicator = ManualIndicator.objects.create(
        project=project,
        code="dropouts",
        label_de="Abbrüche",
        label_en="Dropouts",
        unit_de="Abbrüche",
        unit_en="dropouts",
        level=6,
        higher_is_better=False,
        definition_de="d",
    )
    ManualValue.objects.create(
        indicator=indicator, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), value=value, source_note="x"
    )
    Target.objects.create(project=project, code="dropouts", baseline=10, target=2)
    row = progress(project)["dropouts"]
    assert (row.label, row.value) == ("Dropouts", value)
    assert row.behind is behind


def test_targets_without_a_value_or_a_computing_app_are_not_behind(project):
    Target.objects.create(project=project, code="no_app_computes_this", target=5)
    Target.objects.create(project=project, code="satisfaction", target=90)  # no feedback yet: no value
    rows = progress(project)
    assert "no_app_computes_this" not in rows
    assert rows["satisfaction"].value is None and rows["satisfaction"].behind is False
