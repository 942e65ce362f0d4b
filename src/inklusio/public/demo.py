"""Demo content of the public site: pages for the reference project, training offers, good-practice examples."""

import io
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from inklusio.contacts.demo import tags_named

from .models import CompanyContact, GoodPractice, GoodPracticeImage, SitePage, TrainingOffer
from .occupations import OCCUPATIONS

HOME_DE = """Inklusionsunternehmen bilden aus – mit Erfolg. Die **Ausbildungsoffensive** macht sichtbar, wie
junge Menschen mit und ohne Behinderung in Inklusionsbetrieben gemeinsam einen anerkannten Berufsabschluss erwerben.

## Was wir anbieten

- **Fachtage und Online-Kongress**: Austausch zwischen Inklusionsbetrieben, Kammern, Jobcentern,
  Integrationsfachdiensten und Lehrkräften.
- **Regionale Netzwerke** in Nordrhein-Westfalen, Niedersachsen und Hessen.
- **Ausbildungsangebote** von Inklusionsunternehmen – mit Angaben zur Barrierefreiheit des Arbeitsplatzes.
- **Good-Practice-Beispiele** aus der Praxis, auch in Leichter Sprache.
- Der **Infoletter Ausbildung** informiert regelmäßig über Themen der inklusiven Ausbildung.
"""
HOME_EN = """Inclusion companies train – successfully. The **training initiative** shows how young people with and
without disabilities earn a recognised vocational qualification together in inclusion companies.

## What we offer

- **Expert days and an online congress** for inclusion companies, chambers, job centres, integration services
  and teachers.
- **Regional networks** in North Rhine-Westphalia, Lower Saxony and Hesse.
- **Training offers** of inclusion companies – with details on the accessibility of the workplace.
- **Good-practice examples**, also in Leichte Sprache (easy-to-read German).
- The **Infoletter Ausbildung** keeps you up to date on inclusive vocational training.
"""
HOME_EASY = """Willkommen!
Wir sind die Ausbildungs-Offensive.
Wir arbeiten mit Inklusions-Betrieben zusammen.
In einem Inklusions-Betrieb arbeiten Menschen mit Behinderung.
Und Menschen ohne Behinderung.
Sie arbeiten zusammen.
Die Betriebe bilden junge Menschen aus.
Das heißt: Die jungen Menschen lernen einen Beruf.
Wir zeigen: So gut klappt das.
Wir machen Treffen für Betriebe und für Schulen.
Und wir schreiben über gute Beispiele.
Die Aktion Mensch bezahlt unsere Arbeit."""
ACCESSIBILITY_DE = """Diese Erklärung gilt für die Website der Ausbildungsoffensive.

## Bekannte Einschränkungen

- Einige ältere PDF-Dokumente im Archiv sind noch nicht vollständig barrierefrei. Wir stellen die Inhalte
  auf Anfrage in einem zugänglichen Format bereit.
- Texte von Inklusionsunternehmen (Ausbildungsangebote) liegen nur auf Deutsch vor.
- Nicht alle Seiten gibt es in Leichter Sprache. In Leichter Sprache gibt es die Startseite,
  die Veranstaltungen und die Good-Practice-Beispiele.

## Erstellung dieser Erklärung

Die Erklärung beruht auf einer Selbstbewertung mit automatischen Prüfwerkzeugen und
Tests mit Tastatur und Screenreader.
"""
ACCESSIBILITY_EN = """This statement applies to the website of the training initiative.

## Known limits

- Some older PDF documents in the archive are not yet fully accessible. We provide their content in an
  accessible format on request.
- Texts written by inclusion companies (training offers) are only available in German.
- Not every page exists in Leichte Sprache: the home page, the events and the good-practice examples do.

## How this statement was made

It is based on a self-assessment with automated checking tools and tests with keyboard and screen reader.
"""
IMPRINT_DE = """## Angaben gemäß § 5 DDG

Bundesarbeitsgemeinschaft Inklusionsfirmen e. V. (Demo-Angaben)
Musterstraße 1
10115 Berlin

Vertreten durch den Vorstand.

## Kontakt

E-Mail: info@inklusio.example

## Förderung

Das Projekt wird gefördert von der Aktion Mensch.
"""
PRIVACY_DE = """## Verantwortliche Stelle

Bundesarbeitsgemeinschaft Inklusionsfirmen e. V. (Demo-Angaben), Musterstraße 1, 10115 Berlin.

## Keine Dienste Dritter, kein Tracking

Diese Website lädt keine Inhalte von anderen Servern: Schriften, Bilder und Programme liefern wir selbst aus.
Wir setzen keine Analyse- oder Tracking-Werkzeuge ein. Ein Cookie wird nur gesetzt, um Formulare vor
Missbrauch zu schützen (technisch notwendig).

## Kontaktformular und Anfragen

Wenn Sie uns schreiben, speichern wir Ihren Namen, Ihre E-Mail-Adresse und Ihre Nachricht, um Ihre Anfrage
zu beantworten (Art. 6 Abs. 1 lit. a und b DSGVO). Fragen zu einem Ausbildungsplatz geben wir an das
Unternehmen weiter, das den Platz anbietet.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie das
Recht auf Beschwerde bei einer Aufsichtsbehörde.
"""

