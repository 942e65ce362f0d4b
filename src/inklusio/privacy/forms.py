from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .export import FORMATS
from .models import MAX_RETENTION_DAYS

FORMAT_LABELS = {"zip": _("ZIP archive of JSON files (machine-readable)"), "pdf": _("PDF document (readable)")}

REASONS = [
    ("request", _("The person asked for erasure (Art. 17(1) GDPR)")),
    ("consent_withdrawn", _("The person withdrew their consent (Art. 17(1)(b) GDPR)")),
    ("no_longer_needed", _("The data are no longer needed for their purpose (Art. 17(1)(a) GDPR)")),
]


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=[(f, FORMAT_LABELS[f]) for f in FORMATS], initial="pdf")
    language = forms.ChoiceField(label=_("Language of the PDF"), choices=settings.LANGUAGES, initial="de")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].widget = forms.RadioSelect(choices=self.fields["format"].choices)


class ErasureForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=REASONS, widget=forms.RadioSelect)
    confirm_name = forms.CharField(
        label=_("Type the person's name to confirm"),
        max_length=300,
        help_text=_("As shown in the heading of this page."),
    )

    def __init__(self, *args, person, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_confirm_name(self):
        typed = " ".join(self.cleaned_data["confirm_name"].split()).casefold()
        expected = {
            " ".join(name.split()).casefold()
            for name in (self.person.full_name, f"{self.person.first_name} {self.person.last_name}")
        }
        if typed not in expected:
            raise forms.ValidationError(_("This is not the person's name; nothing was erased."))
        return typed


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
