"""The stakeholder types of the glossary (DESIGN.md), kept in the database so staff can add their own."""

from .models import StakeholderType

# (code, German, English, used for organisations)
GLOSSARY_TYPES = [
    ("inclusion_company", "Inklusionsunternehmen", "Inclusion company", True),
    ("integration_office", "Inklusionsamt", "Integration office", True),
    ("chamber", "Kammer (IHK, HWK)", "Chamber (of commerce or crafts)", True),
    ("job_centre", "Jobcenter", "Job centre", True),
    ("employment_agency", "Agentur für Arbeit", "Employment agency", True),
    ("integration_service", "Integrationsfachdienst (IFD)", "Integration service (IFD)", True),
    (
        "employer_contact_point",
        "Einheitliche Ansprechstelle für Arbeitgeber (EAA)",
        "Employer contact point (EAA)",
        True,
    ),
    ("vocational_school", "Berufsschule", "Vocational school", True),
    ("teacher", "Lehrkraft", "Teacher", False),
    ("apprentice", "Auszubildende*r", "Apprentice", False),
    ("association", "Verband", "Association", True),
    ("company", "Sonstiges Unternehmen", "Other company", True),
    ("politics_administration", "Politik und Verwaltung", "Politics and administration", True),
    ("other", "Sonstige", "Other", True),
]


def ensure_stakeholder_types(sender=None, using="default", **kwargs):
    """Create the glossary's types where missing; runs after every migrate (and after a test flush)."""
    existing = set(StakeholderType.objects.using(using).values_list("code", flat=True))
    StakeholderType.objects.using(using).bulk_create(
        [
            StakeholderType(code=code, name_de=de, name_en=en, for_organisations=orgs, position=position)
            for position, (code, de, en, orgs) in enumerate(GLOSSARY_TYPES)
            if code not in existing
        ]
    )
