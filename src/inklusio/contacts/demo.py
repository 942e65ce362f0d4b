"""Demo stakeholder base: plausible German organisations and people across all stakeholder types.

The three regional networks of the reference project cover North Rhine-Westphalia, Lower Saxony and Hesse
(Hesse founded in the last project year); most organisations sit there, some elsewhere.
"""

from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from inklusio.core.models import Project

from .models import Affiliation, Inquiry, Organisation, Person, StakeholderType, Tag, normalise_name

NETWORK_REGIONS = ["DE-NW", "DE-NI", "DE-HE"]
OTHER_REGIONS = ["DE-BY", "DE-BW", "DE-BE", "DE-SN", "DE-HH", "DE-RP"]
CITIES = {
    "DE-NW": ["Köln", "Düsseldorf", "Dortmund", "Essen", "Bielefeld", "Münster"],
    "DE-NI": ["Hannover", "Braunschweig", "Osnabrück", "Oldenburg", "Göttingen"],
    "DE-HE": ["Frankfurt am Main", "Kassel", "Wiesbaden", "Darmstadt", "Gießen"],
    "DE-BY": ["München", "Nürnberg", "Augsburg"],
    "DE-BW": ["Stuttgart", "Karlsruhe", "Freiburg im Breisgau"],
    "DE-BE": ["Berlin"],
    "DE-SN": ["Leipzig", "Dresden"],
    "DE-HH": ["Hamburg"],
    "DE-RP": ["Mainz", "Koblenz"],
}
STATE_NAMES = {
    "DE-NW": "Nordrhein-Westfalen",
    "DE-NI": "Niedersachsen",
    "DE-HE": "Hessen",
    "DE-BY": "Bayern",
    "DE-BW": "Baden-Württemberg",
    "DE-BE": "Berlin",
    "DE-SN": "Sachsen",
    "DE-HH": "Hamburg",
    "DE-RP": "Rheinland-Pfalz",
}
COMPANY_TRADES = [
    "Gastronomie",
    "Garten- und Landschaftsbau",
    "Druck & Medien",
    "Logistik",
    "Gebäudereinigung",
    "Hotel",
    "Bäckerei",
    "Metallbau",
    "IT-Dienstleistungen",
    "Wäscherei",
    "Einzelhandel",
    "Tischlerei",
]
COMPANY_NAMES = [
    "Brückenwerk",
    "Miteinander",
    "Vielfalt",
    "Regenbogen",
    "Lebenswerk",
    "Horizont",
    "Teamwerk",
    "Perspektive",
    "Weitblick",
    "Zusammen",
    "Kompass",
    "Chance",
]
FIRST_NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Felix",
    "Greta",
    "Hannes",
    "Ida",
    "Jonas",
    "Kübra",
    "Lars",
    "Mia",
    "Noah",
    "Olga",
    "Paul",
    "Rana",
    "Sven",
    "Tanja",
    "Umut",
    "Vera",
    "Wiebke",
    "Yusuf",
    "Zoe",
    "Jörg",
    "Sabine",
    "Andreas",
    "Katrin",
    "Mehmet",
    "Birgit",
    "Stefan",
    "Nadine",
    "Ömer",
    "Julia",
    "Thomas",
    "Aylin",
    "Michael",
    "Lena",
    "Frank",
    "Sophie",
]
LAST_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Yılmaz",
    "Kaya",
    "Nowak",
    "Kowalski",
    "Öztürk",
    "Jansen",
    "Peters",
    "Vogel",
    "Friedrich",
    "Günther",
    "Albrecht",
    "Böhm",
]
ROLES = {
    "inclusion_company": ["Geschäftsführung", "Ausbildungsleitung", "Ausbilder*in", "Personalleitung"],
    "integration_office": ["Referent*in Inklusionsbetriebe", "Sachbearbeitung Ausbildungsförderung"],
    "chamber": ["Ausbildungsberatung", "Inklusionsberatung"],
    "job_centre": ["Arbeitsvermittlung", "Reha-Beratung"],
    "employment_agency": ["Reha-Beratung", "Berufsberatung"],
    "integration_service": ["Fachberatung", "Jobcoach"],
    "employer_contact_point": ["Beratung für Arbeitgeber"],
    "vocational_school": ["Schulleitung", "Lehrkraft"],
    "association": ["Referent*in", "Vorstand"],
}
ORGANISATIONS_PER_TYPE = {
    "inclusion_company": 60,
    "integration_office": 8,
    "chamber": 12,
    "job_centre": 10,
    "employment_agency": 6,
    "integration_service": 10,
    "employer_contact_point": 8,
    "vocational_school": 14,
    "association": 4,
}
PEOPLE_PER_ORGANISATION = (2, 5)
APPRENTICES = 90
INQUIRIES = 46
INQUIRY_TOPICS = [
    "Ausbildung im Inklusionsbetrieb",
    "Förderung der Ausbildungsvergütung",
    "Teilnahme am Fachtag",
    "Fachpraktikerausbildung nach § 66 BBiG",
    "Barrierefreie Prüfungen",
    "Kooperation mit Berufsschule",
    "Netzwerktreffen in der Region",
    "Good-Practice-Beispiel einreichen",
    "Presseanfrage",
]


