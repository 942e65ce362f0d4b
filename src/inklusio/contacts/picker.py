"""One way to choose a person in any form: search as you type (HTMX), and without JavaScript a search button.

:class:`PersonPickerField` replaces a drop-down of every contact. Its widget shows a search box; typing asks
``contacts:person_search`` for at most :data:`~inklusio.contacts.queries.PICKER_LIMIT` people *the user may see*
(``people_for_user``) and shows them as radio buttons with their organisation and email domain, so look-alikes
can be told apart. Without JavaScript the box's button sends the form: the field then refuses to validate (so
nothing is saved half-chosen) and the form comes back with the same results rendered by the server.

The field's own ``queryset`` still decides what may be chosen: a person outside it is refused on submit, whatever
the search showed.
"""

from django import forms
from django.forms.models import ModelChoiceField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inklusio.core.forms import BoundedModelChoiceField, _fits_a_key

from .queries import all_people, pick_people


def email_domain(email: str) -> str:
    """'@example.org' for an address: enough to tell two people apart without showing the address."""
    return "@" + email.rpartition("@")[2] if "@" in (email or "") else ""


def describe(person) -> str:
    """The organisations and email domain shown next to the name in a result."""
    organisations = sorted({a.organisation.name for a in person.affiliations.all()})
    return " · ".join([*organisations[:2], *filter(None, [email_domain(person.email)])])


class PersonPickerWidget(forms.Widget):
    template_name = "contacts/picker/widget.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = all_people().none()
        self.search_text = ""
        self.searching = False

    def value_from_datadict(self, data, files, name):
        self.search_text = (data.get(f"{name}_q") or "").strip()[:100]
        self.searching = f"{name}_search" in data
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        if value not in (None, "") and str(value).isdigit() and _fits_a_key(value):
            chosen = self.queryset.filter(pk=value).prefetch_related("affiliations__organisation").first()
        results = pick_people(self.queryset, self.search_text) if self.searching or self.search_text else []
        results = [p for p in results if chosen is None or p.pk != chosen.pk]
        context["widget"].update(
            chosen=chosen and (chosen, describe(chosen)),
            results=[(person, describe(person)) for person in results],
            search_text=self.search_text,
            searched=self.searching or bool(self.search_text),
            search_url=reverse("contacts:person_search"),
        )
        return context


class PersonPickerField(BoundedModelChoiceField):
    widget = PersonPickerWidget
    default_error_messages = {
        "searching": _("Choose one of the people found, then save."),
        "empty_search": _("Type part of a name, an email address or an organisation to search."),
    }

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("empty_label", None)
        kwargs.setdefault("template_name", "contacts/picker/field.html")
        super().__init__(queryset=all_people().none() if queryset is None else queryset, **kwargs)

    def _set_queryset(self, queryset):
        ModelChoiceField._set_queryset(self, queryset)
        self.widget.queryset = self.queryset

    queryset = property(ModelChoiceField._get_queryset, _set_queryset)

    def clean(self, value):
        if self.widget.searching:  # the search button, not the form's: show the results, save nothing
            code = "searching" if self.widget.search_text else "empty_search"
            raise forms.ValidationError(self.error_messages[code], code=code)
        return super().clean(value)
