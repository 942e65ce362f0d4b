"""Personal join links: who may enter an online room, from when, and the record that someone did.

Every confirmed registration has a join link (``Registration.join_url``): ``/j/<join_token>/`` for the event's
room and ``/j/<join_token>/<item id>/`` for a programme item (its own room, or else the event's). The room
address itself is never shown or mailed; the link leads there.

Only :func:`record_join` records, and the join view calls it on a POST only: the GET shows a page that forwards
(a form sent by script, and a button), so a mail scanner or link preview that fetches the page without a person
is not counted. What is stored: the registration, the room, first and last join and the number of joins in
:class:`OnlineJoin`, and one :class:`Attendance` per day (``via`` join link) — no IP address, no user agent.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from . import bigbluebutton, conf
from .models import Attendance, AttendanceSource, Contribution, OnlineJoin, ProgrammeItem, Registration
from .programme import current_items, default_end

# Why a join link does not lead into the room now (the page explains each).
WAITLISTED = "waitlisted"
CANCELLED = "cancelled"
EVENT_CANCELLED = "event_cancelled"
NO_ROOM = "no_room"
OVER = "over"
NOT_YET = "not_yet"


class JoinRefused(Exception):
    """The room cannot be entered through this link now; ``code`` is one of the constants above."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Room:
    url: str
    opens_at: datetime
    starts_at: datetime
    closes_at: datetime


def item_of(registration: Registration, item_id: int) -> ProgrammeItem | None:
    """The programme item with this id if it belongs to the registration's event (and is not archived)."""
    return current_items(registration.event).filter(pk=item_id).first()


def room_for(registration: Registration, item: ProgrammeItem | None = None) -> Room | None:
    """The room the link leads to, with its opening times; None when the event or item has no room."""
    event = registration.event
    url = (item.room_url if item else "") or event.room_url
    if not url:
        return None
    starts = item.starts_at if item else event.starts_at
    closes = (item.ends_at or default_end(item)) if item else event.ends_at
    return Room(
        url=url,
        opens_at=starts - timedelta(minutes=conf.room_opens_minutes()),
        starts_at=starts,
        closes_at=max(closes, starts),
    )


def join_refusal(registration: Registration, item: ProgrammeItem | None = None, now=None) -> str:
    """Why the link does not lead into the room now, or "" when it does."""
    now = now or timezone.now()
    if registration.status == Registration.Status.CANCELLED:
        return CANCELLED
    if registration.status == Registration.Status.WAITLISTED:
        return WAITLISTED
    if registration.event.cancelled:
        return EVENT_CANCELLED
    room = room_for(registration, item)
    if room is None:
        return NO_ROOM
    if now > room.closes_at:
        return OVER
    if now < room.opens_at:
        return NOT_YET
    return ""


def _attendance_day(registration: Registration, now):
    days = registration.event.days()
    today = timezone.localdate(now)
    return today if today in days else min(days, key=lambda day: abs((day - today).days))


def record_join(registration: Registration, item: ProgrammeItem | None = None, *, now=None) -> OnlineJoin:
    """A person followed their join link into the room: count the join and record the day's attendance.

    Raises :class:`JoinRefused` when the room cannot be entered now. Safe under concurrent joins: the counter
    is raised in the database, and the unique constraints hold one row per registration and room.
    """
    now = now or timezone.now()
    refusal = join_refusal(registration, item, now)
    if refusal:
        raise JoinRefused(refusal)
    rows = OnlineJoin.objects.filter(registration=registration, item=item)
    changes = {
        "joins": F("joins") + 1,
        "first_joined_at": Least(F("first_joined_at"), Value(now)),
        "last_joined_at": Greatest(F("last_joined_at"), Value(now)),
    }
    with transaction.atomic():
        if not rows.update(**changes):
            try:
                with transaction.atomic():
                    OnlineJoin.objects.create(
                        registration=registration, item=item, first_joined_at=now, last_joined_at=now
                    )
            except IntegrityError:  # a second tab created it at the same moment
                rows.update(**changes)
        Attendance.objects.get_or_create(
            registration=registration,
            day=_attendance_day(registration, now),
            defaults={"checked_in_at": now, "via": AttendanceSource.JOIN_LINK},
        )
    return rows.get()


def _bigbluebutton_role(registration: Registration, item: ProgrammeItem | None) -> str:
    leads = Contribution.objects.filter(
        person_id=registration.person_id, role__in=[Contribution.Role.MODERATOR, Contribution.Role.HOST]
    )
    leads = leads.filter(item=item) if item else leads.filter(item__event_id=registration.event_id)
    return "MODERATOR" if leads.exists() else "VIEWER"


def room_address(registration: Registration, item: ProgrammeItem | None = None) -> str:
    """Where the browser goes after the join is recorded.

    With BigBlueButton's API switched on (``conf.bigbluebutton``), a room on the API's server
    (``https://<that host>/…/<meeting id>``) is entered through a signed ``join`` call, so the person appears
    under their own name; every other room address is used as it is.
    """
    room = room_for(registration, item)
    if room is None:
        raise JoinRefused(NO_ROOM)
    settings = conf.bigbluebutton()
    if settings is None:
        return room.url
    api_url, secret = settings
    address = urlsplit(room.url)
    meeting_id = address.path.rstrip("/").rsplit("/", 1)[-1]
    if address.hostname != urlsplit(api_url).hostname or not meeting_id:
        return room.url
    return bigbluebutton.join_url(
        api_url,
        secret,
        meeting_id=meeting_id,
        full_name=registration.person.full_name,
        role=_bigbluebutton_role(registration, item),
    )