STORIES = [
    (
        "Vom Praktikum zur Ausbildung als Fachpraktikerin Küche",
        "Fachpraktiker*in Küche (Beikoch/Beiköchin)",
        "Nach einem Praktikum blieb Lea im Restaurant eines Inklusionsbetriebs – heute ist sie im zweiten Lehrjahr.",
        ["Gastronomie", "Fachpraktiker*innen"],
        [
            "Lea hat zuerst ein Praktikum gemacht.",
            "Das Praktikum war in einem Restaurant.",
            "Das Restaurant ist ein Inklusions-Betrieb.",
            "Jetzt macht Lea dort eine Ausbildung.",
            "Sie lernt: So kocht man für viele Menschen.",
            "Ihr Ausbilder hilft ihr.",
            "Lea sagt: Die Arbeit macht mir Spaß.",
        ],
    ),
    (
        "Lagerlogistik mit Gebärdensprache",
        "Fachkraft für Lagerlogistik",
        "Ein gehörloser Auszubildender und ein Team, das Gebärden lernt: So gelingt die Ausbildung im Lager.",
        ["Logistik", "Kommunikation"],
        [
            "Tim ist gehörlos.",
            "Tim lernt im Lager.",
            "Er lernt den Beruf Fach-Kraft für Lager-Logistik.",
            "Seine Kollegen lernen Gebärden-Sprache.",
            "So können alle gut miteinander sprechen.",
            "In der Berufs-Schule hilft eine Dolmetscherin.",
        ],
    ),
    (
        "Gärtnern im Team: Ausbildung im Garten- und Landschaftsbau",
        "Gärtner*in (Garten- und Landschaftsbau)",
        "Feste Teams, klare Abläufe und Bildkarten helfen Auszubildenden mit Lernschwierigkeiten im GaLaBau.",
        ["Garten- und Landschaftsbau", "Lernhilfen"],
        [
            "In diesem Betrieb pflegen die Mitarbeiter Gärten und Parks.",
            "Die Auszubildenden arbeiten in festen Teams.",
            "Bild-Karten zeigen jeden Arbeits-Schritt.",
            "So kann man sich alles gut merken.",
            "Drei Auszubildende haben ihre Prüfung bestanden.",
        ],
    ),
    (
        "Teilzeitausbildung im Büro nach einer langen Krankheit",
        "Kaufmann/Kauffrau für Büromanagement",
        "Mit einer Ausbildung in Teilzeit fand Herr K. nach einer psychischen Erkrankung zurück ins Berufsleben.",
        ["Teilzeitausbildung", "Büro"],
        [
            "Herr K. war lange krank.",
            "Danach wollte er wieder arbeiten.",
            "Er macht jetzt eine Ausbildung im Büro.",
            "Er arbeitet nicht den ganzen Tag.",
            "Das heißt: Ausbildung in Teil-Zeit.",
            "So hat er genug Pausen.",
        ],
    ),
    (
        "Inklusive Ausbildung in der Bäckerei",
        "Fachpraktiker*in im Bäckerhandwerk",
        "Früh aufstehen, genau abwiegen, gemeinsam backen: Die Bäckerei bildet seit zehn Jahren inklusiv aus.",
        ["Handwerk", "Fachpraktiker*innen"],
        [
            "Die Bäckerei backt Brot und Brötchen.",
            "Die Arbeit beginnt sehr früh am Morgen.",
            "In der Bäckerei lernen junge Menschen mit Behinderung.",
            "Sie lernen den Beruf Bäcker.",
            "Rezepte gibt es mit Bildern.",
        ],
    ),
    (
        "Assistierte Ausbildung im Hotel",
        "Hotelfachmann/Hotelfachfrau",
        "Wie die Assistierte Ausbildung der Agentur für Arbeit eine Auszubildende im Hotel begleitet.",
        ["Hotel", "Assistierte Ausbildung"],
        [
            "Sara lernt in einem Hotel.",
            "Sie hat eine Lern-Behinderung.",
            "Eine Begleiterin hilft ihr.",
            "Die Begleiterin kommt jede Woche.",
            "Sie üben zusammen für die Berufs-Schule.",
            "Das bezahlt die Agentur für Arbeit.",
        ],
    ),
    (
        "Mediengestaltung mit Screenreader",
        "Mediengestalter*in Digital und Print",
        "Ein blinder Auszubildender gestaltet barrierefreie PDF-Dokumente – und schult inzwischen Kolleg*innen.",
        ["Medien", "Barrierefreiheit"],
        [
            "Jonas ist blind.",
            "Er arbeitet mit einem Computer.",
            "Der Computer liest ihm alles vor.",
            "Jonas lernt den Beruf Medien-Gestalter.",
            "Er macht Dokumente für alle Menschen lesbar.",
            "Jetzt zeigt er das auch seinen Kollegen.",
        ],
    ),
    (
        "Gemeinsam lernen: Berufsschule und Betrieb im Austausch",
        "Fachpraktiker*in für Lagerlogistik",
        "Regelmäßige Runde Tische zwischen Lehrkräften und Ausbilder*innen verbessern den Lernerfolg.",
        ["Berufsschule", "Netzwerk"],
        [
            "Die Lehrer von der Berufs-Schule treffen sich mit dem Betrieb.",
            "Sie sprechen über die Auszubildenden.",
            "Sie fragen: Was ist schwer?",
            "Und: Wie können wir helfen?",
            "So lernen die Auszubildenden besser.",
        ],
    ),
    (
        "Gebäudereinigung: Ausbildung mit Jobcoaching",
        "Gebäudereiniger*in",
        "Ein Jobcoach des Integrationsfachdienstes begleitet zwei Auszubildende durch die ersten Monate.",
        ["Integrationsfachdienst", "Gebäudereinigung"],
        [
            "Zwei junge Frauen lernen Gebäude-Reinigung.",
            "Am Anfang war vieles neu.",
            "Ein Job-Coach hat ihnen geholfen.",
            "Der Job-Coach kommt vom Integrations-Fach-Dienst.",
            "Jetzt schaffen sie die Arbeit allein.",
        ],
    ),
    (
        "IT-Ausbildung im Inklusionsunternehmen",
        "Fachinformatiker*in für Systemintegration",
        "Ruhige Arbeitsplätze und klare Strukturen: Autistische Auszubildende in der IT-Administration.",
        ["IT", "Autismus"],
        [
            "In diesem Betrieb arbeiten Menschen mit Computern.",
            "Einige Auszubildende sind Autisten.",
            "Sie brauchen einen ruhigen Arbeits-Platz.",
            "Den gibt es hier.",
            "Jeder Tag hat einen festen Plan.",
            "So wissen alle: Das kommt als Nächstes.",
        ],
    ),
]

