"""Export people to CSV and XLSX, with spreadsheet formulas neutralised."""

import csv
import io
from collections import defaultdict

from django.utils.translation import gettext as _
from openpyxl import Workbook

from inklusio.core.tabular import neutralise_formula

from .models import Affiliation, Person

CHUNK = 2000
FORMATS = ("csv", "xlsx")  # anything else is a 404 before the export is logged


def _columns():
    return [
        _("ID"),
        _("Salutation"),
        _("Title"),
        _("First name"),
        _("Last name"),
        _("Email"),
        _("Phone"),
        _("Stakeholder type"),
        _("Organisations"),
        _("Region"),
        _("City"),
        _("Tags"),
    ]


def _by_person(pairs) -> dict[int, list[str]]:
    found = defaultdict(list)
    for person_id, text in pairs:
        found[person_id].append(text)
    return found


def _rows(people):
    """One row per person; organisations and tags are read in one query each for all of them (a prefetch per
    chunk would need three more queries per 2,000 people)."""
    chosen = people.order_by().values("pk")
    organisations = _by_person(
        Affiliation.objects.filter(person__in=chosen)
        .order_by("-start", "id")
        .values_list("person_id", "organisation__name")
    )
    tags = _by_person(
        Person.tags.through.objects.filter(person__in=chosen)
        .order_by("tag__name")
        .values_list("person_id", "tag__name")
    )
    for person in people.select_related("stakeholder_type").iterator(chunk_size=CHUNK):
        yield [
            neutralise_formula(v)
            for v in (
                person.pk,
                person.get_salutation_display() if person.salutation else "",
                person.academic_title,
                person.first_name,
                person.last_name,
                person.email,
                person.phone,
                str(person.stakeholder_type) if person.stakeholder_type else "",
                "; ".join(organisations.get(person.pk, ())),
                person.region,
                person.city,
                ", ".join(tags.get(person.pk, ())),
            )
        ]


def people_csv(people) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_columns())
    writer.writerows(_rows(people))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def people_xlsx(people) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Contacts"))
    sheet.append(_columns())
    for row in _rows(people):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
