"""Words of the events area in Leichte Sprache, shared by its forms, pages and mails (German literals: Leichte
Sprache is German on every language prefix)."""

from .models import SupportKind

# The kinds of support in Leichte Sprache: the choice labels of the form and of the personal page.
EASY_SUPPORT_LABELS = {
    SupportKind.SIGN_LANGUAGE: "Gebärden-Sprache: Eine Person übersetzt alles in Gebärden-Sprache.",
    SupportKind.SPEECH_TO_TEXT: "Schrift-Dolmetschen: Eine Person schreibt alles auf. Sie können es dann lesen.",
    SupportKind.INDUCTION_LOOP: "Induktions-Schleife: Das ist eine Technik für Hör-Geräte.",
    SupportKind.STEP_FREE: "Ein Weg ohne Stufen: Zum Beispiel für einen Roll-Stuhl.",
    SupportKind.EASY_LANGUAGE: "Unterlagen in Leichter Sprache.",
    SupportKind.COMPANION: "Eine Begleit-Person kommt mit mir.",
    SupportKind.OTHER: "Andere Hilfe.",
}

# Why registering is not possible, in Leichte Sprache (the codes of Event.registration_state / RegistrationError).
EASY_STATES = {
    "cancelled": ["Die Veranstaltung fällt aus.", "Sie können sich nicht anmelden."],
    "draft": ["Die Veranstaltung ist noch nicht fertig geplant.", "Sie können sich noch nicht anmelden."],
    "not_open": ["Die Anmeldung hat noch nicht begonnen.", "Bitte versuchen Sie es später noch einmal."],
    "closed": ["Die Anmeldung ist vorbei.", "Sie können sich nicht mehr anmelden."],
    "past": ["Die Veranstaltung ist vorbei."],
}
NOT_POSSIBLE = ["Die Anmeldung ist im Moment nicht möglich."]
