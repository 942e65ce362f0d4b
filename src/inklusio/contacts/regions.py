"""German states (ISO 3166-2:DE) plus nationwide and abroad. Plain data, no Django models."""

STATES = [
    ("DE-BW", "Baden-Württemberg"),
    ("DE-BY", "Bayern"),
    ("DE-BE", "Berlin"),
    ("DE-BB", "Brandenburg"),
    ("DE-HB", "Bremen"),
    ("DE-HH", "Hamburg"),
    ("DE-HE", "Hessen"),
    ("DE-MV", "Mecklenburg-Vorpommern"),
    ("DE-NI", "Niedersachsen"),
    ("DE-NW", "Nordrhein-Westfalen"),
    ("DE-RP", "Rheinland-Pfalz"),
    ("DE-SL", "Saarland"),
    ("DE-SN", "Sachsen"),
    ("DE-ST", "Sachsen-Anhalt"),
    ("DE-SH", "Schleswig-Holstein"),
    ("DE-TH", "Thüringen"),
]
NATIONWIDE = ("DE", "bundesweit")
ABROAD = ("XX", "Ausland")
REGION_CHOICES = [*STATES, NATIONWIDE, ABROAD]

_ALIASES = {
    "hesse": "DE-HE",
    "bavaria": "DE-BY",
    "north rhine-westphalia": "DE-NW",
    "lower saxony": "DE-NI",
    "saxony": "DE-SN",
    "saxony-anhalt": "DE-ST",
    "thuringia": "DE-TH",
    "rhineland-palatinate": "DE-RP",
    "nrw": "DE-NW",
    "germany": "DE",
    "deutschland": "DE",
    "nationwide": "DE",
    "abroad": "XX",
}


def region_code(text: str) -> str | None:
    """The region code for a code, a German or English name, or a short form like 'HE'."""
    value = text.strip()
    if not value:
        return ""
    lowered = value.casefold()
    for code, name in REGION_CHOICES:
        if lowered in {code.casefold(), name.casefold(), code.removeprefix("DE-").casefold()}:
            return code
    return _ALIASES.get(lowered)
