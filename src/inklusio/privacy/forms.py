from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_RETENTION_DAYS


class RetentionPeriodForm(forms.Form):
    """The period of one category; it may not be shorter than what a figure or a legal duty needs."""

    days = forms.IntegerField(label=_("Retention period in days"), max_value=MAX_RETENTION_DAYS)

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        field = self.fields["days"]
        field.widget.attrs.update({"min": category.minimum_days, "inputmode": "numeric"})
        field.help_text = _(
            "Counted from %(after)s. Default: %(default)s days. At least %(minimum)s days: %(reason)s"
        ) % {
            "after": category.after,
            "default": category.default_period(),
            "minimum": category.minimum_days,
            "reason": category.minimum_reason,
        }

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days < self.category.minimum_days:
            raise forms.ValidationError(
                _("The period must be at least %(minimum)s days. %(reason)s"),
                code="too_short",
                params={"minimum": self.category.minimum_days, "reason": self.category.minimum_reason},
            )
        return days
