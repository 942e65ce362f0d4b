"""Every URL pattern of the URLconf, requested as every role, answers as the table below says.

The list of URLs comes from ``django.urls.get_resolver()``, not from this file: a pattern without a row in
``EXPECTED`` fails ``test_every_url_pattern_has_a_row`` with its name, so a new page cannot ship without someone
deciding who may open it. Each row gives the answer per role for GET and for POST (an empty form; CSRF checks
off), as a status class:

    ok      2xx                     login   3xx to the login page        code   3xx to the second step
    go      3xx anywhere else       400/403/404/405/…  that status

Roles, in column order: anonymous, a project lead who gave the password but not yet the code, reviewer
(read_only), network coordinator, project staff, project lead, superuser, company contact, finance.

Also checked: a request a role may not make (login, code, 403, 404, 405) writes nothing to the database (every
statement is watched; only the session may change); for URLs in ``FOREIGN``, the coordinator and the company
contact get 404 for an object outside their network or organisation where they get an answer for their own;
and the English ``/en/`` URL answers as the German one. On PostgreSQL only the roles whose answer a query
decides are requested (``DATABASE_ROLES``); SQLite requests all.

To add a URL: add its row to ``EXPECTED`` (and to ``ARGS`` if its pattern has parameters, to ``FOREIGN`` if its
objects belong to a network or an organisation). ``MATRIX_RECORD=FILE`` writes the rows as they are answered
today to FILE, to start from; read every row before you copy it.
"""

import os
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern

from .conftest import FINANCE_AREAS, ROLES, request_as

DENIED = {"login", "code", "401", "403", "404", "405"}

