from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ManualIndicator, ManualValue


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    hide_optional = True
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period's end must not be before its start."))
        return data


class SectionForm(forms.Form):
    text_de = forms.CharField(
        label=_("Text (German)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: blank line for a new paragraph, *italic*, **bold**, - lists."),
    )
    text_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Optional. The English report shows the German text where this is empty."),
    )


class TargetForm(forms.Form):
    baseline = forms.DecimalField(
        label=_("Baseline"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("The value before the project (or at its start)."),
    )
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=14, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ManualIndicatorForm(forms.ModelForm):
    class Meta:
        model = ManualIndicator
        fields = [
            "code",
            "label_de",
            "label_en",
            "unit_de",
            "unit_en",
            "level",
            "chain",
            "higher_is_better",
            "definition_de",
            "definition_en",
        ]
        widgets = {
            "definition_de": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project


class ManualValueForm(forms.ModelForm):
    class Meta:
        model = ManualValue
        fields = ["period_start", "period_end", "value", "source_note"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "source_note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period's end must not be before its start."))
        return data
