"""The rules the staff and public views hand to services and queries: contributions, feedback, waitlist, support."""

import pytest
from django.db import IntegrityError, transaction

from inklusio.contacts.models import Person
from inklusio.events import queries, services
from inklusio.events.models import Contribution, ProgrammeItem, Registration

from .conftest import check_in_today

pytestmark = pytest.mark.django_db


def test_add_contribution_allows_one_role_per_person_and_item(event):
    item = ProgrammeItem.objects.create(event=event, starts_at=event.starts_at, title="Podium")
    person = Person.objects.create(first_name="Lena", last_name="Auszubildende", email="lena@example.org")
    first = services.add_contribution(item=item, person=person, role="speaker", perspective="company")
    assert (first.item, first.person, first.role, first.perspective) == (item, person, "speaker", "company")
    with pytest.raises(services.RegistrationError) as error:
        services.add_contribution(item=item, person=person, role="speaker")
    assert error.value.code == "already_contributing"
    services.add_contribution(item=item, person=person, role="moderator")  # another role is fine
    assert Contribution.objects.filter(item=item).count() == 2
    # The database holds the rule, also for writes that bypass the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.create(item=item, person=person, role="moderator")


def test_feedback_refusal_says_why_and_submit_feedback_raises_the_same_code(event, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    assert services.feedback_refusal(registration) == "not_attended"
    with pytest.raises(services.RegistrationError) as error:
        services.submit_feedback(registration, overall=4, content=4, accessibility=4, comment="")
    assert error.value.code == "not_attended"
    check_in_today(registration)
    assert services.feedback_refusal(registration) == ""
    services.submit_feedback(registration, overall=4, content=4, accessibility=4, comment="")
    assert services.feedback_refusal(Registration.objects.get(pk=registration.pk)) == "already_answered"


def test_waitlist_position_counts_the_queue_in_sign_up_order(event, reg_data):
    registrations = [services.register(event.pk, reg_data(n))[0] for n in range(5)]  # two seats
    assert [queries.waitlist_position(r) for r in registrations] == [None, None, 1, 2, 3]
    services.cancel(registrations[0].pk)  # the first on the waitlist moves up to a seat
    fresh = [Registration.objects.get(pk=r.pk) for r in registrations[1:]]
    assert [queries.waitlist_position(r) for r in fresh] == [None, None, 1, 2]


def test_support_need_details_only_for_users_who_may_see_support_needs(event, reg_data, make_user):
    with_need, _ = services.register(
        event.pk, reg_data(1, support_needs={"sign_language": "DGS"}, support_consent=True)
    )
    services.register(event.pk, reg_data(2))
    cancelled, _ = services.register(event.pk, reg_data(3, support_needs={"wheelchair": ""}, support_consent=True))
    services.cancel(cancelled.pk)
    staff = make_user("project_staff")
    assert list(queries.support_need_details(staff, event)) == [with_need]
    assert not queries.support_need_details(make_user("read_only"), event).exists()
    assert not queries.support_need_details(make_user("network_coordinator"), event).exists()
