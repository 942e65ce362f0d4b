"""One way to choose a person in any form: search as you type (HTMX), and without JavaScript a search button.

:class:`PersonPickerField` replaces a drop-down of every contact. Its widget shows a search box; typing asks
``contacts:person_search`` for at most :data:`~inklusio.contacts.queries.PICKER_LIMIT` people *the user may see*
(``people_for_user``) and shows them as radio buttons with their organisation and email domain, so look-alikes
can be told apart. Without JavaScript the box's button sends the form: the field then refuses to validate (so
nothing is saved half-chosen) and the form comes back with the same results rendered by the server.

The field's own ``queryset`` still decides what may be chosen: a person outside it is refused on submit, whatever
the search showed.
"""

from urllib.parse import urlencode

from django import forms
from django.forms.models import ModelChoiceField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inklusio.core.forms import BoundedModelChoiceField, _fits_a_key

from .queries import all_organisations, all_people, pick_organisations, pick_people


def email_domain(email: str) -> str:
    """'@example.org' for an address: enough to tell two people apart without showing the address."""
    return "@" + email.rpartition("@")[2] if "@" in (email or "") else ""


def describe(person) -> str:
    """The organisations and email domain shown next to the name in a result."""
    organisations = sorted({a.organisation.name for a in person.affiliations.all()})
    return " · ".join([*organisations[:2], *filter(None, [email_domain(person.email)])])


class PersonPickerWidget(forms.Widget):
    template_name = "contacts/picker/widget.html"
    results_template = "contacts/picker/results.html"
    search_url_name = "contacts:person_search"
    use_fieldset = True
    texts = {
        "other": _("Search for someone else"),
        "hint": _("Name, email or organisation; the people found appear below as you type."),
        "none": _("nobody"),
        "what": _("people"),
    }

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = self.empty()
        self.search_text = ""
        self.searching = False

    def empty(self):
        return all_people().none()

    def chosen(self, pk):
        return self.queryset.filter(pk=pk).prefetch_related("affiliations__organisation").first()

    def pick(self, text):
        return pick_people(self.queryset, text)

    def describe(self, item):
        return describe(item)

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
            chosen = self.chosen(value)
        results = self.pick(self.search_text) if self.searching or self.search_text else []
        results = [p for p in results if chosen is None or p.pk != chosen.pk]
        context["widget"].update(
            chosen=chosen and (chosen, self.describe(chosen)),
            results=[(item, self.describe(item)) for item in results],
            search_text=self.search_text,
            searched=self.searching or bool(self.search_text),
            search_url=reverse(self.search_url_name),
            results_template=self.results_template,
            texts=self.texts,
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
        super().__init__(queryset=self.widget().empty() if queryset is None else queryset, **kwargs)

    def _set_queryset(self, queryset):
        ModelChoiceField._set_queryset(self, queryset)
        self.widget.queryset = self.queryset

    queryset = property(ModelChoiceField._get_queryset, _set_queryset)

    def clean(self, value):
        if self.widget.searching:  # the search button, not the form's: show the results, save nothing
            code = "searching" if self.widget.search_text else "empty_search"
            raise forms.ValidationError(self.error_messages[code], code=code)
        return super().clean(value)


def describe_organisation(organisation) -> str:
    """The city and region shown next to an organisation's name in a result."""
    return " · ".join(filter(None, [organisation.city, organisation.region]))


class OrganisationPickerWidget(PersonPickerWidget):
    """The same search as for people, for an organisation (a drop-down of 20,000 would be megabytes)."""

    results_template = "contacts/picker/organisation_results.html"
    search_url_name = "contacts:organisation_search"
    texts = {
        "other": _("Search for another organisation"),
        "hint": _("Name of the organisation; the organisations found appear below as you type."),
        "none": _("no organisation"),
        "what": _("organisations"),
    }

    stakeholder_type = ""  # a stakeholder type's code: the search finds only organisations of that type

    def empty(self):
        return all_organisations().none()

    def chosen(self, pk):
        return self.queryset.filter(pk=pk).first()

    def pick(self, text):
        return pick_organisations(self.queryset, text, stakeholder_type=self.stakeholder_type)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.stakeholder_type:
            context["widget"]["search_url"] += "?" + urlencode({"type": self.stakeholder_type})
        return context

    def describe(self, item):
        return describe_organisation(item)


class OrganisationPickerField(PersonPickerField):
    """``stakeholder_type``: only organisations of this type are found (the queryset should hold only those)."""

    widget = OrganisationPickerWidget
    default_error_messages = {
        "searching": _("Choose one of the organisations found, then save."),
        "empty_search": _("Type part of the organisation's name to search."),
    }

    def __init__(self, queryset=None, *, stakeholder_type: str = "", **kwargs):
        super().__init__(queryset=queryset, **kwargs)
        self.widget.stakeholder_type = stakeholder_type
