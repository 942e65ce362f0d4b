"""Who may see which contacts: the one place that decides it (DESIGN.md)."""

from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from inklusio.core.extensions import contact_scopes

from . import duplicates
from .models import (
    Affiliation,
    ContactImport,
    DuplicatePair,
    Inquiry,
    Organisation,
    Person,
    StakeholderType,
    Tag,
    normalise_name,
)

FULL_ACCESS = "contacts.view_person"


def people_for_user(user):
    if not user.is_authenticated:
        return Person.objects.none()
    if user.has_perm(FULL_ACCESS):
        return Person.objects.all()
    scopes = [scope for scope in contact_scopes(user) if scope is not None]
    if not scopes:
        return Person.objects.none()
    condition = Q()
    for scope in scopes:
        condition |= Q(pk__in=scope)
    return Person.objects.filter(condition)


def organisations_for_user(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.has_perm("contacts.view_organisation"):
        return Organisation.objects.all()
    return Organisation.objects.filter(affiliations__person__in=people_for_user(user)).distinct()


def inquiries_for_user(user):
    if user.is_authenticated and user.has_perm("contacts.view_inquiry"):
        return Inquiry.objects.all()
    return Inquiry.objects.none()


def inquiries_assigned(queryset, assigned: str, user):
    """Narrow an inquiry list by its assignee: "mine", "unassigned", or anything else for all."""
    if assigned == "mine":
        return queryset.filter(assignee=user)
    if assigned == "unassigned":
        return queryset.filter(assignee__isnull=True)
    return queryset


def open_inquiries_for_user(user):
    """The user's visible open inquiries by follow-up date (so those past it come first; those without one last),
    then by arrival: the order of the index inquiry_open_by_follow_up, which a page of them reads alone."""
    return (
        inquiries_for_user(user)
        .filter(outcome=Inquiry.Outcome.OPEN)
        .select_related("assignee")
        .order_by(F("follow_up_on").asc(nulls_last=True), "received_on", "pk")
    )


def imports_waiting_for(user):
    """The contact imports the user uploaded that wait for their review (only the uploader may review one)."""
    if not (user.is_authenticated and user.has_perm("contacts.add_person")):
        return ContactImport.objects.none()
    return ContactImport.objects.filter(uploaded_by=user, status=ContactImport.Status.PENDING)


def search_people(queryset, *, text="", stakeholder_type="", region="", tag=""):
    """Filter a people queryset; each term narrows it. Stays on indexed columns where it can."""
    if text:
        for word in text.split()[:5]:
            key = normalise_name(word)
            condition = Q(email__startswith=word.casefold())
            if key:
                condition |= Q(name_key__contains=key) | Q(affiliations__organisation__name_key__contains=key)
            queryset = queryset.filter(condition)
        queryset = queryset.distinct()
    if stakeholder_type:
        queryset = queryset.filter(
            Q(stakeholder_type__code=stakeholder_type)
            | Q(affiliations__organisation__stakeholder_type__code=stakeholder_type)
        ).distinct()
    if region:
        queryset = queryset.filter(Q(region=region) | Q(affiliations__organisation__region=region)).distinct()
    if tag:
        queryset = queryset.filter(tags__name=tag)
    return queryset


PICKER_LIMIT = 20


def pick_people(queryset, text: str):
    """At most :data:`PICKER_LIMIT` people of ``queryset`` matching ``text`` (name, email, organisation), with
    what tells look-alikes apart (organisations) loaded."""
    if not text.strip():
        return []
    found = search_people(queryset.filter(anonymised=False), text=text[:100]).order_by("last_name", "first_name", "pk")
    ids = list(found.values_list("pk", flat=True)[:PICKER_LIMIT])
    people = Person.objects.filter(pk__in=ids).prefetch_related("affiliations__organisation")
    return sorted(people, key=lambda p: ids.index(p.pk))


def pick_organisations(queryset, text: str, *, stakeholder_type: str = ""):
    """At most :data:`PICKER_LIMIT` organisations of ``queryset`` whose name contains ``text``, by name (only of
    the ``stakeholder_type`` code when given)."""
    key = duplicates.fold(text[:100])
    if not key:
        return []
    found = queryset.filter(name_key__contains=key, archived_at__isnull=True)
    if stakeholder_type:
        found = found.filter(stakeholder_type__code=stakeholder_type)
    return list(found.order_by("name", "pk")[:PICKER_LIMIT])


# --- likely duplicates ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateCandidate:
    first: Person
    second: Person
    reason: str


def duplicate_pairs(user):
    """The stored likely duplicate pairs, strongest first: the worker's last search, less what was merged,
    anonymised or dismissed since (those take their pairs along). Only for users who see the whole contact base
    and may merge; else none."""
    if not (user.has_perm(FULL_ACCESS) and user.has_perm("contacts.delete_person")):
        return DuplicatePair.objects.none()
    return DuplicatePair.objects.order_by("rank", "low", "high")


def duplicate_candidates(pairs) -> list[DuplicateCandidate]:
    """One page of :func:`duplicate_pairs` with both people and their organisations loaded."""
    pairs = list(pairs)
    people = Person.objects.prefetch_related("affiliations__organisation").in_bulk(
        {p.low_id for p in pairs} | {p.high_id for p in pairs}
    )
    return [DuplicateCandidate(people[p.low_id], people[p.high_id], p.reason) for p in pairs]


@dataclass(frozen=True)
class Holding:
    label: str
    count: int


def what_person_brings(person) -> list[Holding]:
    """How many records of each kind point at the person (registrations, inquiries, memberships, tags, ...), for
    the merge page; counted over the model relations, so every app's records show without contacts naming them."""
    holdings = []
    for relation in Person._meta.related_objects:
        model = relation.related_model
        count = model._default_manager.filter(**{relation.field.name: person}).count()
        holdings.append(Holding(str(model._meta.verbose_name_plural), count))
    holdings.append(Holding(str(Tag._meta.verbose_name_plural), person.tags.count()))
    return sorted(holdings, key=lambda h: h.label.casefold())


# For the apps above contacts (privacy, World Café, networks): they must not read contacts' models themselves.
# These take no user: the caller has already decided access (a permission on its own view, or a job).


def all_people():
    """Every contact, anonymised ones too (for pages gated by their own permission, e.g. data-subject rights)."""
    return Person.objects.all()


def people_with_ids(ids):
    """The contacts with these ids, in the order they are listed and seated: by name."""
    return Person.objects.filter(pk__in=ids).order_by("sort_key", "pk")


def people_unchanged_since(cutoff):
    """Contacts not anonymised, created and last edited before the cutoff (candidates for the retention)."""
    return Person.objects.filter(anonymised=False, created__lt=cutoff, updated__lt=cutoff)


def all_organisations():
    return Organisation.objects.all()


def organisations_of(person):
    """The organisations the person is (or was) affiliated with; none without a person."""
    if person is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(affiliations__person=person).distinct()


def stakeholder_types():
    return StakeholderType.objects.all()


def all_tags():
    return Tag.objects.all()


def inquiry_with_id(inquiry_id: int):
    """The inquiry with this id, with its person and project (for the mails about it), or ``None``."""
    return Inquiry.objects.select_related("person", "project").filter(pk=inquiry_id).first()


# --- the stakeholder mix --------------------------------------------------------------------------------------

UNKNOWN = "unknown"


@dataclass(frozen=True)
class MixRow:
    code: str
    label: str
    count: int


def stakeholder_mix(people) -> list[MixRow]:
    """Count ``people`` (a queryset of contacts) per stakeholder type, largest first; people without a type count
    as 'unknown'.

    One aggregate query: the person's own type, else the type of their first affiliation's organisation (newest
    start first).
    """
    first_type = (
        Affiliation.objects.filter(person=OuterRef("pk"))
        .order_by("-start", "id")
        .values("organisation__stakeholder_type_id")[:1]
    )
    rows = (
        people.order_by()
        .annotate(kind=Coalesce("stakeholder_type_id", Subquery(first_type), output_field=BigIntegerField()))
        .values("kind")
        .annotate(n=Count("pk"))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    types = StakeholderType.objects.in_bulk([k for k in counts if k is not None])
    return _ranked_mix(counts, types)


def _ranked_mix(counts: dict, types: dict) -> list[MixRow]:
    """The rows for the counts per type id (``None``: unknown), largest first, then in the glossary's order."""
    result = [MixRow(types[k].code, str(types[k]), n) for k, n in counts.items() if k is not None]
    if None in counts:
        result.append(MixRow(UNKNOWN, _("unknown"), counts[None]))
    positions = {t.code: t.position for t in types.values()}
    return sorted(result, key=lambda row: (-row.count, positions.get(row.code, 999), row.code))
