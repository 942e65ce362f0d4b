"""The Infoletter sign-up in Leichte Sprache: the standard form's fields and checks (a subclass), fewer choices
(no topics: the Infoletter with everything), labels and error messages in Leichte Sprache (German literals)."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .forms import SignupForm

NAME_NOT_VALID = "Der Name ist nicht richtig. Bitte schreiben Sie nur Ihren Namen."
NO_CONSENT = "Bitte setzen Sie den Haken. Sonst dürfen wir Ihnen den Infoletter nicht schicken."
OUTDATED = "Das Formular ist zu alt. Bitte laden Sie die Seite neu."


class EasySignupForm(SignupForm):
    hide_optional = True  # the optional name says so in its own words

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["topics"]
        email, name, consent = self.fields["email"], self.fields["name"], self.fields["consent"]
        email.label = "Ihre E-Mail-Adresse"
        email.help_text = "An diese Adresse schicken wir den Infoletter."
        email.error_messages.update(
            {
                "required": "Bitte schreiben Sie Ihre E-Mail-Adresse.",
                "invalid": "Die E-Mail-Adresse ist nicht richtig. Eine E-Mail-Adresse sieht so aus: name@beispiel.de",
                "max_length": "Die E-Mail-Adresse ist zu lang.",
            }
        )
        name.label = "Ihr Name"
        name.help_text = "Den Namen müssen Sie nicht sagen."
        name.error_messages["max_length"] = "Der Name ist zu lang."
        consent.label = "Ja, ich will den Infoletter bekommen"  # no full stop: the error summary adds ": message"
        consent.help_text = mark_safe(  # noqa: S308 — both parts escaped; one statement per line
            "<br>".join(
                conditional_escape(line)
                for line in ("Ich kann das jederzeit zurücknehmen.", "Dafür ist in jedem Infoletter ein Link.")
            )
        )
        consent.error_messages["required"] = NO_CONSENT
        self.fields["consent_version"].error_messages["required"] = OUTDATED

    def clean_name(self):
        try:
            return super().clean_name()
        except forms.ValidationError:
            raise forms.ValidationError(NAME_NOT_VALID) from None

    def clean(self):
        cleaned = super().clean()
        if "consent_version" in self.errors:  # a hidden field: its error goes to the top, where it is read
            del self.errors["consent_version"]
            self.add_error(None, OUTDATED)
        return cleaned
