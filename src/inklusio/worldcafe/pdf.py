"""Tagged PDFs (PDF/UA-1) of a plan: one card per table and a large-print card per participant."""

from django.template.loader import render_to_string
from django.utils import translation

from inklusio.core.branding import branding_for


def render_pdf(html: str) -> bytes:
    from inklusio.core.pdf import SharedDrawings, write_pdf  # noqa: PLC0415 — beside WeasyPrint

    # the letterhead's logo is on every card: drawn once (SharedDrawings), painted on each page
    return write_pdf(html, pdf_variant="pdf/ua-1", cache=SharedDrawings())


def cards_pdf(title: str, rounds, itineraries, project=None) -> bytes:
    """Table cards and personal cards with the organisation's letterhead (``project``'s own values if set)."""
    html = render_to_string(
        "worldcafe/cards_pdf.html",
        {
            "title": title,
            "rounds": rounds,
            "itineraries": itineraries,
            "LANGUAGE_CODE": translation.get_language(),
            "branding": branding_for(project),
        },
    )
    return render_pdf(html)


def standalone_plan_pdf(plan_rounds, tables, names) -> bytes:
    """For the CLI: the same cards from plain solver output."""

    class Seat:
        def __init__(self, pid):
            self.pk = pid
            self.name = names.get(pid) or pid

    seats = {pid: Seat(pid) for tables_ in plan_rounds for table in tables_ for pid in table}
    rounds = [
        [(table, [seats[pid] for pid in ids]) for table, ids in zip(tables, tables_, strict=False)]
        for tables_ in plan_rounds
    ]
    itineraries = []
    for pid, seat in sorted(seats.items(), key=lambda item: item[1].name):
        route = [
            next((t for t, ids in zip(tables, tables_, strict=False) if pid in ids), None) for tables_ in plan_rounds
        ]
        itineraries.append((seat, route))
    with translation.override("de"):
        return cards_pdf("World Café", rounds, itineraries)
