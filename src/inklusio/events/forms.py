from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from inklusio.contacts.picker import PersonPickerField
from inklusio.contacts.queries import all_people, stakeholder_types
from inklusio.contacts.regions import REGION_CHOICES
from inklusio.core.forms import BoundedModelChoiceField
from inklusio.core.models import Project
from inklusio.core.uploads import TEXT_OR_UTF16, CheckedFileField
from inklusio.core.validators import validate_person_name

from . import attendance_import, conf
from .models import Contribution, Event, ProgrammeItem, Question, SupportBooking, SupportKind
from .queries import event_questions
from .services import RegistrationData

DATETIME = {"type": "datetime-local"}


def _datetime_widget():
    return forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M")


def _no_control_chars(value: str) -> str:
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise forms.ValidationError(_("Please remove invisible control characters."), code="control")
    return value


SupportBookingStatus = SupportBooking.Status


class QuestionFieldsMixin:
    """Adds the event's own questions as fields ``q_<id>`` and collects support needs."""

    def _add_question_fields(self, questions, initial_answers=None):
        initial_answers = initial_answers or {}
        self.questions = list(questions)
        for question in self.questions:
            name = f"q_{question.pk}"
            if question.kind == Question.Kind.CHOICE:
                choices = [(c, c) for c in question.choice_list()]
                field = forms.ChoiceField(
                    label=question.text,
                    choices=choices if question.required else [("", "–"), *choices],
                    required=question.required,
                    widget=forms.RadioSelect if question.required else forms.Select,
                )
            elif question.kind == Question.Kind.YES_NO:
                field = forms.ChoiceField(
                    label=question.text,
                    choices=[("yes", _("Yes")), ("no", _("No"))],
                    required=question.required,
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.fields[name] = field
            if question.pk in initial_answers:
                self.initial[name] = initial_answers[question.pk]

    def _add_support_fields(self, initial_needs=None):
        self.fields["support_needs"] = forms.MultipleChoiceField(
            label=_("Support I need to take part"),
            choices=SupportKind.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Optional. We ask only to organise interpreters, access and material."),
        )
        self.fields["support_detail"] = forms.CharField(
            label=_("Details on the support"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.fields["support_consent"] = forms.BooleanField(
            label=_(
                "I consent to the processing of this information about my health-related support needs. "
                "It is only used to organise the event and is deleted automatically after the event."
            ),
            required=False,
        )
        if initial_needs:
            self.initial["support_needs"] = list(initial_needs)
            self.initial["support_detail"] = next((d for d in initial_needs.values() if d), "")
            self.initial["support_consent"] = True

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                try:
                    _no_control_chars(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        needs = cleaned.get("support_needs") or []
        if (needs or cleaned.get("support_detail")) and not cleaned.get("support_consent"):
            self.add_error(
                "support_consent",
                forms.ValidationError(
                    _("Please consent to the processing of your support needs, or leave them empty."),
                    code="support_consent",
                ),
            )
        if cleaned.get("support_detail") and not needs:
            self.add_error(
                "support_needs",
                forms.ValidationError(
                    _("Please choose at least one kind of support, e.g. other."), code="support_kind"
                ),
            )
        return cleaned

    def answers(self) -> dict[int, str]:
        return {q.pk: str(self.cleaned_data.get(f"q_{q.pk}") or "") for q in self.questions}

    def support_needs(self) -> dict[str, str]:
        detail = self.cleaned_data.get("support_detail", "")
        return {kind: detail for kind in self.cleaned_data.get("support_needs") or []}


class RegistrationForm(QuestionFieldsMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    stakeholder_type = BoundedModelChoiceField(
        label=_("I take part as"), queryset=stakeholder_types(), required=False, empty_label="–"
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self._add_question_fields(event_questions(event))
        self.fields["privacy_consent"] = forms.BooleanField(
            label=_("I have read the privacy notice (version %(version)s) and agree to the processing of my data.")
            % {"version": conf.privacy_notice_version()},
            required=True,
        )
        self.fields["photo_consent"] = forms.BooleanField(
            label=_("Photos in which I can be seen may be published."), required=False
        )
        self.fields["newsletter"] = forms.BooleanField(
            label=_("Also send me the Infoletter Ausbildung."),
            help_text=_("You will get an email to confirm it first. You can unsubscribe at any time."),
            required=False,
        )
        self._add_support_fields()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_first_name(self):
        validate_person_name(self.cleaned_data["first_name"])
        return self.cleaned_data["first_name"]

    def clean_last_name(self):
        validate_person_name(self.cleaned_data["last_name"])
        return self.cleaned_data["last_name"]

    def registration_data(self, language="de") -> RegistrationData:
        data = self.cleaned_data
        stakeholder = data.get("stakeholder_type")
        return RegistrationData(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation_name=data.get("organisation", ""),
            stakeholder_type_id=stakeholder.pk if stakeholder else None,
            privacy_notice_version=conf.privacy_notice_version(),
            photo_consent=bool(data.get("photo_consent")),
            answers=self.answers(),
            support_needs=self.support_needs(),
            support_consent=bool(data.get("support_consent")),
            language=language,
        )


class RegistrationChangeForm(QuestionFieldsMixin, forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    photo_consent = forms.BooleanField(label=_("Photos in which I can be seen may be published."), required=False)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration
        self.initial.update(
            {"organisation": registration.organisation_name, "photo_consent": registration.photo_consent}
        )
        answers = dict(registration.answers.values_list("question_id", "value"))
        self._add_question_fields(registration.event.questions.all(), answers)
        self._add_support_fields(dict(registration.support_needs.values_list("kind", "detail")))

    def registration_data(self) -> RegistrationData:
        data = self.cleaned_data
        return RegistrationData(
            email=self.registration.person.email,
            first_name="",
            last_name="",
            organisation_name=data.get("organisation", ""),
            photo_consent=bool(data.get("photo_consent")),
            answers=self.answers(),
            support_needs=self.support_needs(),
            support_consent=bool(data.get("support_consent")),
        )


class FeedbackForm(forms.Form):
    RATING_CHOICES = [(str(n), str(n)) for n in range(5, 0, -1)]
    overall = forms.TypedChoiceField(
        label=_("How did you like the event overall? (5 = very good, 1 = poor)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    content = forms.TypedChoiceField(
        label=_("How useful was the content for you? (5 = very useful, 1 = not useful)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    accessibility = forms.TypedChoiceField(
        label=_("How accessible was the event for you? (5 = fully, 1 = not at all)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What should we keep or change?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# Addresses under /events/ that are not events: an event with one of these short names could not be reached.
RESERVED_SLUGS = {"embed"}


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "project",
            "kind",
            "title",
            "slug",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "region",
            "accessibility_info",
            "room_url",
            "attendance_min_minutes",
            "description",
            "description_easy",
            "capacity",
            "registration_opens",
            "registration_closes",
            "cancelled",
        ]
        widgets = {
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
            "registration_opens": _datetime_widget(),
            "registration_closes": _datetime_widget(),
            "address": forms.Textarea(attrs={"rows": 3}),
            "accessibility_info": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance_min_minutes"].required = False  # empty: the default

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is taken by a page of the event list. Choose another short name.") % {"slug": slug}
            )
        return slug

    def clean_attendance_min_minutes(self):
        value = self.cleaned_data.get("attendance_min_minutes")
        return Event._meta.get_field("attendance_min_minutes").default if value is None else value

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must not be before the start."))
        opens, closes = cleaned.get("registration_opens"), cleaned.get("registration_closes")
        if opens and closes and closes < opens:
            self.add_error("registration_closes", _("Registration must not close before it opens."))
        if cleaned.get("kind") == Event.Kind.ONLINE_CONGRESS and not cleaned.get("room_url"):
            self.add_error("room_url", _("An online congress needs a video conference link."))
        return cleaned


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "title", "format", "room", "room_url", "description"]
        widgets = {"starts_at": _datetime_widget(), "ends_at": _datetime_widget()}
        help_texts = {"ends_at": _("Empty: the duration below, or else the start of the next item.")}

    duration = forms.IntegerField(
        label=_("Duration in minutes"),
        required=False,
        min_value=1,
        max_value=24 * 60,
        help_text=_("Only used when the end is empty."),
    )
    field_order = ["starts_at", "ends_at", "duration"]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must not be before the start."))
        return cleaned


class ContributionForm(forms.ModelForm):
    person = PersonPickerField(label=_("Person"))

    class Meta:
        model = Contribution
        fields = ["person", "role", "perspective"]

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else all_people()


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "choices", "required", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") == Question.Kind.CHOICE
            and len([c for c in (cleaned.get("choices") or "").splitlines() if c.strip()]) < 2
        ):
            self.add_error("choices", _("A choice question needs at least two choices."))
        return cleaned


class ParticipantFilterForm(forms.Form):
    hide_optional = True  # filters are optional by nature
    q = forms.CharField(label=_("Name, email or organisation"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("all")),
            ("confirmed", _("confirmed")),
            ("waitlisted", _("on the waiting list")),
            ("cancelled", _("cancelled")),
        ],
    )
    attended = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[("", _("all")), ("yes", _("attended")), ("no", _("not attended"))],
    )


class CheckInSearchForm(forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)


class StaffPersonForm(forms.Form):
    """A person registered by staff, or a walk-in: found by email address when known, else created."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        required=False,
        help_text=_("If the address is known, that person is registered. Without it, a new contact is created."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_first_name(self):
        validate_person_name(self.cleaned_data["first_name"])
        return _no_control_chars(self.cleaned_data["first_name"])

    def clean_last_name(self):
        validate_person_name(self.cleaned_data["last_name"])
        return _no_control_chars(self.cleaned_data["last_name"])


class SupportKindForm(forms.Form):
    """The first step of a new booking without a kind in the address: which support is booked."""

    kind = forms.ChoiceField(label=_("Which support is booked?"), choices=SupportKind.choices)


class SupportBookingForm(forms.Form):
    """Provider, time, cost, the people served and the status; the rules are checked in ``bookings.save_booking``."""

    provider = forms.CharField(
        label=_("Provider"),
        required=False,
        max_length=200,
        help_text=_("Who provides it, e.g. the interpreting agency. Needed once it is booked."),
    )
    starts_at = forms.DateTimeField(label=_("From"), required=False, widget=_datetime_widget())
    ends_at = forms.DateTimeField(label=_("Until"), required=False, widget=_datetime_widget())
    cost = forms.DecimalField(
        label=_("Cost in euros"),
        required=False,
        max_digits=9,
        decimal_places=2,
        min_value=0,
        localize=True,
        help_text=_("e.g. 480,00"),
    )
    registrations = forms.ModelMultipleChoiceField(
        label=_("People it serves"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone who asked for this support. Ticked at the start: those no other booking serves yet."),
    )
    status = forms.ChoiceField(label=_("Status"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason it is not possible"),
        required=False,
        max_length=500,
        help_text=_("Only when the status is “not possible”, e.g. no interpreter free on that day."),
    )

    def __init__(self, *args, requests, statuses, purged=False, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(SupportBookingStatus.choices)
        self.fields["status"].choices = [(status, labels[status]) for status in statuses]
        if SupportBookingStatus.NOT_POSSIBLE not in statuses:
            del self.fields["reason"]  # a new booking cannot be "not possible" yet
        self.fields["cost"].widget.attrs["inputmode"] = "decimal"
        if purged:
            del self.fields["registrations"]  # the links were deleted with the support needs
        else:
            self.fields["registrations"].queryset = requests
            self.fields["registrations"].label_from_instance = _request_label

    def clean(self):
        cleaned = super().clean()
        for name in ("provider", "reason"):
            value = cleaned.get(name)
            if value:
                try:
                    _no_control_chars(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


def _request_label(registration) -> str:
    details = [need.detail for need in registration.support_needs.all() if need.detail]
    name = registration.person.full_name
    return f"{name} ({'; '.join(details)})" if details else name


REPORT_TYPES = {"csv": TEXT_OR_UTF16, "tsv": TEXT_OR_UTF16, "txt": TEXT_OR_UTF16, "xlsx": (b"PK\x03\x04",)}


class AttendanceReportForm(forms.Form):
    """A video platform's attendance report for one day of the event."""

    file = CheckedFileField(
        label=_("Attendance report"),
        types=REPORT_TYPES,
        max_bytes=lambda: attendance_import.MAX_BYTES,
        help_text=_(
            "The file as the platform exports it: Zoom's participant report (CSV), Microsoft Teams' attendance "
            "report (CSV), BigBlueButton's learning analytics (CSV), or a CSV or XLSX table with the columns Name, "
            "Email and Minutes."
        ),
    )
    day = forms.TypedChoiceField(label=_("Day of the event"), coerce=date.fromisoformat)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        days = event.days()
        self.fields["day"].choices = [(d.isoformat(), formats.date_format(d, "DATE_FORMAT")) for d in days]
        self.fields["day"].initial = days[0].isoformat()


class AmbiguousChoiceForm(forms.Form):
    """For each row of the report that fits several registrations: which one it is, or none."""

    NONE = "none"

    def __init__(self, *args, rows, names, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            choices = [(str(key), names.get(key, "?")) for key in row["keys"]]
            choices.append((self.NONE, _("none of them (not imported)")))
            label = _("%(name)s, %(minutes)s minutes") % {
                "name": row["name"] or row["email"],
                "minutes": row["minutes"],
            }
            self.fields[f"row_{row['index']}"] = forms.ChoiceField(
                label=label, choices=choices, widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"})
            )

    def choices(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("row_")): None if value == self.NONE else int(value)
            for name, value in self.cleaned_data.items()
        }


class EmbedFilterForm(forms.Form):
    """The filters of the embeddable event list, from its query string (all optional)."""

    kind = forms.ChoiceField(label=_("kind"), choices=[("", "")] + list(Event.Kind.choices), required=False)
    region = forms.ChoiceField(label=_("state"), choices=[("", "")] + list(REGION_CHOICES), required=False)
    project = forms.SlugField(label=_("project"), required=False, max_length=60)

    def clean_project(self):
        slug = self.cleaned_data["project"]
        if slug and not Project.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("There is no project with the short name “%(slug)s”.") % {"slug": slug})
        return slug
