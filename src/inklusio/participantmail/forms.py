from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inklusio.core.forms import near_in_time
from inklusio.core.uploads import CheckedFileField
from inklusio.core.validators import validate_header_text

from . import placeholders
from .models import Message
from .services import MATERIAL_TYPES, material_max_bytes

LANGUAGE_CHOICES = [("de", _("German")), ("en", _("English"))]


def placeholder_help(event: bool) -> str:
    keys = placeholders.NAMES if event else ["first_name"]
    index = 0 if (get_language() or "de").startswith("en") else 1
    names = ", ".join("{" + placeholders.NAMES[key][index] + "}" for key in keys)
    return str(_("Markdown. Placeholders: %(names)s.")) % {"names": names}


class MessageForm(forms.ModelForm):
    groups = forms.MultipleChoiceField(
        label=_("Who gets it"),
        choices=Message.Group.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("People registered for the event, by their registration. Cancelled registrations never."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    class Meta:
        model = Message
        fields = ["groups", "item", "subject", "body", "language"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, event=None, network=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event, self.network = event, network
        if event is None:
            del self.fields["groups"]
            del self.fields["item"]
        else:
            self.fields["item"].queryset = items
            self.fields["item"].empty_label = _("— no programme item: the groups above —")
            self.fields["item"].help_text = _(
                "Only the speakers, moderators and hosts of this programme item (the groups are then ignored)."
            )
        self.fields["body"].help_text = placeholder_help(event is not None)

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        validate_header_text(subject)
        return subject

    def clean(self):
        data = super().clean()
        text = f"{data.get('subject', '')}\n{data.get('body', '')}"
        unknown = placeholders.unknown(text)
        if unknown:
            self.add_error("body", _("Unknown placeholders: %(names)s.") % {"names": ", ".join(unknown)})
        if self.network is not None and placeholders.used(text) & placeholders.EVENT_ONLY:
            self.add_error("body", _("Members of a network have no event: use only the placeholder {first name}."))
        if self.event is not None and not data.get("item") and not data.get("groups"):
            self.add_error("groups", _("Choose at least one group of people, or a programme item."))
        return data


class AudienceForm(forms.Form):
    """The first step of a new message: to the people of which event, or the members of which network."""

    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False)
    network = forms.ModelChoiceField(label=_("Network"), queryset=None, required=False)

    def __init__(self, *args, events, networks, **kwargs):
        super().__init__(*args, **kwargs)
        # The events of the last year and to come (an older one's page links here with ?event=): a short list.
        self.fields["event"].queryset = near_in_time(events, "starts_at")
        self.fields["network"].queryset = networks
        if not events.exists():
            del self.fields["event"]
        if not networks.exists():
            del self.fields["network"]

    def clean(self):
        data = super().clean()
        if bool(data.get("event")) == bool(data.get("network")):
            raise forms.ValidationError(_("Choose either an event or a network."))
        return data


class AutomaticForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=60, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == Message.Kind.REMINDER:
            self.fields["days"].label = _("Days before the event (empty: no reminder)")
        else:
            self.fields["days"].label = _("Days after the event (empty: no message)")
        self.fields["body"].help_text = placeholder_help(True)

    def clean(self):
        data = super().clean()
        unknown = placeholders.unknown(f"{data.get('subject', '')}\n{data.get('body', '')}")
        if unknown:
            self.add_error("body", _("Unknown placeholders: %(names)s.") % {"names": ", ".join(unknown)})
        return data


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = CheckedFileField(
        label=_("File"),
        help_text=_("PDF, PowerPoint, Word, Excel, OpenDocument or text; at most 25 MB."),
    )
    public = forms.BooleanField(
        label=_("Public: anyone with the link may download it"),
        required=False,
        help_text=_("Otherwise only participants can open it, through their personal link."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].types = MATERIAL_TYPES
        self.fields["file"].max_bytes = material_max_bytes