# --- the rows ----------------------------------------------------------------------------------------------
# One token per role, in the order of ROLES; the first string for GET, the second for POST:
#    anonymous   password-only lead   reviewer   coordinator   staff   lead   superuser   company contact   finance
EXPECTED: dict[str, tuple[str, str]] = {
    # the API (tests/api/ checks every endpoint with tokens of every role and scope): a browser session is no
    # token, so the staff endpoints answer 401 to every role; the public ones, the schema and the docs are open.
    # Tokens are made by every role with at least one scope (not the company contact), revoked by their owner.
    "api:api-root": ("404 404 404 404 404 404 404 404 404", "404 404 404 404 404 404 404 404 404"),
    "api:attendance": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:cancel": ("405 405 405 405 405 405 405 405 405", "401 401 401 401 401 401 401 401 401"),
    "api:events": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:indicators": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:inquiries": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:openapi-json": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "api:organisations": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:people": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:person": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:public_event": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "api:public_events": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "api:public_offers": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "api:public_programme": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "api:public_stories": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "api:register": ("405 405 405 405 405 405 405 405 405", "401 401 401 401 401 401 401 401 401"),
    "api:registrations": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api:subscribers": ("401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "api_docs:docs": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "api_tokens:create": ("login code ok ok ok ok ok 403 403", "login code 400 400 400 400 400 403 403"),
    "api_tokens:list": ("login code ok ok ok ok ok ok ok", "405 code 405 405 405 405 405 405 405"),
    "api_tokens:revoke": ("405 code 405 405 405 405 405 405 405", "login code 404 404 404 go 404 404 404"),
    # webhooks: the project lead only (where personal data may leave inklusio)
    "webhooks:list": (
        "login code  403   403   403   ok    ok    403   403",
        "405   code  405   405   405   405   405   405   405",
    ),
    "webhooks:create": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   400   400   403   403",
    ),
    "webhooks:detail": (
        "login code  403   403   403   ok    ok    403   403",
        "405   code  405   405   405   405   405   405   405",
    ),
    "webhooks:edit": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   400   400   403   403",
    ),
    "webhooks:delete": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   go    go    403   403",
    ),
    "webhooks:retry": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   403   go    go    403   403",
    ),
    # contacts
    "contacts:affiliation_add": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "contacts:affiliation_remove": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "contacts:duplicate_dismiss": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "contacts:duplicate_list": (
        "login code  403   403   ok    ok    ok    403   403",
        "405   code  405   405   405   405   405   405   405",
    ),
    "contacts:import_discard": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    404   404   403   403",
    ),
    "contacts:import_review": (
        "login code  403   403   ok    404   404   403   403",
        "login code  403   403   ok    404   404   403   403",
    ),
    "contacts:import_upload": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "contacts:inquiry_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "contacts:inquiry_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  405   403   405   405   405   403   403",
    ),
    "contacts:inquiry_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  405   403   405   405   405   403   403",
    ),
    "contacts:inquiry_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "contacts:inquiry_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "contacts:organisation_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "contacts:tag_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  403   403   400   400   400   403   403",
    ),
    "contacts:tag_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   400   400   400   403   403",
    ),
    "contacts:tag_merge": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "contacts:tag_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "contacts:organisation_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "contacts:organisation_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  405   403   405   405   405   403   403",
    ),
    "contacts:organisation_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  405   403   405   405   405   403   403",
    ),
    "contacts:organisation_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "contacts:person_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "contacts:person_detail": (
        "login code  ok    ok    ok    ok    ok    404   404",
        "login code  ok    ok    ok    ok    ok    404   404",
    ),
    "contacts:person_export": (
        "login code  ok    ok    ok    ok    ok    ok    ok",
        "login code  ok    ok    ok    ok    ok    ok    ok",
    ),
    "contacts:person_list": (
        "login code  ok    ok    ok    ok    ok    ok    ok",
        "login code  ok    ok    ok    ok    ok    ok    ok",
    ),
    "contacts:person_merge": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "contacts:organisation_search": (
        "login code  go    go    go    go    go    go    go",
        "405   code  405   405   405   405   405   405   405",
    ),
    "contacts:person_search": (
        "login code  ok    ok    ok    ok    ok    ok    ok",
        "405   code  405   405   405   405   405   405   405",
    ),
    "contacts:person_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    # core
    "core:account": (
        "login code  ok    ok    ok    ok    ok    ok    ok",
        "login code  ok    ok    ok    ok    ok    ok    ok",
    ),
    "core:import_job": (
        "login code  404   404   ok    404   404   404   404",
        "405   code  405   405   405   405   405   405   405",
    ),
    "core:import_job_retry": (
        "405   code  405   405   405   405   405   405   405",
        "login code  404   404   go    404   404   404   404",
    ),
    "core:audit_log": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   405   405   403   403",
    ),
    "core:dashboard": (
        "login code  ok    ok    ok    ok    ok    ok    ok",
        "login code  405   405   405   405   405   405   405",
    ),
    "core:invitation": (
        "go    code  go    go    go    go    go    go    go",
        "go    code  go    go    go    go    go    go    go",
    ),
    "core:login": (
        "ok    ok    go    go    go    go    go    go    go",
        "ok    ok    go    go    go    go    go    go    go",
    ),
    "core:login_code": (
        "login ok    go    go    go    go    go    go    go",
        "login ok    go    go    go    go    go    go    go",
    ),
    "core:logout": (
        "405   405   405   405   405   405   405   405   405",
        "login login login login login login login login login",
    ),
    "core:project_create": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "core:project_detail": (
        "login code  ok    ok    ok    ok    ok    403   ok",
        "login code  405   405   405   405   405   403   405",
    ),
    "core:project_list": (
        "login code  ok    ok    ok    ok    ok    403   ok",
        "login code  405   405   405   405   405   403   405",
    ),
    "core:project_update": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "core:reauth": (
        "login code  ok    ok    ok    ok    ok    ok    ok",
        "login code  ok    ok    ok    ok    ok    ok    ok",
    ),
    "core:recovery_codes": (
        "login code  go    go    go    go    go    go    go",
        "login code  go    go    go    go    go    go    go",
    ),
    "core:recovery_codes_new": (
        "405   code  405   405   405   405   405   405   405",
        "login code  go    go    go    go    go    go    go",
    ),
    "core:two_factor_disable": (
        "405   code  405   405   405   405   405   405   405",
        "login code  go    go    go    go    go    go    go",
    ),
    "core:two_factor_qr": (
        "login 404   404   404   404   404   404   404   404",
        "login 404   404   404   404   404   404   404   404",
    ),
    "core:two_factor_setup": (
        "login code  ok    ok    ok    ok    ok    ok    ok",
        "login code  ok    ok    ok    ok    ok    ok    ok",
    ),
    "core:user_create": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "core:user_deactivate": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   go    go    403   403",
    ),
    "core:document_download": (
        "login code  404   404   ok    404   404   404   404",
        "405   code  405   405   405   405   405   405   405",
    ),
    "core:document_job": (
        "login code  404   404   ok    404   404   404   404",
        "405   code  405   405   405   405   405   405   405",
    ),
    "core:user_detail": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "core:user_list": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    # events
    "events:attendance_report_discard": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    404   404   403   403",
    ),
    "events:attendance_report_review": (
        "login code  403   403   ok    404   404   403   403",
        "login code  403   403   ok    404   404   403   403",
    ),
    "events:attendance_report_upload": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:attendance_record": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:cancel_registration": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:certificate": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "events:certificates_download": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:certificates_send": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:check_in": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:check_in_print": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "events:check_in_toggle": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:contribution_add": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "events:contribution_remove": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:event_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:event_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "events:event_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:event_publish": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:event_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "events:event_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:item_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:item_move": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "events:question_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "events:feedback": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "events:feedback_invite": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:item_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:item_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:participants": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "events:participants_export": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "events:question_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:question_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:registration_add": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:walk_in": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:support_needs": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:support_bookings": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   405   405   405   403   403",
    ),
    "events:support_booking_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "events:support_booking_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    # events_easy
    "events_easy:detail": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_easy:list": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # the registration and the personal page in Leichte Sprache: as their standard twins (the token decides)
    "events_easy:register": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_easy:registered": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_easy:personal": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_easy:change": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "go    go    go    go    go    go    go    go    go",
    ),
    "events_easy:cancel": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "go    go    go    go    go    go    go    go    go",
    ),
    # events_public
    "events_public:calendar": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:cancel": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "go    go    go    go    go    go    go    go    go",
    ),
    "events_public:certificate": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:change": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "go    go    go    go    go    go    go    go    go",
    ),
    "events_public:detail": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:json_feed": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "events_public:embed": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "events_public:embed_snippet": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "events_public:feed": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:feedback": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:list": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:personal": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:programme": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "events_public:register": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # join: the personal join links are public (the token is the credential, no login): every role gets the same
    # answer. The demo's congress is over, so the link explains that (410 Gone) and records nothing.
    "join:event": (
        "410   410   410   410   410   410   410   410   410",
        "410   410   410   410   410   410   410   410   410",
    ),
    "join:item": (
        "410   410   410   410   410   410   410   410   410",
        "410   410   410   410   410   410   410   410   410",
    ),
    # healthz
    "healthz": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # impact
    "impact:comparison": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "impact:dashboard": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "impact:index": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "impact:manual_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "impact:manual_value": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "impact:report": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "impact:report_export": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "impact:section_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "impact:target_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    # mailings
    "mailings:consent_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "mailings:consent_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "mailings:mailing_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "mailings:mailing_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "mailings:mailing_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "mailings:mailing_progress": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "mailings:mailing_schedule": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "mailings:mailing_send": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "mailings:mailing_test": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "mailings:mailing_unschedule": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "mailings:mailing_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "mailings:mailing_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "mailings:segment_count": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "mailings:subscriber_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "mailings:subscriber_import": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "mailings:subscriber_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    # mailings_easy (the Infoletter in Leichte Sprache: as mailings_public)
    "mailings_easy:confirm": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "go    go    go    go    go    go    go    go    go",
    ),
    "mailings_easy:confirmed": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_easy:signup": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_easy:signup_done": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # mailings_public
    "mailings_public:archive": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_public:archive_detail": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_public:confirm": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "go    go    go    go    go    go    go    go    go",
    ),
    "mailings_public:confirmed": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_public:link": (
        "go    go    go    go    go    go    go    go    go",
        "405   405   405   405   405   405   405   405   405",
    ),
    "mailings_public:one_click": (
        "go    go    go    go    go    go    go    go    go",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_public:preferences": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_public:signup": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_public:signup_done": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings_public:unsubscribe": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # networks
    "networks:attendance_edit": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   go    go    go    go    403   403",
    ),
    "networks:document_delete": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   go    go    go    go    403   403",
    ),
    "networks:document_download": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:document_upload": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   400   400   400   400   403   403",
    ),
    "networks:invitation_export": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:invitation_list": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:meeting_create": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "networks:meeting_detail": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:meeting_invite": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   go    go    go    go    403   403",
    ),
    "networks:meeting_remove": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   go    go    go    go    403   403",
    ),
    "networks:network_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "networks:meeting_update": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "networks:member_add": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "networks:member_export": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:member_list": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:member_update": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "networks:minutes_edit": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "networks:network_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "networks:network_detail": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:network_list": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:network_update": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "networks:participants": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "networks:participants_export": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    # networks_public
    "networks_public:reply": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "400   400   400   400   400   400   400   400   400",
    ),
    # surveys (staff: lead and staff edit, the reviewer reads; public: a personal link, no login)
    "surveys:survey_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "surveys:survey_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "surveys:survey_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "surveys:survey_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "surveys:survey_remove": (  # the survey has answers: archived
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "surveys:indicator_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "surveys:question_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "surveys:question_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "surveys:question_move": (
        "login code  403   403   405   405   405   403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "surveys:question_delete": (
        "login code  403   403   405   405   405   403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "surveys:survey_results": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "surveys:survey_export": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "surveys:indicator_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "surveys:indicator_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "surveys:indicator_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "surveys_public:answer": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "surveys_public:thanks": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "surveys_easy:answer": (  # the demo survey has no Leichte Sprache version: back to the standard page
        "go    go    go    go    go    go    go    go    go",
        "go    go    go    go    go    go    go    go    go",
    ),
    # outreach
    "outreach:calendar": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:calendar_month": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:channel_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:channel_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:channel_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:channel_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:clipping_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:clipping_delete": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "outreach:clipping_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:follower_add": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "outreach:follower_delete": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "outreach:import_discard": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    404   404   403   403",
    ),
    "outreach:import_review": (
        "login code  403   403   ok    404   404   403   403",
        "login code  403   403   ok    404   404   403   403",
    ),
    "outreach:import_upload": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:index": (
        "go    code  go    go    go    go    go    go    go",
        "go    code  go    go    go    go    go    go    go",
    ),
    "outreach:post_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:post_delete": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "outreach:post_detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:post_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:post_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:press": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:press_export": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "outreach:release_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "outreach:release_delete": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "outreach:release_update": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    # privacy
    "privacy:person_erase": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "privacy:person_export": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "privacy:record": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "privacy:record_pdf": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "privacy:retention": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "privacy:retention_dry_run": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "privacy:retention_edit": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "privacy:retention_runs": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    # public
    "public:accessibility": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:accessibility_sent": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:contact": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:contact_sent": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:funder_logo": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:goodpractice_detail": (
        "404   404   ok    404   ok    ok    ok    404   404",
        "404   404   ok    404   ok    ok    ok    404   404",
    ),
    "public:goodpractice_image": (
        "404   404   ok    404   ok    ok    ok    404   404",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:home": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:imprint": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:offer_detail": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:offer_inquiry_sent": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:offer_feed": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:offer_embed": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:offer_snippet": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:offer_list": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:privacy": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:robots_txt": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:sitemap": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public:sitemap_xml": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:staff_company_contacts": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "public:staff_embed_code": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "public:staff_index": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "public:staff_offer_create": (
        "login code  403   403   ok    ok    ok    ok    403",
        "login code  403   403   ok    ok    ok    ok    403",
    ),
    "public:staff_offer_delete": (
        "login code  403   404   ok    ok    ok    ok    404",
        "login code  403   404   go    go    go    go    404",
    ),
    "public:staff_offer_edit": (
        "login code  403   404   ok    ok    ok    ok    404",
        "login code  403   404   ok    ok    ok    ok    404",
    ),
    "public:staff_offer_list": (
        "login code  ok    403   ok    ok    ok    ok    403",
        "login code  ok    403   ok    ok    ok    ok    403",
    ),
    "public:staff_page_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "public:staff_story_create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "public:staff_story_edit": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "public:staff_story_images": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "public:staff_story_list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "public:story_feed": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:story_embed": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:story_snippet": (  # public and read-only
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "public:story_list": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # public_easy (Leichte Sprache: public pages, the forms answer an empty POST with their errors)
    "public_easy:accessibility": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:accessibility_sent": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:contact": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:contact_sent": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:home": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:offer_detail": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:offer_list": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:privacy": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "public_easy:story_detail": (
        "404   404   404   404   404   404   404   404   404",
        "404   404   404   404   404   404   404   404   404",
    ),
    "public_easy:story_list": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # worldcafe
    "worldcafe:cards_pdf": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "worldcafe:create": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   ok    ok    ok    403   403",
    ),
    "worldcafe:detail": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "worldcafe:left": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "worldcafe:list": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "worldcafe:participant_add": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "worldcafe:participant_import": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "worldcafe:participants_from_occasion": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "worldcafe:people": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "worldcafe:plan_improve": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "worldcafe:plan_make": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "worldcafe:projector": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "worldcafe:rounds": (
        "login code  ok    403   ok    ok    ok    403   403",
        "login code  ok    403   ok    ok    ok    403   403",
    ),
    "worldcafe:participant_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "worldcafe:table_remove": (
        "login code  403   403   ok    ok    ok    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "worldcafe:table_add": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   400   400   400   403   403",
    ),
    "events_public:registered": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "mailings:mailing_cancel": (
        "login code  403   403   go    go    go    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "mailings:mailing_pause": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   403   go    go    go    403   403",
    ),
    "mailings:mailing_resume": (
        "login code  403   403   go    go    go    403   403",
        "login code  403   403   go    go    go    403   403",
    ),
    "mailings:subscriber_import_review": (
        "login code  403   403   ok    404   404   403   403",
        "login code  403   403   ok    404   404   403   403",
    ),
    "networks_public:join": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "branding_css": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "branding_image": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "core:organisation_settings": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "core:organisation_settings_project": (
        "login code  403   403   403   ok    ok    403   403",
        "login code  403   403   403   ok    ok    403   403",
    ),
    "mailings_public:web_view": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    # participant messages
    "participantmail:event_automatic": (
        "login code  403   404   ok    ok    ok    403   403",
        "login code  403   404   ok    ok    ok    403   403",
    ),
    "participantmail:material_delete": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   404   go    go    go    403   403",
    ),
    "participantmail:material_download": (
        "login code  ok    404   ok    ok    ok    403   403",
        "405   code  405   405   405   405   405   405   405",
    ),
    "participantmail:material_upload": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   404   go    go    go    403   403",
    ),
    "participantmail:message_cancel": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   go    go    go    go    403   403",
    ),
    "participantmail:message_create": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "participantmail:message_detail": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "participantmail:message_list": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "participantmail:message_pause": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   go    go    go    go    403   403",
    ),
    "participantmail:message_progress": (
        "login code  ok    ok    ok    ok    ok    403   403",
        "login code  ok    ok    ok    ok    ok    403   403",
    ),
    "participantmail:message_resume": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   go    go    go    go    403   403",
    ),
    "participantmail:message_send": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "participantmail:message_test": (
        "405   code  405   405   405   405   405   405   405",
        "login code  403   go    go    go    go    403   403",
    ),
    "participantmail:message_update": (
        "login code  403   ok    ok    ok    ok    403   403",
        "login code  403   ok    ok    ok    ok    403   403",
    ),
    "participantmail_public:material": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
    "participantmail_public:material_personal": (
        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "405   405   405   405   405   405   405   405   405",
    ),
}

