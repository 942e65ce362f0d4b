"""The plan pages through the real URL routing: who may do what, German and English amounts, bad input kept and
explained, another plan's line ids, approval by the lead only, deletion after a confirmation."""

from datetime import date
from decimal import Decimal

import pytest

from inklusio.core.models import AuditEvent, Project
from inklusio.finance import plan as plans
from inklusio.finance.models import CostCategory, FinancingSource, Plan, PlanLine
from tests.finance.test_plan_services import categories, finance_user, the_plan  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
D = Decimal
BASE = "/staff/finance/projects/test/plan/"


@pytest.fixture
def as_finance(client, finance_user):  # noqa: F811
    client.force_login(finance_user)
    return client


def _line_data(category, **extra):
    return {"category": category.pk, "year": "2024", "description": "", "position_title": "", "fte_share": "",
            "months": "", "monthly_rate": "", "amount": "", **extra}  # fmt: skip


def test_create_the_plan_and_a_personnel_line_in_german(as_finance, project, categories):  # noqa: F811
    assert as_finance.get(BASE).status_code == 200
    response = as_finance.post(f"{BASE}new/", {"deviation_threshold_percent": "15,5", "spend_within_days": "30"})
    assert response.status_code == 302
    plan = Plan.objects.get(project=project)
    assert (plan.deviation_threshold_percent, plan.spend_within_days) == (D("15.5"), 30)
    data = _line_data(categories["personal"], position_title="Leitung", fte_share="0,5", months="12",
                      monthly_rate="4.123,45")  # fmt: skip
    assert as_finance.post(f"{BASE}lines/new/", data).status_code == 302
    assert PlanLine.objects.get().amount == D("24740.70")
    page = as_finance.get(BASE).content.decode()
    assert "24.740,70" in page and "Leitung" in page


def test_english_amounts(client, finance_user, the_plan, categories):  # noqa: F811
    client.force_login(finance_user)
    response = client.post(f"/en{BASE}lines/new/", _line_data(categories["honorare"], amount="1,234.56"))
    assert response.status_code == 302
    assert PlanLine.objects.get().amount == D("1234.56")


@pytest.mark.parametrize(
    "amount", ["-5", "abc", "1" * 1_000_000, "1" * 13, "1.234.56", "12,345,6", "1e6", "∞", "NaN", "١٢٣"]
)
def test_bad_amounts_are_refused_and_the_input_kept(as_finance, the_plan, categories, amount):  # noqa: F811
    data = _line_data(categories["honorare"], amount=amount, description="Workshop Mai")
    response = as_finance.post(f"{BASE}lines/new/", data)
    assert response.status_code == 200
    assert response.context["form"].has_error("amount")
    if len(amount) < 100:
        assert "Workshop Mai" in response.content.decode()
    assert not PlanLine.objects.exists()


@pytest.mark.parametrize("fte", ["1,5", "-0,5", "abc", "0,12345", "1" * 5000])
def test_bad_shares_of_a_post_are_refused(as_finance, the_plan, categories, fte):  # noqa: F811
    data = _line_data(categories["personal"], position_title="X", fte_share=fte, months="12", monthly_rate="100")
    response = as_finance.post(f"{BASE}lines/new/", data)
    assert response.status_code == 200 and response.context["form"].has_error("fte_share")
    assert not PlanLine.objects.exists()


def test_personnel_needs_its_fields_and_others_an_amount(as_finance, the_plan, categories):  # noqa: F811
    response = as_finance.post(f"{BASE}lines/new/", _line_data(categories["personal"]))
    form = response.context["form"]
    assert all(form.has_error(n) for n in ("position_title", "fte_share", "months", "monthly_rate"))
    response = as_finance.post(f"{BASE}lines/new/", _line_data(categories["honorare"]))
    assert response.context["form"].has_error("amount")


def test_archived_and_flat_rate_categories_are_not_offered(as_finance, the_plan, categories):  # noqa: F811
    plans.set_archived(categories["reisekosten"], True, None)
    response = as_finance.get(f"{BASE}lines/new/")
    offered = set(response.context["form"].fields["category"].queryset.values_list("key", flat=True))
    assert "reisekosten" not in offered and "verwaltung" not in offered and "personal" in offered
    response = as_finance.post(f"{BASE}lines/new/", _line_data(categories["reisekosten"], amount="5"))
    assert response.context["form"].has_error("category")


