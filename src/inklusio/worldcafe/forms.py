from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inklusio.contacts.picker import PersonPickerField
from inklusio.contacts.queries import all_people
from inklusio.core.forms import BoundedModelChoiceField, near_in_time
from inklusio.core.uploads import CheckedFileField

from .files import MAX_BYTES
from .models import CafeParticipant, CafeTable, WorldCafe


class WorldCafeForm(forms.ModelForm):
    class Meta:
        model = WorldCafe
        fields = ["project", "title", "rounds", "event", "meeting", "source_label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Events and meetings of the last year and to come (and the current choice): short lists at any size.
        for name in ("event", "meeting"):
            field = self.fields[name]
            field.queryset = near_in_time(field.queryset, "starts_at", keep=getattr(self.instance, f"{name}_id"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("event") and cleaned.get("meeting"):
            self.add_error("meeting", _("Choose an event or a network meeting, not both."))
        return cleaned

    def clean_rounds(self):
        rounds = self.cleaned_data["rounds"]
        if not 1 <= rounds <= 20:
            raise forms.ValidationError(_("Choose between 1 and 20 rounds."))
        return rounds


class TableForm(forms.ModelForm):
    class Meta:
        model = CafeTable
        fields = ["name", "capacity", "accessible"]

    def __init__(self, *args, cafe=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cafe = cafe

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.cafe and self.cafe.tables.filter(name=name).exists():
            raise forms.ValidationError(_("There is already a table with this name."))
        return name

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= 30:
            raise forms.ValidationError(_("A table seats between 1 and 30 people."))
        return capacity


class AddPersonForm(forms.Form):
    person = PersonPickerField(label=_("Person from the contacts"))
    host_table = BoundedModelChoiceField(
        queryset=CafeTable.objects.none(), required=False, label=_("Hosts table"), empty_label=_("nobody – a guest")
    )
    together_with = BoundedModelChoiceField(
        queryset=CafeParticipant.objects.none(),
        required=False,
        label=_("Sits together with"),
        help_text=_("For an assistant or interpreter: the person they accompany, at the same table every round."),
        empty_label=pgettext_lazy("sits together with", "nobody"),
    )
    needs_accessible_table = forms.BooleanField(required=False, label=_("Needs an accessible table"))

    def __init__(self, *args, cafe, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["together_with"].queryset = cafe.participants.filter(left_after_round__isnull=True)
        self.fields["person"].queryset = all_people().filter(anonymised=False).exclude(world_cafe_seats__cafe=cafe)
        self.fields["host_table"].queryset = cafe.tables.all()


class ImportForm(forms.Form):
    file = CheckedFileField(
        max_bytes=lambda: MAX_BYTES,
        label=_("Participants file (CSV or XLSX)"),
        help_text=_(
            "Columns: id, name, organisation, stakeholder_type, host_table, together_with, needs_accessible_table."
        ),
    )


class LeftForm(forms.Form):
    participant = forms.ChoiceField(label=_("Who left?"))
    after_round = forms.TypedChoiceField(label=_("Left after round"), coerce=int)

    def __init__(self, *args, cafe, **kwargs):
        super().__init__(*args, **kwargs)
        self.cafe = cafe
        present = cafe.participants.filter(left_after_round__isnull=True)
        self.fields["participant"].choices = [(p.pk, p.name) for p in present]
        self.fields["after_round"].choices = [(r, str(r)) for r in range(max(1, cafe.held_rounds), cafe.rounds)]

    def clean_participant(self):
        value = self.cleaned_data["participant"]
        participant = self.cafe.participants.filter(pk=value, left_after_round__isnull=True).first()
        if participant is None:
            raise forms.ValidationError(_("Choose someone who is still there."))
        return participant
