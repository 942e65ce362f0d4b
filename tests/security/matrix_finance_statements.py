"""The authorization matrix's rows for the finance statements pages (merged into EXPECTED and ARGS of
``test_authorization_matrix``), and the objects they request, added to the world by :func:`build`."""

from datetime import date
from decimal import Decimal

# name: (GET, POST), one token per role as in test_authorization_matrix.EXPECTED:
#    anonymous   password-only lead   reviewer   coordinator   staff   lead   superuser   company contact   finance
EXPECTED: dict[str, tuple[str, str]] = {
    "finance:payment_request_list": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 ok ok 403 ok"),
    "finance:payment_request_create": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 ok ok 403 ok"),
    "finance:payment_request_update": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 ok ok 403 ok"),
    "finance:payment_request_delete": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 go go 403 go"),
    # the reviewer reads the statements and the receipt list; explaining is finance's, submitting the lead's
    "finance:statement_list": ("login code ok 403 403 ok ok 403 ok", "login code ok 403 403 ok ok 403 ok"),
    "finance:statement_create": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 ok ok 403 ok"),
    "finance:statement_detail": ("login code ok 403 403 ok ok 403 ok", "login code ok 403 403 ok ok 403 ok"),
    "finance:statement_explain": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 ok ok 403 ok"),
    # an incomplete statement: the lead's POST shows why it cannot be submitted (200), nothing is written
    "finance:statement_submit": ("login code 403 403 403 ok ok 403 403", "login code 403 403 403 ok ok 403 403"),
    "finance:statement_new_version": ("login code 403 403 403 405 405 403 405", "login code 403 403 403 go go 403 go"),
    "finance:statement_export": ("login code ok 403 403 ok ok 403 ok", "login code 405 403 403 405 405 403 405"),
    # made in the worker: a POST starts the job and goes to its page
    "finance:receipt_list_export": ("login code 405 403 403 405 405 403 405", "login code go 403 403 go go 403 go"),
}

# name: lambda world: the URL's keyword arguments
ARGS: dict = {
    "finance:payment_request_list": lambda w: {"slug": w.project},
    "finance:payment_request_create": lambda w: {"slug": w.project},
    "finance:payment_request_update": lambda w: {"slug": w.project, "pk": w.finance_payment_request},
    "finance:payment_request_delete": lambda w: {"slug": w.project, "pk": w.finance_payment_request},
    "finance:statement_list": lambda w: {"slug": w.project},
    "finance:statement_create": lambda w: {"slug": w.project},
    "finance:statement_detail": lambda w: {"slug": w.project, "pk": w.finance_statement},
    "finance:statement_explain": lambda w: {
        "slug": w.project,
        "pk": w.finance_statement,
        "category": w.finance_flagged_category,
        "year": w.finance_flagged_year,
    },
    "finance:statement_submit": lambda w: {"slug": w.project, "pk": w.finance_statement},
    "finance:statement_new_version": lambda w: {"slug": w.project, "pk": w.finance_submitted_statement},
    "finance:statement_export": lambda w: {"slug": w.project, "pk": w.finance_submitted_statement, "fmt": "xlsx"},
    "finance:receipt_list_export": lambda w: {"slug": w.project, "fmt": "xlsx"},
}


def build(world) -> None:
    """Create the objects these rows request and put their ids in ``world.ids``.

    A payment request; a draft statement with a flagged line that is not explained yet (so it cannot be submitted);
    a submitted statement (the demo's, or one made here where the demo keeps no books).
    """
    from inklusio.core.models import Project
    from inklusio.finance import statements
    from inklusio.finance.demo import categories_for
    from inklusio.finance.demo_statements import make_submitted_interim
    from inklusio.finance.models import PaymentRequest, Receipt, Statement

    project = Project.objects.get(slug=world.ids["project"])
    material = next(c for c in categories_for(project.funder) if c.key == "sachkosten")
    day = date(project.start.year + 1, 3, 1)
    submitted = Statement.objects.filter(project=project, submitted_at__isnull=False).first()
    submitted = submitted or make_submitted_interim(project, None)
    request = PaymentRequest.objects.create(
        project=project, number=900, requested_on=day, amount_requested=Decimal("1000.00"),
        received_on=day, amount_received=Decimal("1000.00"),
    )  # fmt: skip
    draft = statements.create(project, "interim", date(day.year, 1, 1), date(day.year, 12, 31), None)
    flagged = statements.compute(draft).flagged
    if not flagged:  # no books, or books close to the plan: spend far beyond it
        Receipt.objects.create(
            project=project, number="MATRIX-S-1", receipt_date=day, paid_on=day, payee="Matrix GmbH",
            description="Toner", gross=Decimal("999999.00"), category=material,
        )  # fmt: skip
        flagged = statements.compute(draft).flagged
    world.ids.update(
        finance_payment_request=request.pk,
        finance_statement=draft.pk,
        finance_flagged_category=flagged[0].category_key,
        finance_flagged_year=flagged[0].year,
        finance_submitted_statement=submitted.pk,
    )
