"""The catalogue of computed indicators: every stable code, with its labels, unit, place and definition.

Codes are stable: funders' templates and users' spreadsheets refer to them. Never rename one; add a new
code instead. The areas (events, mailings, outreach, networks, contacts) only supply the compute
functions, by code (see ``registry.py``). Pure Python: no Django here.

Levels follow PHINEO's Wirkungstreppe: 1 activities take place, 2 target groups are reached,
3 target groups accept the offers, 4 target groups change awareness or skills, 5 target groups change
their behaviour, 6 the target groups' situation changes, 7 society changes.
"""

from dataclasses import dataclass

from inklusio.core import indicators

STOCK, FLOW = "stock", "flow"
INPUT, OUTPUT, OUTCOME, IMPACT = "input", "output", "outcome", "impact"
CHAINS = (INPUT, OUTPUT, OUTCOME, IMPACT)
KINDS = (STOCK, FLOW)
LEVELS = {
    1: ("Aktivitäten finden wie geplant statt", "Activities take place as planned"),
    2: ("Zielgruppen werden erreicht", "Target groups are reached"),
    3: ("Zielgruppen akzeptieren die Angebote", "Target groups accept the offers"),
    4: ("Zielgruppen verändern Bewusstsein bzw. Fähigkeiten", "Target groups change awareness or skills"),
    5: ("Zielgruppen ändern ihr Handeln", "Target groups change their behaviour"),
    6: ("Lebenslage der Zielgruppen ändert sich", "The target groups' situation changes"),
    7: ("Gesellschaft verändert sich", "Society changes"),
}
# What the chain links and kinds are called in the report's language (German, English).
CHAIN_LABELS = {
    INPUT: ("Ressourcen", "input"),
    OUTPUT: ("Leistungen", "output"),
    OUTCOME: ("Wirkung bei den Zielgruppen", "outcome"),
    IMPACT: ("Wirkung in der Gesellschaft", "impact"),
}
KIND_LABELS = {
    STOCK: ("Bestand am Ende des Zeitraums", "level at the end of the period"),
    FLOW: ("Summe im Zeitraum", "total over the period"),
}
# Report areas ("outputs by area") an indicator belongs to.
REACH, EVENTS, NETWORKING, RESONANCE = "reach", "events", "networking", "resonance"
AREAS = (REACH, EVENTS, NETWORKING, RESONANCE)


@dataclass(frozen=True)
class IndicatorSpec(indicators.IndicatorSpec):
    """A catalogue entry: checked against the catalogue's levels, chains and kinds."""

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ValueError(f"{self.code}: level must be 1..7")
        if self.chain not in CHAINS or self.kind not in KINDS:
            raise ValueError(f"{self.code}: bad chain or kind")


def _spec(code, label_de, label_en, unit_de, unit_en, level, chain, kind, definition_de, definition_en, **kw):
    return IndicatorSpec(
        code=code,
        label_de=label_de,
        label_en=label_en,
        unit_de=unit_de,
        unit_en=unit_en,
        level=level,
        chain=chain,
        kind=kind,
        higher_is_better=kw.pop("higher_is_better", True),
        definition_de=definition_de,
        definition_en=definition_en,
        **kw,
    )