BODY = """{teaser}

## Der Betrieb

{company} in {city} ist ein Inklusionsunternehmen: Etwa 40 Prozent der Beschäftigten haben eine
Schwerbehinderung. Ausgebildet wird im Beruf **{occupation}**.

## Was gelingt

- Feste Ansprechpersonen im Betrieb und in der Berufsschule
- Arbeitsplätze, die an die Auszubildenden angepasst werden
- Unterstützung durch Inklusionsamt, Integrationsfachdienst und Agentur für Arbeit

## Was andere lernen können

„Man muss den Menschen Zeit geben – dann zeigen sie, was sie können“, sagt die Ausbildungsleitung.
"""


def _png(rng, text_colour=(29, 79, 160), size=(640, 400)) -> bytes:
    image = Image.new("RGB", size, (242, 243, 246))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randint(0, size[0] - 120), rng.randint(0, size[1] - 120)
        draw.ellipse([x, y, x + rng.randint(60, 200), y + rng.randint(60, 200)], fill=text_colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _logo_png(text: str) -> bytes:
    image = Image.new("RGB", (320, 96), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle([2, 2, 317, 93], outline=(19, 21, 37), width=4)
    draw.text((24, 30), text, fill=(19, 21, 37), font_size=32)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def load(context: dict) -> None:
    rng = context["rng"]
    project = context["reference_project"]
    companies = [o for o in context["organisations"] if o.stakeholder_type.code == "inclusion_company"]

    home = SitePage(
        project=project,
        kind=SitePage.Kind.HOME,
        title_de="Ausbildungsoffensive: Inklusive Ausbildung in Inklusionsunternehmen",
        title_en="Training initiative: inclusive vocational training in inclusion companies",
        body_de=HOME_DE,
        body_en=HOME_EN,
        funding_credit="Gefördert von der Aktion Mensch",
        funder_logo_alt="Logo der Aktion Mensch",
    )
    home.funder_logo.save("aktion-mensch.png", ContentFile(_logo_png("Aktion Mensch")), save=False)
    home.save()
    SitePage.objects.create(
        project=project, kind=SitePage.Kind.HOME_EASY, title_de="Willkommen bei der Ausbildungs-Offensive",
        body_de=HOME_EASY,
    )  # fmt: skip
    SitePage.objects.create(
        project=project,
        kind=SitePage.Kind.ACCESSIBILITY,
        title_de="Erklärung zur Barrierefreiheit",
        title_en="Accessibility statement",
        body_de=ACCESSIBILITY_DE,
        body_en=ACCESSIBILITY_EN,
        compliance=SitePage.Compliance.PARTIAL,
        reviewed_on=date(2025, 6, 30),
    )
    SitePage.objects.create(
        project=project, kind=SitePage.Kind.IMPRINT, title_de="Impressum", title_en="Imprint", body_de=IMPRINT_DE
    )
    SitePage.objects.create(
        project=project, kind=SitePage.Kind.PRIVACY, title_de="Datenschutzerklärung", title_en="Privacy policy",
        body_de=PRIVACY_DE,
    )  # fmt: skip

    # About 15 current training offers in several states and occupations.
    today = timezone.localdate()
    offer_companies = rng.sample(companies, min(12, len(companies)))
    occupations = [code for code, _name in OCCUPATIONS]
    offers = []
    for index in range(15):
        company = offer_companies[index % len(offer_companies)]
        person = company.people.first()
        year = today.year + (1 if today.month >= 8 or index % 3 == 0 else 0)
        start = date(year, rng.choice([8, 8, 9, 2]), 1)
        if start <= today:
            start = date(today.year + 1, 8, 1)
        occupation = rng.choice(occupations)
        other = ""
        if index == 14:
            occupation, other = "", "Fachkraft für Veranstaltungstechnik"
        offers.append(
            TrainingOffer.objects.create(
                organisation=company,
                occupation=occupation,
                occupation_other=other,
                region=company.region or "DE-NW",
                city=company.city or "Köln",
                start_date=start,
                form=rng.choice(TrainingOffer.Form.values),
                places=rng.randint(1, 3),
                description="Wir bieten einen Ausbildungsplatz in einem Team aus Menschen mit und ohne Behinderung. "
                "Eine feste Ansprechperson begleitet Sie durch die Ausbildung.",
                step_free=rng.random() < 0.7,
                accessible_toilet=rng.random() < 0.6,
                quiet_room=rng.random() < 0.5,
                flexible_hours=rng.random() < 0.5,
                contact_name=person.full_name if person else "Ausbildungsleitung",
                contact_email=(person.email if person and person.email else f"ausbildung{index}@example.org"),
            )
        )
    # One offer whose start has passed: it no longer shows publicly.
    TrainingOffer.objects.create(
        organisation=offer_companies[0], occupation="koch", region=offer_companies[0].region or "DE-NW",
        city=offer_companies[0].city or "Köln", start_date=today - timedelta(days=60),
        contact_name="Ausbildungsleitung", contact_email="ausbildung@example.org",
    )  # fmt: skip

    # The offers came in over the project's years (the indicator "training offers published" counts them there).
    step = (project.end - project.start) / len(offers)
    for index, offer in enumerate(offers):
        added = project.start + step * index + timedelta(days=11)
        TrainingOffer.objects.filter(pk=offer.pk).update(
            created=timezone.make_aware(datetime.combine(added, time(10, 0)))
        )

    # About 10 good-practice examples with Leichte Sprache summaries.
    stories = []
    for index, (title, occupation, teaser, tag_names, easy) in enumerate(STORIES):
        company = companies[(index * 5) % len(companies)]
        story = GoodPractice.objects.create(
            title=title,
            organisation=company,
            occupation=occupation,
            region=company.region,
            teaser=teaser,
            body=BODY.format(teaser=teaser, company=company.name, city=company.city or "", occupation=occupation),
            easy_summary="\n".join(easy),
            status=GoodPractice.Status.PUBLISHED if index < 9 else GoodPractice.Status.DRAFT,
            published_on=project.start + timedelta(days=90 * (index + 1)),
        )
        story.tags.set(tags_named(tag_names))
        if index % 2 == 0:
            image = GoodPracticeImage(
                story=story,
                content_type="image/png",
                alt_text=f"Illustration zum Beispiel „{title}“: farbige Kreise auf hellem Grund",
                caption="Illustration (Demo)",
            )
            image.image.save(f"story-{index}.png", ContentFile(_png(rng)), save=False)
            image.save()
        stories.append(story)

    # A company-contact login link for the first offering company (no password: set one with `inklusio`).

    user = User.objects.create_user("betrieb-demo", email="betrieb@example.org")
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name="company_contact"))
    CompanyContact.objects.create(user=user, organisation=offer_companies[0])
    context.update(training_offers=offers, good_practices=stories)
