"""Staff pages for the data-subject rights; the rules are in export.py, erasure.py and contacts/suppression.py."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inklusio.contacts.queries import all_people
from inklusio.core.access import recent_auth_required, staff_permission_required

from . import erasure, export
from .forms import ErasureForm, ExportForm

EXPORT_PERMISSION = "privacy.export_personal_data"
ERASE_PERMISSION = "privacy.erase_person"


@staff_permission_required(EXPORT_PERMISSION)
@recent_auth_required()
def person_export(request, pk):
    person = get_object_or_404(all_people(), pk=pk)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        content, content_type, filename = export.export(
            person, form.cleaned_data["format"], actor=request.user, language=form.cleaned_data["language"]
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "privacy/person_export.html", {"person": person, "form": form})


@staff_permission_required(ERASE_PERMISSION)
@recent_auth_required()
def person_erase(request, pk):
    person = get_object_or_404(all_people(), pk=pk)
    if person.anonymised:
        messages.info(request, _("This person is already anonymised."))
        return redirect(person)
    form = ErasureForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        erasure.erase_person(person, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("The person was anonymised in every area; their address is on the suppression list.")
        )
        return redirect(person)
    held = [
        (name, [(section, len(records)) for section, records in data.items() if records])
        for _label, name, data in export.personal_data_for(person)
    ]
    return render(
        request, "privacy/person_erase.html", {"person": person, "form": form, "held": [h for h in held if h[1]]}
    )
