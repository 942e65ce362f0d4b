"""Forms of payment requests and statements. Amounts are typed as people write them (1.234,56 or 1234.56)."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import money, statements
from .models import PaymentRequest, Statement, StatementKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AmountField(forms.Field):
    """A euro amount in German or English notation, kept as Decimal rounded to the cent."""

    widget = forms.TextInput

    def __init__(self, *, min_value=None, **kwargs):
        self.min_value = min_value
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "30"})

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)

    def to_python(self, value):
        value = str(value).strip() if value is not None else ""
        if value in self.empty_values:
            return None
        if len(value) > 30:
            raise forms.ValidationError(_("This amount is too large."))
        try:
            amount = money.parse_amount(value)
        except money.AmountError:
            raise forms.ValidationError(_("Enter an amount in euros, for example 1.234,56.")) from None
        if abs(amount) >= 10**12:
            raise forms.ValidationError(_("This amount is too large."))
        if self.min_value is not None and amount < self.min_value:
            raise forms.ValidationError(_("Enter an amount of at least %(min)s €.") % {"min": self.min_value})
        return amount


class PaymentRequestForm(forms.ModelForm):
    amount_requested = AmountField(label=_("Amount requested (€)"), min_value=money.CENT)
    amount_received = AmountField(
        label=_("Amount received (€)"), required=False, min_value=0, help_text=_("Leave empty until the money arrives.")
    )

    class Meta:
        model = PaymentRequest
        fields = ["number", "requested_on", "amount_requested", "received_on", "amount_received", "note"]
        widgets = {"requested_on": DateInput(), "received_on": DateInput()}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["number"].label = pgettext_lazy("payment request", "Number")
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = PaymentRequest.objects.filter(project=self.project, number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This project already has a payment request with this number."))
        return number

    def clean(self):
        data = super().clean()
        received_on, amount = data.get("received_on"), data.get("amount_received")
        half = (received_on is None) != (amount is None)
        if half and not {"received_on", "amount_received"} & set(self.errors):
            self.add_error(
                "amount_received" if amount is None else "received_on",
                _("Enter both the amount received and the day it arrived, or neither."),
            )
        requested_on = data.get("requested_on")
        if received_on and requested_on and received_on < requested_on:
            self.add_error("received_on", _("The money cannot arrive before it was requested."))
        return data


class StatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["kind", "period_start", "period_end"]
        widgets = {"kind": forms.RadioSelect, "period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["kind"].choices = StatementKind.choices

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            for problem in statements.validate_period(self.project, start, end):
                self.add_error("period_end" if end < start else None, problem)
        return data

    def validate_constraints(self, exclude=None):
        pass  # the period check above says it in words; the database constraint stays as the last guard


class ExplanationForm(forms.Form):
    text = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the actual costs differ from the plan. Leave empty to remove the explanation."),
    )