# Rows whose expectation another branch makes true while branches are built in parallel (empty once merged):
DEPENDS_ON_OTHER_FIXES: dict[str, str] = {}

# Parameters of the patterns that have them, from the demo world (``w.name`` is an id in tests/security/conftest.py).
ARGS = {
    "participantmail:message_detail": lambda w: {"pk": w.network_message},
    "participantmail:message_update": lambda w: {"pk": w.network_message},
    "participantmail:message_progress": lambda w: {"pk": w.network_message},
    "participantmail:message_test": lambda w: {"pk": w.network_message},
    "participantmail:message_send": lambda w: {"pk": w.network_message},
    "participantmail:message_pause": lambda w: {"pk": w.network_message},
    "participantmail:message_resume": lambda w: {"pk": w.network_message},
    "participantmail:message_cancel": lambda w: {"pk": w.network_message},
    "participantmail:event_automatic": lambda w: {"event_pk": w.event},
    "participantmail:material_upload": lambda w: {"event_pk": w.event},
    "participantmail:material_download": lambda w: {"pk": w.material},
    "participantmail:material_delete": lambda w: {"pk": w.public_material},
    "participantmail_public:material": lambda w: {"token": w.public_material_token},
    "participantmail_public:material_personal": lambda w: {
        "token": w.material_token,
        "registration_token": w.registration_token,
    },
    "core:invitation": lambda w: {"uidb64": w.uidb64, "token": w.invite_token},
    "core:user_detail": lambda w: {"pk": w.user},
    "core:user_deactivate": lambda w: {"pk": w.user},
    "core:project_detail": lambda w: {"slug": w.project},
    "core:project_update": lambda w: {"slug": w.project},
    "contacts:person_export": lambda w: {"fmt": "csv"},
    "contacts:person_detail": lambda w: {"pk": w.person},
    "contacts:person_update": lambda w: {"pk": w.person},
    "contacts:person_merge": lambda w: {"pk": w.person},
    "contacts:affiliation_add": lambda w: {"pk": w.person},
    "contacts:affiliation_remove": lambda w: {"pk": w.person, "affiliation_pk": w.affiliation},
    "contacts:organisation_detail": lambda w: {"pk": w.organisation},
    "contacts:organisation_update": lambda w: {"pk": w.organisation},
    "contacts:inquiry_detail": lambda w: {"pk": w.inquiry},
    "contacts:inquiry_update": lambda w: {"pk": w.inquiry},
    "contacts:inquiry_remove": lambda w: {"pk": w.inquiry},
    "contacts:organisation_remove": lambda w: {"pk": w.organisation},
    "contacts:tag_edit": lambda w: {"pk": w.tag},
    "contacts:tag_merge": lambda w: {"pk": w.tag},
    "contacts:tag_remove": lambda w: {"pk": w.tag},
    "contacts:import_review": lambda w: {"pk": w.contact_import},
    "core:import_job": lambda w: {"pk": w.import_job},
    "core:import_job_retry": lambda w: {"pk": w.import_job},
    "contacts:import_discard": lambda w: {"pk": w.contact_import},
    "events:event_detail": lambda w: {"pk": w.event},
    "events:event_edit": lambda w: {"pk": w.event},
    "events:event_publish": lambda w: {"pk": w.event},
    "events:registration_add": lambda w: {"pk": w.event},
    "events:walk_in": lambda w: {"pk": w.event},
    "events:item_create": lambda w: {"pk": w.event},
    "events:item_edit": lambda w: {"pk": w.event, "item_pk": w.item},
    "events:contribution_add": lambda w: {"pk": w.event, "item_pk": w.item},
    "events:contribution_remove": lambda w: {"pk": w.event, "item_pk": w.item, "contribution_pk": w.contribution},
    "events:question_create": lambda w: {"pk": w.event},
    "events:question_edit": lambda w: {"pk": w.event, "question_pk": w.question},
    "events:participants": lambda w: {"pk": w.event},
    "events:participants_export": lambda w: {"pk": w.event, "fmt": "csv"},
    "events:cancel_registration": lambda w: {"pk": w.event, "registration_pk": w.registration},
    "events:certificate": lambda w: {"pk": w.event, "registration_pk": w.registration},
    "events:certificates_download": lambda w: {"pk": w.event},
    "events:certificates_send": lambda w: {"pk": w.event},
    "core:document_job": lambda w: {"pk": w.document_job},
    "core:document_download": lambda w: {"pk": w.document_job},
    "events:support_needs": lambda w: {"pk": w.event},
    "events:support_bookings": lambda w: {"pk": w.event},
    "events:support_booking_create": lambda w: {"pk": w.event},
    "events:support_booking_edit": lambda w: {"pk": w.event, "booking_pk": w.support_booking},
    "events:check_in": lambda w: {"pk": w.event},
    "events:check_in_print": lambda w: {"pk": w.event},
    "events:attendance_record": lambda w: {"pk": w.event},
    "events:attendance_report_upload": lambda w: {"pk": w.attendance_event},
    "events:attendance_report_review": lambda w: {"pk": w.attendance_event, "import_pk": w.attendance_import},
    "events:attendance_report_discard": lambda w: {"pk": w.attendance_event, "import_pk": w.attendance_import},
    "events:check_in_toggle": lambda w: {"pk": w.event, "registration_pk": w.registration},
    "events:event_remove": lambda w: {"pk": w.event},
    "events:item_remove": lambda w: {"pk": w.event, "item_pk": w.item},
    "events:item_move": lambda w: {"pk": w.event, "item_pk": w.item},
    "events:question_remove": lambda w: {"pk": w.event, "question_pk": w.question},
    "events:feedback": lambda w: {"pk": w.event},
    "events:feedback_invite": lambda w: {"pk": w.event},
    "worldcafe:detail": lambda w: {"pk": w.worldcafe},
    "worldcafe:table_add": lambda w: {"pk": w.worldcafe},
    "worldcafe:table_remove": lambda w: {"pk": w.worldcafe, "table_pk": w.cafe_table},
    "worldcafe:participant_remove": lambda w: {"pk": w.worldcafe, "participant_pk": w.cafe_participant},
    "worldcafe:participant_add": lambda w: {"pk": w.worldcafe},
    "worldcafe:participants_from_occasion": lambda w: {"pk": w.worldcafe},
    "worldcafe:participant_import": lambda w: {"pk": w.worldcafe},
    "worldcafe:plan_make": lambda w: {"pk": w.worldcafe},
    "worldcafe:plan_improve": lambda w: {"pk": w.worldcafe},
    "worldcafe:left": lambda w: {"pk": w.worldcafe},
    "worldcafe:rounds": lambda w: {"pk": w.worldcafe},
    "worldcafe:people": lambda w: {"pk": w.worldcafe},
    "worldcafe:projector": lambda w: {"pk": w.worldcafe, "round": 1},
    "worldcafe:cards_pdf": lambda w: {"pk": w.worldcafe},
    "mailings:mailing_detail": lambda w: {"pk": w.mailing},
    "mailings:mailing_remove": lambda w: {"pk": w.mailing},
    "mailings:mailing_update": lambda w: {"pk": w.mailing},
    "mailings:mailing_progress": lambda w: {"pk": w.mailing},
    "mailings:mailing_send": lambda w: {"pk": w.mailing},
    "mailings:mailing_schedule": lambda w: {"pk": w.mailing},
    "mailings:mailing_unschedule": lambda w: {"pk": w.mailing},
    "mailings:mailing_test": lambda w: {"pk": w.mailing},
    "mailings:subscriber_detail": lambda w: {"pk": w.subscriber},
    "mailings:subscriber_import_review": lambda w: {"pk": w.subscriber_import},
    "mailings:mailing_pause": lambda w: {"pk": w.mailing},
    "mailings:mailing_resume": lambda w: {"pk": w.mailing},
    "mailings:mailing_cancel": lambda w: {"pk": w.mailing},
    "outreach:calendar_month": lambda w: {"year": 2024, "month": 5},
    "outreach:post_detail": lambda w: {"pk": w.post},
    "outreach:post_update": lambda w: {"pk": w.post},
    "outreach:post_delete": lambda w: {"pk": w.post},
    "outreach:channel_detail": lambda w: {"pk": w.channel},
    "outreach:channel_update": lambda w: {"pk": w.channel},
    "outreach:follower_add": lambda w: {"pk": w.channel},
    "outreach:follower_delete": lambda w: {"pk": w.channel, "snapshot_pk": w.snapshot},
    "outreach:import_review": lambda w: {"pk": w.outreach_import},
    "outreach:import_discard": lambda w: {"pk": w.outreach_import},
    "outreach:press_export": lambda w: {"fmt": "xlsx"},
    "outreach:clipping_update": lambda w: {"pk": w.clipping},
    "outreach:clipping_delete": lambda w: {"pk": w.clipping},
    "outreach:release_update": lambda w: {"pk": w.release},
    "outreach:release_delete": lambda w: {"pk": w.release},
    "networks:participants_export": lambda w: {"fmt": "csv"},
    "networks:network_detail": lambda w: {"pk": w.network},
    "networks:network_update": lambda w: {"pk": w.network},
    "networks:member_list": lambda w: {"pk": w.network},
    "networks:member_export": lambda w: {"pk": w.network, "fmt": "csv"},
    "networks:member_add": lambda w: {"pk": w.network},
    "networks:member_update": lambda w: {"pk": w.network, "membership_pk": w.membership},
    "networks:meeting_create": lambda w: {"pk": w.network},
    "networks:meeting_detail": lambda w: {"pk": w.meeting},
    "networks:meeting_remove": lambda w: {"pk": w.meeting},
    "networks:network_remove": lambda w: {"pk": w.network},
    "networks:meeting_update": lambda w: {"pk": w.meeting},
    "networks:minutes_edit": lambda w: {"pk": w.meeting},
    "networks:meeting_invite": lambda w: {"pk": w.meeting},
    "networks:invitation_list": lambda w: {"pk": w.meeting},
    "networks:invitation_export": lambda w: {"pk": w.meeting, "fmt": "csv"},
    "networks:attendance_edit": lambda w: {"pk": w.meeting},
    "networks:document_upload": lambda w: {"pk": w.meeting},
    "networks:document_download": lambda w: {"pk": w.document},
    "networks:document_delete": lambda w: {"pk": w.document},
    "impact:dashboard": lambda w: {"slug": w.project},
    "impact:report": lambda w: {"slug": w.project},
    "impact:report_export": lambda w: {"slug": w.project, "fmt": "json"},
    "impact:comparison": lambda w: {"slug": w.project},
    "impact:section_edit": lambda w: {"slug": w.project, "key": w.section},
    "impact:target_edit": lambda w: {"slug": w.project, "code": w.target},
    "impact:manual_create": lambda w: {"slug": w.project},
    "impact:manual_value": lambda w: {"slug": w.project, "pk": w.manual},
    "privacy:retention_edit": lambda w: {"key": w.retention_key},
    "privacy:person_export": lambda w: {"pk": w.person},
    "privacy:person_erase": lambda w: {"pk": w.person},
    "api:person": lambda w: {"person_id": w.person},
    "api:public_event": lambda w: {"slug": w.event_slug},
    "api:public_programme": lambda w: {"slug": w.event_slug},
    "api:register": lambda w: {"event_id": w.event},
    "api:cancel": lambda w: {"registration_id": w.registration},
    "api:attendance": lambda w: {"event_id": w.event},
    "api:indicators": lambda w: {"slug": w.project},
    "api_tokens:revoke": lambda w: {"pk": w.api_token},
    "webhooks:detail": lambda w: {"pk": w.webhook},
    "webhooks:edit": lambda w: {"pk": w.webhook},
    "webhooks:delete": lambda w: {"pk": w.webhook},
    "webhooks:retry": lambda w: {"pk": w.webhook, "delivery_pk": w.webhook_delivery},
    "events_easy:detail": lambda w: {"slug": w.event_slug},
    "events_easy:register": lambda w: {"slug": w.event_slug},
    "events_easy:registered": lambda w: {"slug": w.event_slug},
    "events_easy:personal": lambda w: {"token": w.registration_token},
    "events_easy:change": lambda w: {"token": w.registration_token},
    "events_easy:cancel": lambda w: {"token": w.registration_token},
    "public_easy:story_detail": lambda w: {"pk": w.story},
    "public_easy:offer_detail": lambda w: {"pk": w.public_offer},
    "mailings_easy:confirm": lambda w: {"token": w.subscriber_token},
    "mailings_easy:confirmed": lambda w: {"token": w.subscriber_token},
    "events_public:personal": lambda w: {"token": w.registration_token},
    "join:event": lambda w: {"token": w.join_token},
    "join:item": lambda w: {"token": w.join_token, "item_id": w.join_item},
    "events_public:change": lambda w: {"token": w.registration_token},
    "events_public:cancel": lambda w: {"token": w.registration_token},
    "events_public:certificate": lambda w: {"token": w.registration_token},
    "events_public:feedback": lambda w: {"token": w.registration_token},
    "events_public:detail": lambda w: {"slug": w.event_slug},
    "events_public:programme": lambda w: {"slug": w.event_slug},
    "events_public:calendar": lambda w: {"slug": w.event_slug},
    "events_public:register": lambda w: {"slug": w.event_slug},
    "events_public:registered": lambda w: {"slug": w.event_slug},
    "mailings_public:confirm": lambda w: {"token": w.subscriber_token},
    "mailings_public:confirmed": lambda w: {"token": w.subscriber_token},
    "mailings_public:preferences": lambda w: {"token": w.subscriber_token},
    "mailings_public:unsubscribe": lambda w: {"token": w.subscriber_token},
    "mailings_public:one_click": lambda w: {"token": w.subscriber_token, "mailing_id": w.sent_mailing},
    "mailings_public:web_view": lambda w: {"token": w.reader_token, "mailing_id": w.sent_mailing},
    "branding_image": lambda w: {"pk": w.branding, "kind": "logo"},
    "core:organisation_settings_project": lambda w: {"slug": w.project},
    "mailings_public:archive_detail": lambda w: {"pk": w.sent_mailing},
    "mailings_public:link": lambda w: {"mailing_id": w.sent_mailing, "key": w.sent_mailing_link},
    "networks_public:reply": lambda w: {"token": w.invitation_token},
    "networks_public:join": lambda w: {"token": w.membership_request_token},
    "public:offer_detail": lambda w: {"pk": w.public_offer},
    "public:offer_inquiry_sent": lambda w: {"pk": w.public_offer},
    "public:goodpractice_detail": lambda w: {"pk": w.story},
    "public:goodpractice_image": lambda w: {"pk": w.story, "image_pk": w.story_image},
    "public:funder_logo": lambda w: {"pk": w.home_page},
    "public:staff_page_edit": lambda w: {"project": w.project, "kind": w.page_kind},
    "public:staff_offer_edit": lambda w: {"pk": w.offer},
    "public:staff_offer_delete": lambda w: {"pk": w.offer},
    "public:staff_story_edit": lambda w: {"pk": w.story},
    "public:staff_story_images": lambda w: {"pk": w.story},
    "surveys:survey_detail": lambda w: {"pk": w.survey},
    "surveys:survey_update": lambda w: {"pk": w.survey},
    "surveys:question_create": lambda w: {"pk": w.survey},
    "surveys:survey_results": lambda w: {"pk": w.survey},
    "surveys:survey_export": lambda w: {"pk": w.survey, "fmt": "csv"},
    "surveys:question_update": lambda w: {"pk": w.survey_question},
    "surveys:question_move": lambda w: {"pk": w.survey_question},
    "surveys:question_delete": lambda w: {"pk": w.survey_question},
    "surveys:indicator_update": lambda w: {"pk": w.survey_indicator},
    "surveys:indicator_remove": lambda w: {"pk": w.survey_indicator},
    "surveys:survey_remove": lambda w: {"pk": w.survey},
    "surveys_public:answer": lambda w: {"token": w.survey_token},
    "surveys_easy:answer": lambda w: {"token": w.survey_token},
}

