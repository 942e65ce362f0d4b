"""Participant lists as CSV and XLSX; support needs only when the caller may see them."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from inklusio.core.tabular import neutralise_formula

from .models import SupportKind

FORMATS = ("csv", "xlsx")  # anything else is a 404 before the export is logged


def _header(questions, with_support: bool) -> list[str]:
    header = [
        _("Last name"),
        _("First name"),
        _("Email"),
        _("Organisation"),
        _("Stakeholder type"),
        _("Status"),
        _("Registered"),
        _("Photo consent"),
        _("Attended days"),
    ]
    header += [q.text for q in questions]
    if with_support:
        header.append(_("Support needs"))
    return header


def _rows(registrations, questions, with_support: bool):
    labels = dict(SupportKind.choices)
    for r in registrations.prefetch_related("answers", "attendances", *(["support_needs"] if with_support else [])):
        answers = {a.question_id: a.value for a in r.answers.all()}
        row = [
            r.person.last_name,
            r.person.first_name,
            r.person.email,
            r.organisation_name,
            str(r.stakeholder_type or ""),
            r.get_status_display(),
            r.created.strftime("%Y-%m-%d %H:%M"),
            _("yes") if r.photo_consent else _("no"),
            ", ".join(a.day.isoformat() for a in r.attendances.all()),
        ]
        row += [answers.get(q.pk, "") for q in questions]
        if with_support:
            row.append(
                "; ".join(f"{labels[n.kind]}{': ' + n.detail if n.detail else ''}" for n in r.support_needs.all())
            )
        yield [neutralise_formula(value) for value in row]


def participants_csv(registrations, questions, with_support=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_header(questions, with_support))
    writer.writerows(_rows(registrations, questions, with_support))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def participants_xlsx(registrations, questions, with_support=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append(_header(questions, with_support))
    for row in _rows(registrations, questions, with_support):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