def test_a_grant_as_rate_and_the_balance_message(as_finance, the_plan, categories):  # noqa: F811
    as_finance.post(f"{BASE}lines/new/", _line_data(categories["honorare"], amount="1000"))
    data = {"kind": "grant", "name": "Aktion Mensch", "year": "2024", "amount": "", "rate_percent": "80"}
    assert as_finance.post(f"{BASE}financing/new/", data).status_code == 302
    page = as_finance.get(BASE).content.decode()
    assert "214,00" in page  # 1,070.00 costs - 856.00 grant
    data = {"kind": "own", "name": "Eigenmittel", "year": "2024", "amount": "214,00", "rate_percent": ""}
    assert as_finance.post(f"{BASE}financing/new/", data).status_code == 302
    assert plans.figures(the_plan).state == "balanced"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "own", "amount": "", "rate_percent": "10"}, "rate_percent"),
        ({"kind": "grant", "amount": "5", "rate_percent": "10"}, "amount"),
        ({"kind": "grant", "amount": "", "rate_percent": ""}, "amount"),
        ({"kind": "grant", "amount": "", "rate_percent": "101"}, "rate_percent"),
    ],
)
def test_bad_financing(as_finance, the_plan, data, field):  # noqa: F811
    response = as_finance.post(f"{BASE}financing/new/", {"name": "X", "year": "2024", **data})
    assert response.status_code == 200 and response.context["form"].has_error(field)
    assert not FinancingSource.objects.exists()


def test_another_plans_line_and_source_are_not_found(as_finance, the_plan, categories, lead):  # noqa: F811
    other_project = Project.objects.create(title="B", slug="b", funder="Aktion Mensch", start=date(2024, 1, 1),
                                           end=date(2024, 12, 31))  # fmt: skip
    other = plans.create_plan(other_project, {}, lead)
    line = PlanLine.objects.create(plan=other, category=categories["honorare"], year=2024, amount=D("5"))
    source = FinancingSource.objects.create(plan=other, kind="own", name="E", year=2024, amount=D("5"))
    for path in (f"lines/{line.pk}/edit/", f"lines/{line.pk}/delete/", f"financing/{source.pk}/edit/",
                 f"financing/{source.pk}/delete/"):  # fmt: skip
        assert as_finance.get(BASE + path).status_code == 404
        assert as_finance.post(BASE + path, {"amount": "1"}).status_code == 404
    assert PlanLine.objects.get(pk=line.pk).amount == D("5.00") and FinancingSource.objects.filter(pk=source.pk)


def test_delete_asks_first(as_finance, the_plan, categories):  # noqa: F811
    line = PlanLine.objects.create(plan=the_plan, category=categories["honorare"], year=2024, amount=D("5"))
    response = as_finance.get(f"{BASE}lines/{line.pk}/delete/")
    assert response.status_code == 200 and PlanLine.objects.filter(pk=line.pk).exists()
    assert as_finance.post(f"{BASE}lines/{line.pk}/delete/").status_code == 302
    assert not PlanLine.objects.filter(pk=line.pk).exists()
    assert AuditEvent.objects.filter(action="finance.plan_line.delete").exists()


@pytest.mark.parametrize("role", ["read_only", "project_staff", "network_coordinator"])
def test_other_roles_are_refused(client, make_user, the_plan, categories, role):  # noqa: F811
    client.force_login(make_user(role))
    for path in ("/staff/finance/", "/staff/finance/categories/", BASE, f"{BASE}lines/new/", f"{BASE}approve/"):
        assert client.get(path).status_code == 403, path
    data = _line_data(categories["honorare"], amount="5")
    assert client.post(f"{BASE}lines/new/", data).status_code == 403
    assert client.post(f"{BASE}approve/").status_code == 403
    assert not PlanLine.objects.exists()


def test_finance_cannot_approve_the_lead_can(client, finance_user, lead, the_plan, categories):  # noqa: F811
    PlanLine.objects.create(plan=the_plan, category=categories["honorare"], year=2024, amount=D("100"))
    FinancingSource.objects.create(plan=the_plan, kind="grant", name="AM", year=2024, amount=D("107"))
    client.force_login(finance_user)
    assert client.get(f"{BASE}approve/").status_code == 403
    assert client.post(f"{BASE}approve/").status_code == 403
    assert "Approve the plan" not in client.get(f"/en{BASE}").content.decode()
    client.force_login(lead)
    assert client.get(f"{BASE}approve/").status_code == 200
    assert client.post(f"{BASE}approve/").status_code == 302
    the_plan.refresh_from_db()
    assert the_plan.approved_by == lead
    client.force_login(finance_user)
    response = client.post(f"/en{BASE}settings/", {"deviation_threshold_percent": "25", "spend_within_days": "42"},
                           follow=True)  # fmt: skip
    assert "set it back to draft" in response.content.decode()
    the_plan.refresh_from_db()
    assert the_plan.approved_at is None
    assert "is a draft again" in client.get(f"/en{BASE}").content.decode()


def test_an_unbalanced_plan_is_not_approved(client, lead, the_plan, categories):  # noqa: F811
    PlanLine.objects.create(plan=the_plan, category=categories["honorare"], year=2024, amount=D("100"))
    client.force_login(lead)
    client.post(f"{BASE}approve/")
    the_plan.refresh_from_db()
    assert the_plan.approved_at is None


