"""The authorization matrix's rows for the finance receipts pages (merged into EXPECTED and ARGS of
``test_authorization_matrix``), and the objects they request, added to the world by :func:`build`."""

# name: (GET, POST), one token per role as in test_authorization_matrix.EXPECTED:
#    anonymous   password-only lead   reviewer   coordinator   staff   lead   superuser   company contact   finance
EXPECTED: dict[str, tuple[str, str]] = {
    # the reviewer reads the list, a receipt and its scan (and may have the scans zipped for the audit); the lead
    # and the finance role enter, change and delete; staff, coordinators and company contacts see nothing
    "finance:receipt_create": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 400 400 403 400"),
    "finance:receipt_delete": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 go go 403 go"),
    "finance:receipt_detail": ("login code ok 403 403 ok ok 403 ok", "405 code 405 405 405 405 405 405 405"),
    "finance:receipt_edit": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 400 400 403 400"),
    # the booking import: whoever may enter receipts uploads; an upload's review is its uploader's alone
    "finance:receipt_import": ("login code 403 403 403 ok ok 403 ok", "login code 403 403 403 400 400 403 400"),
    "finance:receipt_import_review": ("login code 403 403 403 404 404 403 ok", "login code 403 403 403 404 404 403 ok"),
    "finance:receipt_list": ("login code ok 403 403 ok ok 403 ok", "405 code 405 405 405 405 405 405 405"),
    "finance:receipt_scan": ("login code ok 403 403 ok ok 403 ok", "405 code 405 405 405 405 405 405 405"),
    "finance:receipt_scans_zip": ("405 code 405 405 405 405 405 405 405", "login code go 403 403 go go 403 go"),
}

# name: lambda world: the URL's keyword arguments
ARGS: dict = {
    "finance:receipt_list": lambda w: {"slug": w.ids["project"]},
    "finance:receipt_create": lambda w: {"slug": w.ids["project"]},
    "finance:receipt_scans_zip": lambda w: {"slug": w.ids["project"]},
    "finance:receipt_detail": lambda w: {"slug": w.ids["project"], "pk": w.ids["receipt"]},
    "finance:receipt_edit": lambda w: {"slug": w.ids["project"], "pk": w.ids["receipt"]},
    "finance:receipt_delete": lambda w: {"slug": w.ids["project"], "pk": w.ids["receipt"]},
    "finance:receipt_import": lambda w: {"slug": w.ids["project"]},
    "finance:receipt_import_review": lambda w: {"slug": w.ids["project"], "pk": w.ids["booking_import"]},
    "finance:receipt_scan": lambda w: {"slug": w.ids["project"], "pk": w.ids["receipt"]},
}


def build(world) -> None:
    """Create the objects these rows request and put their ids in ``world.ids``."""
    from datetime import date
    from decimal import Decimal

    from django.conf import settings

    from inklusio.core.models import Project
    from inklusio.finance.demo import categories_for
    from inklusio.finance.models import Receipt

    project = Project.objects.get(slug=world.ids["project"])
    # a receipt of the reference project with its scan: the demo's books have them (the newest, outside the demo's
    # submitted statement, so it may be deleted); without books one is made, dated before the project so no
    # statement's figures change
    receipt = Receipt.objects.filter(project=project).exclude(scan_path="").order_by("-receipt_date", "-pk").first()
    if receipt is None:
        scans = settings.UPLOAD_ROOT / "finance" / "receipts"
        scans.mkdir(parents=True, exist_ok=True)
        (scans / "matrix-scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        receipt = Receipt.objects.create(
            project=project,
            number="MATRIX-1",
            receipt_date=date(2000, 1, 1),
            payee="Matrix GmbH",
            description="Matrix",
            gross=Decimal("10.00"),
            category=categories_for(project.funder)[0],
            scan_path="finance/receipts/matrix-scan.pdf",
            scan_name="scan.pdf",
            scan_type="application/pdf",
        )
    world.ids["receipt"] = receipt.pk
    # a booking import of the finance user's, refused when read (its review page reads no file): only the
    # uploader sees it, everyone else gets 404
    from inklusio.finance.models import BookingImport

    record = BookingImport.objects.create(
        project=project,
        uploaded_by=world.users["matrix-finance"],
        filename="buchungen.csv",
        stored_as="matrix-import",
        stage=BookingImport.Stage.REFUSED,
        review={"refused": "Die Datei ist leer."},
    )
    world.ids["booking_import"] = record.pk
