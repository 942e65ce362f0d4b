from django import forms
from django.utils.translation import gettext_lazy as _

from inklusio.core.forms import BoundedModelChoiceField
from inklusio.core.models import Project
from inklusio.core.uploads import CheckedFileField

from .models import Channel, FollowerSnapshot, Post, PressClipping, PressRelease
from .services import SUPPORTED_PLATFORMS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["platform", "name", "handle", "url", "account_id", "projects"]
        widgets = {"projects": forms.CheckboxSelectMultiple}


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "channel",
            "project",
            "status",
            "scheduled_at",
            "caption",
            "hashtags",
            "has_image",
            "alt_text",
            "promotes",
            "link",
            "reach",
            "impressions",
            "likes",
            "comments",
            "shares",
            "saves",
        ]
        widgets = {
            "scheduled_at": DATETIME_WIDGET,
            "caption": forms.Textarea(attrs={"rows": 5}),
            "alt_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheduled_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


def _channel_choices():
    return [("", _("all"))] + [(str(c.pk), str(c)) for c in Channel.objects.all()]


def _project_choices():
    return [("", _("all"))] + [(p.slug, p.title) for p in Project.objects.all()]


class CalendarFilterForm(forms.Form):
    hide_optional = True
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    project = forms.ChoiceField(label=_("Project"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = _channel_choices()
        self.fields["project"].choices = _project_choices()

    def filter(self, posts):
        if not self.is_valid():
            return posts
        if channel := self.cleaned_data["channel"]:
            posts = posts.filter(channel_id=channel)
        if project := self.cleaned_data["project"]:
            posts = posts.filter(project__slug=project)
        return posts


class PostFilterForm(CalendarFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all"))] + Post.Status.choices)
    missing_alt = forms.BooleanField(label=_("Only posts without alt text"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)

    def filter(self, posts):
        posts = super().filter(posts)
        if not self.is_valid():
            return posts
        data = self.cleaned_data
        if data["status"]:
            posts = posts.filter(status=data["status"])
        if data["missing_alt"]:
            posts = posts.filter(has_image=True, alt_text="")
        if data["start"]:
            posts = posts.filter(scheduled_at__date__gte=data["start"])
        if data["end"]:
            posts = posts.filter(scheduled_at__date__lte=data["end"])
        return posts


class FollowerSnapshotForm(forms.ModelForm):
    class Meta:
        model = FollowerSnapshot
        fields = ["date", "count"]
        widgets = {"date": DATE_WIDGET}


class FollowerRangeForm(forms.Form):
    hide_optional = True
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return cleaned


class ImportUploadForm(forms.Form):
    channel = BoundedModelChoiceField(label=_("Channel"), queryset=Channel.objects.none())
    project = BoundedModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.all(),
        required=False,
        help_text=_("New posts from the file are assigned to this project."),
    )
    file = CheckedFileField(
        label=_("CSV file"),
        help_text=_(
            "The export of Meta Business Suite (posts with metrics, or followers over time), "
            "with German or English column headings."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(platform__in=SUPPORTED_PLATFORMS)


class PressReleaseForm(forms.ModelForm):
    class Meta:
        model = PressRelease
        fields = ["project", "title", "sent_on", "recipients", "url", "summary"]
        widgets = {"sent_on": DATE_WIDGET}


class PressClippingForm(forms.ModelForm):
    class Meta:
        model = PressClipping
        fields = [
            "project",
            "published_on",
            "outlet",
            "title",
            "medium",
            "url",
            "estimated_reach",
            "release",
            "covers",
            "notes",
        ]
        widgets = {"published_on": DATE_WIDGET, "medium": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A required radio group gets no "---------" option (Django adds one when the field has no default).
        self.fields["medium"].choices = PressClipping.Medium.choices

    def clean(self):
        cleaned = super().clean()
        release, project = cleaned.get("release"), cleaned.get("project")
        if release and project and release.project_id != project.pk:
            self.add_error("release", _("The press release belongs to another project."))
        return cleaned


class ClippingFilterForm(forms.Form):
    hide_optional = True
    project = forms.ChoiceField(label=_("Project"), required=False)
    medium = forms.ChoiceField(
        label=_("Medium"), required=False, choices=[("", _("all"))] + PressClipping.Medium.choices
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = _project_choices()

    def values(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        project = Project.objects.filter(slug=data["project"]).first() if data["project"] else None
        return {"project": project, "medium": data["medium"], "start": data["start"], "end": data["end"]}