def test_overview_lists_projects_with_status(as_finance, the_plan, categories):  # noqa: F811
    page = as_finance.get("/en/staff/finance/").content.decode()
    assert "Testprojekt" in page and "draft" in page
    assert as_finance.get("/staff/finance/?page=abc").status_code == 200


def test_overview_empty_state(as_finance):
    page = as_finance.get("/en/staff/finance/").content.decode()
    assert "No projects yet" in page


def test_categories_create_validate_archive(as_finance, categories):  # noqa: F811
    base = "/staff/finance/categories/"
    data = {"funder": "Stiftung X", "key": "reise", "name": "Reise", "kind": "travel", "flat_rate_percent": ""}
    assert as_finance.post(f"{base}new/", data).status_code == 302
    response = as_finance.post(f"{base}new/", data)
    assert response.context["form"].has_error("key")
    response = as_finance.post(f"{base}new/", {**data, "key": "pauschale", "kind": "flat_rate"})
    assert response.context["form"].has_error("flat_rate_percent")
    response = as_finance.post(f"{base}new/", {**data, "key": "x", "flat_rate_percent": "5"})
    assert response.context["form"].has_error("flat_rate_percent")
    response = as_finance.post(f"{base}new/", {**data, "key": "p", "kind": "flat_rate", "flat_rate_percent": "150"})
    assert response.context["form"].has_error("flat_rate_percent")
    assert CostCategory.objects.filter(funder="Stiftung X").count() == 1
    category = categories["reisekosten"]
    assert as_finance.get(f"{base}{category.pk}/archive/").status_code == 200
    assert as_finance.post(f"{base}{category.pk}/archive/").status_code == 302
    category.refresh_from_db()
    assert category.archived_at is not None
    assert as_finance.post(f"{base}{category.pk}/unarchive/").status_code == 302
    category.refresh_from_db()
    assert category.archived_at is None
    assert as_finance.post(f"{base}{category.pk}/move/", {"direction": "up"}).status_code == 302


def test_a_category_in_use_keeps_its_key(as_finance, the_plan, categories):  # noqa: F811
    category = categories["honorare"]
    PlanLine.objects.create(plan=the_plan, category=category, year=2024, amount=D("5"))
    data = {"funder": "Other", "key": "changed", "name": "Honorare neu", "kind": "other", "flat_rate_percent": ""}
    assert as_finance.post(f"/staff/finance/categories/{category.pk}/edit/", data).status_code == 302
    category.refresh_from_db()
    assert (category.funder, category.key, category.kind, category.name) == ("Aktion Mensch", "honorare", "fees",
                                                                             "Honorare neu")  # fmt: skip
    response = as_finance.post(f"/staff/finance/categories/{category.pk}/delete/")
    assert response.status_code == 409 and CostCategory.objects.filter(pk=category.pk).exists()


def test_a_funder_without_categories_is_told_what_to_do(as_finance, project):
    page = as_finance.get(f"/en{BASE}").content.decode()
    assert "has no cost categories yet" in page and "/staff/finance/categories/new/?funder=Aktion%20Mensch" in page


def test_the_navigation_shows_finance_to_finance_and_the_lead_only(client, finance_user, make_user):  # noqa: F811
    client.force_login(finance_user)
    assert 'href="/en/staff/finance/"' in client.get("/en/staff/finance/").content.decode()
    client.force_login(make_user("project_staff"))
    dashboard = client.get("/en/staff/")
    assert dashboard.status_code == 200 and 'href="/en/staff/finance/"' not in dashboard.content.decode()


@pytest.mark.parametrize(("prefix", "fte", "rate"), [("", "0,5", "4000,00"), ("/en", "0.5", "4000.00")])
def test_the_edit_form_shows_numbers_as_the_language_writes_them(as_finance, the_plan, categories, prefix, fte, rate):  # noqa: F811
    line = PlanLine(category=categories["personal"], year=2024, position_title="Leitung", fte_share=D("0.500"),
                    months=D("12.0"), monthly_rate=D("4000"), amount=D("0"))  # fmt: skip
    plans.save_line(the_plan, line, None)
    page = as_finance.get(f"{prefix}{BASE}lines/{line.pk}/edit/").content.decode()
    assert f'value="{fte}"' in page and f'value="{rate}"' in page and 'value="12"' in page
    data = _line_data(categories["personal"], position_title="Leitung", fte_share=fte, months="12", monthly_rate=rate)
    assert as_finance.post(f"{prefix}{BASE}lines/{line.pk}/edit/", data).status_code == 302
    assert PlanLine.objects.get(pk=line.pk).amount == D("24000.00")