# Objects outside the coordinator's network / the company contact's organisation (``w.foreign``).
FOREIGN = {
    "participantmail:message_detail": lambda w: {"pk": w.foreign["network_message"]},
    "participantmail:message_update": lambda w: {"pk": w.foreign["network_message"]},
    "participantmail:message_progress": lambda w: {"pk": w.foreign["network_message"]},
    "participantmail:message_test": lambda w: {"pk": w.foreign["network_message"]},
    "participantmail:message_send": lambda w: {"pk": w.foreign["network_message"]},
    "contacts:person_detail": lambda w: {"pk": w.foreign["person"]},
    "contacts:person_update": lambda w: {"pk": w.foreign["person"]},
    "contacts:person_merge": lambda w: {"pk": w.foreign["person"]},
    "contacts:affiliation_add": lambda w: {"pk": w.foreign["person"]},
    "contacts:affiliation_remove": lambda w: {"pk": w.foreign["person"], "affiliation_pk": w.foreign["affiliation"]},
    "privacy:person_export": lambda w: {"pk": w.foreign["person"]},
    "privacy:person_erase": lambda w: {"pk": w.foreign["person"]},
    "networks:network_detail": lambda w: {"pk": w.foreign["network"]},
    "networks:network_update": lambda w: {"pk": w.foreign["network"]},
    "networks:member_list": lambda w: {"pk": w.foreign["network"]},
    "networks:member_export": lambda w: {"pk": w.foreign["network"], "fmt": "csv"},
    "networks:member_add": lambda w: {"pk": w.foreign["network"]},
    "networks:member_update": lambda w: {"pk": w.foreign["network"], "membership_pk": w.foreign["membership"]},
    "networks:meeting_create": lambda w: {"pk": w.foreign["network"]},
    "networks:meeting_detail": lambda w: {"pk": w.foreign["meeting"]},
    "networks:meeting_remove": lambda w: {"pk": w.foreign["meeting"]},
    "networks:meeting_update": lambda w: {"pk": w.foreign["meeting"]},
    "networks:minutes_edit": lambda w: {"pk": w.foreign["meeting"]},
    "networks:meeting_invite": lambda w: {"pk": w.foreign["meeting"]},
    "networks:invitation_list": lambda w: {"pk": w.foreign["meeting"]},
    "networks:invitation_export": lambda w: {"pk": w.foreign["meeting"], "fmt": "csv"},
    "networks:attendance_edit": lambda w: {"pk": w.foreign["meeting"]},
    "networks:document_upload": lambda w: {"pk": w.foreign["meeting"]},
    "networks:document_download": lambda w: {"pk": w.foreign["document"]},
    "networks:document_delete": lambda w: {"pk": w.foreign["document"]},
    "public:staff_offer_edit": lambda w: {"pk": w.foreign["offer"]},
    "public:staff_offer_delete": lambda w: {"pk": w.foreign["offer"]},
}


