"""Answering a survey through a personal link: once per person, anonymous unless the survey asks and they agree."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import queries, services


def _invitation(token):
    invitation = queries.invitation_by_token(token)
    if invitation is None:
        raise Http404
    return invitation


@require_http_methods(["GET", "POST"])
def answer(request, token, easy=False):
    invitation = _invitation(token)
    survey = invitation.survey
    if easy and not survey.has_easy_language:
        return redirect("surveys_public:answer", token=token)
    lang = services.answer_language(get_language(), "easy" if easy else "")
    problem = services.answer_refusal(invitation)
    form = None if problem else services.answer_form(survey, lang, request.POST if request.method == "POST" else None)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.answer_invitation(
                invitation, form.answers, lang=lang, consent=form.cleaned_data.get("consent_named", False)
            )
        except services.SurveyError as error:
            problem = str(error)
        else:
            return redirect("surveys_public:thanks")
    return render(
        request,
        "surveys/public/answer.html",
        {
            "survey": survey,
            "title": survey.title(lang),
            "intro": survey.intro(lang),
            "lang": lang,
            "form": form,
            "problem": problem,
            "easy_url": "" if easy or not survey.has_easy_language else reverse("surveys_easy:answer", args=[token]),
            "standard_url": reverse("surveys_public:answer", args=[token]) if easy else "",
        },
    )


def thanks(request):
    return render(request, "surveys/public/thanks.html", {"message": _("Thank you! Your answers have been saved.")})
