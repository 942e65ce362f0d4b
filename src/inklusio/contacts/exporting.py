"""Export people to CSV and XLSX, with spreadsheet formulas neutralised."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from inklusio.core.tabular import neutralise_formula

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


def _rows(people):
    queryset = people.select_related("stakeholder_type").prefetch_related("affiliations__organisation", "tags")
    for person in queryset.iterator(chunk_size=CHUNK):
        organisations = "; ".join(a.organisation.name for a in person.affiliations.all())
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
                organisations,
                person.region,
                person.city,
                ", ".join(t.name for t in person.tags.all()),
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