# The finance pages keep their rows beside their objects, one module per area (``matrix_finance_*.py``).
for _area in FINANCE_AREAS:
    EXPECTED.update(_area.EXPECTED)
    ARGS.update(_area.ARGS)
    FOREIGN.update(getattr(_area, "FOREIGN", {}))


# --- the URLconf -------------------------------------------------------------------------------------------


def url_patterns():
    """Every named pattern: ``{name: (pattern text, i18n)}``; the i18n ones once, without the /en/ prefix."""
    found = {}

    def walk(resolver, prefix, namespaces, i18n):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                localized = i18n or isinstance(entry.pattern, LocalePrefixPattern)
                text = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
                space = [*namespaces, entry.namespace] if entry.namespace else namespaces
                walk(entry, prefix + text, space, localized)
            elif isinstance(entry, URLPattern):
                name = ":".join([*namespaces, entry.name or f"<unnamed {prefix}{entry.pattern}>"])
                found[name] = (prefix + str(entry.pattern), i18n)

    walk(get_resolver(), "", [], False)
    return found


PATTERNS = url_patterns()


def status_class(answer) -> str:
    location = answer.location
    if 300 <= answer.status < 400 or (answer.status == 204 and location):
        path = urlparse(location).path
        try:
            match = resolve(path)
        except Exception:  # noqa: BLE001 - an address outside this site
            return "go"
        if match.view_name == "core:login":
            return "login"
        if match.view_name in {"core:login_code", "core:two_factor_setup"}:
            return "code"
        return "go"
    if 200 <= answer.status < 300:
        return "ok"
    return str(answer.status)


