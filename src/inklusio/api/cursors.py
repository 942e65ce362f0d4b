"""Cursor pages ordered by (modification time, id): stable while rows change, and usable to sync.

The cursor is the last row's ``(modified, id)``, opaque to clients (base64 JSON). Each page is one indexed
range query, so a page costs the same at row 10 and at row 100,000; ``modified_since`` starts a sync.
"""

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from .problems import Problem


@dataclass
class Page:
    items: list
    next_cursor: str | None


def encode(modified: datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([modified.isoformat(), pk]).encode()).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        modified, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return datetime.fromisoformat(modified), int(pk)
    except (ValueError, TypeError, json.JSONDecodeError) as error:
        raise Problem(400, "invalid-cursor", "The cursor is not one this API gave out.") from error


def page(queryset, *, field: str, cursor: str | None, limit: int, modified_since: datetime | None) -> Page:
    """One page of ``queryset`` ordered by ``field`` (a datetime) and id, after ``cursor``."""
    rows = queryset.order_by(field, "pk")
    if modified_since is not None:
        rows = rows.filter(**{f"{field}__gte": modified_since})
    if cursor:
        modified, pk = decode(cursor)
        rows = rows.filter(Q(**{f"{field}__gt": modified}) | Q(**{field: modified, "pk__gt": pk}))
    items = list(rows[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    next_cursor = encode(getattr(items[-1], field), items[-1].pk) if more else None
    return Page(items=items, next_cursor=next_cursor)


def answer(rows, filters, *, field: str = "updated") -> dict:
    """The list document for ``rows``: one page after ``filters.cursor`` (and ``filters.modified_since``, where the
    list offers it), as the endpoints return it."""
    found = page(
        rows,
        field=field,
        cursor=filters.cursor,
        limit=filters.limit,
        modified_since=getattr(filters, "modified_since", None),
    )
    return {"items": found.items, "next_cursor": found.next_cursor}
