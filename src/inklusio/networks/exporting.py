"""Member and participant lists as CSV and XLSX, with spreadsheet formulas neutralised."""

from django.utils.translation import gettext as _

from inklusio.core.spreadsheets import to_csv, to_xlsx

from .participation import stakeholder_type_of

__all__ = ["FORMATS", "member_rows", "participant_rows", "to_csv", "to_xlsx"]

FORMATS = ("csv", "xlsx")  # anything else is a 404 before the export is logged


def member_rows(memberships):
    header = [_("Last name"), _("First name"), _("Email"), _("Organisation"), _("Stakeholder type"), _("Role"),
              _("Joined on"), _("Left on")]  # fmt: skip
    rows = [header]
    for m in memberships.select_related("person__stakeholder_type", "organisation__stakeholder_type").prefetch_related(
        "person__affiliations__organisation__stakeholder_type"
    ):
        kind = stakeholder_type_of(m.person, m.organisation)
        rows.append(
            [
                m.person.last_name,
                m.person.first_name,
                m.person.email,
                m.organisation.name if m.organisation else "",
                str(kind) if kind else "",
                m.get_role_display(),
                m.joined_on.isoformat(),
                m.left_on.isoformat() if m.left_on else "",
            ]  # fmt: skip
        )
    return rows


def participant_rows(people, counts):
    rows = [[_("Last name"), _("First name"), _("Email"), _("Stakeholder type"), _("Meetings attended")]]
    for person in people.select_related("stakeholder_type").prefetch_related(
        "affiliations__organisation__stakeholder_type"
    ):
        kind = stakeholder_type_of(person)
        rows.append([person.last_name, person.first_name, person.email, str(kind) if kind else "", counts[person.pk]])
    return rows
