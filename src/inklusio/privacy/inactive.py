"""Contacts with no activity anywhere for the period: found through every app's ``active_person_ids`` hook,
anonymised through the erasure service (GDPR Art. 17), so every figure that counts them stays unchanged."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from inklusio.contacts.queries import people_unchanged_since
from inklusio.core.extensions import ANONYMISE, RetentionCategory

from .erasure import erase_person

REASON = "privacy.inactive_contacts"  # the retention category, as the erasure log's reason


def active_person_querysets(since) -> list:
    querysets = []
    for config in apps.get_app_configs():
        hook = getattr(config, "active_person_ids", None)
        if hook is not None:
            querysets.extend(hook(since))
    return querysets


def inactive_people(cutoff):
    people = people_unchanged_since(cutoff)
    for active in active_person_querysets(cutoff):
        people = people.exclude(pk__in=active)
    return people.order_by("updated", "pk")


def erase_inactive(cutoff, now) -> int:
    people = list(inactive_people(cutoff))
    if not people:
        return 0

    for person in people:
        erase_person(person, actor=None, reason=REASON)
    return len(people)


def _describe(person) -> str:
    return f"{person} ({person.updated:%Y-%m-%d})"


CATEGORY = RetentionCategory(
    key="privacy.inactive_contacts",
    label=_("Contacts inactive for the period"),
    data=_("Name, contact details, affiliations, notes and everything linked to the contact"),
    data_subjects=_("Contacts: partners' staff, registrants, network members, subscribers, people who inquired"),
    purpose=_("Keeping in touch with the project's partners and target groups"),
    legal_basis=_("Legitimate interest in the project's outreach (GDPR Art. 6(1)(f)); consent where asked"),
    recipients=_("Project staff; network coordinators for their networks' members"),
    default_days=1095,
    find=inactive_people,
    apply=erase_inactive,
    action=ANONYMISE,
    describe=_describe,
    minimum_days=365,
    minimum_reason=_(
        "Partners and network members may be quiet for a year without having left. Activity is any registration, "
        "attendance, membership, subscription, inquiry or edit. Anonymised contacts keep the rows the report counts."
    ),
    after=_("the contact's last activity"),
)
