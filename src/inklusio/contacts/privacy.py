"""The contact base's part of the data-subject rights: what it holds about a person, and its anonymisation."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core.personal_data import plain_record

from .models import ERASED_TEXT, Affiliation, DuplicatePair, Inquiry, Person


def personal_data(person) -> dict:
    contact = plain_record(person, exclude=["anonymised"], tags=[tag.name for tag in person.tags.all()])
    return {
        _("Contact data"): [contact],
        _("Affiliations"): [plain_record(a) for a in person.affiliations.select_related("organisation")],
        _("Inquiries"): [plain_record(i, exclude=["project"]) for i in person.inquiries.select_related("organisation")],
    }


def erase_person(person, actor=None):
    """Blank every identifying field; keep the row with its own stakeholder type and region (figures count them).

    Affiliations and likely-duplicate pairs go (no figure counts them, and name + organisation + role would
    identify the person); inquiries stay for the inquiry figures, without their topic, message and note.
    """
    Person.objects.filter(pk=person.pk).update(
        salutation="",
        pronouns="",
        academic_title="",
        first_name="",
        last_name="",
        name_key="",
        sort_key="",
        email="",
        phone="",
        city="",
        notes="",
        anonymised=True,
        updated=timezone.now(),
    )
    Person.tags.through.objects.filter(person_id=person.pk).delete()
    Affiliation.objects.filter(person_id=person.pk).delete()
    Inquiry.objects.filter(person_id=person.pk).update(
        topic=ERASED_TEXT, message="", outcome_note="", updated=timezone.now()
    )
    DuplicatePair.objects.filter(Q(low_id=person.pk) | Q(high_id=person.pk)).delete()  # off the likely-duplicates list
    return []
