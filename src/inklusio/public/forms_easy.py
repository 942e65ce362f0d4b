"""The public forms in Leichte Sprache: the same fields, rules and spam protection as the standard forms
(they are subclasses), with labels, hints and error messages in Leichte Sprache.

The texts are German literals (Leichte Sprache is a form of German); the pages show them in ``lang="de"``.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from inklusio.contacts.regions import STATES

from .forms import BarrierFeedbackForm, ContactForm, OfferFilterForm
from .occupations import OCCUPATIONS

REQUIRED_NAME = "Bitte schreiben Sie Ihren Namen."
REQUIRED_EMAIL = "Bitte schreiben Sie Ihre E-Mail-Adresse."
INVALID_EMAIL = "Die E-Mail-Adresse ist nicht richtig. Eine E-Mail-Adresse sieht so aus: name@beispiel.de"
TOO_LONG = "Der Text ist zu lang. Bitte schreiben Sie weniger."
REQUIRED_CONSENT = "Bitte setzen Sie den Haken. Sonst dürfen wir Ihre Nachricht nicht speichern."

# What the spam protection says, in Leichte Sprache (see services.check_submission).
REJECTIONS = {
    "expired": "Das Formular ist zu alt. Bitte schicken Sie es noch einmal ab.",
    "too_fast": (
        "Das Formular wurde sehr schnell abgeschickt. Bitte prüfen Sie Ihre Angaben. "
        "Schicken Sie das Formular dann noch einmal ab."
    ),
    "rate_limit": "Sie haben schon viele Nachrichten geschickt. Bitte versuchen Sie es später noch einmal.",
}
NAME_NOT_VALID = "Der Name ist nicht richtig. Bitte schreiben Sie nur Ihren Namen."


def one_per_line(*statements: str):
    """A hint in Leichte Sprache: one statement per line (escaped, joined by line breaks)."""
    return mark_safe("<br>".join(conditional_escape(statement) for statement in statements))  # noqa: S308 — escaped


class EasyFormMixin:
    """Leichte Sprache for the shared fields of every public form (name, email, consent, spam protection)."""

    hide_optional = True  # the optional fields say so in their own words

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["name"].label = "Ihr Name"
        fields["name"].error_messages.update({"required": REQUIRED_NAME, "max_length": TOO_LONG})
        fields["email"].label = "Ihre E-Mail-Adresse"
        fields["email"].help_text = "An diese Adresse schicken wir Ihnen eine Bestätigung."
        fields["email"].error_messages.update({"required": REQUIRED_EMAIL, "invalid": INVALID_EMAIL})
        # Labels without a closing full stop or question mark: the error summary reads "label: message".
        fields["consent"].label = "Ja, Sie dürfen meine Angaben speichern"
        fields["consent"].help_text = one_per_line(
            "Angaben sind: Ihr Name, Ihre E-Mail-Adresse und Ihre Nachricht.",
            "Wir brauchen die Angaben für die Antwort.",
            "Sie können das jederzeit zurücknehmen.",
        )
        fields["consent"].error_messages.update({"required": REQUIRED_CONSENT})
        fields["message"].error_messages.update({"max_length": TOO_LONG})

    def clean_name(self):
        try:
            return super().clean_name()
        except forms.ValidationError:
            raise forms.ValidationError(NAME_NOT_VALID) from None

    def rejection_message(self, rejected) -> str:
        return REJECTIONS.get(rejected.reason, "Das hat nicht geklappt. Bitte versuchen Sie es später noch einmal.")


class EasyContactForm(EasyFormMixin, ContactForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].label = "Thema"
        self.fields["topic"].help_text = one_per_line(
            "Worum geht es?", "Schreiben Sie ein paar Wörter.", "Zum Beispiel: Frage zur Ausbildung."
        )
        self.fields["topic"].error_messages.update(
            {"required": "Bitte schreiben Sie: Worum geht es?", "max_length": TOO_LONG}
        )
        self.fields["message"].label = "Ihre Nachricht"
        self.fields["message"].error_messages["required"] = "Bitte schreiben Sie Ihre Nachricht."


class EasyBarrierFeedbackForm(EasyFormMixin, BarrierFeedbackForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].label = "Seite"
        self.fields["page"].help_text = one_per_line(
            "Auf welcher Seite ist die Barriere?",
            "Schreiben Sie den Namen der Seite.",
            "Oder die Adresse.",
            "Das müssen Sie nicht.",
        )
        self.fields["page"].error_messages["max_length"] = TOO_LONG
        self.fields["message"].label = "Die Barriere"
        self.fields["message"].help_text = one_per_line(
            "Schreiben Sie: Was ist die Barriere?", "Was klappt nicht?", "Was ist schwer?"
        )
        self.fields["message"].error_messages["required"] = "Bitte schreiben Sie: Was ist die Barriere?"


class EasyOfferFilterForm(OfferFilterForm):
    """The search for training places, with fewer choices: a word, the occupation and the state."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_from", "form", "access"):
            del self.fields[name]
        self.fields["q"].label = "Such-Wort"
        self.fields["q"].help_text = one_per_line("Suchen Sie nach einem Wort.", "Zum Beispiel: Küche oder Köln.")
        self.fields["q"].error_messages["max_length"] = "Das Wort ist zu lang."
        self.fields["occupation"].label = "Beruf"
        self.fields["occupation"].help_text = "Welchen Beruf wollen Sie lernen?"
        self.fields["occupation"].choices = [("", "Alle Berufe"), *OCCUPATIONS]
        self.fields["region"].label = "Bundesland"
        self.fields["region"].help_text = "In welchem Bundesland wollen Sie lernen?"
        self.fields["region"].choices = [("", "Alle Bundesländer"), *STATES]
        not_in_list = "Diese Auswahl gibt es nicht. Bitte wählen Sie aus der Liste."
        self.fields["occupation"].error_messages["invalid_choice"] = not_in_list
        self.fields["region"].error_messages["invalid_choice"] = not_in_list
