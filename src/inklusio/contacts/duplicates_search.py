"""The likely-duplicate search over the whole contact base, run by the worker (periodic job ``contacts.duplicates``).

Comparing 100,000 people takes seconds to minutes, too long for a request: the worker stores the pairs it finds
(:class:`~inklusio.contacts.models.DuplicatePair`) and the list page shows them a page at a time. Each search
replaces all pairs in one transaction; a merge and "not a duplicate" take a pair off the list at once.
"""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import duplicates
from .models import Affiliation, DuplicatePair, DuplicateSearch, NotDuplicatePair, Person

RANKS = {duplicates.EMAIL: 0, duplicates.NAME_AND_ORGANISATION: 1, duplicates.SIMILAR_NAME: 2}
KEPT_SEARCHES = 10  # the log of searches keeps this many
LISTED_PAIRS = 10_000  # the strongest pairs stored for the list; beyond them the page says how many more were found


def _records() -> list[duplicates.Record]:
    organisations = defaultdict(set)
    for person_id, organisation_id in Affiliation.objects.values_list("person_id", "organisation_id").iterator(
        chunk_size=10_000
    ):
        organisations[person_id].add(organisation_id)
    people = Person.objects.filter(anonymised=False).values_list("pk", "first_name", "last_name", "email")
    return [
        duplicates.Record(pk, first, last, email, frozenset(organisations.get(pk, ())))
        for pk, first, last, email in people.iterator(chunk_size=10_000)
    ]


def _store(result: duplicates.Result, *, started, people: int) -> DuplicateSearch:
    with transaction.atomic():
        # What changed while the search ran: people who went, pairs dismissed meanwhile.
        alive = set(Person.objects.filter(anonymised=False).values_list("pk", flat=True).iterator(chunk_size=10_000))
        dismissed = set(NotDuplicatePair.objects.values_list("low_id", "high_id"))
        DuplicatePair.objects.all()._raw_delete(DuplicatePair.objects.db)  # nothing points at a pair
        current = (p for p in result.pairs if p.low in alive and p.high in alive and (p.low, p.high) not in dismissed)
        found = 0
        listed = []
        for pair in current:
            found += 1
            if len(listed) < LISTED_PAIRS:
                listed.append(
                    DuplicatePair(low_id=pair.low, high_id=pair.high, reason=pair.reason, rank=RANKS[pair.reason])
                )
        DuplicatePair.objects.bulk_create(listed, batch_size=2_000)
        search = DuplicateSearch.objects.create(
            started=started,
            finished=timezone.now(),
            people=people,
            pairs=found,
            listed=len(listed),
            oversized_blocks=len(result.oversized_blocks),
        )
        old = DuplicateSearch.objects.values_list("pk", flat=True)[KEPT_SEARCHES:]
        DuplicateSearch.objects.filter(pk__in=list(old)).delete()
    return search


def search_duplicates() -> DuplicateSearch:
    """Find the likely pairs among all contacts and store them in place of the last search's."""
    started = timezone.now()
    for attempt in range(2):
        records = _records()
        result = duplicates.find_pairs(records, dismissed=NotDuplicatePair.objects.values_list("low_id", "high_id"))
        try:
            return _store(result, started=started, people=len(records))
        except IntegrityError:  # a person went between the check and the insert: once more, from the start
            if attempt:
                raise
    raise AssertionError("unreachable")


def last_search() -> DuplicateSearch | None:
    return DuplicateSearch.objects.first()