def _organisation_name(rng, type_code, region, city, index):
    if type_code == "inclusion_company":
        return f"{rng.choice(COMPANY_NAMES)} {rng.choice(COMPANY_TRADES)} gGmbH {city} {index}"
    return {
        "integration_office": f"Inklusionsamt {STATE_NAMES[region]} {city}",
        "chamber": f"{rng.choice(['IHK', 'Handwerkskammer'])} {city}",
        "job_centre": f"Jobcenter {city}",
        "employment_agency": f"Agentur für Arbeit {city}",
        "integration_service": f"Integrationsfachdienst {city}",
        "employer_contact_point": f"EAA {city}",
        "vocational_school": f"Berufskolleg {city} {index}",
        "association": f"Landesarbeitsgemeinschaft Inklusionsfirmen {STATE_NAMES[region]}",
    }[type_code]


def load(context: dict) -> None:
    rng = context["rng"]
    types = {t.code: t for t in StakeholderType.objects.all()}
    tags = {name: Tag.objects.create(name=name) for name in ("Fachtag", "Netzwerk", "Presse", "Good Practice")}
    organisations, people, used_names, used_emails = [], [], set(), set()

    def new_person(stakeholder_type=None, region="", city=""):
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{normalise_name(first)}.{normalise_name(last)}".replace(" ", "-") + "@example.org"
            if email not in used_emails:
                break
            email = email.replace("@", f"{len(used_emails)}@")
            if email not in used_emails:
                break
        used_emails.add(email)
        return Person.objects.create(
            first_name=first,
            last_name=last,
            email=email,
            salutation=rng.choice(["ms", "mr", "", "ms", "mr"]),
            stakeholder_type=stakeholder_type,
            region=region,
            city=city,
        )

    for type_code, count in ORGANISATIONS_PER_TYPE.items():
        for index in range(1, count + 1):
            region = rng.choice(NETWORK_REGIONS * 3 + OTHER_REGIONS)
            city = rng.choice(CITIES[region])
            name = _organisation_name(rng, type_code, region, city, index)
            if name in used_names:
                name = f"{name} ({index})"
            used_names.add(name)
            org = Organisation.objects.create(
                name=name,
                stakeholder_type=types[type_code],
                region=region,
                city=city,
                website=f"https://{normalise_name(name).replace(' ', '-')[:40]}.example",
            )
            organisations.append(org)
            for _ in range(rng.randint(*PEOPLE_PER_ORGANISATION)):
                person = new_person(region=region, city=city)
                Affiliation.objects.create(
                    person=person,
                    organisation=org,
                    role=rng.choice(ROLES[type_code]),
                    start=date(rng.randint(2012, 2023), rng.randint(1, 12), 1),
                )
                people.append(person)
    companies = [o for o in organisations if o.stakeholder_type.code == "inclusion_company"]
    for _ in range(APPRENTICES):
        company = rng.choice(companies)
        person = new_person(types["apprentice"], company.region, company.city)
        Affiliation.objects.create(
            person=person, organisation=company, role="Auszubildende*r", start=date(rng.randint(2022, 2025), 8, 1)
        )
        people.append(person)
    teachers = [
        p
        for p in people
        if p.affiliations.filter(organisation__stakeholder_type__code="vocational_school", role="Lehrkraft").exists()
    ]
    Person.objects.filter(pk__in=[t.pk for t in teachers]).update(stakeholder_type=types["teacher"])
    for person in rng.sample(people, 120):
        person.tags.add(rng.choice(list(tags.values())))

    reference: Project = context["reference_project"]
    span = (reference.end - reference.start).days
    for _ in range(INQUIRIES):
        person = rng.choice(people)
        Inquiry.objects.create(
            project=reference,
            received_on=reference.start + timedelta(days=rng.randint(0, span)),
            channel=rng.choice(Inquiry.Channel.values),
            kind=rng.choice(Inquiry.Kind.values[:2] + ["cooperation"]),
            topic=rng.choice(INQUIRY_TOPICS),
            person=person,
            organisation=person.organisations.first(),
            outcome=rng.choice([Inquiry.Outcome.ANSWERED, Inquiry.Outcome.ANSWERED, Inquiry.Outcome.REFERRED]),
        )
    _open_inquiries_of_the_follow_up(context, people, rng)
    context.update(
        people=people,
        organisations=organisations,
        stakeholder_types=types,
        network_regions=NETWORK_REGIONS,
        new_person=new_person,
    )


