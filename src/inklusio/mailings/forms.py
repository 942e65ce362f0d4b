from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inklusio.contacts.queries import stakeholder_types
from inklusio.contacts.regions import REGION_CHOICES
from inklusio.core import markdown
from inklusio.core.forms import BoundedModelMultipleChoiceField
from inklusio.core.uploads import CheckedFileField
from inklusio.core.validators import NAME_MAX_LENGTH, validate_header_text, validate_person_name

from .models import ConsentText, Mailing, Topic

LANGUAGE_CHOICES = [("de", _("German")), ("en", _("English"))]


class TopicsField(BoundedModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Topic.objects.all())
        kwargs.setdefault("label", _("Topics of interest"))
        super().__init__(**kwargs)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    topics = TopicsField(required=False, help_text=_("Choose none to receive everything."))
    consent = forms.BooleanField(label=_("I agree"), required=True)
    consent_version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, consent_text: ConsentText, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = consent_text
        language = get_language() or "de"
        text, _notice, text_language = consent_text.in_language(language)
        # a German text on an English page names its language (WCAG 3.1.2)
        self.fields["consent"].label = (
            text
            if language.startswith(text_language)
            else format_html('<span lang="{}">{}</span>', text_language, text)
        )
        self.fields["consent"].error_messages["required"] = _("Please agree so that we may send you the Infoletter.")
        self.fields["consent_version"].initial = consent_text.version

    def clean_name(self):
        name = self.cleaned_data["name"]
        validate_person_name(name)
        return name

    def clean_consent_version(self):
        version = self.cleaned_data["consent_version"]
        if not ConsentText.objects.filter(version=version).exists():
            raise forms.ValidationError(_("The form is outdated. Please reload the page."))
        return version


class PreferencesForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(label=_("Language of the mails"), choices=LANGUAGE_CHOICES)
    topics = TopicsField(required=False, help_text=_("Choose none to receive everything."))

    def clean_name(self):
        name = self.cleaned_data["name"]
        validate_person_name(name)
        return name


class MailingForm(forms.ModelForm):
    regions = forms.MultipleChoiceField(
        label=_("Regions"),
        choices=[c for c in REGION_CHOICES if c[0]],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only subscribers in these regions; none chosen means all."),
    )

    class Meta:
        model = Mailing
        fields = ["project", "subject", "language", "body", "topics", "regions", "stakeholder_types", "in_archive"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16}),
            "topics": forms.CheckboxSelectMultiple,
            "stakeholder_types": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "body": _(
                "Markdown: # Heading, **bold**, [link](https://…), ![alternative text](https://…/image.png). "
                "Every image needs an alternative text."
            ),
            "stakeholder_types": _("Only subscribers of these stakeholder types; none chosen means all."),
        }

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        validate_header_text(subject)
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"]
        missing = markdown.images_without_alt(body)
        if missing:
            raise forms.ValidationError(
                _("Every image needs an alternative text in the square brackets: %(images)s"),
                params={"images": ", ".join(missing)},
                code="alt_missing",
            )
        return body


class SegmentForm(forms.Form):
    topics = BoundedModelMultipleChoiceField(queryset=Topic.objects.all(), required=False)
    regions = forms.MultipleChoiceField(choices=[c for c in REGION_CHOICES if c[0]], required=False)
    stakeholder_types = BoundedModelMultipleChoiceField(queryset=stakeholder_types(), required=False)


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


def staff_addresses():
    users = get_user_model().objects.filter(is_active=True, groups__isnull=False).exclude(email="")
    return sorted({u.email.lower() for u in users})


class TestSendForm(forms.Form):
    addresses = forms.MultipleChoiceField(label=_("Send a test to"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addresses"].choices = [(a, a) for a in staff_addresses()]


class ConsentTextForm(forms.ModelForm):
    class Meta:
        model = ConsentText
        fields = ["version", "text", "privacy_notice", "text_en", "privacy_notice_en"]

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("text_en")) != bool(cleaned.get("privacy_notice_en")):
            raise forms.ValidationError(
                _("Write both English texts, or neither: English pages then show the German ones.")
            )
        return cleaned


class SubscriberImportForm(forms.Form):
    file = CheckedFileField(label=_("CSV or Excel file"), help_text=_("Exported from another newsletter tool."))
    source = forms.CharField(label=_("Name of the tool"), max_length=60, initial="Import")
