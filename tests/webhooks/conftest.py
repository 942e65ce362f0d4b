import pytest

from tests.events.conftest import event, make_event  # noqa: F401 - fixtures shared with the events tests

from .receiver import Receiver


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True  # the receiver listens on loopback
    settings.WEBHOOK_RETRY_DELAYS = [60, 120, 240]  # four attempts in all
    # Deliveries are queued in the database and sent when a test calls deliver_due (the worker's task).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def subscribe(db, lead):
    from inklusio.core import happenings
    from inklusio.webhooks import services
    from inklusio.webhooks.models import Subscription

    def make(url, kinds=happenings.KINDS, personal=False, description="CRM"):
        return services.create_subscription(
            Subscription(description=description, url=url, kinds=list(kinds), include_personal_data=personal), lead
        )

    return make
