"""Report prose generated from the figures, per area, in German and English. Pure Python: no Django here.

``area_sentences(area, figures, lang)`` returns the sentences for one area of the report, written like
the reference closing report ("Auf Instagram wurden knapp 120 Beiträge veröffentlicht, …").
``figures`` maps indicator codes to values; a code that is missing or None has no data source (or no
value) and every sentence that needs it is left out or falls back to a variant without it: a figure
is never replaced by zero. Counts are worded by ``prose.count_phrase`` (approximating words, number
words up to twelve); within one sentence the first "over" reads "über"/"over" and later ones
"mehr als"/"more than", as people write to avoid the repetition.
"""

from .catalogue import EVENTS, NETWORKING, REACH, RESONANCE
from .prose import OVER, approximate, count_phrase, say


class _Sentence:
    """Collects the counts of one sentence so that 'over' words alternate."""

    def __init__(self, lang: str):
        self.lang = lang
        self.overs = 0

    def count(self, n, singular, plural, **kw) -> str:
        over = None
        if approximate(n).qualifier == OVER:
            over = (
                ("über", "mehr als")[min(self.overs, 1)]
                if self.lang == "de"
                else ("over", "more than")[min(self.overs, 1)]
            )
            self.overs += 1
        return count_phrase(n, singular, plural, self.lang, over=over, **kw)


def _int(figures, code):
    value = figures.get(code)
    if value is None:
        return None
    return int(round(value))


def _join(parts, lang):
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + (" und " if lang == "de" else " and ") + parts[-1]


def _with(sentence, items, lang, *, in_all=False):
    """ "mit (insgesamt) A, B und C" / "ohne A und B" / "mit A, aber ohne B" (never "mit keinen Treffen").

    ``items``: (count, singular, plural, bare plural for "ohne"/"without", count_phrase keywords); a count of
    None (no data source) is left out; empty text when nothing is left.
    """
    items = [item for item in items if item[0] is not None]
    counted = [sentence.count(n, one, many, **kw) for n, one, many, _bare, kw in items if n]
    without = [bare for n, _one, _many, bare, _kw in items if n == 0]
    if lang == "de":
        text = f"mit {'insgesamt ' if in_all else ''}{_join(counted, lang)}" if counted else ""
        if without:  # "mit einem Treffen, aber ohne aktive Beteiligte, die …": the aside is set off by commas
            text = f"{text}, aber ohne {_join(without, lang)}," if text else f"ohne {_join(without, lang)}"
    else:
        text = f"with {_join(counted, lang)}{' in all' if in_all else ''}" if counted else ""
        if without:
            text += f"{' but ' if text else ''}without {' or '.join(without)}"
    return text


def _percent(value, lang):
    number = f"{value:.0f}"
    return f"{number}\u00a0%" if lang == "de" else f"{number}%"


def _show_up_sentence(figures, lang) -> str:
    """The show-up rate over all events, with in-person and online apart when both are known."""
    in_person, online = figures.get("show_up_rate"), figures.get("show_up_rate_online")
    together = figures.get("show_up_rate_all")
    if together is None:
        together = in_person if in_person is not None else online
    if together is None:
        return ""
    detail = ""
    if in_person is not None and online is not None:
        label = "bei Präsenzveranstaltungen" if lang == "de" else "in person"
        detail = f" ({label} {_percent(in_person, lang)}, online {_percent(online, lang)})"
    if lang == "de":
        return f"Von den bestätigt angemeldeten Personen nahmen {_percent(together, lang)} tatsächlich teil{detail}."
    return f"{_percent(together, lang)} of those with a confirmed registration actually attended{detail}."


def _cap(text):
    return text[:1].upper() + text[1:]


