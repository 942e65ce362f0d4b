"""Removing inquiries, organisations and tags (see ``core/removal.py`` for the rule).

An inquiry received in its project's period is counted by the report (inquiries, stakeholder types reached):
it is archived; one outside the period is deleted. An organisation that people, inquiries, network memberships,
training offers, company contacts or good-practice stories point at is archived (the report counts it through
them); an organisation nothing points at is deleted. A tag is never counted: it is deleted and taken off
everything that carries it (merging, in ``tags.py``, keeps the taggings under another name).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.removal import ARCHIVE, DELETE, RemovalPlan, archive

from .models import Inquiry, Organisation, Tag


def _already_archived(subject, counts) -> RemovalPlan:
    return RemovalPlan(subject, ARCHIVE, counts=counts, refusal=_("This is archived already."))


def plan_inquiry(inquiry: Inquiry) -> RemovalPlan:
    project = inquiry.project
    counted = project.start <= inquiry.received_on <= project.end
    counts = {"counted": int(counted)}
    if inquiry.archived_at:
        return _already_archived(inquiry, counts)
    if counted:
        lines = [_("The report keeps counting it: it was received within the project's period.")]
        return RemovalPlan(inquiry, ARCHIVE, lines, counts)
    return RemovalPlan(inquiry, DELETE, [_("It lies outside the project's period, so no report counts it.")], counts)


def plan_organisation(organisation: Organisation) -> RemovalPlan:
    counts = {
        "people": organisation.affiliations.count(),
        "inquiries": organisation.inquiries.count(),
        "network_memberships": organisation.network_memberships.count(),
        "training_offers": organisation.training_offers.count(),
        "company_contacts": organisation.company_contacts.count(),
        "good_practices": organisation.good_practices.count(),
    }
    if organisation.archived_at:
        return _already_archived(organisation, counts)
    if not any(counts.values()):
        return RemovalPlan(organisation, DELETE, [_("No person, inquiry or other record refers to it.")], counts)
    lines = []
    if counts["people"]:
        lines.append(
            ngettext("%(count)s person stays linked to it.", "%(count)s people stay linked to it.", counts["people"])
            % {"count": counts["people"]}
        )
    if counts["inquiries"]:
        lines.append(
            ngettext(
                "%(count)s inquiry stays linked to it.", "%(count)s inquiries stay linked to it.", counts["inquiries"]
            )
            % {"count": counts["inquiries"]}
        )
    others = counts["network_memberships"] + counts["training_offers"] + counts["company_contacts"]
    others += counts["good_practices"]
    if others:
        lines.append(
            ngettext(
                "%(count)s network membership, training offer, company login or story stays linked to it.",
                "%(count)s network memberships, training offers, company logins and stories stay linked to it.",
                others,
            )
            % {"count": others}
        )
    return RemovalPlan(organisation, ARCHIVE, lines, counts)


def plan_tag(tag: Tag) -> RemovalPlan:
    counts = {
        "people": tag.people.count(),
        "organisations": tag.organisations.count(),
        "good_practices": tag.good_practices.count(),
    }
    total = sum(counts.values())
    lines = [
        ngettext(
            "It is taken off %(count)s person, organisation or story.",
            "It is taken off %(count)s people, organisations and stories.",
            total,
        )
        % {"count": total}
    ]
    return RemovalPlan(tag, DELETE, lines, counts)


def remove(plan: RemovalPlan) -> None:
    """Carry out a contacts plan: archive or delete its subject (a deleted tag's taggings go with it)."""
    if plan.action == ARCHIVE:
        archive(plan.subject)
    else:
        plan.subject.delete()
