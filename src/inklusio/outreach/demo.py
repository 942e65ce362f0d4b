"""Demo outreach of the reference project (seed text: "knapp 120 Beiträge", "knapp 550 Follower*innen",
"Presseartikel in externen Medien"): 118 published Instagram posts from October 2022 to September 2025,
monthly follower counts growing steadily to 547 on 30 September 2025, three press releases and six
clippings, and planned posts of the follow-up project.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from .models import Channel, FollowerSnapshot, Post, PressClipping, PressRelease

PUBLISHED_POSTS = 118
FINAL_FOLLOWERS = 547
FIRST_FOLLOWERS = 41
PROJECT_END = date(2025, 9, 30)

TOPICS = [
    ("Ausbildung im Inklusionsbetrieb: {name} erzählt von ihrem ersten Lehrjahr.", "Porträt einer Auszubildenden"),
    ("Wusstet ihr? Inklusionsunternehmen bilden in über 30 Berufen aus.", "Infografik mit Berufsfeldern"),
    ("Save the Date: unser Fachtag zur inklusiven Ausbildung. Jetzt anmelden!", "Ankündigungsgrafik zum Fachtag"),
    ("Der neue Infoletter Ausbildung ist da – mit Tipps zur Ausbildungsbegleitung.", "Titelbild des Infoletters"),
    ("Netzwerktreffen in {region}: Kammern, Jobcenter und Betriebe an einem Tisch.", "Gruppenfoto beim Treffen"),
    (
        "Good Practice: So gelingt die Teilzeitausbildung im Inklusionsbetrieb.",
        "Ausbilderin und Azubi in der Werkstatt",
    ),
    ("Was macht eigentlich die EAA? Wir stellen die Einheitlichen Ansprechstellen vor.", "Erklärgrafik zur EAA"),
    ("Rückblick: Danke an alle Teilnehmenden und Referent*innen!", "Publikum im Saal beim Vortrag"),
]
PROMOTES = ["Fachtag inklusive Ausbildung", "Infoletter Ausbildung", "Online-Kongress „Inklusive Ausbildung“", ""]
NAMES = ["Lea", "Samira", "Jonas", "Mehmet", "Anna", "Tim", "Noah", "Mira"]
REGIONS = ["Nordrhein-Westfalen", "Niedersachsen", "Hessen"]
HASHTAGS = "#InklusiveAusbildung #Inklusionsunternehmen #Ausbildung #Inklusion"

CLIPPINGS = [
    (date(2022, 11, 3), "Zeitschrift Behinderung & Beruf", "Inklusionsunternehmen starten Ausbildungsoffensive",
     "print", 12000, 0, "Projektstart"),
    (date(2023, 6, 20), "Kölner Stadt-Anzeiger (online)", "Fachtag zeigt Wege in die inklusive Ausbildung",
     "online", 45000, 1, "1. Fachtag"),
    (date(2023, 6, 22), "Radio Köln", "Inklusive Ausbildung: Betriebe berichten", "radio", 30000, 1, "1. Fachtag"),
    (date(2024, 5, 14), "REHADAT-Nachrichten", "Good Practice: Ausbildung im Inklusionsbetrieb", "online", 8000,
     None, "Good-Practice-Beispiele"),
    (date(2025, 5, 8), "Frankfurter Neue Presse", "Fachtag in Frankfurt: Ausbildung für alle", "print", 60000, 1,
     "3. Fachtag Frankfurt"),
    (date(2025, 9, 26), "kobinet-nachrichten", "Online-Kongress zieht Bilanz der Ausbildungsoffensive", "online",
     15000, 2, "Online-Kongress"),
]  # fmt: skip
RELEASES = [
    (date(2022, 10, 20), "Start der bag if Ausbildungsoffensive", 140),
    (date(2023, 6, 1), "Einladung zum Fachtag inklusive Ausbildung", 160),
    (date(2025, 9, 15), "Online-Kongress „Inklusive Ausbildung“ am Projektende", 180),
]


def _follower_counts(rng) -> list[tuple[date, int]]:
    """Month ends from October 2022 to September 2025, growing steadily, ending at exactly 547."""
    months = []
    year, month = 2022, 10
    while (year, month) <= (2025, 9):
        following = date(year + (month == 12), month % 12 + 1, 1)
        months.append(following - timedelta(days=1))
        year, month = following.year, following.month
    counts, previous = [], FIRST_FOLLOWERS
    for index, day in enumerate(months):
        share = (index / (len(months) - 1)) ** 0.9
        target = round(FIRST_FOLLOWERS + (FINAL_FOLLOWERS - FIRST_FOLLOWERS) * share) + rng.randint(-4, 4)
        previous = max(previous + 1, target) if index else FIRST_FOLLOWERS
        counts.append((day, previous))
    counts[-1] = (PROJECT_END, FINAL_FOLLOWERS)
    return counts


def load(context: dict) -> None:
    rng = context["rng"]
    reference, follow_up = context["reference_project"], context["follow_up_project"]
    tz = ZoneInfo(settings.TIME_ZONE)
    channel = Channel.objects.create(
        platform=Channel.Platform.INSTAGRAM,
        name="bag if Ausbildung",
        handle="@bagif_ausbildung",
        url="https://www.instagram.com/bagif_ausbildung/",
        account_id="17841400000000001",
    )
    channel.projects.set([reference, follow_up])
    website = Channel.objects.create(
        platform=Channel.Platform.WEBSITE, name="bag-if.de", url="https://www.bag-if.de/ausbildung/"
    )
    website.projects.set([reference, follow_up])

    start = datetime(2022, 10, 4, tzinfo=tz)
    span_days = (datetime(2025, 9, 29, tzinfo=tz) - start).days
    imported_at = datetime(2025, 10, 2, 9, 30, tzinfo=tz)
    posts = []
    for index in range(PUBLISHED_POSTS):
        day = start + timedelta(days=index * span_days // PUBLISHED_POSTS + rng.randint(0, 3))
        when = day.replace(hour=rng.choice([9, 11, 13, 16, 18]), minute=rng.choice([0, 15, 30, 45]))
        text, alt = TOPICS[index % len(TOPICS)]
        caption = text.format(name=rng.choice(NAMES), region=rng.choice(REGIONS))
        reach = rng.randint(140, 420) + index * 4
        likes = rng.randint(reach // 14, reach // 7)
        posts.append(
            Post(
                channel=channel,
                project=reference,
                status=Post.Status.PUBLISHED,
                scheduled_at=when,
                caption=f"{caption}\n\n{HASHTAGS}",
                hashtags=HASHTAGS,
                alt_text="" if index in (3, 17, 40, 41, 77) else alt,
                promotes=PROMOTES[index % len(PROMOTES)],
                post_type="IG-Bild" if index % 5 else "IG-Karussell",
                link=f"https://www.instagram.com/p/Demo{index:04d}/",
                external_id=f"1790000000{index:07d}",
                reach=reach,
                impressions=round(reach * rng.uniform(1.15, 1.6)),
                likes=likes,
                comments=rng.randint(0, max(1, likes // 8)),
                shares=rng.randint(0, max(1, likes // 6)),
                saves=rng.randint(0, max(1, likes // 5)),
                metrics_imported_at=imported_at,
            )
        )
    planned = [
        (datetime(2025, 10, 7, 11, 0, tzinfo=tz), "Neues Projekt: Berufliche Bildung – Mehr Chancen – Mehr Wert", "x"),
        (datetime(2025, 10, 21, 13, 0, tzinfo=tz), "Fachkräfte von morgen: Bildung im Inklusionsbetrieb", ""),
        (datetime(2025, 11, 4, 11, 0, tzinfo=tz), "Rückblick in Zahlen: 118 Beiträge und 547 Follower*innen", "x"),
        (datetime(2025, 11, 18, 16, 0, tzinfo=tz), "Save the Date: Auftakt des Anschlussprojekts", ""),
        (datetime(2025, 12, 2, 11, 0, tzinfo=tz), "Weiterbildung im Inklusionsbetrieb: eure Fragen", "x"),
        (datetime(2025, 12, 16, 11, 0, tzinfo=tz), "Jahresrückblick 2025", "x"),
    ]  # fmt: skip
    for when, text, alt in planned:
        posts.append(
            Post(
                channel=channel,
                project=follow_up,
                status=Post.Status.PLANNED,
                scheduled_at=when,
                caption=f"{text}\n\n#BeruflicheBildung #Inklusion",
                hashtags="#BeruflicheBildung #Inklusion",
                alt_text="Grafik mit dem Projekttitel auf blauem Grund" if alt else "",
                promotes="Anschlussprojekt Berufliche Bildung",
            )
        )
    Post.objects.bulk_create(posts)
    FollowerSnapshot.objects.bulk_create(
        FollowerSnapshot(channel=channel, date=day, count=count, source=FollowerSnapshot.Source.IMPORT)
        for day, count in _follower_counts(rng)
    )

    releases = [
        PressRelease.objects.create(project=reference, title=title, sent_on=sent_on, recipients=recipients)
        for sent_on, title, recipients in RELEASES
    ]
    clippings = [
        PressClipping.objects.create(
            project=reference,
            published_on=published_on,
            outlet=outlet,
            title=title,
            medium=medium,
            estimated_reach=reach,
            release=releases[release] if release is not None else None,
            covers=covers,
        )
        for published_on, outlet, title, medium, reach, release, covers in CLIPPINGS
    ]
    context["instagram_channel"] = channel
    context["outreach_channels"] = [channel, website]
    context["press_clippings"] = clippings
