"""The public site's part of the data-subject rights: offer contacts, company logins, form rate-limit records.

None of these point at a Person; they are found by the person's email address (and an offer's contact name).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inklusio.core.personal_data import plain_record

from .models import CompanyContact, FormSubmission, TrainingOffer


def _offers(person):
    match = Q(pk__in=[])
    if person.email:
        match |= Q(contact_email__iexact=person.email)
    if person.last_name:
        match |= Q(contact_name__iexact=person.full_name) | Q(
            contact_name__iexact=f"{person.first_name} {person.last_name}"
        )
    return TrainingOffer.objects.filter(match)


def _company_contacts(person):
    if not person.email:
        return CompanyContact.objects.none()
    return CompanyContact.objects.filter(user__email__iexact=person.email).select_related("user", "organisation")


def personal_data(person) -> dict:
    submissions = FormSubmission.objects.filter(email__iexact=person.email) if person.email else []
    return {
        _("Contact person of training offers"): [
            {
                "offer": str(o),
                "company": str(o.organisation),
                "contact_name": o.contact_name,
                "contact_email": o.contact_email,
                "contact_phone": o.contact_phone,
            }
            for o in _offers(person).select_related("organisation")
        ],
        _("Company login"): [
            {
                "username": c.user.username,
                "name": c.user.get_full_name(),
                "email": c.user.email,
                "company": str(c.organisation),
                "last_login": c.user.last_login.isoformat() if c.user.last_login else None,
            }
            for c in _company_contacts(person)
        ],
        _("Public form submissions (rate limit)"): [plain_record(s) for s in submissions],
    }


def erase_person(person, actor=None) -> list[str]:
    """Offers stay with the company (its own address as contact); the company login is closed and blanked;
    the rate-limit records of the address go."""
    removed = []
    for offer in _offers(person).select_related("organisation"):
        removed += [offer.contact_name, offer.contact_email]
        TrainingOffer.objects.filter(pk=offer.pk).update(
            contact_name="", contact_email=offer.organisation.email, contact_phone=""
        )
    users = get_user_model().objects.filter(pk__in=_company_contacts(person).values("user"))
    for user in users:
        removed += [user.username, user.get_full_name(), user.email]
        user.username, user.first_name, user.last_name, user.email = f"erased-{user.pk}", "", "", ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        CompanyContact.objects.filter(user=user).delete()
    if person.email:
        FormSubmission.objects.filter(email__iexact=person.email).delete()
    return [value for value in removed if value]
