"""BigBlueButton's signed ``join`` call, against a local server that checks the checksum as BigBlueButton does.

The server takes the query string exactly as received, removes the ``checksum`` parameter, and compares
``sha1(callName + queryString + sharedSecret)``; a good call is redirected into the "client" (as BigBlueButton
redirects into its HTML5 client), a bad one gets BigBlueButton's ``checksumError`` XML.
"""

import hashlib
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from inklusio.events import bigbluebutton, joining, services
from inklusio.events.models import Contribution, Event, ProgrammeItem, Registration

from .conftest import start_event

pytestmark = pytest.mark.django_db

SECRET = "8cd8ef52e8e101574e400365b55e11a6"


class FakeBigBlueButton(BaseHTTPRequestHandler):
    secret = SECRET
    joined: list = []

    def log_message(self, *args):  # quiet
        pass

    def _reply(self, status, body=b"", location=""):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/xml" if status == 200 else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        address = urlsplit(self.path)
        if address.path == "/client":
            return self._reply(200, b"<meeting>in the room</meeting>")
        call = address.path.rsplit("/", 1)[-1]
        query, _, given = address.query.rpartition("&checksum=")
        expected = hashlib.sha1((call + query + self.secret).encode(), usedforsecurity=False).hexdigest()
        if not address.path.startswith("/bigbluebutton/api/") or not given or given != expected:
            return self._reply(
                200, b"<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey></response>"
            )
        params = parse_qs(query, strict_parsing=True)
        if set(params) != {"fullName", "meetingID", "role"}:
            return self._reply(200, b"<response><returncode>FAILED</returncode></response>")
        type(self).joined.append({key: value[0] for key, value in params.items()})
        return self._reply(302, location="/client?sessionToken=abc")


@pytest.fixture
def bbb_server():
    FakeBigBlueButton.joined = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBigBlueButton)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def bbb_event(online_event, bbb_server, settings):
    settings.EVENTS_BBB_API_URL = f"{bbb_server}/bigbluebutton/api/"
    settings.EVENTS_BBB_SECRET = SECRET
    Event.objects.filter(pk=online_event.pk).update(room_url=f"{bbb_server}/rooms/kongress-saal")
    event = start_event(online_event)
    event.programme.update(ends_at=event.ends_at, room_url=f"{bbb_server}/rooms/werkstatt-1")
    return event


def _open(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — the local test server
            return response.status, response.geturl(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read()


def test_checksum_is_sha1_of_call_query_and_secret():
    """Published examples: BigBlueButton's API reference, and bbbserver.com's API guide (its SHA-1 value)."""
    query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
    secret = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
    assert bigbluebutton.checksum("create", query, secret) == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
    query = (
        "name=Demo&meetingID=replace-with-meeting-id&attendeePW=replace-with-password&moderatorPW=replace-with-password"
    )
    assert bigbluebutton.checksum("create", query, "replace-with-secret") == "7030bd96ede6a7ac41da848fe3bfc562e52a5914"
    url = bigbluebutton.join_url("https://bbb.example.org/bigbluebutton/api", "s", meeting_id="m 1", full_name="Ä B")
    assert url.startswith("https://bbb.example.org/bigbluebutton/api/join?fullName=%C3%84+B&meetingID=m+1&role=VIEWER")


def test_join_through_the_api_under_ones_own_name(client, bbb_event, reg_data, bbb_server):
    registration, _ = services.register(bbb_event.pk, reg_data(1, first_name="Aylin", last_name="Şahin"))
    response = client.post(registration.join_url())
    assert response.status_code == 303
    signed = response["Location"]
    assert signed.startswith(f"{bbb_server}/bigbluebutton/api/join?") and SECRET not in signed
    status, final, body = _open(signed)
    assert status == 200 and urlsplit(final).path == "/client" and b"in the room" in body
    assert FakeBigBlueButton.joined == [{"fullName": "Aylin Şahin", "meetingID": "kongress-saal", "role": "VIEWER"}]

    item = bbb_event.programme.get()
    Contribution.objects.create(item=item, person=registration.person, role=Contribution.Role.MODERATOR)
    _open(client.post(registration.join_url(item))["Location"])
    assert FakeBigBlueButton.joined[-1] == {"fullName": "Aylin Şahin", "meetingID": "werkstatt-1", "role": "MODERATOR"}


def test_a_wrong_checksum_is_refused_by_the_server(bbb_event, reg_data, bbb_server, settings):
    registration, _ = services.register(bbb_event.pk, reg_data(1))
    registration = Registration.objects.select_related("event", "person").get(pk=registration.pk)
    settings.EVENTS_BBB_SECRET = "not-the-servers-secret"
    status, final, body = _open(joining.room_address(registration))
    assert b"checksumError" in body and urlsplit(final).path != "/client"
    tampered = joining.room_address(registration).replace("role=VIEWER", "role=MODERATOR")
    settings.EVENTS_BBB_SECRET = SECRET
    assert b"checksumError" in _open(tampered)[2]
    assert FakeBigBlueButton.joined == []


def test_off_by_default_and_other_hosts_keep_their_address(online_event, reg_data, settings):
    registration, _ = services.register(online_event.pk, reg_data(1))
    registration = Registration.objects.select_related("event", "person").get(pk=registration.pk)
    assert joining.room_address(registration) == online_event.room_url  # no API settings: the address as it is
    settings.EVENTS_BBB_API_URL = "https://bbb.example.org/bigbluebutton/api/"
    settings.EVENTS_BBB_SECRET = SECRET
    assert joining.room_address(registration) == online_event.room_url  # a room on another host (Zoom, Jitsi…)
    item = ProgrammeItem.objects.get(event=online_event)
    item.room_url = "https://bbb.example.org/rooms/werkstatt"
    item.save()
    assert joining.room_address(registration, item).startswith("https://bbb.example.org/bigbluebutton/api/join?")
