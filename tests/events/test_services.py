from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.events import services
from inklusio.events.models import (
    Attendance,
    Contribution,
    Event,
    FeedbackReceipt,
    FeedbackResponse,
    ProgrammeItem,
    Registration,
    SupportNeed,
    SupportNeedCount,
)

from .conftest import check_in_today, start_event

pytestmark = pytest.mark.django_db


def test_seats_fill_then_waitlist(event, reg_data):
    statuses = [services.register(event.pk, reg_data(n))[0].status for n in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert Person.objects.filter(email__startswith="person").count() == 4


def test_double_submission_creates_one_registration(event, reg_data):
    first, created = services.register(event.pk, reg_data(1))
    again, created_again = services.register(event.pk, reg_data(1, email="PERSON1@Example.org "))
    assert created and not created_again
    assert first.pk == again.pk
    assert Registration.objects.count() == 1
    assert Person.objects.count() == 1


def test_existing_person_is_reused_and_not_overwritten(event, reg_data):
    person = Person.objects.create(first_name="Ayşe", last_name="Yılmaz", email="ayse@example.org")
    registration, _ = services.register(event.pk, reg_data(1, email="Ayse@example.org", first_name="X", last_name="Y"))
    assert registration.person == person
    person.refresh_from_db()
    assert person.last_name == "Yılmaz"


def test_cancel_promotes_next_in_order_and_mails(event, reg_data, django_capture_on_commit_callbacks):
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(4)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(regs[0].pk)
    statuses = {r.pk: Registration.objects.get(pk=r.pk).status for r in regs}
    assert statuses[regs[0].pk] == "cancelled"
    assert statuses[regs[2].pk] == "confirmed"  # first on the waiting list
    assert statuses[regs[3].pk] == "waitlisted"
    assert [m.to for m in mail.outbox] == [["person2@example.org"]]
    assert "Platz" in mail.outbox[0].subject or "seat" in mail.outbox[0].subject
    # cancelling twice changes nothing
    assert services.cancel(regs[0].pk) is None
    assert Registration.objects.filter(status="confirmed").count() == 2


def test_cancelling_a_waitlisted_registration_promotes_nobody(event, reg_data):
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(4)]
    services.cancel(regs[2].pk)
    assert Registration.objects.get(pk=regs[3].pk).status == "waitlisted"


def test_reregistering_after_cancellation_joins_the_queue_again(event, reg_data):
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(3)]
    services.cancel(regs[0].pk)  # person2 promoted
    again, created = services.register(event.pk, reg_data(0))
    assert created and again.pk == regs[0].pk
    assert again.status == "waitlisted"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"cancelled": True}, "cancelled"),
        ({"visibility": "draft"}, "draft"),
        ({"registration_opens": timezone.now() + timedelta(days=1)}, "not_open"),
        ({"registration_closes": timezone.now() - timedelta(minutes=1)}, "closed"),
        (
            {"starts_at": timezone.now() - timedelta(days=2), "ends_at": timezone.now() - timedelta(days=1)},
            "past",
        ),
    ],
)
def test_registration_refused_when_not_open(make_event, reg_data, changes, code):
    event = make_event(**changes)
    with pytest.raises(services.RegistrationError) as error:
        services.register(event.pk, reg_data(1))
    assert error.value.code == code
    assert not Registration.objects.exists()
    assert not Person.objects.exists()


def test_more_seats_promote_from_waitlist(event, reg_data):
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(5)]
    promoted = services.change_capacity(event, 3)
    assert [r.pk for r in promoted] == [regs[2].pk]
    services.change_capacity(event, None)
    assert Registration.objects.filter(status="waitlisted").count() == 0


def test_support_needs_need_consent(event, reg_data):
    r1, _ = services.register(event.pk, reg_data(1, support_needs={"sign_language": ""}, support_consent=False))
    r2, _ = services.register(
        event.pk, reg_data(2, support_needs={"sign_language": "", "bogus": "x"}, support_consent=True)
    )
    assert not r1.support_needs.exists()
    assert list(r2.support_needs.values_list("kind", flat=True)) == ["sign_language"]
    totals = dict((k, n) for k, _label, n in services.support_need_totals(event))
    assert totals["sign_language"] == 1 and totals["step_free"] == 0


def test_purge_support_needs_keeps_counts(make_event, reg_data, settings):
    event = make_event(capacity=None)
    for n in range(3):
        services.register(event.pk, reg_data(n, support_needs={"sign_language": "DGS"}, support_consent=True))
    services.register(event.pk, reg_data(9, support_needs={"step_free": ""}, support_consent=True))
    cancelled, _ = services.register(event.pk, reg_data(10, support_needs={"companion": ""}, support_consent=True))
    services.cancel(cancelled.pk)
    after_event = event.ends_at + timedelta(days=29)
    assert services.purge_support_needs(now=after_event) == 0  # 30 days not yet over
    assert SupportNeed.objects.count() == 4  # the cancelled one was deleted with the cancellation
    settings.EVENTS_SUPPORT_NEEDS_RETENTION_DAYS = 7
    assert services.purge_support_needs(now=event.ends_at + timedelta(days=8)) == 4
    assert not SupportNeed.objects.exists()
    assert dict(SupportNeedCount.objects.values_list("kind", "count")) == {"sign_language": 3, "step_free": 1}
    event.refresh_from_db()
    totals = {k: n for k, _label, n in services.support_need_totals(event)}
    assert totals["sign_language"] == 3
    # running again does nothing more
    assert services.purge_support_needs(now=event.ends_at + timedelta(days=40)) == 0
    assert SupportNeedCount.objects.get(kind="sign_language").count == 3


