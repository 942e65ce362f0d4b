from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from inklusio.contacts.queries import organisations_of
from inklusio.contacts.regions import REGION_CHOICES
from inklusio.core.models import Project
from inklusio.core.roles import NETWORK_COORDINATOR, PROJECT_LEAD, PROJECT_STAFF

from .models import Meeting, Membership, Network

DATE = {"type": "date"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class NetworkForm(forms.ModelForm):
    regions = forms.MultipleChoiceField(
        label=_("Regions"), choices=REGION_CHOICES[:-1], widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = Network
        fields = ["name", "regions", "founded_on", "closed_on", "status", "coordinators", "projects", "description"]
        widgets = {
            "founded_on": DateInput(),
            "closed_on": DateInput(),
            "coordinators": forms.CheckboxSelectMultiple,
            "projects": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, coordinator_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinator_only:
            # A coordinator edits the description of their network, not who runs it or what it serves.
            for name in ("coordinators", "projects", "status", "founded_on", "closed_on", "regions"):
                del self.fields[name]
            return
        self.fields["coordinators"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[NETWORK_COORDINATOR, PROJECT_LEAD, PROJECT_STAFF])
            .distinct()
            .order_by("username")
        )
        self.fields["projects"].queryset = Project.objects.all()


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "organisation", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance.person if self.instance.person_id else None
        self.fields["organisation"].queryset = organisations_of(person)


class AddMemberForm(forms.Form):
    """Add a person from the contact base (by choosing a search result) or a new one (by name and email)."""

    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("last_name"):
            self.add_error("last_name", _("Choose a person from the search or give at least a last name."))
        return data


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "format", "venue", "link", "agenda", "topics"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "format": forms.RadioSelect,
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "topics"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 16})}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, image or text."))


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return data

    def period(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("start"), self.cleaned_data.get("end")
        return None, None