def reach(figures, lang):
    out = []
    posts, followers = _int(figures, "instagram_posts"), _int(figures, "instagram_followers")
    if posts == 0 and followers:  # "Auf Instagram wurden keine Beiträge veröffentlicht, die … erreichten" is wrong
        posts, followers_only = None, True
    else:
        followers_only = False
    if followers == 0 and posts is not None:  # no "Community von keinen Follower*innen"
        followers = None
    s = _Sentence(lang)
    if lang == "de":
        if posts is not None and followers is not None:
            out.append(
                f"Auf Instagram {'wurde' if posts == 1 else 'wurden'} "
                f"{s.count(posts, 'Beitrag', 'Beiträge', gender='m')} veröffentlicht, die eine Community von "
                f"inzwischen {s.count(followers, 'Follower*in', 'Follower*innen', gender='f', case='dat')} erreichten."
            )
        elif posts is not None:
            verb = "wurde" if posts == 1 else "wurden"
            out.append(f"Auf Instagram {verb} {s.count(posts, 'Beitrag', 'Beiträge', gender='m')} veröffentlicht.")
        elif followers is not None:
            out.append(
                (
                    "Auf Instagram wurden keine Beiträge veröffentlicht; der Kanal hatte zuletzt "
                    if followers_only
                    else "Der Instagram-Kanal hatte zuletzt "
                )
                + f"{s.count(followers, 'Follower*in', 'Follower*innen', gender='f', case='acc')}."
            )
    else:
        if posts is not None and followers is not None:
            out.append(
                f"On Instagram, {s.count(posts, 'post', 'posts')} {'was' if posts == 1 else 'were'} published, "
                f"reaching a community of {s.count(followers, 'follower', 'followers')} by now."
            )
        elif posts is not None:
            out.append(f"On Instagram, {s.count(posts, 'post', 'posts')} {'was' if posts == 1 else 'were'} published.")
        elif followers is not None:
            out.append(
                (
                    "No posts were published on Instagram; the channel most recently had "
                    if followers_only
                    else "The Instagram channel most recently had "
                )
                + f"{s.count(followers, 'follower', 'followers')}."
            )
    mailings, subscribers = _int(figures, "mailings_sent"), _int(figures, "subscribers")
    s = _Sentence(lang)
    if mailings == 0:
        have = (
            f"; am Ende des Zeitraums hatte er "
            f"{s.count(subscribers, 'Abonnent*in', 'Abonnent*innen', gender='f', case='acc')}"
            if lang == "de" and subscribers is not None
            else f"; at the end of the period it had {s.count(subscribers, 'subscriber', 'subscribers')}"
            if subscribers is not None
            else ""
        )
        out.append(
            f"Der Infoletter wurde im Zeitraum nicht verschickt{have}."
            if lang == "de"
            else f"The newsletter did not go out in the period{have}."
        )
    elif subscribers == 0 and mailings is not None:
        out.append(
            f"Der Infoletter erschien mit insgesamt {s.count(mailings, 'Mailing', 'Mailings', case='dat')}; am Ende "
            "des Zeitraums hatte er keine Abonnent*innen."
            if lang == "de"
            else f"The newsletter went out in {s.count(mailings, 'mailing', 'mailings')} in all; at the end of the "
            "period it had no subscribers."
        )
    elif lang == "de":
        if mailings is not None and subscribers is not None:
            out.append(
                f"Ergänzend dazu informierte der Infoletter mit insgesamt "
                f"{s.count(mailings, 'Mailing', 'Mailings', case='dat')} "
                f"{s.count(subscribers, 'Abonnent*in', 'Abonnent*innen', gender='f', case='acc')} über die Themen "
                "des Projekts."
            )
        elif mailings is not None:
            out.append(f"Der Infoletter erschien mit insgesamt {s.count(mailings, 'Mailing', 'Mailings', case='dat')}.")
        elif subscribers is not None:
            out.append(
                "Der Infoletter hatte am Ende des Zeitraums "
                f"{s.count(subscribers, 'Abonnent*in', 'Abonnent*innen', gender='f', case='acc')}."
            )
    else:
        if mailings is not None and subscribers is not None:
            out.append(
                f"In addition, the newsletter informed {s.count(subscribers, 'subscriber', 'subscribers')} about the "
                f"project's topics in {s.count(mailings, 'mailing', 'mailings')} in all."
            )
        elif mailings is not None:
            out.append(f"The newsletter went out in {s.count(mailings, 'mailing', 'mailings')} in all.")
        elif subscribers is not None:
            out.append(
                f"The newsletter had {s.count(subscribers, 'subscriber', 'subscribers')} at the end of the period."
            )
    press = _int(figures, "press_clippings")
    if press is not None:
        s = _Sentence(lang)
        if lang == "de":
            verb = "erschien" if press == 1 else "erschienen"
            out.append(
                f"In externen Medien {verb} {s.count(press, 'Presseartikel', 'Presseartikel', gender='m')} über das "
                "Projekt, die zur weiteren Sensibilisierung der Öffentlichkeit beitrugen."
                if press > 1
                else f"In externen Medien {verb} {s.count(press, 'Presseartikel', 'Presseartikel', gender='m')} "
                "über das Projekt."
            )
        else:
            verb = "was" if press == 1 else "were"
            out.append(
                f"{_cap(s.count(press, 'press article', 'press articles'))} about the project {verb} published in "
                "external media."
            )
    return out


