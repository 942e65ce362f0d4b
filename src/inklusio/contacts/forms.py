from django import forms
from django.utils.translation import gettext_lazy as _

from inklusio.core.accounts import active_users_with_permission
from inklusio.core.uploads import CheckedFileField

from .importing import IMPORT_FIELDS
from .models import Affiliation, Inquiry, Organisation, Person, StakeholderType, Tag
from .picker import OrganisationPickerField, PersonPickerField
from .queries import all_organisations, all_people
from .regions import REGION_CHOICES
from .suppression import SUPPRESSED_MESSAGE, is_suppressed

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonFilterForm(forms.Form):
    hide_optional = True  # every filter is optional; saying so on each adds noise
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name, email or organisation"))
    type = forms.ChoiceField(label=_("Stakeholder type"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("all"))] + REGION_CHOICES)
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("all"))] + [(t.code, str(t)) for t in StakeholderType.objects.all()]
        self.fields["tag"].choices = [("", _("all"))] + [(n, n) for n in Tag.objects.values_list("name", flat=True)]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "salutation",
            "pronouns",
            "academic_title",
            "first_name",
            "last_name",
            "email",
            "phone",
            "stakeholder_type",
            "region",
            "city",
            "tags",
            "notes",
        ]
        widgets = {"tags": forms.CheckboxSelectMultiple}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email and Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another person already has this email address."))
        if email and email != self.instance.email and is_suppressed(email):
            raise forms.ValidationError(SUPPRESSED_MESSAGE)
        return email


class AffiliationForm(forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["organisation", "role", "start", "end"]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET}
        field_classes = {"organisation": OrganisationPickerField}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return cleaned


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "stakeholder_type",
            "region",
            "street",
            "postcode",
            "city",
            "website",
            "email",
            "phone",
            "tags",
            "notes",
        ]
        widgets = {"tags": forms.CheckboxSelectMultiple}


class InquiryForm(forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = [
            "project",
            "received_on",
            "channel",
            "kind",
            "topic",
            "message",
            "person",
            "organisation",
            "outcome",
            "outcome_note",
            "assignee",
            "follow_up_on",
        ]
        widgets = {"received_on": DATE_WIDGET, "follow_up_on": DATE_WIDGET}
        field_classes = {"person": PersonPickerField, "organisation": OrganisationPickerField}

    def __init__(self, *args, people=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only active staff who can work on inquiries; an assignee who left since stays until someone else is chosen.
        self.fields["assignee"].queryset = active_users_with_permission(
            "contacts.change_inquiry", keep=self.instance.assignee_id
        )
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["person"].queryset = people if people is not None else all_people()
        self.fields["organisation"].queryset = organisations if organisations is not None else all_organisations()


class ImportUploadForm(forms.Form):
    file = CheckedFileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8 or Excel's Windows-1252, separated by ; or ,) or XLSX; the first row names the columns."
        ),
    )


class ImportMappingForm(forms.Form):
    """One select per inklusio field: which column of the file fills it."""

    def __init__(self, *args, header=(), initial_mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not imported)"))] + [(h, h) for h in header]
        for name, label in IMPORT_FIELDS.items():
            self.fields[f"map_{name}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=(initial_mapping or {}).get(name, "")
            )

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"map_{name}"] for name in IMPORT_FIELDS if self.cleaned_data.get(f"map_{name}")
        }


class MergeForm(forms.Form):
    duplicate = PersonPickerField(
        label=_("The duplicate"),
        help_text=_("Its relations move to this person; then it is deleted."),
        error_messages={"invalid_choice": _("This person cannot be merged into this one.")},
    )

    def __init__(self, *args, survivor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = all_people().filter(anonymised=False).exclude(pk=survivor.pk)


class DismissPairForm(forms.Form):
    first = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    second = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class TagNameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)


class TagMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Tag.objects.none(),
        help_text=_("Everything tagged with this tag gets that tag."),
    )

    def __init__(self, *args, tag=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Tag.objects.exclude(pk=tag.pk) if tag else Tag.objects.all()
