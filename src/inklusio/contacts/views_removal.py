"""Staff pages that take contacts out: archive or delete inquiries and organisations; the tag pages (create,
rename, merge, delete). The rules are in ``removal.py`` and ``tags.py``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from inklusio.core.access import staff_permission_required
from inklusio.core.removal import confirm_removal

from . import queries, removal, tags
from .forms import TagMergeForm, TagNameForm

TAG_ERRORS = {
    "empty": gettext_lazy("Please enter a name."),
    "taken": gettext_lazy("A tag with this name exists already. Merge into it instead."),
    "same": gettext_lazy("A tag cannot be merged into itself."),
}


@staff_permission_required("contacts.delete_inquiry")
def inquiry_remove(request, pk):
    inquiry = get_object_or_404(queries.inquiries_for_user(request.user).select_related("project"), pk=pk)
    return confirm_removal(
        request,
        plan=removal.plan_inquiry(inquiry),
        carry_out=removal.remove,
        back_url=inquiry.get_absolute_url(),
        done_url=reverse("contacts:inquiry_list"),
        audit_action="contacts.inquiry",
    )


@staff_permission_required("contacts.delete_organisation")
def organisation_remove(request, pk):
    organisation = get_object_or_404(queries.organisations_for_user(request.user), pk=pk)
    return confirm_removal(
        request,
        plan=removal.plan_organisation(organisation),
        carry_out=removal.remove,
        back_url=organisation.get_absolute_url(),
        done_url=reverse("contacts:organisation_list"),
        audit_action="contacts.organisation",
    )


def _tag_error(error) -> str:
    return str(TAG_ERRORS.get(str(error), error))


@staff_permission_required("contacts.view_tag")
def tag_list(request):
    form = TagNameForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not request.user.has_perm("contacts.add_tag"):
            raise PermissionDenied
        if form.is_valid():
            try:
                tag = tags.create_tag(name=form.cleaned_data["name"], actor=request.user)
            except tags.TagError as error:
                form.add_error("name", _tag_error(error))
            else:
                messages.success(request, _("The tag “%(name)s” has been created.") % {"name": tag.name})
                return redirect("contacts:tag_list")
    rows = queries.all_tags().annotate(
        people_count=Count("people", distinct=True), organisation_count=Count("organisations", distinct=True)
    )
    return render(request, "contacts/tag_list.html", {"tags": rows, "form": form}, status=400 if form.errors else 200)


@staff_permission_required("contacts.change_tag")
def tag_edit(request, pk):
    tag = get_object_or_404(queries.all_tags(), pk=pk)
    form = TagNameForm(request.POST if request.method == "POST" else None, initial={"name": tag.name})
    if request.method == "POST" and form.is_valid():
        try:
            tags.rename_tag(tag=tag, name=form.cleaned_data["name"], actor=request.user)
        except tags.TagError as error:
            form.add_error("name", _tag_error(error))
        else:
            messages.success(request, _("The tag has been renamed."))
            return redirect("contacts:tag_list")
    return render(
        request,
        "contacts/tag_edit.html",
        {"tag": tag, "form": form, "merge_form": TagMergeForm(tag=tag)},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_permission_required("contacts.delete_tag")
def tag_merge(request, pk):
    tag = get_object_or_404(queries.all_tags(), pk=pk)
    merge_form = TagMergeForm(request.POST, tag=tag)
    if merge_form.is_valid():
        target = merge_form.cleaned_data["target"]
        moved = tags.merge_tags(source=tag, target=target, actor=request.user)
        messages.success(
            request,
            ngettext(
                "“%(source)s” has been merged into “%(target)s” (%(count)s record).",
                "“%(source)s” has been merged into “%(target)s” (%(count)s records).",
                moved,
            )
            % {"source": tag.name, "target": target.name, "count": moved},
        )
        return redirect("contacts:tag_list")
    form = TagNameForm(initial={"name": tag.name})
    return render(request, "contacts/tag_edit.html", {"tag": tag, "form": form, "merge_form": merge_form}, status=400)


@staff_permission_required("contacts.delete_tag")
def tag_remove(request, pk):
    tag = get_object_or_404(queries.all_tags(), pk=pk)
    return confirm_removal(
        request,
        plan=removal.plan_tag(tag),
        carry_out=removal.remove,
        back_url=reverse("contacts:tag_edit", args=[tag.pk]),
        done_url=reverse("contacts:tag_list"),
        audit_action="contacts.tag",
    )