def events(figures, lang):
    out = []
    days = _int(figures, "conference_days")
    participants = _int(figures, "conference_day_participants")
    speakers = _int(figures, "conference_day_speakers")
    if days:
        s = _Sentence(lang)
        if lang == "de":
            subject = "Der Fachtag" if days == 1 else f"Die {s.count(days, 'Fachtag', 'Fachtage', gender='m')}"
            phrase = _with(
                s,
                [
                    (participants, "Teilnehmenden", "Teilnehmenden", "Teilnehmende", {"gender": "m", "case": "dat"}),
                    (speakers, "Referent*in", "Referent*innen", "Referent*innen", {"gender": "f", "case": "dat"}),
                ],
                lang,
                in_all=True,
            )
            middle = f" {phrase}" if phrase else ""
            verb = "bot" if days == 1 else "boten"
            out.append(f"{subject}{middle} {verb} ein breites Forum für Austausch und Wissenstransfer.")
        else:
            subject = "The expert day" if days == 1 else f"The {s.count(days, 'expert day', 'expert days')}"
            phrase = _with(
                s,
                [
                    (participants, "participant", "participants", "participants", {}),
                    (speakers, "speaker", "speakers", "speakers", {}),
                ],
                lang,
                in_all=True,
            )
            middle = f", {phrase}," if phrase else ""
            out.append(f"{subject}{middle} offered a broad forum for exchange and knowledge transfer.")
    congresses = _int(figures, "congresses")
    items = _int(figures, "congress_programme_items")
    c_speakers = _int(figures, "congress_speakers")
    registrations = _int(figures, "congress_registrations")
    if congresses != 0 and any(v is not None for v in (items, c_speakers, registrations)):
        s = _Sentence(lang)
        if lang == "de":
            if congresses is None:
                subject, verb = "Das Online-Kongressangebot", "präsentierte"
            elif congresses == 1:
                subject, verb = "Der Online-Kongress", "präsentierte"
            else:
                subject, verb = (
                    f"Die {s.count(congresses, 'Online-Kongress', 'Online-Kongresse', gender='m')}",
                    ("präsentierten"),
                )
            phrase = _with(
                s,
                [
                    (items, "Programmpunkt", "Programmpunkten", "Programmpunkte", {"gender": "m", "case": "dat"}),
                    (c_speakers, "Referent*in", "Referent*innen", "Referent*innen", {"gender": "f", "case": "dat"}),
                    (
                        registrations,
                        "angemeldeten Teilnehmenden",
                        "angemeldeten Teilnehmenden",
                        "angemeldete Teilnehmende",
                        {"gender": "m", "case": "dat"},
                    ),
                ],
                lang,
            )
            out.append(f"{subject} {phrase} {verb} praxisnahe Einblicke in die inklusive Ausbildung.")
        else:
            if congresses is None:
                subject = "The online congress programme"
            elif congresses == 1:
                subject = "The online congress"
            else:
                subject = f"The {s.count(congresses, 'online congress', 'online congresses')}"
            phrase = _with(
                s,
                [
                    (items, "programme item", "programme items", "programme items", {}),
                    (c_speakers, "speaker", "speakers", "speakers", {}),
                    (registrations, "registered participant", "registered participants", "registrations", {}),
                ],
                lang,
            )
            out.append(f"{subject}, {phrase}, gave practical insights into inclusive training.")
    apprentices = _int(figures, "apprentice_speakers")
    if apprentices:
        s = _Sentence(lang)
        if lang == "de":
            verb = "wirkte" if apprentices == 1 else "wirkten"
            out.append(
                f"{_cap(s.count(apprentices, 'Auszubildende*r', 'Auszubildende', gender='f'))} {verb} selbst als "
                "Referent*innen mit und brachten die Perspektive der Auszubildenden ein."
                if apprentices > 1
                else f"Ein*e Auszubildende*r {verb} selbst im Programm mit."
            )
        else:
            out.append(
                f"{_cap(s.count(apprentices, 'apprentice', 'apprentices'))} "
                f"{'was' if apprentices == 1 else 'were'} among the speakers, bringing in the apprentices' view."
            )
    show_up = _show_up_sentence(figures, lang)
    if show_up:
        out.append(show_up)
    satisfaction = figures.get("satisfaction")
    if satisfaction is not None:
        out.append(
            f"{_percent(satisfaction, lang)} der Rückmeldungen bewerteten die Veranstaltungen mit gut oder sehr gut."
            if lang == "de"
            else f"{_percent(satisfaction, lang)} of the feedback rated the events good or very good."
        )
    return out


