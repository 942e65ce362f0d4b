"""Figures of the public site for the impact report: the training offers inclusion companies publish."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from inklusio.core.extensions import Binding, shared_figure

from .models import TrainingOffer


def _published_in(start: date, end: date):
    begin = timezone.make_aware(datetime.combine(start, time.min))
    stop = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return TrainingOffer.objects.filter(published=True, created__gte=begin, created__lt=stop)


def _totals(start: date, end: date) -> dict:
    """Offers and the companies behind them in one query, shared inside a report (figure_scope)."""

    def compute():
        return _published_in(start, end).aggregate(offers=Count("id"), companies=Count("organisation", distinct=True))

    return shared_figure(("public.offers", start, end), compute)


def training_offers_published(project, start: date, end: date) -> int:
    """Offers added in the period and published (whether or not their start has passed since)."""
    return _totals(start, end)["offers"]


def companies_offering_training(project, start: date, end: date) -> int:
    return _totals(start, end)["companies"]


def _offers_url(project, start, end) -> str:
    return reverse("public:staff_offer_list")


INDICATORS = [
    Binding("training_offers_published", training_offers_published, _offers_url),
    Binding("companies_offering_training", companies_offering_training, _offers_url),
]