def _url(name, world, kwargs=None):
    if kwargs is None:
        kwargs = ARGS[name](world) if name in ARGS else {}
    return reverse(name, kwargs=kwargs)


def _expected(name):
    get, post = EXPECTED[name]
    return dict(zip(ROLES, get.split(), strict=True)), dict(zip(ROLES, post.split(), strict=True))


def _record(name, rows):
    with open(os.environ["MATRIX_RECORD"], "a") as out:
        get = " ".join(rows["GET"][role] for role in ROLES)
        post = " ".join(rows["POST"][role] for role in ROLES)
        out.write(f'    "{name}": ("{get}", "{post}"),\n')


# --- the tests ---------------------------------------------------------------------------------------------


def test_every_url_pattern_has_a_row():
    missing = sorted(set(PATTERNS) - set(EXPECTED))
    assert not missing, (
        f"URL patterns without a row in EXPECTED (decide who may open them): {', '.join(missing)}"
        if not os.environ.get("MATRIX_RECORD")
        else None
    )
    stale = sorted(set(EXPECTED) - set(PATTERNS))
    assert not stale, f"rows for URL names that no longer exist: {', '.join(stale)}"


def test_every_pattern_with_parameters_has_its_arguments():
    needed = sorted(name for name, (text, _i18n) in PATTERNS.items() if "<" in text and name not in ARGS)
    assert not needed, f"patterns with parameters but no entry in ARGS: {', '.join(needed)}"


