"""Every endpoint's answer matches the served schema; scopes, roles and visibility decide what a token gets."""

from datetime import timedelta

import pytest
from django.utils import timezone

from inklusio.api import tokens
from inklusio.contacts.models import Inquiry, Organisation, Person, StakeholderType
from inklusio.core.models import AuditEvent
from inklusio.events import services as event_services
from inklusio.events.models import Attendance, SupportNeed
from inklusio.mailings.models import Subscriber

from .schema import validate


@pytest.fixture
def data(db, project, event):
    """A little of everything the staff API lists."""
    company = StakeholderType.objects.get(code="inclusion_company")
    organisation = Organisation.objects.create(name="Betrieb Eins", stakeholder_type=company, region="DE-HE")
    people = [
        Person.objects.create(first_name=f"Vor{n}", last_name=f"Nach{n}", email=f"p{n}@example.org") for n in range(7)
    ]
    people[0].organisations.add(organisation)
    Inquiry.objects.create(
        project=project, received_on=timezone.localdate(), channel="email", topic="Frage", person=people[0]
    )
    registration = event_services.register_by_staff(event, people[0])
    SupportNeed.objects.create(registration=registration, kind="sign_language", detail="DGS", consent_at=timezone.now())
    Attendance.objects.create(registration=registration, day=timezone.localdate())
    Subscriber.objects.create(email="s@example.org", source="test", signed_up_at=timezone.now(), status="confirmed")
    return {"people": people, "organisation": organisation, "registration": registration, "event": event}


def staff_gets(data, project):
    event = data["event"]
    return [
        ("/people", "contacts:read"),
        (f"/people/{data['people'][0].pk}", "contacts:read"),
        ("/organisations", "contacts:read"),
        ("/inquiries", "contacts:read"),
        ("/events", "events:read"),
        ("/registrations", "events:read"),
        (f"/registrations?event={event.pk}", "events:read"),
        (f"/events/{event.pk}/attendance", "events:read"),
        ("/subscribers", "subscribers:read"),
        (f"/projects/{project.slug}/indicators", "indicators:read"),
    ]


def test_every_answer_matches_the_schema(api, make_token, lead, data, project, event):
    token = api(make_token(lead))
    for path, _scope in staff_gets(data, project):
        status, body, _ = token.get(path)
        assert status == 200, (path, body)
        validate("GET", f"/api/v1{path}", status, body)
    for path in [
        "/public/events",
        f"/public/events/{event.slug}",
        f"/public/events/{event.slug}/programme",
        "/public/offers",
        "/public/stories",
    ]:
        status, body, _ = api().get(path)
        assert status == 200, (path, body)
        validate("GET", f"/api/v1{path}", status, body)
    status, body, _ = token.post(f"/events/{event.pk}/registrations", {"person_id": data["people"][1].pk})
    assert status == 201, body
    validate("POST", f"/api/v1/events/{event.pk}/registrations", status, body)
    status, body, _ = token.post(f"/registrations/{body['id']}/cancel")
    validate("POST", f"/api/v1/registrations/{body['id']}/cancel", status, body)
    assert body["status"] == "cancelled"


def test_the_schema_is_openapi_3_1_and_documents_every_endpoint(api):
    status, schema, response = api().get("/openapi.json")
    assert status == 200 and schema["openapi"].startswith("3.1")
    paths = set(schema["paths"])
    assert {"/api/v1/people", "/api/v1/registrations", "/api/v1/public/events", "/api/v1/subscribers"} <= paths
    assert schema["components"]["securitySchemes"]


# --- scopes × roles ------------------------------------------------------------------------------------------

ROLE_SCOPES = {
    # role: the scopes its user may give a token
    "project_lead": {
        "contacts:read",
        "events:read",
        "events:write",
        "support:read",
        "subscribers:read",
        "indicators:read",
    },
    "project_staff": {
        "contacts:read",
        "events:read",
        "events:write",
        "support:read",
        "subscribers:read",
        "indicators:read",
    },
    "read_only": {"contacts:read", "events:read", "subscribers:read", "indicators:read"},
    "network_coordinator": {"contacts:read"},
    "company_contact": set(),
}


@pytest.mark.parametrize("role", sorted(ROLE_SCOPES))
def test_a_token_is_given_only_what_its_user_may_do(make_user, role):
    from inklusio.api.scopes import SCOPES, scopes_for

    user = make_user(role)
    assert {scope.code for scope in scopes_for(user)} == ROLE_SCOPES[role]
    for scope in SCOPES:
        if scope.code in ROLE_SCOPES[role]:
            tokens.create_token(user, name="x", scopes=[scope.code], days=30)
        else:
            with pytest.raises(tokens.TokenError):
                tokens.create_token(user, name="x", scopes=[scope.code], days=30)


