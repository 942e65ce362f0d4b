"""Who may see which networks, meetings and members: the one place that decides it (DESIGN.md).

Project lead and staff (permission ``networks.view_all_networks``) see every network; a network coordinator
sees only the networks they coordinate, and through them their meetings, members, invitations and documents.
Every view, export, search and download of this app starts from these functions.
"""

from django.db.models import Q

from inklusio.contacts import queries as contact_queries

from .models import Attendance, Invitation, Meeting, MeetingDocument, Membership, Network

ALL_NETWORKS = "networks.view_all_networks"


def networks_for_user(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Network.objects.none()
    if user.has_perm(ALL_NETWORKS):
        return Network.objects.all()
    if user.has_perm("networks.view_network"):
        return Network.objects.filter(coordinators=user)
    return Network.objects.none()


def meetings_for_user(user):
    return Meeting.objects.filter(network__in=networks_for_user(user))


def next_meetings_for_user(user, now):
    """The coming meetings of the user's networks, soonest first."""
    return meetings_for_user(user).filter(starts_at__gte=now).select_related("network").order_by("starts_at", "pk")


def members_for_user(user):
    """Memberships (current and past) of the networks the user may see."""
    return Membership.objects.filter(network__in=networks_for_user(user))


def documents_for_user(user):
    return MeetingDocument.objects.filter(meeting__in=meetings_for_user(user))


def invitations_for_user(user):
    return Invitation.objects.filter(meeting__in=meetings_for_user(user))


def attendances_for_user(user):
    return Attendance.objects.filter(meeting__in=meetings_for_user(user))


def member_person_ids(user):
    """Person ids of the *current* members of the user's networks (for the contacts app's scope)."""
    return members_for_user(user).current().values("person_id")


def member_candidates(user):
    """Whom the user may add to a network: the contact base they may see plus anyone ever in one of their networks."""
    visible = contact_queries.people_for_user(user).values("pk")
    former = members_for_user(user).values("person_id")
    return contact_queries.all_people().filter(Q(pk__in=visible) | Q(pk__in=former))


def search_members(queryset, text=""):
    for word in text.split()[:5]:
        key = contact_queries.normalise_name(word)
        if key:
            queryset = queryset.filter(
                Q(person__name_key__contains=key)
                | Q(person__email__startswith=word.casefold())
                | Q(organisation__name_key__contains=key)
            )
    return queryset


def current_member_person_ids(network_id, on=None) -> list[int]:
    """Person ids of the network's members on the day (today by default): the recipients of a message to the
    members or of a follow-up survey."""
    memberships = Membership.objects.filter(network_id=network_id).current(on)
    return sorted(set(memberships.values_list("person_id", flat=True)))


def project_member_person_ids(project_id, on=None) -> list[int]:
    """Person ids of the members, on the day, of every network of the project (each person once)."""
    memberships = Membership.objects.filter(network__projects=project_id).current(on)
    return list(memberships.values_list("person_id", flat=True).distinct())
