"""Figures of the public site for the impact report: the training offers inclusion companies publish."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from inklusio.core.extensions import Binding

from .models import TrainingOffer


def _published_in(start: date, end: date):
    begin = timezone.make_aware(datetime.combine(start, time.min))
    stop = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return TrainingOffer.objects.filter(published=True, created__gte=begin, created__lt=stop)


def training_offers_published(project, start: date, end: date) -> int:
    """Offers added in the period and published (whether or not their start has passed since)."""
    return _published_in(start, end).count()


def companies_offering_training(project, start: date, end: date) -> int:
    return _published_in(start, end).values("organisation").distinct().count()


def _offers_url(project, start, end) -> str:
    return reverse("public:staff_offer_list")


INDICATORS = [
    Binding("training_offers_published", training_offers_published, _offers_url),
    Binding("companies_offering_training", companies_offering_training, _offers_url),
]
