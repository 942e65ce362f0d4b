"""Forms of the receipt pages: a receipt with its scan, and the list's filter."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusio.core.forms import LongSelect, latest_first
from inklusio.core.uploads import CheckedFileField

from . import money
from .models import CategoryKind, CostCategory, Receipt, ReceiptKind
from .receipts import SCAN_TYPES, ReceiptFilter, scan_max_bytes, signed

LATEST_OFFERED = 300  # events, mailings and meetings offered in a receipt's drop-downs


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AmountField(forms.CharField):
    """An amount in euros as people write it (1.234,56 or 1234.56), cleaned to a Decimal by money.parse_amount."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "receipt-amount"})

    def prepare_value(self, value):
        if value in (None, ""):
            return ""
        if isinstance(value, str):
            return value
        return f"{abs(value):.2f}".replace(".", ",")

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            amount = money.parse_amount(text)
        except money.AmountError:
            raise forms.ValidationError(_("Enter an amount in euros, e.g. 1.234,56."), code="amount") from None
        if abs(amount) >= 10**12:
            raise forms.ValidationError(_("This amount is too large."), code="amount_size")
        return amount


class ReceiptForm(forms.ModelForm):
    gross = AmountField(
        label=_("Gross amount in euros"),
        help_text=_("Type it without a sign: credit notes and refunds are stored as negative amounts."),
    )
    vat = AmountField(
        label=_("VAT share in euros"),
        required=False,
        help_text=_("Only for organisations entitled to deduct input VAT: then the net amount counts."),
    )
    scan = CheckedFileField(
        label=_("Scan of the receipt"),
        required=False,
        types={extension: signatures for extension, (_type, signatures) in SCAN_TYPES.items()},
        max_bytes=scan_max_bytes,
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
    )
    remove_scan = forms.BooleanField(label=_("Remove the stored scan"), required=False)

    class Meta:
        model = Receipt
        fields = [
            "number",
            "kind",
            "receipt_date",
            "paid_on",
            "payee",
            "payee_is_person",
            "description",
            "gross",
            "vat",
            "category",
            "event",
            "mailing",
            "meeting",
            "contract",
        ]
        widgets = {
            "receipt_date": DateInput(),
            "paid_on": DateInput(),
            "kind": forms.RadioSelect,
            **dict.fromkeys(("event", "mailing", "meeting"), LongSelect),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        current = self.instance.category_id if self.instance.pk else None
        # a flat rate is computed from the other costs, never booked (the statement would leave it out)
        bookable = CostCategory.objects.filter(funder=project.funder).exclude(kind=CategoryKind.FLAT_RATE)
        self.fields["category"].queryset = bookable.filter(archived_at__isnull=True) | bookable.filter(pk=current)
        self.fields["category"].empty_label = None if self.instance.pk else _("Choose a cost category")
        # the records the receipt may belong to: the project's own (the querysets the model's relations give), the
        # latest few hundred of each and the one chosen, so the drop-downs stay short however many there are
        fields, instance = self.fields, self.instance
        events = fields["event"].queryset.filter(project=project)
        fields["event"].queryset = latest_first(events, "starts_at", keep=instance.event_id, limit=LATEST_OFFERED)
        mailings = fields["mailing"].queryset.filter(project=project)
        fields["mailing"].queryset = latest_first(mailings, "created", keep=instance.mailing_id, limit=LATEST_OFFERED)
        meetings = fields["meeting"].queryset.filter(network__projects=project).distinct()
        fields["meeting"].queryset = latest_first(meetings, "starts_at", keep=instance.meeting_id, limit=LATEST_OFFERED)
        for name in ("event", "mailing", "meeting"):
            fields[name].empty_label = _("none")
            fields[name].help_text = _("The latest %(count)d are offered, and the one already chosen.") % {
                "count": LATEST_OFFERED
            }
        self.fields["kind"].choices = ReceiptKind.choices
        self.fields["description"].widget = forms.TextInput()
        if not self.instance.scan_path:
            del self.fields["remove_scan"]

    def clean_vat(self):
        vat = self.cleaned_data.get("vat")
        return abs(vat) if vat is not None else None

    def clean_gross(self):
        gross = self.cleaned_data.get("gross")
        if gross is not None and gross < 0 and self.data.get(self.add_prefix("kind")) == ReceiptKind.INVOICE:
            raise forms.ValidationError(
                _("An invoice cannot be negative. Choose “credit note” or “refund” for money that came back."),
                code="negative_invoice",
            )
        return abs(gross) if gross is not None else None

    def clean(self):
        data = super().clean()
        gross, vat = data.get("gross"), data.get("vat")
        if gross is not None and vat is not None and vat > gross:
            self.add_error("vat", _("The VAT share cannot be larger than the gross amount."))
        paid, issued = data.get("paid_on"), data.get("receipt_date")
        if paid and issued and (paid - issued).days > 3 * 366:
            self.add_error("paid_on", _("The payment date is more than three years after the receipt date."))
        number = (data.get("number") or "").strip()
        if number:
            data["number"] = number
            others = Receipt.objects.filter(project=self.project, number=number).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("number", _("This project already has a receipt with this number."))
        kind = data.get("kind")
        if kind and gross is not None:  # the sign follows the kind, so the model's check sees the stored amounts
            data["gross"], data["vat"] = signed(kind, gross), signed(kind, vat)
        return data

    def scan_extension(self) -> str:
        upload = self.cleaned_data.get("scan")
        return Path(upload.name).suffix.lower().lstrip(".") if upload else ""


class ReceiptFilterForm(forms.Form):
    q = forms.CharField(label=_("Search number, payee or description"), required=False, max_length=100)
    category = forms.ModelChoiceField(
        label=_("Cost category"), queryset=CostCategory.objects.none(), required=False, empty_label=_("All")
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    without_scan = forms.BooleanField(label=_("Only receipts without a scan"), required=False)

    hide_optional = True  # every filter is optional

    def __init__(self, *args, project, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = CostCategory.objects.filter(funder=project.funder).exclude(
            kind=CategoryKind.FLAT_RATE
        )
        self.fields["year"].choices = [("", _("All")), *((y, str(y)) for y in years)]
        self.fields["kind"].choices = [("", _("All")), *ReceiptKind.choices]

    def chosen(self) -> ReceiptFilter:
        if not self.is_valid():
            return ReceiptFilter()
        data = self.cleaned_data
        return ReceiptFilter(
            category=data["category"].pk if data.get("category") else None,
            year=data.get("year"),
            kind=data.get("kind") or "",
            without_scan=bool(data.get("without_scan")),
            search=(data.get("q") or "").strip(),
        )


class BookingUploadForm(forms.Form):
    file = CheckedFileField(
        label=_("Booking export"),
        help_text=_("CSV (UTF-8 or Windows-1252) or Excel (.xlsx) with a header row: date, amount, account, text."),
    )


COLUMN_LABELS = {
    "date": _("Column with the date"),
    "amount": _("Column with the amount"),
    "account": _("Column with the account"),
    "text": _("Column with the booking text"),
}


class BookingMappingForm(forms.Form):
    """Which column holds what, and which cost category each account of the file belongs to."""

    def __init__(self, *args, header, accounts, categories, initial_columns, initial_accounts, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a column")), *((str(i), name or f"#{i + 1}") for i, name in enumerate(header))]
        for name, label in COLUMN_LABELS.items():
            guessed = initial_columns.get(name)
            self.fields[f"column_{name}"] = forms.ChoiceField(
                label=label, choices=choices, initial="" if guessed is None else str(guessed)
            )
        self.accounts = list(accounts)
        for index, account in enumerate(self.accounts):
            field = forms.ModelChoiceField(
                label=_("Account %(account)s") % {"account": account},
                queryset=categories,
                required=False,
                empty_label=_("Choose a cost category"),
                initial=initial_accounts.get(account),
            )
            self.fields[f"account_{index}"] = field

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"column_{name}") for name in COLUMN_LABELS]
        if all(chosen) and len(set(chosen)) < len(chosen):
            raise forms.ValidationError(_("Each column can hold only one of date, amount, account and text."))
        return data

    def columns(self) -> dict:
        return {name: int(self.cleaned_data[f"column_{name}"]) for name in COLUMN_LABELS}

    def account_mapping(self) -> dict:
        found = {}
        for index, account in enumerate(self.accounts):
            category = self.cleaned_data.get(f"account_{index}")
            if category is not None:
                found[account] = category.pk
        return found
