"""Every staff URL, walked as an anonymous visitor and as each role: the server decides, never the template."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from inklusio.contacts.models import Inquiry, Organisation, Person, StakeholderType, Tag
from inklusio.core.models import AuditEvent

ROLES = ["project_lead", "project_staff", "network_coordinator", "read_only"]

# For each foundation URL: which roles get 200 (the others 403). Anonymous visitors are always sent to the login.
EXPECTED = {
    "core:dashboard": ROLES,
    "core:project_list": ROLES,
    "core:project_create": ["project_lead"],
    "core:project_detail": ROLES,
    "core:project_update": ["project_lead"],
    "core:audit_log": ["project_lead"],
    "core:organisation_settings": ["project_lead"],
    "core:organisation_settings_project": ["project_lead"],
    "core:user_list": ["project_lead"],
    "core:user_create": ["project_lead"],
    "core:user_detail": ["project_lead"],
    "core:user_deactivate": ["project_lead"],
    "core:account": ROLES,
    "core:two_factor_setup": ROLES,
    "core:reauth": ROLES,
    "contacts:person_list": ROLES,  # a coordinator's list is scoped to their network members
    "contacts:person_export": ROLES,
    "contacts:person_create": ["project_lead", "project_staff"],
    "contacts:person_detail": ["project_lead", "project_staff", "read_only"],  # 404 for a coordinator: not in scope
    "contacts:person_update": ["project_lead", "project_staff"],
    "contacts:person_merge": ["project_lead", "project_staff"],
    "contacts:person_search": ROLES,  # results are scoped by people_for_user
    "contacts:duplicate_list": ["project_lead", "project_staff"],
    "contacts:organisation_list": ["project_lead", "project_staff", "read_only"],
    "contacts:organisation_create": ["project_lead", "project_staff"],
    "contacts:organisation_detail": ["project_lead", "project_staff", "read_only"],
    "contacts:organisation_update": ["project_lead", "project_staff"],
    "contacts:inquiry_list": ["project_lead", "project_staff", "read_only"],
    "contacts:inquiry_create": ["project_lead", "project_staff"],
    "contacts:inquiry_detail": ["project_lead", "project_staff", "read_only"],
    "contacts:inquiry_update": ["project_lead", "project_staff"],
    "contacts:import_upload": ["project_lead", "project_staff"],
    "contacts:organisation_remove": ["project_lead", "project_staff"],
    "contacts:inquiry_remove": ["project_lead", "project_staff"],
    "contacts:tag_list": ["project_lead", "project_staff", "read_only"],
    "contacts:tag_edit": ["project_lead", "project_staff"],
    "contacts:tag_remove": ["project_lead", "project_staff"],
}
POST_ONLY = {
    "contacts:duplicate_dismiss",
    "contacts:affiliation_add",
    "contacts:affiliation_remove",
    "contacts:import_discard",
    "contacts:tag_merge",
}
DENIED_STATUS = {"contacts:person_detail": 404}


def named_urls(namespaces=("core", "contacts")):
    """Every named URL of the given namespaces, so a new view cannot escape this test."""
    names = []
    for namespace in namespaces:
        resolver = get_resolver().namespace_dict[namespace][1]
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern) and pattern.name:
                names.append(f"{namespace}:{pattern.name}")
            assert not isinstance(pattern, URLResolver)
    return [
        n
        for n in names
        if n not in {"core:login", "core:logout", "contacts:import_review"} | LOGIN_FLOW | OWN_OBJECTS_AND_FRAGMENTS
    ]


# One's own import and document jobs (404 for anybody else: tests/core/test_import_jobs.py and
# tests/events/test_certificate_documents.py) and the organisation picker's results fragment (a redirect to the list
# without HTMX): their rows are in tests/security/test_authorization_matrix.py.
OWN_OBJECTS_AND_FRAGMENTS = {
    "core:import_job",
    "core:import_job_retry",
    "core:document_job",
    "core:document_download",
    "contacts:organisation_search",
}
# Steps of one's own login and account (tested in test_two_factor.py), not pages a role may or may not see.
LOGIN_FLOW = {
    "core:login_code",
    "core:two_factor_qr",
    "core:two_factor_disable",
    "core:recovery_codes",
    "core:recovery_codes_new",
    "core:invitation",
}


@pytest.fixture
def objects(project):
    org = Organisation.objects.create(name="Teamwerk", stakeholder_type=StakeholderType.objects.get(code="chamber"))
    person = Person.objects.create(first_name="Ida", last_name="Koch")
    inquiry = Inquiry.objects.create(project=project, received_on="2025-01-02", channel="phone", topic="Frage")
    from django.contrib.auth.models import User

    user = User.objects.create_user("someone")
    tag = Tag.objects.create(name="Kammer")
    return {"slug": project.slug, "pk": person.pk, "org": org.pk, "inquiry": inquiry.pk, "user": user.pk, "tag": tag.pk}


def url_for(name, objects):
    from django.urls import reverse

    args = {
        "core:project_detail": [objects["slug"]],
        "core:project_update": [objects["slug"]],
        "core:organisation_settings_project": [objects["slug"]],
        "core:user_detail": [objects["user"]],
        "core:user_deactivate": [objects["user"]],
        "contacts:organisation_remove": [objects["org"]],
        "contacts:inquiry_remove": [objects["inquiry"]],
        "contacts:tag_edit": [objects["tag"]],
        "contacts:tag_remove": [objects["tag"]],
        "contacts:tag_merge": [objects["tag"]],
        "contacts:person_export": ["csv"],
        "contacts:person_detail": [objects["pk"]],
        "contacts:person_update": [objects["pk"]],
        "contacts:person_merge": [objects["pk"]],
        "contacts:affiliation_add": [objects["pk"]],
        "contacts:affiliation_remove": [objects["pk"], 1],
        "contacts:organisation_detail": [objects["org"]],
        "contacts:organisation_update": [objects["org"]],
        "contacts:inquiry_detail": [objects["inquiry"]],
        "contacts:inquiry_update": [objects["inquiry"]],
        "contacts:import_discard": [1],
    }.get(name, [])
    return reverse(name, args=args)


@pytest.mark.django_db
def test_every_foundation_url_is_in_the_expectations():
    assert set(named_urls()) - POST_ONLY == set(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED) + sorted(POST_ONLY))
def test_anonymous_visitors_are_sent_to_the_login(client, objects, name):
    method = client.post if name in POST_ONLY else client.get
    response = method(url_for(name, objects))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/staff/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_pages(client, make_user, objects, role):
    client.force_login(make_user(role))
    for name, allowed in EXPECTED.items():
        status = client.get(url_for(name, objects)).status_code
        expected = 200 if role in allowed else DENIED_STATUS.get(name, 403)
        assert status == expected, f"{role} {name}: {status}"
    for name in POST_ONLY:
        status = client.post(url_for(name, objects)).status_code
        if role in ("network_coordinator", "read_only"):
            assert status == 403, f"{role} {name}: {status}"


@pytest.mark.django_db
def test_read_only_never_gets_support_need_or_audit_permissions():
    from django.contrib.auth.models import Group

    names = set(Group.objects.get(name="read_only").permissions.values_list("codename", flat=True))
    assert names and all(n.startswith("view_") for n in names)
    assert not any(n.startswith("view_support") for n in names)
    assert "view_auditevent" not in names


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, make_user, settings):
    make_user(username="ida", password="right-password-123")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post("/en/staff/login/", {"username": "ida", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/en/staff/login/", {"username": "ida", "password": "right-password-123"})
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_good_login_works_and_clears_failures(client, make_user):
    make_user(username="ben", password="right-password-123")
    client.post("/en/staff/login/", {"username": "ben", "password": "wrong"})
    response = client.post("/en/staff/login/", {"username": "ben", "password": "right-password-123"})
    assert response.status_code == 302 and client.session["_auth_user_id"]


@pytest.mark.django_db
def test_exports_and_merges_are_audited(client, lead, objects):
    client.force_login(lead)
    client.get("/staff/contacts/export.csv")
    other = Person.objects.create(first_name="Ida", last_name="Koch", email="ida@example.org")
    client.post(f"/staff/contacts/people/{objects['pk']}/merge/", {"duplicate": other.pk, "confirm": "1"})
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["contacts.merge", "contacts.export"]
    event = AuditEvent.objects.first()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