@pytest.mark.parametrize("role", ["project_lead", "project_staff", "read_only", "network_coordinator"])
def test_each_endpoint_needs_its_scope_for_each_role(api, make_user, make_token, data, project, role):
    user = make_user(role)
    allowed = ROLE_SCOPES[role]
    for path, scope in staff_gets(data, project):
        if scope not in allowed:
            continue
        others = sorted(allowed - {scope}) or None
        status, body, _ = api(make_token(user, [scope])).get(path)
        assert status in (200, 404), (role, path, body)  # 404: an object outside the user's view
        validate("GET", f"/api/v1{path}", status, body)
        if others:
            status, body, response = api(make_token(user, others)).get(path)
            assert status == 403, (role, path, others, body)
            assert response["Content-Type"] == "application/problem+json"
            assert body["type"].endswith("/missing-scope")


@pytest.mark.parametrize("role", ["project_lead", "project_staff"])
def test_writes_need_the_write_scope(api, make_user, make_token, data, event, role):
    user = make_user(role)
    person = data["people"][5]
    status, body, _ = api(make_token(user, sorted(ROLE_SCOPES[role] - {"events:write"}))).post(
        f"/events/{event.pk}/registrations", {"person_id": person.pk}
    )
    assert status == 403 and body["type"].endswith("/missing-scope")
    assert api(make_token(user, ["events:read"])).post(f"/registrations/{data['registration'].pk}/cancel")[0] == 403
    writer = api(make_token(user, ["events:write"]))
    status, body, _ = writer.post(f"/events/{event.pk}/registrations", {"person_id": person.pk})
    assert status == 201, body
    status, body, _ = writer.post(f"/registrations/{body['id']}/cancel")
    assert status == 200 and body["status"] == "cancelled"


def test_read_only_cannot_write_and_a_lost_right_closes_the_scope(api, make_user, make_token, data, event):
    from django.contrib.auth.models import Group

    reviewer = make_user("read_only")
    status, body, _ = api(make_token(reviewer, ["events:read"])).post(
        f"/events/{event.pk}/registrations", {"person_id": data["people"][2].pk}
    )
    assert status == 403, body
    staff = make_user("project_staff")
    raw = make_token(staff, ["events:write", "events:read"])
    staff.groups.set([Group.objects.get(name="read_only")])
    staff = type(staff).objects.get(pk=staff.pk)  # permissions are cached on the instance
    status, body, _ = api(raw).post(f"/events/{event.pk}/registrations", {"person_id": data["people"][2].pk})
    assert status == 403, body
    assert not event.registrations.filter(person=data["people"][2]).exists()


def test_a_coordinators_token_sees_their_network_only(api, make_user, make_token, project):
    from tests.networks.conftest import _side

    a = _side("A", "DE-HE", make_user, project, ["inclusion_company"])
    b = _side("B", "DE-NW", make_user, project, ["chamber"])
    token = api(make_token(a.coordinator, ["contacts:read"]))
    status, body, _ = token.get("/people")
    assert status == 200
    assert {row["id"] for row in body["items"]} == {person.pk for person in a.members}
    status, body, _ = token.get(f"/people/{b.members[0].pk}")
    assert status == 404 and body["type"].endswith("/not-found")
    status, body, _ = token.get("/inquiries")
    assert status == 200 and body["items"] == []


def test_support_needs_only_with_the_scope_and_the_right(api, make_user, make_token, data):
    lead = make_user("project_lead")
    status, body, _ = api(make_token(lead, ["events:read"])).get("/registrations")
    assert [row["support_needs"] for row in body["items"]] == [None]
    status, body, _ = api(make_token(lead, ["events:read", "support:read"])).get("/registrations")
    assert body["items"][0]["support_needs"] == [{"kind": "sign_language", "detail": "DGS"}]
    reviewer = make_user("read_only")
    status, body, _ = api(make_token(reviewer, ["events:read"])).get("/registrations")
    assert body["items"][0]["support_needs"] is None
    with pytest.raises(tokens.TokenError):
        make_token(reviewer, ["events:read", "support:read"])


# --- pages, sync, errors -------------------------------------------------------------------------------------


