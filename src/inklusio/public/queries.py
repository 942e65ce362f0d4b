"""Who may see what on the public site: one function per concept, used by every view."""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from inklusio.contacts.queries import all_organisations
from inklusio.core.models import Project

from . import conf
from .models import COMPANY_TYPE, GoodPractice, SitePage, TrainingOffer

if TYPE_CHECKING:  # for annotations only; the contacts' models are read through contacts.queries
    from inklusio.contacts.models import Organisation


def current_project() -> Project | None:
    """The project the public site speaks for: PUBLIC_PROJECT, else the newest one with a home page."""
    if slug := conf.project_slug():
        return Project.objects.filter(slug=slug).first()
    with_home = Project.objects.filter(site_pages__kind=SitePage.Kind.HOME).order_by("-start").first()
    return with_home or Project.objects.order_by("-start").first()


def site_page(project: Project | None, kind: str) -> SitePage | None:
    if project is None:
        return None
    return SitePage.objects.filter(project=project, kind=kind).first()


def public_offers() -> QuerySet[TrainingOffer]:
    """Published offers whose start has not passed (offers expire after their start date)."""
    return TrainingOffer.objects.filter(published=True, start_date__gte=timezone.localdate()).select_related(
        "organisation"
    )


def filter_offers(offers: QuerySet[TrainingOffer], data: dict, occupations) -> QuerySet[TrainingOffer]:
    """The offers matching the cleaned data of ``OfferFilterForm`` (words, occupation, state, start, form,
    accessibility); ``occupations`` are its occupation choices, so a word also finds an occupation's name."""
    for word in data.get("q", "").split()[:8]:
        offers = offers.filter(
            Q(occupation_other__icontains=word)
            | Q(description__icontains=word)
            | Q(city__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(occupation__in=[code for code, name in occupations if code and word.lower() in str(name).lower()])
        )
    for name in ("occupation", "region", "form"):
        if data.get(name):
            offers = offers.filter(**{name: data[name]})
    if data.get("start_from"):
        offers = offers.filter(start_date__gte=data["start_from"])
    for name in data.get("access", []):
        offers = offers.filter(**{name: True})
    return offers


def company_of(user) -> "Organisation | None":
    link = getattr(user, "company_contact", None) if user.is_authenticated else None
    return link.organisation if link else None


def can_manage_all_offers(user) -> bool:
    return user.is_authenticated and user.has_perm("public.change_trainingoffer")


def offers_for_user(user) -> QuerySet[TrainingOffer]:
    """Offers a user may maintain: all for staff, their own organisation's for a company contact, else none."""
    offers = TrainingOffer.objects.select_related("organisation")
    if can_manage_all_offers(user):
        return offers
    if (company := company_of(user)) is not None:
        return offers.filter(organisation=company)
    if user.is_authenticated and user.has_perm("public.view_trainingoffer"):
        return offers
    return offers.none()


def companies_for_user(user) -> "QuerySet[Organisation]":
    companies = all_organisations().filter(stakeholder_type__code=COMPANY_TYPE)
    if can_manage_all_offers(user):
        return companies
    if (company := company_of(user)) is not None:
        return companies.filter(pk=company.pk)
    return companies.none()


def published_stories() -> QuerySet[GoodPractice]:
    return GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED).select_related("organisation")


def stories_for_user(user) -> QuerySet[GoodPractice]:
    """Good-practice examples a visitor may read: published ones, plus drafts for staff who may view them."""
    if user.is_authenticated and user.has_perm("public.view_goodpractice"):
        return GoodPractice.objects.select_related("organisation")
    return published_stories()


def search_stories(stories: QuerySet[GoodPractice], text: str) -> QuerySet[GoodPractice]:
    """Full-text search: every word must occur (case-insensitively, also for umlauts) in the title, teaser,
    text, occupation or company (the case-folded ``search_text``) or in a tag's name."""
    for word in text.split()[:8]:
        stories = stories.filter(
            Q(search_text__contains=word.casefold())
            | Q(tags__name__icontains=word)
            | Q(tags__name__icontains=word.capitalize())
        )
    return stories.distinct()
