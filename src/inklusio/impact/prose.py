"""Counts in words, the way people write them in a funder report. Pure Python: no Django here.

``approximate(n)`` decides *what* to say (a qualifier and a round value); ``say(n, lang)`` and
``count_phrase(n, ...)`` turn that into German or English text.

Rules (``n`` a whole number of things):

* ``n < 0``: exact digits (never rounded; it is not a count).
* ``0 <= n <= 12``: exact, as a word. With a counted noun the word takes its grammatical form:
  German ``ein``/``eine``/``einen``/``einem``/``einer`` for one (by the noun's gender and the case),
  ``keine``/``keinen`` for zero ("keine Mailings"), ``zwei`` … ``zwölf`` otherwise; English ``no``,
  ``one`` … ``twelve``. Standing alone: ``null``, ``eins`` … / ``zero``, ``one`` ….
* ``13 <= n <= 99``: ``R`` is the nearest multiple of 10 (halves round up). ``n == R``: digits.
  Within 2 % of ``R``: "rund R" / "around R". Otherwise, below ``R`` by at most 10 %: "knapp R" /
  "almost R"; above ``R`` by at most 15 %: "über R" or "mehr als R" / "over R" or "more than R"
  (the caller chooses the word). Otherwise: exact digits ("16").
  "über" tolerates more than "knapp" because it is a lower bound and stays true ("über 20
  Referent*innen" for 23), whereas "knapp" promises the round number is nearly reached.
* ``n >= 100`` with ``d`` digits: ``big = 10**(d-1)``, ``fine = 10**(d-2)`` (100/10 for three digits,
  1,000/100 for four, 10,000/1,000 for five …). If ``n`` is within 2 % of a multiple of ``big`` and not
  equal to it: "rund" that multiple (497 and 503 → "rund 500"; 995 → "rund 1.000"). Otherwise ``R`` is
  the nearest multiple of ``fine``: equal → exact digits ("270", "500"); below → "knapp R"; above →
  "über R" (the distance to the nearest ``fine`` step is at most 5 % here, so the 10 %/15 % limits never
  bite). 118 → "knapp 120", 273 → "über 270", 218 → "knapp 220", 547 → "knapp 550".
* Digits are grouped: German "1.200", English "1,200".

The qualifier always points the honest way: "knapp"/"almost" only when ``n < R``, "über"/"mehr als"/
"over"/"more than" only when ``n > R``, "rund"/"around" only within 2 %.
"""

from dataclasses import dataclass
from fractions import Fraction

EXACT, ABOUT, ALMOST, OVER = "exact", "about", "almost", "over"

ABOUT_LIMIT = 0.02
ALMOST_LIMIT = 0.10
OVER_LIMIT = 0.15

GERMAN_WORDS = [
    "null",
    "eins",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
]
ENGLISH_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
# German indefinite article for "one" + noun: (gender, case) -> word.
GERMAN_ONE = {
    ("m", "nom"): "ein",
    ("m", "acc"): "einen",
    ("m", "dat"): "einem",
    ("f", "nom"): "eine",
    ("f", "acc"): "eine",
    ("f", "dat"): "einer",
    ("n", "nom"): "ein",
    ("n", "acc"): "ein",
    ("n", "dat"): "einem",
}
GERMAN_NONE = {"nom": "keine", "acc": "keine", "dat": "keinen"}
QUALIFIERS = {
    "de": {ABOUT: "rund", ALMOST: "knapp", OVER: "über"},
    "en": {ABOUT: "around", ALMOST: "almost", OVER: "over"},
}
OVER_WORDS = {"de": ("über", "mehr als"), "en": ("over", "more than")}
WORD_LIMIT = 12


@dataclass(frozen=True)
class Approximation:
    """What to say about ``n``: ``qualifier`` (exact/about/almost/over) and the number to write."""

    n: int
    qualifier: str
    value: int

    @property
    def as_word(self) -> bool:
        return self.qualifier == EXACT and 0 <= self.value <= WORD_LIMIT