def _open_inquiries_of_the_follow_up(context, people, rng) -> None:
    """The current project's open inquiries, some assigned and some overdue, so the dashboard has work to show."""
    team, today = context["team"], timezone.localdate()
    for index, (topic, assignee, follow_up_in_days) in enumerate(OPEN_INQUIRIES):
        person = rng.choice(people)
        Inquiry.objects.create(
            project=context["follow_up_project"],
            received_on=today - timedelta(days=12 - index),
            channel=rng.choice(Inquiry.Channel.values),
            kind=Inquiry.Kind.GENERAL,
            topic=topic,
            person=person,
            organisation=person.organisations.first(),
            assignee=team.get(assignee),
            follow_up_on=today + timedelta(days=follow_up_in_days) if follow_up_in_days is not None else None,
        )


OPEN_INQUIRIES = [
    ("Förderung eines zweiten Ausbildungsplatzes", "staff", -3),
    ("Rückfrage zum Fachtag Nord", "staff", -1),
    ("Kooperation mit der Berufsschule", "demo", 2),
    ("Material in Leichter Sprache bestellen", "staff", 5),
    ("Teilnahme am Netzwerktreffen", None, None),
]


# --- for the demo loaders of the other apps (they never read the contacts' models themselves) -----------------


def people_for_seeding(people, *, with_email: bool = False) -> list[Person]:
    """The demo's ``people`` fresh from the database, by id, with their type and their affiliations' organisations
    and types loaded; ``with_email`` leaves out people without an address."""
    queryset = Person.objects.filter(pk__in=[p.pk for p in people])
    if with_email:
        queryset = queryset.exclude(email="")
    return list(
        queryset.select_related("stakeholder_type")
        .prefetch_related(
            Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation__stakeholder_type"))
        )
        .order_by("pk")
    )


def tags_named(names) -> list[Tag]:
    """The tags with these names, in this order; missing ones are created."""
    return [Tag.objects.get_or_create(name=name)[0] for name in names]