def test_cursor_pages_hold_every_row_once(api, make_token, lead, data):
    token = api(make_token(lead))
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        status, body, _ = token.get("/people", **params)
        assert status == 200
        seen += [row["id"] for row in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(Person.objects.values_list("pk", flat=True)) and len(seen) == len(set(seen))
    assert pages == 3  # 7 people by 3


def test_modified_since_returns_what_changed(api, make_token, lead, data):
    token = api(make_token(lead))
    later = timezone.now() + timedelta(seconds=1)
    person = data["people"][3]
    Person.objects.filter(pk=person.pk).update(updated=later)
    status, body, _ = token.get("/people", modified_since=later.isoformat())
    assert [row["id"] for row in body["items"]] == [person.pk]
    # a registration's change through a service moves its modification time
    registration = data["registration"]
    before = registration.updated
    event_services.cancel(registration.pk)
    registration.refresh_from_db()
    assert registration.updated > before
    status, body, _ = token.get("/registrations", modified_since=registration.updated.isoformat())
    assert [row["id"] for row in body["items"]] == [registration.pk]


@pytest.mark.parametrize(
    ("params", "status", "kind"),
    [
        ({"cursor": "not-a-cursor"}, 400, "invalid-cursor"),
        ({"limit": 0}, 422, "invalid"),
        ({"limit": 100000}, 422, "invalid"),
        ({"modified_since": "yesterday"}, 422, "invalid"),
    ],
)
def test_bad_parameters_are_problems(api, make_token, lead, data, params, status, kind):
    got, body, response = api(make_token(lead)).get("/people", **params)
    assert got == status, body
    assert response["Content-Type"] == "application/problem+json"
    assert body["type"].endswith("/" + kind) and body["status"] == status


def test_tokens_that_do_not_count(api, make_user, make_token, data):
    lead = make_user("project_lead")
    raw = make_token(lead)
    prefix = raw.split("_")[1]
    for bad in ["", "ikt_", f"ikt_{prefix}_wrong", raw + "x", "Basic abc", raw.replace("ikt_", "ik_")]:
        status, body, response = api(bad).get("/people")
        assert status == 401, bad
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response["Content-Type"] == "application/problem+json"
    token = tokens.tokens_of(lead).get()
    token.expires_at = timezone.now() - timedelta(seconds=1)
    token.save()
    assert api(raw).get("/people")[0] == 401
    token.expires_at = timezone.now() + timedelta(days=1)
    token.save()
    assert api(raw).get("/people")[0] == 200
    tokens.revoke(token, lead)
    assert api(raw).get("/people")[0] == 401
    lead.is_active = False
    lead.save()
    assert api(make_token(make_user("project_lead"))).get("/people")[0] == 200


def test_only_a_digest_is_stored(make_user):
    lead = make_user("project_lead")
    token, raw = tokens.create_token(lead, name="CRM", scopes=["contacts:read"], days=30)
    assert raw.startswith(f"ikt_{token.prefix}_") and len(raw) > 40
    assert raw not in str(token.__dict__) and raw.split("_", 2)[2] not in token.digest


def test_rate_limit_answers_429_with_retry_after(api, make_token, lead, data, settings):
    settings.INKLUSIO_API_RATE_LIMIT = 3
    token = api(make_token(lead))
    assert [token.get("/people")[0] for _ in range(3)] == [200, 200, 200]
    status, body, response = token.get("/people")
    assert status == 429 and body["type"].endswith("/rate-limited")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_every_call_is_audited_without_personal_data(api, make_token, lead, data):
    token = api(make_token(lead))
    token.get("/people", limit=2)
    token.get(f"/people/{data['people'][0].pk}")
    entries = list(AuditEvent.objects.filter(action="api.request").order_by("pk").values_list("detail", flat=True))
    assert [entry["path"] for entry in entries] == ["/api/v1/people", f"/api/v1/people/{data['people'][0].pk}"]
    assert "example.org" not in str(entries)


def test_public_endpoints_show_public_events_only(api, make_event):
    make_event(slug="entwurf", visibility="draft")
    shown = make_event(slug="oeffentlich")
    status, body, _ = api().get("/public/events")
    assert [row["slug"] for row in body["items"]] == ["oeffentlich"]
    assert body["items"][0]["url"].endswith(shown.get_public_url())
    assert api().get("/public/events/entwurf")[0] == 404
    assert api().get("/public/events/entwurf/programme")[0] == 404


def test_registration_through_the_api_obeys_the_seats(api, make_token, lead, data, make_event):
    event = make_event(capacity=1, slug="eng")
    token = api(make_token(lead))
    first = token.post(f"/events/{event.pk}/registrations", {"person_id": data["people"][4].pk})[1]
    second = token.post(f"/events/{event.pk}/registrations", {"email": "neu@example.org", "last_name": "Neu"})[1]
    assert (first["status"], second["status"]) == ("confirmed", "waitlisted")
    status, body, _ = token.post(f"/events/{event.pk}/registrations", {"person_id": data["people"][4].pk})
    assert status == 409 and body["type"].endswith("/registration-already-registered")
    token.post(f"/registrations/{first['id']}/cancel")
    status, body, _ = token.get("/registrations", event=event.pk)
    assert {row["id"]: row["status"] for row in body["items"]} == {first["id"]: "cancelled", second["id"]: "confirmed"}
    assert token.post(f"/events/{event.pk}/registrations", {"first_name": "x"})[0] == 422
