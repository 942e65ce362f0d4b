"""No page's number of database queries grows with the data (issue 22): every GET page of the URLconf, as the
roles that may open it (``pages.page_requests``), is requested at two sizes and must need as many queries at the
larger one.

The first size is the demo plus one of everything from the benchmark's generator (``benchmarks/report.py``) and
one more of everything around the pages' own objects (``pages.grow``: registrations of the event, members of the
network, deliveries of the sent mailing, …); the second adds two more of each. A page that runs a query per row
(a missing select_related or prefetch, a count per item) needs more queries at the second size and fails here with
its name and both counts. Query counts only, no timings: the timings at full scale are ``benchmarks/pages.py``'s.
Runs on SQLite and PostgreSQL.
"""

import os

from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import pages

ONE = {"people": 1, "organisations": 1, "inquiries": 1, "events": 1, "registrations": 1, "mailings": 1,
       "deliveries": 1, "posts": 1, "channels": 0, "networks": 1, "meetings": 1}  # fmt: skip


def _counts(world) -> dict:
    counts = {}
    for name, role in pages.page_requests():
        url = pages.url_of(name, world)
        answer, queries = pages.counted(lambda url=url, role=role: pages.get(world, role, url))
        counts[(name, role)] = (answer.status, queries)
    if os.environ.get("PAGE_QUERIES_SHOW"):
        for (name, role), (status, queries) in sorted(counts.items(), key=lambda item: -item[1][1]):
            print(f"{queries:6} {status} {name} as {role}")
    return counts


def _more(world, times: int, first: int) -> None:
    from inklusio.core.models import Project

    project = Project.objects.get(slug=world.project)
    generator = pages.report_generator()
    for step in range(times):
        generator.build(project, {**ONE, "first": 10_000 + first + step}, lambda line: None)
    pages.grow(world, times, first=first)


def test_no_page_needs_more_queries_with_more_data(world):
    _more(world, 1, first=0)
    small = _counts(world)
    _more(world, 2, first=100)
    large = _counts(world)
    assert small, "no pages found"
    failing = {key: status for key, (status, _queries) in small.items() if not 200 <= status < 300}
    assert not failing, f"pages the matrix opens for these roles did not answer 2xx: {failing}"
    statuses = {key: (small[key][0], large[key][0]) for key in small if small[key][0] != large[key][0]}
    assert not statuses, f"pages answered differently at the two sizes: {statuses}"
    grown = {f"{name} as {role}": f"{small[key][1]} -> {large[key][1]} queries"
             for key in small if large[key][1] > small[key][1] for name, role in [key]}  # fmt: skip
    assert not grown, "query counts grow with the data:\n" + "\n".join(f"{k}: {v}" for k, v in sorted(grown.items()))


def test_the_count_sees_a_page_that_queries_per_row(world):
    """The check can fail: a query per registration, run inside a page's request, shows up as growth."""
    from django.test import override_settings

    from inklusio.events.models import Registration

    calls = []

    def per_row(get_response):
        def middleware(request):
            calls.append(request.path)
            for registration in Registration.objects.filter(event_id=world.event):
                Registration.objects.filter(pk=registration.pk).exists()
            return get_response(request)

        return middleware

    from django.conf import settings

    url = pages.url_of("events:event_detail", world)
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, f"{__name__}._PER_ROW"]):
        globals()["_PER_ROW"] = per_row
        with CaptureQueriesContext(connection) as before:
            pages.get(world, "lead", url)
        pages.grow(world, 2, first=500)
        with CaptureQueriesContext(connection) as after:
            pages.get(world, "lead", url)
    assert calls
    assert len(after) >= len(before) + 2
