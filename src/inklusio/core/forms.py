"""Form rendering with KERN UX markup, and the login form with throttling."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import throttle, uploads
from .models import OrganisationProfile, Project

_WIDGET_CLASSES = {
    "select": "kern-form-input__select",
    "longselect": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
    # each option of a choice group carries the widget's class: KERN's 32 px radios and checkboxes, not the browser's
    "radioselect": "kern-form-check__radio",
    "checkboxselectmultiple": "kern-form-check__checkbox",
}


class KernBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        css = _WIDGET_CLASSES.get(self.widget_type, "kern-form-input__input")
        if css:
            error_css = f" {css}--error" if self.errors else ""
            attrs["class"] = f"{attrs.get('class', '')} {css}{error_css}".strip()
        return attrs


class KernFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = KernBoundField


client_address = throttle.client_address  # the one place that decides the client's address (TRUSTED_PROXIES)


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, with each password check admitted and counted by ``core.throttle`` first."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": ngettext_lazy(
            "Too many failed logins. Please wait %(minutes)s minute and try again.",
            "Too many failed logins. Please wait %(minutes)s minutes and try again.",
            "minutes",
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return super().clean()  # no password is checked: nothing to count
        attempt = throttle.begin(username, client_address(self.request) if self.request else "")
        if attempt is None:
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES},
            )
        cleaned = super().clean()  # a wrong password raises and leaves the attempt counted as a failure
        throttle.succeeded(attempt)
        return cleaned


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "slug", "funder", "start", "end", "predecessor", "description"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.ChoiceField(label=_("By (user)"), required=False)
    person = forms.IntegerField(
        label=_("Person (number)"), required=False, min_value=1, help_text=_("The number in a contact's address.")
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hide_optional = True

    def __init__(self, *args, actions=(), actors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions"))] + [(a, a) for a in actions]
        self.fields["actor"].choices = [("", _("All users"))] + [(str(pk), name) for pk, name in actors]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return cleaned


KEY_MAX = 2**63 - 1  # the largest primary key a BigAutoField holds


def _fits_a_key(value) -> bool:
    """False for a number no primary key can have: the database would fail on it instead of finding nothing."""
    digits = str(value).strip().lstrip("+-")
    if not (digits.isascii() and digits.isdigit()):
        return True  # not a number at all: the field's own check refuses it
    return len(digits) <= 19 and int(digits) <= KEY_MAX


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses out-of-range numbers as an invalid choice (Django lets them reach the DB)."""

    def to_python(self, value):
        if value not in self.empty_values and not _fits_a_key(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def near_in_time(queryset, field: str, *, keep=None, days: int = 365, limit: int = 300):
    """The rows of ``queryset`` a form may offer in a drop-down: from ``days`` ago on, the first ``limit`` by
    ``field`` (a date or time), plus ``keep`` (the current choice), so the list stays short at any size."""
    since = timezone.now() - timedelta(days=days)
    recent = queryset.filter(**{f"{field}__gte": since}).order_by(field, "pk").values_list("pk", flat=True)
    ids = [*recent[:limit], *([keep] if keep else [])]
    return queryset.filter(pk__in=ids)


class LongSelect(forms.Select):
    """A drop-down of a few hundred records: the same HTML as Django's ``Select`` (tests/core/test_long_select.py
    compares them), its options written here instead of through one template each (300 options took about 40 ms
    of template rendering per drop-down, and their garbage made the page's slow requests)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, mark_safe(" selected") if str(choice) in chosen else "", label)  # noqa: S308 - a constant
                for choice, label in self.choices
            ),
        )
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, final_attrs, options)


def latest_first(queryset, field: str, *, keep=None, days_ahead: int = 90, limit: int = 300):
    """The rows of ``queryset`` a form may offer in a drop-down of records that are mostly past (the event or
    meeting a receipt belongs to): the latest ``limit`` by ``field`` up to ``days_ahead`` from now, newest first,
    plus ``keep`` (the current choice), so the list stays short at any size."""
    until = timezone.now() + timedelta(days=days_ahead)
    latest = queryset.filter(**{f"{field}__lte": until}).order_by(f"-{field}", "-pk").values("pk")[:limit]
    offered = Q(pk__in=latest) | Q(pk=keep) if keep else Q(pk__in=latest)  # a subquery: no query before the rows
    return queryset.filter(offered).order_by(f"-{field}", "-pk")


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The multiple-choice counterpart of :class:`BoundedModelChoiceField`."""

    def _check_values(self, value):
        for pk in value:
            if not _fits_a_key(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class OrganisationProfileForm(forms.ModelForm):
    """The organisation's settings (or a project's own values); images pass the checked upload."""

    IMAGES = (
        ("logo", _("Logo (PNG or SVG)")),
        ("funder_logo", _("Funder's logo (PNG or SVG)")),
        ("signature_image", _("Signature image for certificates (PNG or SVG)")),
    )

    class Meta:
        model = OrganisationProfile
        fields = [
            "name", "short_name", "legal_form", "address", "place", "logo_alt", "funder_logo_alt", "funder_caption",
            "imprint_contact", "privacy_contact", "sender_name", "signature", "accent_colour", "signer_name",
            "signer_role",
        ]  # fmt: skip
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "imprint_contact": forms.Textarea(attrs={"rows": 3}),
            "privacy_contact": forms.Textarea(attrs={"rows": 3}),
            "signature": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.project_id is None:
            self.fields["name"].required = True
        for kind, label in self.IMAGES:
            self.fields[f"{kind}_file"] = forms.FileField(
                label=label,
                required=False,
                help_text=_("At most 1 MB. SVG files with scripts or links to other files are refused."),
            )
            if getattr(self.instance, kind):
                self.fields[f"{kind}_remove"] = forms.BooleanField(label=_("Remove the current image"), required=False)
        # each image next to its alternative text and caption
        self.order_fields(
            [
                "name", "short_name", "legal_form", "address", "place",
                "logo_file", "logo_remove", "logo_alt",
                "funder_logo_file", "funder_logo_remove", "funder_logo_alt", "funder_caption",
                "imprint_contact", "privacy_contact", "sender_name", "signature", "accent_colour",
                "signer_name", "signer_role", "signature_image_file", "signature_image_remove",
            ]
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for kind, _label in self.IMAGES:
            upload = cleaned.get(f"{kind}_file")
            if upload:
                try:
                    cleaned[f"{kind}_mime"] = uploads.check_branding_image(upload)
                except ValidationError as error:
                    self.add_error(f"{kind}_file", error)
        for kind, alt in (("logo", "logo_alt"), ("funder_logo", "funder_logo_alt")):
            has_image = cleaned.get(f"{kind}_file") or (
                getattr(self.instance, kind) and not cleaned.get(f"{kind}_remove")
            )
            if has_image and not cleaned.get(alt) and f"{kind}_file" not in self.errors:
                self.add_error(alt, _("An image needs an alternative text."))
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=False)
        for kind, _label in self.IMAGES:
            upload = self.cleaned_data.get(f"{kind}_file")
            if upload:
                upload.seek(0)
                setattr(profile, kind, upload.read())
                setattr(profile, f"{kind}_mime", self.cleaned_data[f"{kind}_mime"])
            elif self.cleaned_data.get(f"{kind}_remove"):
                setattr(profile, kind, None)
                setattr(profile, f"{kind}_mime", "")
        if commit:
            profile.save()
        return profile
