"""Finance's cost figures come from the records: receipts, participants and the plan; only finance users see them."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.core.extensions import figure_scope
from inklusio.events.models import Attendance, Event, Registration
from inklusio.finance import figures
from inklusio.finance.demo import categories_for
from inklusio.finance.models import FinancingSource, Plan, PlanLine, Receipt
from inklusio.impact import registry, services

pytestmark = pytest.mark.django_db

START, END = date(2024, 1, 1), date(2026, 12, 31)
COST_CODES = {d.code for d in figures.INDICATORS}


@pytest.fixture
def categories(project):
    return {c.key: c for c in categories_for(project.funder)}


def make_event(project, kind, day, n=1):
    nine = timezone.make_aware(datetime.combine(day, time(9, 0)))
    return Event.objects.create(
        project=project,
        kind=kind,
        title=f"{kind} {n}",
        slug=f"{kind}-{n}-{day:%Y%m%d}",
        starts_at=nine,
        ends_at=nine + timedelta(hours=6),
        visibility=Event.Visibility.PUBLIC,
    )


def attend(event, people, *, came=True, status=Registration.Status.CONFIRMED):
    for person in people:
        registration = Registration.objects.create(
            event=event, person=person, status=status, privacy_notice_version="1"
        )
        if came:
            Attendance.objects.create(registration=registration, day=event.starts_at.date())


def people(n, prefix="p"):
    count = Person.objects.count()
    return [
        Person.objects.create(first_name="Vor", last_name=f"{prefix}{count + i}", email=f"{prefix}{count + i}@ex.org")
        for i in range(n)
    ]


def receipt(project, category, number, gross, *, kind="invoice", vat=None, event=None, on=date(2024, 5, 2)):
    return Receipt.objects.create(
        project=project,
        number=number,
        kind=kind,
        receipt_date=on,
        paid_on=on,
        payee="Tagungshaus GmbH",
        description="Raummiete",
        gross=D(gross),
        vat=None if vat is None else D(vat),
        category=category,
        event=event,
    )


def test_cost_per_participant_from_linked_receipts(project, categories):
    day = make_event(project, Event.Kind.CONFERENCE_DAY, date(2024, 5, 10))
    workshop = make_event(project, Event.Kind.WORKSHOP, date(2024, 6, 10))
    attend(day, people(4))
    attend(day, people(3, "absent"), came=False)  # registered, never came: no participants
    attend(workshop, people(2, "w"))
    events = categories["veranstaltungen"]
    receipt(project, events, "B-1", "1190.00", vat="190.00", event=day)  # counts net: 1,000.00
    receipt(project, events, "B-2", "300.00", event=day)
    receipt(project, events, "B-3", "-100.00", kind="refund", event=day)  # a refund subtracts
    receipt(project, events, "B-4", "150.00", event=workshop)
    receipt(project, events, "B-5", "999.00")  # not linked to an event: not an event's cost

    assert figures.cost_per_participant_of(project, START, END, {Event.Kind.CONFERENCE_DAY}) == 300.0  # 1200 / 4
    assert figures.cost_per_participant_of(project, START, END, {Event.Kind.WORKSHOP}) == 75.0
    assert figures.cost_per_participant(project, START, END) == 225.0  # 1350 / 6
    # the half cent rounds half up: 1,200.02 / 4 people = 300.005 -> 300.01
    receipt(project, events, "B-6", "0.02", event=day)
    assert figures.cost_per_participant_of(project, START, END, {Event.Kind.CONFERENCE_DAY}) == 300.01


def test_no_value_without_participants_or_receipts(project, categories):
    day = make_event(project, Event.Kind.CONFERENCE_DAY, date(2024, 5, 10))
    assert figures.cost_per_participant(project, START, END) is None  # nothing at all
    receipt(project, categories["veranstaltungen"], "B-1", "500.00", event=day)
    assert figures.cost_per_participant(project, START, END) is None  # costs, nobody came: no division by zero
    workshop = make_event(project, Event.Kind.WORKSHOP, date(2024, 6, 10))
    attend(workshop, people(2))
    assert figures.cost_per_participant_of(project, START, END, {Event.Kind.WORKSHOP}) is None  # nothing linked


def test_events_outside_the_period_and_future_events_do_not_count(project, categories):
    old = make_event(project, Event.Kind.CONFERENCE_DAY, date(2024, 5, 10))
    attend(old, people(2))
    receipt(project, categories["veranstaltungen"], "B-1", "500.00", event=old)
    coming = make_event(project, Event.Kind.CONFERENCE_DAY, timezone.localdate() + timedelta(days=30), 2)
    receipt(project, categories["veranstaltungen"], "B-2", "800.00", event=coming)  # paid ahead, not yet held
    assert figures.cost_per_participant(project, date(2025, 1, 1), date(2025, 12, 31)) is None
    assert figures.cost_per_participant(project, START, timezone.localdate() + timedelta(days=60)) == 250.0


def make_plan(project, categories, per_year=D("10000.00")):
    plan = Plan.objects.create(project=project)
    for year in (2024, 2025, 2026):
        PlanLine.objects.create(plan=plan, category=categories["sachkosten"], year=year, amount=per_year)
        FinancingSource.objects.create(plan=plan, kind="grant", name="Aktion Mensch", year=year, amount=per_year)
    return plan


def test_share_of_the_budget_spent(project, categories):
    assert figures.budget_spent_share(project, START, END) is None  # no plan: no value, no crash
    make_plan(project, categories)
    assert figures.budget_spent_share(project, START, END) == 0.0
    material = categories["sachkosten"]
    receipt(project, material, "B-1", "5350.00", on=date(2024, 3, 1))  # with the 7 % flat rate
    receipt(project, material, "B-2", "2140.00", on=date(2025, 3, 1))
    receipt(project, material, "B-3", "-107.00", kind="credit_note", on=date(2025, 4, 1))
    # the plan is 30,000 + 7 % flat rate = 32,100; spent 7,383.00 + 7 % = 7,899.81 -> 24.6 %
    assert figures.budget_spent_share(project, START, END) == 24.6
    assert figures.budget_spent_share(project, START, date(2024, 12, 31)) == 17.8  # 5,724.50 of 32,100 by then
    # by year: 2024 spent 5,724.50 of 10,700 = 53.5 %; 2025: 2,175.31 of 10,700 = 20.3 %; 2026 nothing
    assert figures.budget_spent_share_period(project, date(2024, 1, 1), date(2024, 12, 31)) == 53.5
    assert figures.budget_spent_share_period(project, date(2025, 1, 1), date(2025, 12, 31)) == 20.3
    assert figures.budget_spent_share_period(project, date(2026, 1, 1), date(2026, 12, 31)) == 0.0
    rows = figures.spending_by_year(project)
    assert [(r.year, r.planned, r.actual, r.share) for r in rows] == [
        (2024, D("10700.00"), D("5724.50"), D("53.5")),
        (2025, D("10700.00"), D("2175.31"), D("20.3")),
        (2026, D("10700.00"), D("0.00"), D("0.0")),
    ]


def test_a_plan_with_nothing_planned_gives_no_share(project, categories):
    Plan.objects.create(project=project)
    receipt(project, categories["sachkosten"], "B-1", "100.00")
    assert figures.budget_spent_share(project, START, END) is None  # division by zero: no value
    assert figures.budget_spent_share_period(project, START, END) is None
    assert figures.spending_by_year(project)[0].share is None


def test_query_count_does_not_grow_with_the_data(project, categories):
    make_plan(project, categories)

    def queries():
        with CaptureQueriesContext(connection) as captured, figure_scope():
            for definition in figures.INDICATORS:
                definition.compute(project, START, END)
        return len(captured)

    day = make_event(project, Event.Kind.CONFERENCE_DAY, date(2024, 5, 10))
    attend(day, people(2))
    receipt(project, categories["veranstaltungen"], "B-1", "100.00", event=day)
    few = queries()
    for n in range(2, 30):
        receipt(project, categories["veranstaltungen"], f"B-{n}", "10.00", event=day, on=date(2024, 1 + n % 12, 3))
    attend(day, people(10, "more"))
    assert queries() == few


def test_only_finance_users_see_cost_figures(project, categories, make_user):
    make_plan(project, categories)
    receipt(project, categories["sachkosten"], "B-1", "1000.00")
    lead, finance, reviewer = make_user("project_lead"), make_user("finance"), make_user("read_only")
    staff, coordinator = make_user("project_staff"), make_user("network_coordinator")
    for user in (lead, finance, reviewer):
        assert {d.code for d in registry.visible_to(user)} >= COST_CODES
    for user in (staff, coordinator, None):
        assert not COST_CODES & {d.code for d in registry.visible_to(user)}

    def codes(user):
        return {row.code for row in services.build_report(project, user=user).figures}

    assert {"budget_spent_share", "budget_spent_share_period"} <= codes(reviewer)  # the funder's reviewer
    assert {"budget_spent_share", "budget_spent_share_period"} <= codes(lead)
    assert not COST_CODES & codes(staff)
    assert not COST_CODES & codes(None)  # the command line's report: no cost figures
    # no value, no row: no event costs were linked, so no cost per participant appears even for the lead
    assert "cost_per_participant" not in codes(lead)
    board = {row.code for row in services.dashboard(project, user=lead).figures}
    assert "budget_spent_share" in board
    assert not COST_CODES & {row.code for row in services.dashboard(project, user=staff).figures}


def test_no_plan_no_cost_rows(project, make_user):
    lead = make_user("project_lead")
    assert not COST_CODES & {row.code for row in services.build_report(project, user=lead).figures}


def test_report_page_shows_cost_figures_to_the_lead_only(project, categories, make_user, client):
    make_plan(project, categories)
    receipt(project, categories["sachkosten"], "B-1", "1000.00")
    url = reverse("impact:report", args=[project.slug])
    client.force_login(make_user("project_lead"))
    page = client.get(url)
    assert page.status_code == 200
    assert "Anteil des Budgets verausgabt" in page.content.decode()
    client.force_login(make_user("project_staff"))
    page = client.get(url)
    assert page.status_code == 200
    assert "Anteil des Budgets verausgabt" not in page.content.decode()


def test_targets_on_cost_figures_are_for_finance_users_only(project, categories, make_user, client):
    from inklusio.impact.models import Target

    make_plan(project, categories)
    receipt(project, categories["sachkosten"], "B-1", "1000.00")
    Target.objects.create(project=project, code="budget_spent_share", baseline=0, target=100)
    today = date(2025, 6, 30)
    lead, staff = make_user("project_lead"), make_user("project_staff")
    assert "budget_spent_share" in {row.code for row in services.target_progress(project, today, "de", user=lead)}
    assert not {row.code for row in services.target_progress(project, today, "de", user=staff)} & COST_CODES
    url = reverse("impact:target_edit", args=[project.slug, "budget_spent_share"])
    client.force_login(staff)
    assert client.get(url).status_code == 404
    client.force_login(lead)
    assert client.get(url).status_code == 200