CATALOGUE: tuple[IndicatorSpec, ...] = (
    # Reach and public relations (outreach, mailings)
    _spec(
        "instagram_posts",
        "Instagram-Beiträge",
        "Instagram posts",
        "Beiträge",
        "posts",
        1,
        OUTPUT,
        FLOW,
        "Auf dem Instagram-Kanal des Projekts veröffentlichte Beiträge im Zeitraum.",
        "Posts published on the project's Instagram channel in the period.",
        area=REACH,
        app="outreach",
    ),
    _spec(
        "instagram_followers",
        "Instagram-Follower*innen",
        "Instagram followers",
        "Follower*innen",
        "followers",
        2,
        OUTPUT,
        STOCK,
        "Follower*innen des Instagram-Kanals, zuletzt erfasster Stand am Ende des Zeitraums.",
        "Followers of the Instagram channel, the last count recorded on or before the period's end.",
        area=REACH,
        app="outreach",
    ),
    _spec(
        "mailings_sent",
        "Versendete Infoletter",
        "Newsletter mailings sent",
        "Mailings",
        "mailings",
        1,
        OUTPUT,
        FLOW,
        "Ausgaben des Infoletters, deren Versand im Zeitraum abgeschlossen wurde.",
        "Newsletter issues whose sending finished in the period.",
        area=REACH,
        app="mailings",
    ),
    _spec(
        "subscribers",
        "Abonnent*innen des Infoletters",
        "Newsletter subscribers",
        "Abonnent*innen",
        "subscribers",
        2,
        OUTPUT,
        STOCK,
        "Bestätigte (Double-Opt-in) und nicht abgemeldete Abonnent*innen am Ende des Zeitraums.",
        "Confirmed (double opt-in) subscribers who had not unsubscribed at the period's end.",
        area=REACH,
        app="mailings",
    ),
    _spec(
        "press_clippings",
        "Presseartikel",
        "Press articles",
        "Artikel",
        "articles",
        2,
        OUTPUT,
        FLOW,
        "Artikel über das Projekt in externen Medien, erschienen im Zeitraum (Pressespiegel).",
        "Articles about the project in external media published in the period (press clippings).",
        area=REACH,
        app="outreach",
    ),
    # Use of the digital offers (usage): counted per day and page, without cookies or IP addresses
    _spec(
        "page_views",
        "Aufrufe der öffentlichen Seiten",
        "Views of the public pages",
        "Aufrufe",
        "views",
        2,
        OUTPUT,
        FLOW,
        "Aufrufe der öffentlichen Seiten (Startseite, Veranstaltungen, Ausbildungsangebote, Gute Praxis, "
        "Infoletter-Archiv, Leichte Sprache) im Zeitraum; ohne Bots und Vorabrufe, Wiederholungen derselben "
        "Person binnen 30 Minuten einmal gezählt. Ohne Cookies und ohne IP-Adressen erhoben.",
        "Views of the public pages (home, events, training offers, good practice, Infoletter archive, Leichte "
        "Sprache) in the period; without bots and prefetches, a visitor's repeats within 30 minutes counted once. "
        "Counted without cookies or IP addresses.",
        area=REACH,
        app="usage",
    ),
    _spec(
        "document_downloads",
        "Downloads öffentlicher Dokumente",
        "Downloads of public documents",
        "Downloads",
        "downloads",
        2,
        OUTPUT,
        FLOW,
        "Abrufe öffentlicher Dokumente (z. B. Kalenderdateien der Veranstaltungen) im Zeitraum, gezählt wie die "
        "Seitenaufrufe.",
        "Downloads of public documents (such as the events' calendar files) in the period, counted like the page "
        "views.",
        area=REACH,
        app="usage",
    ),
    _spec(
        "newsletter_link_clicks",
        "Klicks auf Links im Infoletter",
        "Clicks on links in the newsletter",
        "Klicks",
        "clicks",
        2,
        OUTPUT,
        FLOW,
        "Klicks auf Links in den Infoletter-Ausgaben des Projekts im Zeitraum, je Link und Tag zusammengezählt, "
        "ohne Bezug zu einzelnen Abonnent*innen.",
        "Clicks on links in the project's newsletter issues in the period, added up per link and day, with no "
        "link to any subscriber.",
        area=REACH,
        app="usage",
    ),
    # Events
    _spec(
        "conference_days",
        "Fachtage",
        "Expert days",
        "Fachtage",
        "expert days",
        1,
        OUTPUT,
        FLOW,
        "Durchgeführte (nicht abgesagte) Fachtage mit Datum im Zeitraum.",
        "Expert days held (not cancelled) with a date in the period.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "conference_day_participants",
        "Teilnehmende an Fachtagen",
        "Expert day participants",
        "Teilnehmende",
        "participants",
        2,
        OUTPUT,
        FLOW,
        "Eingecheckte Teilnehmende der Fachtage im Zeitraum, Summe über die Fachtage.",
        "Checked-in participants of the expert days in the period, summed over the days.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "conference_day_speakers",
        "Referent*innen an Fachtagen",
        "Expert day speakers",
        "Referent*innen",
        "speakers",
        1,
        OUTPUT,
        FLOW,
        "Verschiedene Personen mit einem Beitrag im Programm der Fachtage im Zeitraum.",
        "Distinct people with a contribution to the expert days' programme in the period.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "congresses",
        "Online-Kongresse",
        "Online congresses",
        "Kongresse",
        "congresses",
        1,
        OUTPUT,
        FLOW,
        "Durchgeführte Online-Kongresse mit Beginn im Zeitraum.",
        "Online congresses held, starting in the period.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "congress_programme_items",
        "Programmpunkte der Online-Kongresse",
        "Online congress programme items",
        "Programmpunkte",
        "programme items",
        1,
        OUTPUT,
        FLOW,
        "Programmpunkte (Vorträge, Panels, Workshops) der Online-Kongresse im Zeitraum.",
        "Programme items (talks, panels, workshops) of the online congresses in the period.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "congress_speakers",
        "Referent*innen der Online-Kongresse",
        "Online congress speakers",
        "Referent*innen",
        "speakers",
        1,
        OUTPUT,
        FLOW,
        "Verschiedene Personen mit einem Beitrag im Programm der Online-Kongresse im Zeitraum.",
        "Distinct people with a contribution to the online congresses' programme in the period.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "congress_registrations",
        "Anmeldungen zu Online-Kongressen",
        "Online congress registrations",
        "Anmeldungen",
        "registrations",
        2,
        OUTPUT,
        FLOW,
        "Bestätigte Anmeldungen zu den Online-Kongressen im Zeitraum (ohne Stornierungen).",
        "Confirmed registrations for the online congresses in the period (cancellations excluded).",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "apprentice_speakers",
        "Referent*innen, die Auszubildende sind",
        "Speakers who are apprentices",
        "Auszubildende",
        "apprentices",
        3,
        OUTCOME,
        FLOW,
        "Verschiedene Auszubildende mit einem Beitrag im Programm einer Veranstaltung im Zeitraum.",
        "Distinct apprentices with a contribution to an event programme in the period.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "show_up_rate",
        "Teilnahmequote Präsenz",
        "Show-up rate in person",
        "%",
        "%",
        3,
        OUTCOME,
        FLOW,
        "Anteil der bestätigt Angemeldeten, die eingecheckt wurden, über alle Präsenzveranstaltungen im Zeitraum "
        "(Fachtage, Workshops, hybride Veranstaltungen).",
        "Share of confirmed registrations that were checked in, over all in-person events in the period (expert "
        "days, workshops, hybrid events).",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "show_up_rate_online",
        "Teilnahmequote online",
        "Show-up rate online",
        "%",
        "%",
        3,
        OUTCOME,
        FLOW,
        "Anteil der bestätigt Angemeldeten der Online-Kongresse im Zeitraum, die teilgenommen haben: über ihren "
        "persönlichen Zugangslink oder laut Teilnahmebericht der Videoplattform.",
        "Share of confirmed registrations for the online congresses in the period that attended: through their "
        "personal join link or according to the video platform's attendance report.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "show_up_rate_all",
        "Teilnahmequote gesamt",
        "Show-up rate overall",
        "%",
        "%",
        3,
        OUTCOME,
        FLOW,
        "Anteil der bestätigt Angemeldeten aller Veranstaltungen im Zeitraum, die teilgenommen haben, in Präsenz "
        "und online zusammen.",
        "Share of confirmed registrations for all events in the period that attended, in person and online together.",
        area=EVENTS,
        app="events",
    ),
    _spec(
        "satisfaction",
        "Zufriedenheit",
        "Satisfaction",
        "%",
        "%",
        3,
        OUTCOME,
        FLOW,
        "Anteil der Feedback-Antworten im Zeitraum mit der Gesamtbewertung 4 oder 5 (von 5).",
        "Share of feedback answers in the period rating the event 4 or 5 (of 5) overall.",
        area=EVENTS,
        app="events",
    ),
    # Networking and cooperation
    _spec(
        "networks",
        "Regionale Netzwerke",
        "Regional networks",
        "Netzwerke",
        "networks",
        1,
        OUTPUT,
        STOCK,
        "Regionale Netzwerke, die am Ende des Zeitraums bestehen (gegründet und nicht aufgelöst).",
        "Regional networks existing at the period's end (founded and not dissolved).",
        area=NETWORKING,
        app="networks",
    ),
    _spec(
        "networks_founded",
        "Gegründete Netzwerke",
        "Networks founded",
        "Netzwerke",
        "networks",
        1,
        OUTPUT,
        FLOW,
        "Regionale Netzwerke mit Gründungsdatum im Zeitraum.",
        "Regional networks with a founding date in the period.",
        area=NETWORKING,
        app="networks",
    ),
    _spec(
        "network_meetings",
        "Netzwerktreffen",
        "Network meetings",
        "Treffen",
        "meetings",
        1,
        OUTPUT,
        FLOW,
        "Durchgeführte Treffen der regionalen Netzwerke im Zeitraum.",
        "Meetings of the regional networks held in the period.",
        area=NETWORKING,
        app="networks",
    ),
    _spec(
        "network_active_participants",
        "Aktive Netzwerkbeteiligte",
        "Active network participants",
        "Beteiligte",
        "participants",
        3,
        OUTCOME,
        FLOW,
        "Verschiedene Personen, die im Zeitraum aktiv an Netzwerken beteiligt waren (Definition des Netzwerkbereichs).",
        "Distinct people actively taking part in networks in the period (the networks area's definition).",
        area=NETWORKING,
        app="networks",
    ),
    # Resonance
    _spec(
        "inquiries",
        "Direkte Kontaktaufnahmen",
        "Direct inquiries",
        "Kontaktaufnahmen",
        "inquiries",
        3,
        OUTCOME,
        FLOW,
        "Direkte Anfragen an das Projekt (E-Mail, Telefon, Formular, persönlich …) mit Eingangsdatum im Zeitraum.",
        "Direct inquiries to the project (email, phone, form, in person …) received in the period.",
        area=RESONANCE,
        app="contacts",
    ),
    _spec(
        "stakeholder_types_reached",
        "Erreichte Akteursgruppen",
        "Stakeholder types reached",
        "Akteursgruppen",
        "stakeholder types",
        2,
        OUTPUT,
        FLOW,
        "Verschiedene Akteursgruppen (z. B. Inklusionsunternehmen, Kammern, Lehrkräfte), aus denen im Zeitraum "
        "jemand das Projekt direkt kontaktiert hat.",
        "Distinct stakeholder types (e.g. inclusion companies, chambers, teachers) from which someone contacted "
        "the project directly in the period.",
        area=RESONANCE,
        app="contacts",
    ),
    # Training offers of inclusion companies on the public site (public)
    _spec(
        "training_offers_published",
        "Veröffentlichte Ausbildungsangebote",
        "Training offers published",
        "Angebote",
        "offers",
        3,
        OUTCOME,
        FLOW,
        "Ausbildungsangebote von Inklusionsunternehmen, die im Zeitraum auf der Projektseite eingestellt wurden "
        "und veröffentlicht sind.",
        "Training offers of inclusion companies added to the project's site in the period and published.",
        area=RESONANCE,
        app="public",
    ),
    _spec(
        "companies_offering_training",
        "Inklusionsunternehmen mit Ausbildungsangebot",
        "Inclusion companies offering training",
        "Unternehmen",
        "companies",
        3,
        OUTCOME,
        FLOW,
        "Verschiedene Inklusionsunternehmen, die im Zeitraum mindestens ein veröffentlichtes Ausbildungsangebot "
        "eingestellt haben.",
        "Distinct inclusion companies that added at least one published training offer in the period.",
        area=RESONANCE,
        app="public",
    ),
)

BY_CODE: dict[str, IndicatorSpec] = {spec.code: spec for spec in CATALOGUE}
assert len(BY_CODE) == len(CATALOGUE), "duplicate indicator code in the catalogue"
