"""Every export URL: an unknown format is a 404 before anything is written to the audit log; a known one is
exported and logged (so the check below can tell the two apart)."""

import pytest
from django.urls import reverse

from inklusio.core.models import AuditEvent

from .conftest import request_as

# url name -> (kwargs without fmt, a format it offers, the audit action)
EXPORTS = {
    "contacts:person_export": (lambda w: {}, "csv", "contacts.export"),
    "events:participants_export": (lambda w: {"pk": w.event}, "xlsx", "events.export"),
    "networks:participants_export": (lambda w: {}, "csv", "networks.participants_exported"),
    "networks:member_export": (lambda w: {"pk": w.network}, "xlsx", "networks.members_exported"),
    "networks:invitation_export": (lambda w: {"pk": w.meeting}, "csv", "networks.invitations_exported"),
    "outreach:press_export": (lambda w: {}, "xlsx", "outreach.press_export"),
    "impact:report_export": (lambda w: {"slug": w.project}, "json", "impact.report_exported"),
    "finance:statement_export": (
        lambda w: {"slug": w.project, "pk": w.finance_submitted_statement},
        "xlsx",
        "finance.statement_exported",
    ),
}
UNKNOWN = ["exe", "CSV", "csv.exe", "pdf%00", "html"]


def _exported(world, name, fmt):
    kwargs, _known, _action = EXPORTS[name]
    before = AuditEvent.objects.count()
    answer = request_as(world, "lead", "GET", reverse(name, kwargs={**kwargs(world), "fmt": fmt}), keep=True)
    return answer, list(AuditEvent.objects.order_by("pk")[before:].values_list("action", flat=True))


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_an_unknown_export_format_is_a_404_and_not_logged(world, name):
    _kwargs, known, action = EXPORTS[name]
    for fmt in UNKNOWN:
        if fmt == known or (name == "impact:report_export" and fmt == "html"):
            continue
        answer, logged = _exported(world, name, fmt)
        assert (answer.status, logged) == (404, []), f"{name} with format {fmt!r}"
    answer, logged = _exported(world, name, known)
    assert (answer.status, logged) == (200, [action]), f"{name} with format {known!r}"


def test_the_personal_data_export_refuses_an_unknown_format_without_logging(world):
    url = reverse("privacy:person_export", kwargs={"pk": world.person})
    before = AuditEvent.objects.count()
    answer = request_as(world, "lead", "POST", url, {"format": "exe", "language": "de"}, keep=True)
    assert answer.status == 200 and answer.content_type.startswith("text/html"), "the form again, with its error"
    assert AuditEvent.objects.count() == before
    answer = request_as(world, "lead", "POST", url, {"format": "zip", "language": "de"}, keep=True)
    assert (answer.status, answer.content_type) == (200, "application/zip")
    logged = list(AuditEvent.objects.order_by("pk")[before:].values_list("action", flat=True))
    assert logged == ["privacy.access_export"]
