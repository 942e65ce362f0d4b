"""Demo data of the impact area: targets and baselines of the reference project, and its report texts (German).

The figures themselves are not set here: they are counted from the records the other areas' demos create.
"""

from datetime import date

from .models import ReportSection, Target

# code: (baseline, target) for the reference project's whole duration (Projektantrag).
REFERENCE_TARGETS = {
    "instagram_posts": (0, 100),
    "instagram_followers": (0, 500),
    "mailings_sent": (0, 6),
    "subscribers": (0, 400),
    "press_clippings": (0, 6),
    "conference_days": (0, 3),
    "conference_day_participants": (0, 240),
    "conference_day_speakers": (0, 18),
    "congress_programme_items": (0, 10),
    "congress_speakers": (0, 15),
    "congress_registrations": (0, 250),
    "networks": (0, 3),
    "networks_founded": (0, 3),
    "network_meetings": (0, 24),
    "network_active_participants": (0, 60),
    "inquiries": (0, 40),
    "stakeholder_types_reached": (0, 8),
    "companies_started_training": (0, 10),
}
FOLLOW_UP_TARGETS = {
    "instagram_posts": (118, 60),
    "instagram_followers": (547, 750),
    "mailings_sent": (0, 4),
    "subscribers": (497, 600),
    "conference_days": (0, 2),
    "networks": (3, 4),
    "network_meetings": (0, 12),
    "inquiries": (0, 25),
}

SECTIONS = {
    "summary": (
        "Über vielfältige Kommunikationskanäle und Veranstaltungen gelang es der bag if Ausbildungsoffensive, "
        "Menschen mit Behinderungen und ihr Unterstützernetzwerk sowie relevante Akteur*innen aus Bildung, "
        "Wirtschaft und Verwaltung für die Themen der inklusiven Ausbildung zu sensibilisieren und zu gewinnen. "
        "Am 30. September endete das von der Aktion Mensch geförderte Projekt mit einem großen Online-Kongress."
    ),
    "starting_situation": (
        "Inklusionsunternehmen bilden aus, doch ihr Ausbildungsangebot ist wenig bekannt. Junge Menschen mit "
        "Behinderungen, ihre Familien und Lehrkräfte erfahren selten davon; Kammern, Jobcenter, "
        "Integrationsfachdienste und Inklusionsämter arbeiten oft nebeneinander.\n\n"
        "**Zielgruppen:** Inklusionsunternehmen, Auszubildende mit und ohne Behinderung, Lehrkräfte an "
        "Berufsschulen sowie Fachleute aus Kammern, Jobcentern, Agenturen für Arbeit, Integrationsfachdiensten "
        "(IFDs), Einheitlichen Ansprechstellen für Arbeitgeber (EAAs) und Inklusionsämtern."
    ),
    "impact_logic": (
        "Öffentlichkeitsarbeit und Veranstaltungen machen inklusive Ausbildung sichtbar (Stufen 1–2). "
        "Regionale Netzwerke verbinden die Akteur*innen dauerhaft (Stufe 3). Mittelfristig beginnen mehr "
        "Inklusionsunternehmen, selbst auszubilden (Stufe 5), und mehr junge Menschen mit Behinderungen finden "
        "einen betrieblichen Ausbildungsplatz (Stufe 6)."
    ),
    "outputs_reach": (
        "Die Öffentlichkeitsarbeit bildete einen zentralen Baustein des Projekts. Mit Presseartikeln in externen "
        "Medien machte das Projektteam auf das Ausbildungsangebot der Inklusionsunternehmen aufmerksam."
    ),
    "outputs_events": (
        "Im Mittelpunkt der letzten Projektphase standen der dritte Fachtag in Frankfurt sowie die "
        "Abschlussveranstaltung in Form eines Online-Kongresses. Besonders wertvoll war die aktive Einbindung der "
        "Perspektiven von Auszubildenden mit und ohne Behinderung, die den Veranstaltungen Authentizität und "
        "Praxisnähe verliehen."
    ),
    "outputs_networking": (
        "Mit der Workshop-Methode „World Café“ wurden die Teilnehmenden der Fachtage eingeladen, Erfahrungen "
        "auszutauschen und neue Kontakte zu knüpfen. In Hessen entstand im letzten Projektjahr ein neues Netzwerk."
    ),
    "accessibility": (
        "Alle Präsenzveranstaltungen fanden in barrierefreien Räumen statt. Auf Wunsch wurden "
        "Gebärdensprachdolmetschung, Schriftdolmetschung und Material in Leichter Sprache bereitgestellt."
    ),
    "evaluation": (
        # The sentence on interest in the digital offers is no longer written here: the report computes it from
        # the counted use (impact.narrative.digital_interest), and says "wuchs" only when the counts grew.
        "Die Resonanz zeigte sich besonders in der hohen Teilnehmerschaft bei den Veranstaltungen."
    ),
    "deviations": (
        "Die Zahl der Anmeldungen zum Online-Kongress blieb etwas hinter dem Ziel zurück; der Kongress fiel in "
        "die Prüfungszeit vieler Berufsschulen. **Lehre für das Anschlussprojekt:** Termine früher mit den "
        "Berufsschulen abstimmen."
    ),
    "outlook": (
        "Aufbauend auf den erreichten Zielen startete am 30. September 2025 das Anschlussprojekt „Berufliche "
        "Bildung – Mehr Chancen – Mehr Wert“, ebenfalls gefördert von der Aktion Mensch."
    ),
}


def load(context: dict) -> None:
    reference = context["reference_project"]
    follow_up = context["follow_up_project"]
    # The level-5 figure "Inklusionsunternehmen, die nach einem Netzwerktreffen erstmals ausbilden" is computed
    # from the follow-up survey of the network members (surveys/demo.py), no longer typed in.
    Target.objects.bulk_create(
        [Target(project=reference, code=code, baseline=b, target=t) for code, (b, t) in REFERENCE_TARGETS.items()]
        + [Target(project=follow_up, code=code, baseline=b, target=t) for code, (b, t) in FOLLOW_UP_TARGETS.items()]
    )
    # A target for the last project year alone (the dashboard's period filter shows it).
    Target.objects.create(
        project=reference,
        code="inquiries",
        period_start=date(2024, 10, 1),
        period_end=date(2025, 9, 30),
        baseline=10,
        target=15,
    )
    ReportSection.objects.bulk_create(
        [ReportSection(project=reference, key=key, text_de=text) for key, text in SECTIONS.items()]
    )