def networking(figures, lang):
    out = []
    founded = _int(figures, "networks_founded")
    if founded:
        s = _Sentence(lang)
        if lang == "de":
            verb = "entstand" if founded == 1 else "entstanden"
            out.append(
                f"Im Berichtszeitraum {verb} "
                f"{s.count(founded, 'neues regionales Netzwerk', 'neue regionale Netzwerke')}."
            )
        else:
            verb = "was" if founded == 1 else "were"
            out.append(
                f"In the period, {s.count(founded, 'new regional network', 'new regional networks')} {verb} founded."
            )
    networks, meetings, active = (
        _int(figures, "networks"),
        _int(figures, "network_meetings"),
        _int(figures, "network_active_participants"),
    )
    if networks:
        s = _Sentence(lang)
        if lang == "de":
            subject = s.count(networks, "regionales Netzwerk", "regionale Netzwerke")
            phrase = _with(
                s,
                [
                    (meetings, "Treffen", "Treffen", "Treffen", {"case": "dat"}),
                    (
                        active,
                        "aktiven Beteiligten",
                        "aktiven Beteiligten",
                        "aktive Beteiligte",
                        {"gender": "m", "case": "dat"},
                    ),
                ],
                lang,
            )
            middle = f" {phrase}" if phrase else ""
            verb = "bereicherte" if networks == 1 else "bereicherten"
            out.append(f"Insgesamt {verb} {subject}{middle} die Projektarbeit.")
        else:
            subject = s.count(networks, "regional network", "regional networks")
            phrase = _with(
                s,
                [
                    (meetings, "meeting", "meetings", "meetings", {}),
                    (active, "active participant", "active participants", "active participants", {}),
                ],
                lang,
            )
            middle = f" {phrase}" if phrase else ""
            out.append(f"In all, {subject}{middle} enriched the project's work.")
    elif meetings is not None and networks is None:
        s = _Sentence(lang)
        if meetings == 0:
            out.append(
                "Die regionalen Netzwerke trafen sich im Zeitraum nicht."
                if lang == "de"
                else "The regional networks did not meet in the period."
            )
        elif meetings == 1:
            out.append(
                "Die regionalen Netzwerke trafen sich einmal." if lang == "de" else "The regional networks met once."
            )
        else:
            out.append(
                f"Die regionalen Netzwerke trafen sich {s.count(meetings, 'Mal', 'Mal', case='acc')}."
                if lang == "de"
                else f"The regional networks met {s.count(meetings, 'time', 'times')}."
            )
    return out


def resonance(figures, lang):
    out = []
    inquiries, types = _int(figures, "inquiries"), _int(figures, "stakeholder_types_reached")
    if inquiries == 0:
        out.append(
            "Direkte Kontaktaufnahmen gab es im Zeitraum keine."
            if lang == "de"
            else "There were no direct inquiries in the period."
        )
    elif inquiries is not None:
        s = _Sentence(lang)
        if lang == "de":
            tail = ""
            if types:
                tail = f" aus {s.count(types, 'Akteursgruppe', 'verschiedenen Akteursgruppen', gender='f', case='dat')}"
            out.append(
                "Die Resonanz zeigte sich auch in "
                f"{s.count(inquiries, 'direkten Kontaktaufnahme', 'direkten Kontaktaufnahmen', gender='f', case='dat')}"
                f"{tail}."
            )
        else:
            tail = f" from {s.count(types, 'stakeholder type', 'different stakeholder types')}" if types else ""
            out.append(f"The response also showed in {s.count(inquiries, 'direct inquiry', 'direct inquiries')}{tail}.")
    return out


AREA_WRITERS = {REACH: reach, EVENTS: events, NETWORKING: networking, RESONANCE: resonance}


def area_sentences(area: str, figures: dict, lang: str = "de") -> list[str]:
    """The generated sentences of one report area (reach, events, networking, resonance)."""
    if lang not in {"de", "en"}:
        raise ValueError(f"unsupported language {lang!r}")
    return AREA_WRITERS[area](figures, lang)


