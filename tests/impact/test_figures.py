"""Registry, computed figures, targets, query counts."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inklusio.contacts.models import Inquiry, Organisation, Person, StakeholderType
from inklusio.impact import registry, services
from inklusio.impact.catalogue import BY_CODE, CATALOGUE
from inklusio.impact.models import ManualIndicator, ManualValue, Target
from inklusio.impact.registry import Binding, IndicatorDefinition

pytestmark = pytest.mark.django_db

STABLE_CODES = [
    "instagram_posts",
    "instagram_followers",
    "mailings_sent",
    "subscribers",
    "press_clippings",
    "conference_days",
    "conference_day_participants",
    "conference_day_speakers",
    "congress_programme_items",
    "congress_speakers",
    "congress_registrations",
    "networks",
    "networks_founded",
    "network_meetings",
    "network_active_participants",
    "inquiries",
]


def add_inquiries(project, count, day=date(2025, 3, 1), channel="email", **kw):
    Inquiry.objects.bulk_create(
        [Inquiry(project=project, received_on=day, channel=channel, topic=f"Frage {i}", **kw) for i in range(count)]
    )


def test_catalogue_has_the_stable_codes_with_complete_metadata():
    for code in STABLE_CODES:
        spec = BY_CODE[code]
        assert spec.label_de and spec.label_en and spec.unit_de and spec.definition_de and spec.definition_en
        assert 1 <= spec.level <= 7
    assert len({s.code for s in CATALOGUE}) == len(CATALOGUE)


def test_unbound_indicator_has_no_source_not_zero(project, unsourced):
    rows = {r.code: r for r in services.figures(project, project.start, project.end, "de")}
    assert rows[unsourced].has_source is False and rows[unsourced].value is None
    assert rows["inquiries"].has_source is True and rows["inquiries"].value == 0


def test_inquiries_count_in_the_period_and_project_only(project):
    from inklusio.core.models import Project

    other = Project.objects.create(
        title="Anders", slug="anders", funder="X", start=date(2024, 1, 1), end=date(2026, 1, 1)
    )
    add_inquiries(project, 4)
    add_inquiries(project, 2, day=date(2023, 12, 31))  # before the project
    add_inquiries(other, 3)
    assert registry.get("inquiries").compute(project, project.start, project.end) == 4
    assert registry.get("inquiries").compute(project, date(2025, 3, 1), date(2025, 3, 1)) == 4
    assert registry.get("inquiries").compute(project, date(2025, 3, 2), date(2025, 12, 31)) == 0


def test_stakeholder_types_reached(project):
    types = {t.code: t for t in StakeholderType.objects.all()}
    org = Organisation.objects.create(name="IHK Kassel", stakeholder_type=types["chamber"])
    apprentice = Person.objects.create(last_name="Yılmaz", stakeholder_type=types["apprentice"])
    add_inquiries(project, 2, organisation=org)
    add_inquiries(project, 1, person=apprentice)
    add_inquiries(project, 1, person=apprentice, organisation=org)
    assert registry.get("stakeholder_types_reached").compute(project, project.start, project.end) == 2


def test_test_only_indicator_moves_by_exactly_the_added_records(project):
    def phone_inquiries(project, start, end):
        return Inquiry.objects.filter(project=project, channel="phone", received_on__range=(start, end)).count()

    definition = IndicatorDefinition(
        code="test_phone_inquiries",
        label_de="Anrufe",
        label_en="Calls",
        unit_de="Anrufe",
        unit_en="calls",
        level=3,
        chain="outcome",
        kind="flow",
        higher_is_better=True,
        definition_de="d",
        definition_en="d",
        compute=phone_inquiries,
    )
    with registry.registered(definition):
        add_inquiries(project, 3, channel="phone")
        before = services.build_report(project).figures_by_code["test_phone_inquiries"].value
        add_inquiries(project, 5, channel="phone")
        add_inquiries(project, 2, channel="email")
        after = services.build_report(project).figures_by_code["test_phone_inquiries"].value
        assert (before, after) == (3, 8)
    assert "test_phone_inquiries" not in {d.code for d in registry.all_definitions()}


def test_binding_a_code_gives_it_a_source(project):
    from dataclasses import replace

    from .conftest import UNSOURCED

    sourced = replace(UNSOURCED, compute=lambda p, s, e: 6, records_url=lambda p, s, e: "/records/")
    with registry.registered(sourced):
        row = services.build_report(project).figures_by_code[UNSOURCED.code]
        assert (row.has_source, row.value, row.records_url) == (True, 6, "/records/")
    with registry.registered(UNSOURCED):
        assert services.build_report(project).figures_by_code[UNSOURCED.code].has_source is False


def test_registry_refuses_unknown_and_duplicate_codes():
    with registry.registered(Binding("no_such_code", lambda p, s, e: 1)), pytest.raises(ImproperlyConfigured):
        registry.all_definitions()
    with registry.registered(Binding("inquiries", lambda p, s, e: 1)), pytest.raises(ImproperlyConfigured):
        registry.all_definitions()
    registry.reset()
    assert registry.get("inquiries").has_source


def test_targets_baselines_and_percent_reached(project, lead):
    add_inquiries(project, 30)
    services.save_target(project, "inquiries", 10, 40, lead)
    row = services.build_report(project).figures_by_code["inquiries"]
    assert (row.value, row.baseline, row.target, row.percent_of_target) == (30, 10, 40, 75.0)
    # A whole-project target does not apply to a shorter period; a period target does.
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    assert services.build_report(project, start, end).figures_by_code["inquiries"].target is None
    services.save_target(project, "inquiries", 0, 20, lead, period_start=start, period_end=end)
    assert services.build_report(project, start, end).figures_by_code["inquiries"].percent_of_target == 150.0
    with pytest.raises(ValueError):
        services.save_target(project, "unknown_code", 0, 1, lead)


def test_manual_indicator_needs_a_source(project, lead):
    indicator = ManualIndicator.objects.create(
        project=project,
        code="companies_started",
        label_de="Betriebe",
        label_en="Companies",
        unit_de="Betriebe",
        unit_en="companies",
        level=5,
        definition_de="d",
    )
    with pytest.raises(ValueError):
        services.save_manual_value(indicator, project.start, project.end, 3, "  ", lead)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ManualValue.objects.create(
            indicator=indicator, period_start=project.start, period_end=project.end, value=3, source_note=""
        )
    services.save_manual_value(indicator, date(2024, 1, 1), date(2024, 12, 31), 3, "Umfrage 2024", lead)
    services.save_manual_value(indicator, date(2025, 1, 1), date(2025, 12, 31), 4, "Umfrage 2025", lead)
    row = services.build_report(project).figures_by_code["companies_started"]
    assert (row.manual, row.value) == (True, 7)
    assert "Umfrage 2024" in row.source_note and "Umfrage 2025" in row.source_note


def test_previous_period_has_equal_length():
    assert services.previous_period(date(2025, 1, 1), date(2025, 1, 31)) == (date(2024, 12, 1), date(2024, 12, 31))


def test_dashboard_change_against_previous_period(project):
    add_inquiries(project, 4, day=date(2025, 2, 10))
    add_inquiries(project, 6, day=date(2025, 3, 10))
    board = services.dashboard(project, date(2025, 3, 1), date(2025, 3, 31))
    row = {r.code: r for r in board.figures}["inquiries"]
    assert (row.value, row.previous, row.change, row.improved) == (6, 4, 2, True)
    assert row.change_percent == 50.0


def test_period_end_before_start_is_refused(project):
    with pytest.raises(services.PeriodError):
        services.build_report(project, date(2025, 1, 2), date(2025, 1, 1))


def _queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_data(project, client, lead):
    types = {t.code: t for t in StakeholderType.objects.all()}
    org = Organisation.objects.create(name="Jobcenter Kassel", stakeholder_type=types["job_centre"])
    add_inquiries(project, 3, organisation=org)
    Target.objects.create(project=project, code="inquiries", baseline=0, target=10)
    client.force_login(lead)
    small_report = _queries(lambda: services.report_json(services.build_report(project)))
    client.mark_seen()
    small_page = _queries(lambda: client.get(f"/staff/impact/{project.slug}/"))
    for day in range(60):
        add_inquiries(project, 20, day=project.start + timedelta(days=day * 7), organisation=org)
    large_report = _queries(lambda: services.report_json(services.build_report(project)))
    client.mark_seen()
    large_page = _queries(lambda: client.get(f"/staff/impact/{project.slug}/"))
    assert Inquiry.objects.count() == 1203
    assert small_report == large_report
    assert small_page == large_page
