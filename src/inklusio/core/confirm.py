"""A confirmation step for actions that reach many people at once (send a mailing, certificates, invitations).

The page names how many people the action concerns; the view counts them with the same query the action sends
to. Only a POST from that page acts, and only while the count is still the one shown: if it changed in between,
the page is shown again with the new number. A GET never acts.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CONFIRM_FIELD = "confirm_count"


@dataclass
class Confirmation:
    question: str  # the heading, naming the count: "Send to 1,234 subscribers?"
    button: str  # what the confirming button says
    back_url: str
    count: int
    explanation: str = ""
    title: str = ""  # what the action concerns (the mailing's subject, the event's title)


def grouped(count: int) -> str:
    """1234 as "1.234" in German, "1,234" in English."""
    return number_format(count, force_grouping=True)


def is_confirmed(request, count: int) -> bool:
    """A POST from the confirmation page for exactly this many people."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == str(count)


def render_confirmation(request, confirmation: Confirmation):
    """The confirmation page; says so when the count changed since the page was shown."""
    shown = request.POST.get(CONFIRM_FIELD) if request.method == "POST" else None
    changed = shown is not None and shown != str(confirmation.count)
    return render(
        request,
        "core/confirm.html",
        {
            "confirmation": confirmation,
            "confirm_field": CONFIRM_FIELD,
            "changed": changed,
            "changed_message": _("The number has changed since the page was shown. Please check it again."),
        },
    )