def targets_reached(reached: int, total: int, lang: str = "de") -> str:
    """The summary's sentence on the targets: "1 der 8 Kennzahlen mit Zielwert hat ihr Ziel …"; empty for none."""
    if total <= 0:
        return ""
    if lang == "de":
        if total == 1:
            return (
                "Die eine Kennzahl mit Zielwert hat ihr Ziel im Zeitraum erreicht oder übertroffen."
                if reached
                else "Die eine Kennzahl mit Zielwert hat ihr Ziel im Zeitraum nicht erreicht."
            )
        if reached == 0:
            return f"Keine der {total} Kennzahlen mit Zielwert hat ihr Ziel im Zeitraum erreicht."
        if reached == total:
            return f"Alle {total} Kennzahlen mit Zielwert haben ihr Ziel im Zeitraum erreicht oder übertroffen."
        verb = "hat" if reached == 1 else "haben"
        return f"{reached} der {total} Kennzahlen mit Zielwert {verb} ihr Ziel im Zeitraum erreicht oder übertroffen."
    if total == 1:
        return (
            "The one indicator with a target reached or exceeded it in the period."
            if reached
            else "The one indicator with a target did not reach it in the period."
        )
    if reached == 0:
        return f"None of the {total} indicators with a target reached it in the period."
    if reached == total:
        return f"All {total} indicators with a target reached or exceeded it in the period."
    return f"{reached} of the {total} indicators with a target reached or exceeded it in the period."


STEADY_PERCENT = 5  # a change smaller than this, either way, is no trend


def digital_interest(monthly: list[int] | None, lang: str = "de") -> str:
    """The report's sentence on interest in the digital offers, from the use per complete month (oldest first).

    Growth is claimed only when the figures show it: the last six months against the six before, at least
    ``STEADY_PERCENT`` more, saying by how much. Otherwise the sentence says what the figures do show (a fall,
    about the same, too short a period to compare, nothing counted). ``None`` or empty: no sentence.
    """
    if not monthly:
        return ""
    de = lang == "de"
    offers = (
        "die öffentlichen Seiten, Dokumente und Infoletter-Links"
        if de
        else "the public pages, documents and newsletter links"
    )

    def views(n, over):
        if de:
            return count_phrase(n, "Aufruf", "Aufrufe", lang, gender="m", case="acc", over=over)
        return count_phrase(n, "view", "views", lang, over=over)

    total = sum(monthly)
    if total == 0:
        return (
            "Eine Nutzung der digitalen Angebote wurde im Zeitraum nicht gezählt."
            if de
            else "No use of the digital offers was counted in the period."
        )
    if len(monthly) < 12:
        return (
            f"Im Zeitraum zählten {offers} {views(total, 'über')}; für einen Vergleich zweier Halbjahre ist der "
            "Zeitraum zu kurz."
            if de
            else f"In the period, {offers} had {views(total, 'over')}; the period is too short to compare two "
            "half-years."
        )
    last, before = sum(monthly[-6:]), sum(monthly[-12:-6])
    recent = views(last, "über" if de else "over")
    earlier = say(before, lang, "mehr als" if de else "more than")
    if before == 0:
        return (
            f"In den letzten sechs Monaten des Zeitraums zählten {offers} {recent}; aus den sechs Monaten davor "
            "liegen keine Zählungen vor."
            if de
            else f"In the last six months of the period, {offers} had {recent}; there are no counts for the six "
            "months before."
        )
    if last == 0:
        return (
            "In den letzten sechs Monaten des Zeitraums wurde keine Nutzung der digitalen Angebote gezählt, in den "
            f"sechs Monaten davor {views(before, 'über')}."
            if de
            else "No use of the digital offers was counted in the last six months of the period, against "
            f"{views(before, 'over')} in the six months before."
        )
    change = (last - before) / before * 100
    if change >= STEADY_PERCENT:
        return (
            "Auch das Interesse an den digitalen Angeboten wuchs: In den letzten sechs Monaten des Zeitraums zählten "
            f"{offers} {recent}, {_percent(change, lang)} mehr als in den sechs Monaten davor ({earlier})."
            if de
            else "Interest in the digital offers grew as well: in the last six months of the period, "
            f"{offers} had {recent}, {_percent(change, lang)} more than in the six months before ({earlier})."
        )
    if change <= -STEADY_PERCENT:
        return (
            f"Die Nutzung der digitalen Angebote ging zurück: In den letzten sechs Monaten des Zeitraums zählten "
            f"{offers} {recent}, {_percent(-change, lang)} weniger als in den sechs Monaten davor ({earlier})."
            if de
            else f"Use of the digital offers fell: in the last six months of the period, {offers} had {recent}, "
            f"{_percent(-change, lang)} fewer than in the six months before ({earlier})."
        )
    return (
        f"Die Nutzung der digitalen Angebote blieb etwa gleich: In den letzten sechs Monaten des Zeitraums zählten "
        f"{offers} {recent}, in den sechs Monaten davor {earlier}."
        if de
        else f"Use of the digital offers stayed about the same: in the last six months of the period, {offers} had "
        f"{recent}, in the six months before {earlier}."
    )