def _nearest(n: int, step: int) -> int:
    return (n + step // 2) // step * step


def approximate(n: int) -> Approximation:
    """Choose qualifier and round value for the count ``n`` (see the module docstring for the rules)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"approximate() needs a whole number, not {n!r}")
    if n <= WORD_LIMIT:
        return Approximation(n, EXACT, n)
    if n < 100:
        big, fine = None, 10
    else:
        digits = len(str(n))
        big, fine = 10 ** (digits - 1), 10 ** (digits - 2)
    if big is not None:
        round_big = _nearest(n, big)
        if round_big != n and abs(n - round_big) / round_big <= ABOUT_LIMIT:
            return Approximation(n, ABOUT, round_big)
    target = _nearest(n, fine)
    if target == n:
        return Approximation(n, EXACT, n)
    distance = abs(n - target) / target
    if big is None and distance <= ABOUT_LIMIT:
        return Approximation(n, ABOUT, target)
    if n < target and distance <= ALMOST_LIMIT:
        return Approximation(n, ALMOST, target)
    if n > target and distance <= OVER_LIMIT:
        return Approximation(n, OVER, target)
    return Approximation(n, EXACT, n)


def digits(n: int, lang: str = "de") -> str:
    """``n`` in digits with the language's thousands separator (German ``1.200``, English ``1,200``)."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "de" else text


def _check(lang: str, over: str | None) -> str:
    if lang not in QUALIFIERS:
        raise ValueError(f"unsupported language {lang!r}")
    if over is not None and over not in OVER_WORDS[lang]:
        raise ValueError(f"{over!r} is not an 'over' word for {lang}: use one of {OVER_WORDS[lang]}")
    return over or OVER_WORDS[lang][0]


def say(n: int, lang: str = "de", over: str | None = None) -> str:
    """The count on its own: "sieben", "knapp 120", "around 500", "16"."""
    over_word = _check(lang, over)
    approx = approximate(n)
    if approx.as_word:
        return (GERMAN_WORDS if lang == "de" else ENGLISH_WORDS)[n]
    number = digits(approx.value, lang)
    if approx.qualifier == EXACT:
        return number
    word = over_word if approx.qualifier == OVER else QUALIFIERS[lang][approx.qualifier]
    return f"{word} {number}"


def count_phrase(
    n: int,
    singular: str,
    plural: str,
    lang: str = "de",
    *,
    gender: str = "n",
    case: str = "nom",
    over: str | None = None,
) -> str:
    """The count with its noun: "drei regionale Netzwerke", "ein Fachtag", "knapp 120 Beiträge", "seven mailings".

    ``singular``/``plural`` are the noun forms (with any adjective) in the case the sentence needs;
    ``gender`` (m/f/n) and ``case`` (nom/acc/dat) choose the German word for one and none.
    """
    over_word = _check(lang, over)
    if gender not in {"m", "f", "n"} or case not in {"nom", "acc", "dat"}:
        raise ValueError("gender must be m, f or n and case nom, acc or dat")
    approx = approximate(n)
    if approx.as_word:
        if n == 1:
            word = GERMAN_ONE[(gender, case)] if lang == "de" else "one"
            return f"{word} {singular}"
        if n == 0:
            word = GERMAN_NONE[case] if lang == "de" else "no"
            return f"{word} {plural}"
        return f"{(GERMAN_WORDS if lang == 'de' else ENGLISH_WORDS)[n]} {plural}"
    return f"{say(n, lang, over_word)} {plural}"


# -- shares: "knapp zwei Drittel der 57 Antwortenden" -------------------------------------------------------

# (fraction, German words, English words), the fractions people say in a report.
FRACTIONS = [
    (Fraction(1, 4), "ein Viertel", "a quarter"),
    (Fraction(1, 3), "ein Drittel", "a third"),
    (Fraction(1, 2), "die Hälfte", "half"),
    (Fraction(2, 3), "zwei Drittel", "two thirds"),
    (Fraction(3, 4), "drei Viertel", "three quarters"),
]


def share_phrase(part: int, whole: int, noun: str, lang: str = "de") -> str:
    """``part`` of ``whole`` respondents as words: "knapp zwei Drittel der 57 Antwortenden".

    The same qualifiers as for counts, applied to the nearest fraction in :data:`FRACTIONS`: exact when equal,
    "rund"/"around" within 2 %, "knapp"/"almost" up to 10 % below, "über"/"over" up to 15 % above (relative to
    the fraction). Otherwise, and for none or all, the per cent in digits ("63 Prozent der 57 Antwortenden").
    ``noun`` is the plural after the number, in the genitive for German ("Antwortenden").
    """
    _check(lang, None)
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError("share_phrase needs 0 <= part <= whole and whole > 0")
    number = digits(whole, lang)
    of = f"der {number} {noun}" if lang == "de" else f"of the {number} {noun}"
    if part == whole:
        return f"alle {number} {noun}" if lang == "de" else f"all {number} {noun}"
    share = Fraction(part, whole)
    if part:
        fraction, german, english = min(FRACTIONS, key=lambda item: abs(item[0] - share))
        words = german if lang == "de" else english
        distance = abs(share - fraction) / fraction
        if share == fraction:
            return f"{words} {of}"
        if distance <= ABOUT_LIMIT:
            return f"{QUALIFIERS[lang][ABOUT]} {words} {of}"
        if share < fraction and distance <= ALMOST_LIMIT:
            return f"{QUALIFIERS[lang][ALMOST]} {words} {of}"
        if share > fraction and distance <= OVER_LIMIT:
            return f"{OVER_WORDS[lang][1]} {words} {of}" if lang == "de" else f"over {words} {of}"
    percent = round(100 * share)
    return f"{percent} Prozent {of}" if lang == "de" else f"{percent} per cent {of}"
