"""The registration forms in Leichte Sprache: the standard forms' fields and rules, with labels, hints and error
messages in Leichte Sprache.

The texts are German literals, not gettext: a Leichte Sprache page is German on every language prefix (under
/en/ it says so in English). The rules are the standard forms' own (the same clean methods and the same
``RegistrationData`` for the same services); only the words differ. Each error the standard form raises carries a
code, and ``EASY_ERRORS`` gives its Leichte Sprache text.
"""

from django import forms

from .easy_language import EASY_SUPPORT_LABELS
from .forms import RegistrationChangeForm, RegistrationForm
from .models import Question

# Errors raised by the standard forms' rules, by their code.
EASY_ERRORS = {
    "control": "Im Text sind unsichtbare Zeichen. Bitte schreiben Sie den Text neu.",
    "name_length": "Der Name ist zu lang.",
    "name_control": "Bitte schreiben Sie den Namen in eine Zeile.",
    "name_url": "Bitte schreiben Sie nur Ihren Namen. Schreiben Sie keine Internet-Adresse.",
    "support_consent": "Sie haben eine Hilfe ausgewählt. Dann brauchen wir Ihr Einverständnis. "
    "Bitte setzen Sie hier einen Haken. Oder nehmen Sie die Haken bei der Hilfe weg.",
    "support_kind": "Sie haben etwas zur Hilfe geschrieben. Bitte wählen Sie auch eine Hilfe aus. "
    "Zum Beispiel: Andere Hilfe.",
}

# Errors of the fields themselves (Django's error codes), the same for every field unless the field says more.
FIELD_ERRORS = {
    "required": "Bitte füllen Sie das aus.",
    "invalid": "Das ist nicht richtig.",
    "max_length": "Der Text ist zu lang. Bitte schreiben Sie höchstens %(limit_value)s Buchstaben.",
    "invalid_choice": "Bitte wählen Sie etwas aus der Liste.",
    "invalid_list": "Bitte wählen Sie etwas aus der Liste.",
    "null_characters_not_allowed": EASY_ERRORS["control"],
}

OPTIONAL = "Das müssen Sie nicht ausfüllen."


class EasyFormMixin:
    """Error messages and the choices of the questions and support needs in Leichte Sprache."""

    hide_optional = True  # the field template's "optional" is gettext: the hints say it in Leichte Sprache

    def _easy_fields(self, texts: dict[str, tuple[str, str, str]]):
        """Set ``label``, ``help_text`` and the ``required`` message of each field named in ``texts``; every
        field gets ``FIELD_ERRORS``."""
        for name, field in self.fields.items():
            field.error_messages = {**field.error_messages, **FIELD_ERRORS}
            if name in texts:
                label, help_text, required = texts[name]
                field.label, field.help_text = label, help_text
                if required:
                    field.error_messages["required"] = required
        for question in self.questions:
            field = self.fields[f"q_{question.pk}"]
            field.error_messages["required"] = "Bitte beantworten Sie diese Frage."
            field.help_text = "" if question.required else OPTIONAL
            if question.kind == Question.Kind.YES_NO:
                field.choices = [("yes", "Ja"), ("no", "Nein")]
        support = self.fields["support_needs"]
        support.choices = [(value, EASY_SUPPORT_LABELS.get(value, label)) for value, label in support.choices]

    def add_error(self, field, error):
        super().add_error(field, _easy_error(error))

    def question_fields(self):
        return [self[f"q_{question.pk}"] for question in self.questions]


def _easy_error(error):
    if not isinstance(error, forms.ValidationError):
        return error
    if hasattr(error, "error_dict"):
        return error
    easy = [
        forms.ValidationError(EASY_ERRORS[item.code], code=item.code) if item.code in EASY_ERRORS else item
        for item in error.error_list
    ]
    return forms.ValidationError(easy)


SUPPORT_TEXTS = {
    "support_needs": ("Welche Hilfe brauchen Sie?", "Sie können mehrere Haken setzen. " + OPTIONAL, ""),
    "support_detail": ("Was brauchen Sie genau?", "Hier können Sie mehr zur Hilfe schreiben. " + OPTIONAL, ""),
    "support_consent": ("Ja, Sie dürfen die Angaben zu meiner Hilfe speichern", "", ""),
}


class EasyRegistrationForm(EasyFormMixin, RegistrationForm):
    """The registration in Leichte Sprache: :class:`RegistrationForm`'s fields and rules."""

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, event=event, **kwargs)
        self._easy_fields(
            {
                "first_name": ("Ihr Vorname", "", "Bitte schreiben Sie Ihren Vornamen."),
                "last_name": ("Ihr Nachname", "", "Bitte schreiben Sie Ihren Nachnamen."),
                "email": (
                    "Ihre E-Mail-Adresse",
                    "An diese Adresse schicken wir die Bestätigung.",
                    "Bitte schreiben Sie Ihre E-Mail-Adresse.",
                ),
                "organisation": ("Wo arbeiten oder lernen Sie?", OPTIONAL, ""),
                "stakeholder_type": ("Wer sind Sie?", OPTIONAL, ""),
                "privacy_consent": (
                    "Ja, ich bin einverstanden: Sie speichern meine Angaben für die Anmeldung",
                    "",
                    "Bitte setzen Sie hier einen Haken. Sonst können wir Sie nicht anmelden.",
                ),
                "photo_consent": ("Ja, Sie dürfen Fotos von mir zeigen", OPTIONAL, ""),
                "newsletter": ("Ja, schicken Sie mir auch den Infoletter", OPTIONAL, ""),
                **SUPPORT_TEXTS,
            }
        )
        self.fields["email"].error_messages["invalid"] = (
            "Die E-Mail-Adresse ist nicht richtig. Eine E-Mail-Adresse hat immer das Zeichen @."
        )

    def registration_data(self, language="de"):
        data = super().registration_data("de")  # the pages and the mails in Leichte Sprache are German
        data.easy_language = True
        return data


class EasyRegistrationChangeForm(EasyFormMixin, RegistrationChangeForm):
    """Changing a registration in Leichte Sprache: :class:`RegistrationChangeForm`'s fields and rules."""

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, registration=registration, **kwargs)
        self._easy_fields(
            {
                "organisation": ("Wo arbeiten oder lernen Sie?", OPTIONAL, ""),
                "photo_consent": ("Ja, Sie dürfen Fotos von mir zeigen", OPTIONAL, ""),
                **SUPPORT_TEXTS,
            }
        )
