"""The authorization matrix's rows for the finance plan pages (merged into EXPECTED and ARGS of
``test_authorization_matrix``), and the objects they request, added to the world by :func:`build`.

Who: the finance role and the project lead see and edit the plan and the cost categories; only the lead (and the
superuser) approves; the reviewer, staff, the coordinator and the company contact see nothing of the plan.
"""

# name: (GET, POST), one token per role as in test_authorization_matrix.EXPECTED:
#    anonymous   password-only lead   reviewer   coordinator   staff   lead   superuser   company contact   finance
EXPECTED: dict[str, tuple[str, str]] = {
    "finance:category_archive": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   go    go    403   go",
    ),
    "finance:category_create": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
    "finance:category_delete": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   go    go    403   go",
    ),
    "finance:category_edit": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
    "finance:category_list": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   405   405   403   405",
    ),
    "finance:category_move": (
        "login  code  403   403   403   405   405   403   405",
        "login  code  403   403   403   go    go    403   go",
    ),
    "finance:category_unarchive": (
        "login  code  403   403   403   405   405   403   405",
        "login  code  403   403   403   go    go    403   go",
    ),
    "finance:overview": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   405   405   403   405",
    ),
    "finance:plan": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   405   405   403   405",
    ),
    "finance:plan_approve": (
        "login  code  403   403   403   ok    ok    403   403",
        "login  code  403   403   403   go    go    403   403",
    ),
    "finance:plan_create": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
    "finance:plan_financing_create": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
    "finance:plan_financing_delete": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   go    go    403   go",
    ),
    "finance:plan_financing_edit": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
    "finance:plan_line_create": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
    "finance:plan_line_delete": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   go    go    403   go",
    ),
    "finance:plan_line_edit": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
    "finance:plan_settings": (
        "login  code  403   403   403   ok    ok    403   ok",
        "login  code  403   403   403   ok    ok    403   ok",
    ),
}

# name: lambda world: the URL's keyword arguments
ARGS: dict = {
    "finance:category_edit": lambda w: {"pk": w.finance_category},
    "finance:category_archive": lambda w: {"pk": w.finance_category},
    "finance:category_unarchive": lambda w: {"pk": w.finance_category},
    "finance:category_move": lambda w: {"pk": w.finance_category},
    "finance:category_delete": lambda w: {"pk": w.finance_category_unused},
    "finance:plan": lambda w: {"slug": w.finance_plan_slug},
    "finance:plan_create": lambda w: {"slug": w.finance_noplan_slug},
    "finance:plan_settings": lambda w: {"slug": w.finance_plan_slug},
    "finance:plan_approve": lambda w: {"slug": w.finance_plan_slug},
    "finance:plan_line_create": lambda w: {"slug": w.finance_plan_slug},
    "finance:plan_line_edit": lambda w: {"slug": w.finance_plan_slug, "pk": w.finance_plan_line},
    "finance:plan_line_delete": lambda w: {"slug": w.finance_plan_slug, "pk": w.finance_plan_line},
    "finance:plan_financing_create": lambda w: {"slug": w.finance_plan_slug},
    "finance:plan_financing_edit": lambda w: {"slug": w.finance_plan_slug, "pk": w.finance_plan_source},
    "finance:plan_financing_delete": lambda w: {"slug": w.finance_plan_slug, "pk": w.finance_plan_source},
}


def build(world) -> None:
    """Create the objects these rows request and put their ids in ``world.ids``."""
    from datetime import date
    from decimal import Decimal

    from inklusio.core.models import Project
    from inklusio.finance.demo import categories_for
    from inklusio.finance.models import CostCategory, FinancingSource, Plan, PlanLine

    project = Project.objects.get(slug=world.ids["project"])
    categories = {c.key: c for c in categories_for(project.funder)}
    plan, _created = Plan.objects.get_or_create(project=project)
    year = project.start.year
    line = PlanLine.objects.create(plan=plan, category=categories["honorare"], year=year, amount=Decimal("1000.00"))
    source = FinancingSource.objects.create(plan=plan, kind="own", name="Matrix", year=year, amount=Decimal("70.00"))
    unused = CostCategory.objects.create(funder=project.funder, key="matrix-unused", name="Matrix", position=99)
    bare = Project.objects.create(
        title="Matrix ohne Plan", slug="matrix-ohne-plan", funder=project.funder, start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )  # fmt: skip
    world.ids.update(
        finance_plan_slug=project.slug,
        finance_noplan_slug=bare.slug,
        finance_plan_line=line.pk,
        finance_plan_source=source.pk,
        finance_category=categories["reisekosten"].pk,
        finance_category_unused=unused.pk,
    )
