from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inklusio.contacts.picker import OrganisationPickerField
from inklusio.contacts.queries import all_tags
from inklusio.contacts.regions import REGION_CHOICES, STATES
from inklusio.core.forms import BoundedModelChoiceField
from inklusio.core.roles import COMPANY_CONTACT
from inklusio.core.validators import NAME_MAX_LENGTH, validate_person_name

from . import conf, images, services
from .models import COMPANY_TYPE, CompanyContact, GoodPractice, SitePage, TrainingOffer
from .occupations import OCCUPATIONS

DATE = {"type": "date"}


class PublicForm(forms.Form):
    """A form for the public, protected by a honeypot, a signed start time and a per-address rate limit."""

    form_name = "general"
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        template_name="public/forms/honeypot.html",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=NAME_MAX_LENGTH, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Your email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.silently_rejected = False
        # A new signed start time every time the form is shown, also after errors.
        self.initial["started"] = services.started_token()

    def clean_name(self):
        name = self.cleaned_data["name"]
        validate_person_name(name)
        return name

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_submission(
                self.form_name, cleaned.get("email") or "", self.data.get("started", ""), cleaned.get("website") or ""
            )
        except services.Rejected as rejected:
            if rejected.silent:
                self.silently_rejected = True
            else:
                self.data = self.data.copy()
                self.data["started"] = services.started_token()
                raise forms.ValidationError(self.rejection_message(rejected)) from None
        return cleaned

    def rejection_message(self, rejected: services.Rejected) -> str:
        """What the sender reads when the spam protection refuses the form (Leichte Sprache forms say it simpler)."""
        return rejected.message


class ContactForm(PublicForm):
    form_name = "contact"
    topic = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    consent = forms.BooleanField(
        label=_("I agree that my details are stored to answer my message."),
        help_text=_("You can withdraw this at any time; see the privacy policy."),
    )
    field_order = ["name", "email", "topic", "message", "consent", "website", "started"]


