"""Art. 15 and Art. 17 for receipts: a private person paid by the project (a fee, travel costs) is personal data."""

from django.utils.translation import gettext as _

from .models import Receipt

ANONYMISED = "anonymised"


def personal_data(person):
    receipts = Receipt.objects.filter(payee_person=person).select_related("project", "category")
    return {
        _("Receipts of payments to you"): [
            {
                "project": r.project.title,
                "number": r.number,
                "receipt_date": r.receipt_date.isoformat(),
                "paid_on": r.paid_on.isoformat() if r.paid_on else "",
                "payee": r.payee,
                "description": r.description,
                "gross": str(r.gross),
                "category": r.category.name,
            }
            for r in receipts.order_by("receipt_date", "pk")
        ]
    }


def erase_person(person, actor):
    """The payee's name goes; the amounts stay, so the project's costs and statements keep their totals."""
    Receipt.objects.filter(payee_person=person).update(payee=ANONYMISED, payee_person=None)
    return []


def merge_person(survivor, duplicate, actor):
    moved = Receipt.objects.filter(payee_person=duplicate).update(payee_person=survivor)
    return [f"receipts: {moved}"] if moved else []