def test_support_needs_are_purged_by_the_retention_job(make_event, reg_data, settings):
    from inklusio.core.scheduler import enqueue_due_jobs

    event = make_event(capacity=None)
    services.register(event.pk, reg_data(1, support_needs={"induction_loop": ""}, support_consent=True))
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=40), ends_at=timezone.now() - timedelta(days=39)
    )
    enqueued = enqueue_due_jobs(now=timezone.now())  # ImmediateBackend: the jobs run right away
    assert "privacy.retention" in enqueued
    assert not SupportNeed.objects.exists()
    assert SupportNeedCount.objects.get(event=event, kind="induction_loop").count == 1


def test_retention_days_from_environment(monkeypatch, settings):
    from inklusio.events import conf

    if hasattr(settings, "EVENTS_SUPPORT_NEEDS_RETENTION_DAYS"):
        del settings.EVENTS_SUPPORT_NEEDS_RETENTION_DAYS
    assert conf.support_needs_retention_days() == 30
    monkeypatch.setenv("EVENTS_SUPPORT_NEEDS_RETENTION_DAYS", "14")
    assert conf.support_needs_retention_days() == 14


def test_check_in_rules(event, reg_data):
    confirmed = [services.register(event.pk, reg_data(n))[0] for n in range(3)]
    start_event(event)
    for registration in confirmed:
        registration.refresh_from_db()
    day = event.days()[0]
    attendance, created = services.check_in(confirmed[0], day)
    assert created
    assert services.check_in(confirmed[0], day) == (attendance, False)
    with pytest.raises(services.RegistrationError):
        services.check_in(confirmed[2], day)  # waitlisted
    with pytest.raises(services.RegistrationError):
        services.check_in(confirmed[1], day + timedelta(days=1))  # not an event day
    assert services.undo_check_in(confirmed[0], day)
    assert not Attendance.objects.exists()


def test_feedback_is_anonymous_and_once(event, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    with pytest.raises(services.RegistrationError):
        services.submit_feedback(registration, overall=5, content=4, accessibility=3, comment="")
    check_in_today(registration)
    response = services.submit_feedback(registration, overall=5, content=4, accessibility=3, comment=" gut ")
    field_names = {f.name for f in FeedbackResponse._meta.get_fields()}
    assert not field_names & {"registration", "person"}
    assert response.comment == "gut"
    assert FeedbackReceipt.objects.filter(registration=registration).exists()
    with pytest.raises(services.RegistrationError) as error:
        services.submit_feedback(registration, overall=1, content=1, accessibility=1, comment="")
    assert error.value.code == "already_answered"
    summary = services.feedback_summary(event)
    assert summary["count"] == 1 and summary["overall"] == 5
    assert summary["distribution"]["content"][3] == (4, 1)


def test_speaker_figures_count_distinct_people_and_apprentices(event):
    item = ProgrammeItem.objects.create(event=event, starts_at=event.starts_at, title="Podium")
    other = ProgrammeItem.objects.create(event=event, starts_at=event.starts_at, title="Workshop")
    a = Person.objects.create(last_name="A", email="a@example.org")
    b = Person.objects.create(last_name="B", email="b@example.org")
    Contribution.objects.create(item=item, person=a, perspective="apprentice_with_disability")
    Contribution.objects.create(item=other, person=a, perspective="apprentice_with_disability")
    Contribution.objects.create(item=item, person=b, role="moderator", perspective="chamber")
    assert services.speaker_figures([event]) == {"speakers": 2, "apprentices": 1}


def test_registration_counts_and_over_time(event, reg_data):
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(3)]
    services.cancel(regs[1].pk)
    counts = services.registration_counts(event)
    assert counts == {"confirmed": 2, "waitlisted": 0, "cancelled": 1, "free": 0, "attended": 0, "walk_ins": 0}
    rows = services.registrations_over_time(event)
    assert sum(r["registered"] for r in rows) == 3
    assert sum(r["cancelled"] for r in rows) == 1
    assert sum(r["waitlisted"] for r in rows) == 1


def test_timeline_entries(event, reg_data, make_user):
    from inklusio.core.extensions import timeline_for

    registration, _ = services.register(event.pk, reg_data(1))
    item = ProgrammeItem.objects.create(event=event, starts_at=event.starts_at, title="Vortrag")
    Contribution.objects.create(item=item, person=registration.person)
    for role in ("project_lead", "project_staff", "read_only"):
        texts = [entry.text for entry in timeline_for(registration.person, make_user(role))]
        assert any("Vortrag" in t for t in texts)
        assert any(event.title in t for t in texts)
    # The events area scopes its entries: a user without its permissions gets none of them.
    assert timeline_for(registration.person, make_user("network_coordinator")) == []


def test_merging_people_moves_registrations_and_contributions(make_event, reg_data):
    from inklusio.contacts.services import merge_people

    event, other = make_event(capacity=None), make_event(capacity=None)
    survivor, _ = services.register(event.pk, reg_data(1))
    duplicate_same_event, _ = services.register(event.pk, reg_data(2))
    duplicate_other_event, _ = services.register(other.pk, reg_data(2))
    item = ProgrammeItem.objects.create(event=other, starts_at=other.starts_at, title="Vortrag")
    Contribution.objects.create(item=item, person=duplicate_other_event.person)
    merge_people(survivor.person, duplicate_same_event.person)
    assert Registration.objects.filter(event=event).count() == 1
    assert Registration.objects.get(event=other).person == survivor.person
    assert Contribution.objects.get().person == survivor.person