class BarrierFeedbackForm(PublicForm):
    form_name = "accessibility"
    page = forms.CharField(
        label=_("On which page did you find the barrier?"),
        max_length=300,
        required=False,
        help_text=_("The address or the name of the page."),
    )
    message = forms.CharField(
        label=_("Describe the barrier"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    consent = ContactForm.base_fields["consent"]
    field_order = ["name", "email", "page", "message", "consent", "website", "started"]


class OfferInquiryForm(PublicForm):
    form_name = "training_offer"
    message = forms.CharField(
        label=_("Your question about this training place"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    consent = forms.BooleanField(
        label=_("I agree that my question and my details are passed on to the company."),
    )
    field_order = ["name", "email", "message", "consent", "website", "started"]


# --- filters (GET, no JavaScript) ---------------------------------------------------------------------------


def _blank(label):
    return [("", label)]


class OfferFilterForm(forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    occupation = forms.ChoiceField(label=_("Occupation"), required=False, choices=[])
    region = forms.ChoiceField(label=_("State"), required=False, choices=[])
    start_from = forms.DateField(label=_("Start from"), required=False, widget=forms.DateInput(attrs=DATE))
    form = forms.ChoiceField(label=_("Form of training"), required=False, choices=[])
    access = forms.MultipleChoiceField(
        label=_("Accessibility of the workplace"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        choices=[],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = _blank(_("all occupations")) + OCCUPATIONS
        self.fields["region"].choices = _blank(_("all states")) + STATES
        self.fields["form"].choices = _blank(_("all forms")) + list(TrainingOffer.Form.choices)
        self.fields["access"].choices = [
            (name, TrainingOffer._meta.get_field(name).verbose_name) for name in TrainingOffer.ACCESSIBILITY_FIELDS
        ]


class StoryFilterForm(forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("State"), required=False, choices=[])
    tag = BoundedModelChoiceField(label=_("Topic"), required=False, queryset=all_tags().none(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _blank(_("all states")) + STATES
        tag_field = self.fields["tag"]
        tag_field.queryset = all_tags().filter(good_practices__status=GoodPractice.Status.PUBLISHED).distinct()
        tag_field.empty_label = _("all topics")


# --- staff forms --------------------------------------------------------------------------------------------


def company_picker(field: forms.ModelChoiceField) -> OrganisationPickerField:
    """A search among the inclusion companies in place of a drop-down of all of them (1,500 at full scale)."""
    return OrganisationPickerField(
        queryset=field.queryset,
        stakeholder_type=COMPANY_TYPE,
        label=field.label,
        required=field.required,
        help_text=field.help_text,
    )


class TrainingOfferForm(forms.ModelForm):
    class Meta:
        model = TrainingOffer
        fields = [
            "organisation", "occupation", "occupation_other", "region", "city", "start_date", "form", "places",
            "description", "step_free", "accessible_toilet", "quiet_room", "flexible_hours", "accessibility_notes",
            "contact_name", "contact_email", "contact_phone", "published",
        ]  # fmt: skip
        widgets = {"start_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}

    def __init__(self, *args, companies=None, search=False, **kwargs):
        """``search``: pick the company by searching (staff who manage every company's offers)."""
        super().__init__(*args, **kwargs)
        if companies is not None:
            self.fields["organisation"].queryset = companies
        if search:
            self.fields["organisation"] = company_picker(self.fields["organisation"])
        self.fields["region"].choices = _blank("---------") + list(REGION_CHOICES)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("occupation") and not (cleaned.get("occupation_other") or "").strip():
            self.add_error("occupation", _("Choose an occupation from the list or enter another one."))
        return cleaned


class GoodPracticeForm(forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = [
            "title", "organisation", "occupation", "region", "teaser", "body", "easy_summary", "tags", "status",
            "published_on",
        ]  # fmt: skip
        widgets = {
            "published_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "tags": forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = company_picker(self.fields["organisation"])


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Image"), help_text=_("JPEG, PNG or WebP, at most 2 MB."))
    alt_text = forms.CharField(
        label=_("Alternative text"), max_length=300, help_text=_("What the image shows, for people who cannot see it.")
    )
    caption = forms.CharField(label=pgettext_lazy("picture", "Caption"), max_length=300, required=False)


class SitePageForm(forms.ModelForm):
    class Meta:
        model = SitePage
        fields = [
            "title_de", "title_en", "body_de", "body_en", "compliance", "reviewed_on", "funding_credit",
            "funder_logo", "funder_logo_alt",
        ]  # fmt: skip
        widgets = {"reviewed_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        if kind != SitePage.Kind.ACCESSIBILITY:
            del self.fields["compliance"], self.fields["reviewed_on"]
        if kind != SitePage.Kind.HOME:
            del self.fields["funding_credit"], self.fields["funder_logo"], self.fields["funder_logo_alt"]
        else:
            self.fields["funder_logo"].widget = forms.FileInput()
            self.fields["funder_logo"].help_text = _("JPEG, PNG or WebP, at most 2 MB.")

    def clean_funder_logo(self):
        logo = self.cleaned_data.get("funder_logo")
        if logo and hasattr(logo, "content_type"):  # a new upload
            try:
                images.check(logo, conf.image_max_bytes())
            except ValidationError as error:
                raise forms.ValidationError(error.message_dict["image"]) from None
        return logo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("funder_logo") and not (cleaned.get("funder_logo_alt") or "").strip():
            self.add_error("funder_logo_alt", _("Describe the logo for people who cannot see it."))
        return cleaned


class CompanyContactForm(forms.Form):
    """Give a person of an inclusion company a login for their own organisation's offers."""

    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    organisation = OrganisationPickerField(
        label=_("Company"),
        queryset=CompanyContact._meta.get_field("organisation").related_model.objects.filter(
            stakeholder_type__code=COMPANY_TYPE
        ),
        stakeholder_type=COMPANY_TYPE,
    )
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        min_length=10,
        help_text=_("At least 10 characters; tell it to the person on a separate channel."),
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username

    def save(self):
        user = get_user_model().objects.create_user(
            self.cleaned_data["username"], email=self.cleaned_data["email"], password=self.cleaned_data["password"]
        )
        user.groups.add(Group.objects.get(name=COMPANY_CONTACT))
        return CompanyContact.objects.create(user=user, organisation=self.cleaned_data["organisation"])


class EmbedCodeForm(forms.Form):
    """What the staff page "On your website" builds the code for (a GET form: nothing is stored)."""

    hide_optional = True
    what = forms.ChoiceField(
        label=_("List"),
        choices=[
            ("events", _("Upcoming events")),
            ("offers", _("Training places in inclusion companies")),
            ("stories", _("Good practice")),
        ],  # fmt: skip
        initial="events",
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("de", "Deutsch"), ("en", "English")], initial="de")
    kind = forms.ChoiceField(label=_("Kind of event (events only)"), required=False, choices=[])
    region = forms.ChoiceField(label=_("State"), required=False, choices=[])
    project = forms.ChoiceField(label=_("Project (events only)"), required=False, choices=[])

    def __init__(self, *args, event_kinds=(), projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(_("all kinds")) + list(event_kinds)
        self.fields["region"].choices = _blank(_("all states")) + STATES  # what every list's filter accepts
        self.fields["project"].choices = _blank(_("all projects")) + [(p.slug, p.title) for p in projects]

    def filters(self) -> dict:
        data = self.cleaned_data
        if data["what"] == "events":
            return {"kind": data["kind"], "region": data["region"], "project": data["project"]}
        return {"region": data["region"]}
