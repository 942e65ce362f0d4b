"""Forms of the plan pages: amounts typed the German ("1.234,56") or the English way ("1,234.56")."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import CategoryKind, CostCategory, FinancingKind, FinancingSource, Plan, PlanLine
from .money import AmountError, parse_amount

# MONEY is 14 digits with 2 places: at most 12 before the decimal mark.
MAX_AMOUNT = Decimal("999999999999.99")


class AmountField(forms.CharField):
    """An amount in euros, through ``money.parse_amount``; never negative unless ``allow_negative``."""

    default_error_messages = {
        "invalid": _("Enter an amount in euros, e.g. 1.234,56 or 1234.56."),
        "negative": _("The amount cannot be negative."),
        "too_large": _("The amount is too large."),
    }

    def __init__(self, *, allow_negative=False, max_chars=30, **kwargs):
        super().__init__(**kwargs)
        self.max_chars = max_chars  # checked on the text, before it becomes a number
        self.widget.attrs.setdefault("maxlength", str(max_chars))
        self.allow_negative = allow_negative
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        if isinstance(value, Decimal):  # as the user's language writes it, without grouping: 4000,00 / 4000.00
            return f"{value:.2f}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > self.max_chars:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = parse_amount(value)
        except (AmountError, InvalidOperation) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if amount < 0 and not self.allow_negative:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if abs(amount) > MAX_AMOUNT:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return amount


class NumberField(forms.CharField):
    """A decimal number with a comma or a point ("0,5" or "0.5"), within bounds and places."""

    default_error_messages = {
        "invalid": _("Enter a number, e.g. 0,5."),
        "range": _("Enter a number from %(low)s to %(high)s."),
        "places": _("Use at most %(places)s decimal places."),
    }

    def __init__(self, *, low, high, places, max_chars=12, **kwargs):
        super().__init__(**kwargs)
        self.max_chars = max_chars  # checked on the text, before it becomes a number
        self.widget.attrs.setdefault("maxlength", str(max_chars))
        self.low, self.high, self.places = Decimal(low), Decimal(high), places
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        if isinstance(value, Decimal):  # 0,5 in German, 0.5 in English; no trailing zeros
            text = format(value, "f")
            text = text.rstrip("0").rstrip(".") if "." in text else text
            return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > self.max_chars:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = value.replace(" ", "").replace(",", ".")
        if text.count(".") > 1 or not text.replace(".", "", 1).isdigit() or not text.isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not self.low <= number <= self.high:
            raise ValidationError(
                self.error_messages["range"], code="range", params={"low": self.low, "high": self.high}
            )
        if -number.as_tuple().exponent > self.places:
            raise ValidationError(self.error_messages["places"], code="places", params={"places": self.places})
        return number


class PlanSettingsForm(forms.ModelForm):
    deviation_threshold_percent = NumberField(
        low=0,
        high=1000,
        places=2,
        label=Plan._meta.get_field("deviation_threshold_percent").verbose_name,
        help_text=Plan._meta.get_field("deviation_threshold_percent").help_text,
    )

    class Meta:
        model = Plan
        fields = ["deviation_threshold_percent", "spend_within_days"]


class PlanLineForm(forms.ModelForm):
    """A line of the plan. Personnel: position, share of a post, months and monthly rate; the amount follows."""

    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    fte_share = NumberField(
        low=0, high=1, places=3, required=False, label=_("share of a full-time post"),
        help_text=_("Personnel only, e.g. 0,5 for half a post."),
    )  # fmt: skip
    months = NumberField(low=0, high=12, places=1, required=False, label=_("months"), help_text=_("Personnel only."))
    monthly_rate = AmountField(
        required=False, label=_("monthly rate"), help_text=_("Personnel only: the employer's gross per month.")
    )
    amount = AmountField(
        required=False, label=_("amount"), help_text=_("For personnel it is computed from the three fields above.")
    )

    class Meta:
        model = PlanLine
        fields = ["category", "year", "description", "position_title", "fte_share", "months", "monthly_rate", "amount"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        project = plan.project
        self.fields["position_title"].label = pgettext_lazy("job", "position")
        choices = CostCategory.objects.filter(funder=project.funder).exclude(kind=CategoryKind.FLAT_RATE)
        current = self.instance.category_id if self.instance.pk else None
        self.fields["category"].queryset = choices.filter(Q(archived_at__isnull=True) | Q(pk=current)).order_by(
            "position", "id"
        )
        self.fields["year"].choices = [(y, str(y)) for y in range(project.start.year, project.end.year + 1)]

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category is None:
            return data
        if category.kind == CategoryKind.PERSONNEL:
            for name in ("position_title", "fte_share", "months", "monthly_rate"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Needed for a personnel line."))
        elif data.get("amount") is None:
            self.add_error("amount", _("Enter the planned amount."))
        return data

    def _post_clean(self):
        # The amount of a personnel line is computed by plan.save_line; keep the model's own check from
        # complaining that it is empty.
        if self.cleaned_data.get("amount") is None:
            self.instance.amount = Decimal("0.00")
            self.cleaned_data.pop("amount", None)
        super()._post_clean()


class FinancingForm(forms.ModelForm):
    """A financing source of one year: an amount, or (the funder's grant only) a rate of the year's costs."""

    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    amount = AmountField(required=False, label=_("amount"), help_text=_("Leave empty for a grant given as a rate."))
    rate_percent = NumberField(
        low=0,
        high=100,
        places=2,
        required=False,
        label=_("rate in percent"),
        help_text=_(
            "Grant only: the share of the year's costs the funder pays; the amount then follows from the plan."
        ),
    )

    class Meta:
        model = FinancingSource
        fields = ["kind", "name", "year", "amount", "rate_percent"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        project = plan.project
        self.fields["year"].choices = [(y, str(y)) for y in range(project.start.year, project.end.year + 1)]
        if self.instance.pk and self.instance.rate_percent is not None:
            self.initial["amount"] = None

    def clean(self):
        data = super().clean()
        amount, rate = data.get("amount"), data.get("rate_percent")
        if rate is not None and data.get("kind") not in (None, FinancingKind.GRANT):
            self.add_error("rate_percent", _("Only the funder's grant can be given as a rate."))
        elif rate is not None and amount is not None:
            self.add_error("amount", _("Enter either an amount or a rate, not both."))
        elif rate is None and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount (or, for a grant, a rate)."))
        return data

    def _post_clean(self):
        if self.cleaned_data.get("amount") is None:
            self.instance.amount = Decimal("0.00")
            self.cleaned_data.pop("amount", None)
        super()._post_clean()


class CategoryForm(forms.ModelForm):
    flat_rate_percent = NumberField(
        low=0, high=100, places=2, required=False,
        label=CostCategory._meta.get_field("flat_rate_percent").verbose_name,
        help_text=CostCategory._meta.get_field("flat_rate_percent").help_text,
    )  # fmt: skip

    class Meta:
        model = CostCategory
        fields = ["funder", "key", "name", "kind", "flat_rate_percent"]

    def __init__(self, *args, in_use=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].help_text = _("Lower-case letters, digits and hyphens; unique for the funder.")
        if in_use:  # plan lines or receipts use it: what they mean must not change under them
            for name in ("funder", "key", "kind"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed: plan lines or receipts use this category.")

    def clean(self):
        data = super().clean()
        kind, rate = data.get("kind"), data.get("flat_rate_percent")
        if kind == CategoryKind.FLAT_RATE and rate is None and "flat_rate_percent" not in self.errors:
            self.add_error("flat_rate_percent", _("A flat rate needs its percentage."))
        elif kind and kind != CategoryKind.FLAT_RATE and rate is not None:
            self.add_error("flat_rate_percent", _("Only an administrative flat rate has a percentage."))
        funder, key = data.get("funder"), data.get("key")
        if funder and key:
            others = CostCategory.objects.filter(funder=funder, key=key).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("key", _("This funder has a category with this short name already."))
        return data

    def _post_clean(self):
        super()._post_clean()
        if self.has_error("key"):  # clean() said it in words; drop the model constraint's generic repetition
            self._errors.pop(NON_FIELD_ERRORS, None)