def test_the_table_is_well_formed():
    tokens = DENIED | {"ok", "go", "400", "410"}  # 410: a join link of an event that is over
    for name, (get, post) in EXPECTED.items():
        for method, row in (("GET", get), ("POST", post)):
            values = row.split()
            assert len(values) == len(ROLES), f"{name} {method}: {len(values)} entries for {len(ROLES)} roles"
            assert set(values) <= tokens, f"{name} {method}: unknown {set(values) - tokens}"
        for role, get_answer, post_answer in zip(ROLES, get.split(), post.split(), strict=True):
            if get_answer in DENIED - {"405"}:  # who may not open the page may not send its form either
                assert post_answer in DENIED, f"{name}: {role} may not GET it ({get_answer}) but POST {post_answer}"


# On PostgreSQL the rows are requested as the roles whose answer the database decides: the scoped ones (a
# coordinator's network, a company contact's organisation, found by queries) and the project lead, who opens and
# posts to nearly every page. Every page some role may open is rendered there by tests/security/test_page_queries.py
# too (a superuser-only page as the superuser). The other roles' answers follow from their permissions, checked in
# Python alike on both databases; the SQLite run requests every role (scripts/test.sh runs both in CI).
DATABASE_ROLES = ("coordinator", "lead", "company")


def _roles():
    recording = os.environ.get("MATRIX_RECORD")  # a recorded row needs every role's answer
    return DATABASE_ROLES if connection.vendor == "postgresql" and not recording else ROLES


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_url_answers_every_role_as_expected(world, name):
    if name not in EXPECTED and not os.environ.get("MATRIX_RECORD"):
        pytest.fail(f"{name} has no row in EXPECTED")
    url = _url(name, world)
    rows = {"GET": {}, "POST": {}}
    problems = []
    roles = _roles()
    for method in ("GET", "POST"):
        for role in roles:
            answer = request_as(world, role, method, url)
            got = status_class(answer)
            rows[method][role] = got
            if got in DENIED and answer.writes:
                problems.append(f"{method} as {role} answered {got} but wrote: {answer.writes[:3]}")
    if os.environ.get("MATRIX_RECORD"):
        _record(name, rows)
        return
    expected_get, expected_post = _expected(name)
    for method, expected in (("GET", expected_get), ("POST", expected_post)):
        for role in roles:
            if rows[method][role] != expected[role]:
                problems.append(f"{method} {url} as {role}: expected {expected[role]}, got {rows[method][role]}")
    if name in FOREIGN:
        foreign_url = _url(name, world, FOREIGN[name](world))
        for method, expected in (("GET", expected_get), ("POST", expected_post)):
            for role in ("coordinator", "company"):
                want = "404" if expected[role] not in DENIED else expected[role]
                answer = request_as(world, role, method, foreign_url)
                got = status_class(answer)
                if got != want:
                    problems.append(f"{method} {foreign_url} (outside their scope) as {role}: want {want}, got {got}")
                if got in DENIED and answer.writes:
                    problems.append(f"{method} {foreign_url} as {role} answered {got} but wrote {answer.writes[:3]}")
    if PATTERNS[name][1]:  # the English version answers the same
        english = f"/en{url}"
        for role in ("anonymous", "lead"):
            got = status_class(request_as(world, role, "GET", english))
            if got != expected_get[role]:
                problems.append(f"GET {english} as {role}: expected {expected_get[role]}, got {got}")
    if problems and name in DEPENDS_ON_OTHER_FIXES:
        problems.append(f"(this row expects a fix from another branch: {DEPENDS_ON_OTHER_FIXES[name]})")
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_the_write_watch_sees_a_change_and_the_savepoint_undoes_it(world):
    """The "denied requests write nothing" check can fail: a permitted delete is seen, and rolled back."""
    from inklusio.outreach.models import Post

    answer = request_as(world, "staff", "POST", reverse("outreach:post_delete", kwargs={"pk": world.post}))
    assert status_class(answer) == "go"
    assert any(statement.startswith("DELETE") for statement in answer.writes), answer.writes
    assert Post.objects.filter(pk=world.post).exists()
