"""Receipts and privacy: a paid private person's receipts in the access request, erased without changing any
total; the retention of receipts, counted from the end of the receipt's year."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.core.extensions import personal_data_for
from inklusio.finance import queries, receipts
from inklusio.finance.models import Receipt
from inklusio.privacy import retention
from inklusio.privacy.erasure import erase_person

pytestmark = pytest.mark.django_db
KEY = "finance.receipts"


@pytest.fixture
def person(db):
    return Person.objects.create(first_name="Hanna", last_name="Honorar", email="hanna@example.org")


def test_access_request_lists_the_persons_receipts(person, make_receipt):
    make_receipt("H-1", payee="Hanna Honorar", payee_is_person=True, payee_person=person, category="honorare")
    make_receipt("2")
    sections = {label: data for label, _name, data in personal_data_for(person)}
    [records] = sections["finance"].values()
    assert [(r["number"], r["payee"], r["gross"]) for r in records] == [("H-1", "Hanna Honorar", "100.00")]


def test_erasure_keeps_amounts_and_totals(person, project, make_receipt, make_user):
    make_receipt("H-1", payee="Hanna Honorar", payee_is_person=True, payee_person=person, gross="450.00")
    make_receipt("H-2", kind="refund", gross="-50.00", payee="Hanna Honorar", payee_person=person)
    make_receipt("3", gross="10.00")
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    before_actual = queries.actual_amounts(project, start, end)
    before_sum = receipts.counted_sum(Receipt.objects.filter(project=project))
    erase_person(person, actor=make_user("project_lead"), reason="Antrag")
    assert queries.actual_amounts(project, start, end) == before_actual
    assert receipts.counted_sum(Receipt.objects.filter(project=project)) == before_sum == Decimal("410.00")
    erased = Receipt.objects.filter(number__startswith="H-")
    assert set(erased.values_list("payee", "payee_person")) == {("anonymised", None)}
    assert not Receipt.objects.filter(payee__icontains="Hanna").exists()


def test_retention_counts_from_the_end_of_the_receipts_year(make_receipt, settings, django_capture_on_commit_callbacks):
    category = retention.category(KEY)
    assert category.default_period() == 3653 >= category.minimum_days
    stored = "finance/receipts/alt.pdf"
    old = make_receipt("alt", receipt_date=date(2014, 12, 31), scan_path=stored, scan_name="alt.pdf")
    scan = settings.UPLOAD_ROOT / "finance" / "receipts" / "alt.pdf"
    scan.parent.mkdir(parents=True)
    scan.write_bytes(b"%PDF-1.4")
    make_receipt("neu", receipt_date=date(2015, 1, 1))
    days = category.default_period()
    # the period counts from the end of 2014: due once the cutoff (now minus the period) is in 2015
    just_before = timezone.make_aware(datetime(2014, 12, 31, 12)) + timedelta(days=days)
    after = timezone.make_aware(datetime(2015, 1, 1, 12)) + timedelta(days=days)
    assert [e.count for e in retention.dry_run(just_before, keys={KEY})] == [0]
    assert [e.count for e in retention.dry_run(after, keys={KEY})] == [1]
    with django_capture_on_commit_callbacks(execute=True):
        run = retention.run(after, keys={KEY})
    assert run.results[KEY]["count"] == 1
    assert not Receipt.objects.filter(pk=old.pk).exists() and not scan.exists()
    assert list(Receipt.objects.values_list("number", flat=True)) == ["neu"]
    assert retention.run(after, keys={KEY}).results[KEY]["count"] == 0
