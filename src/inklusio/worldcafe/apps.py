from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, TimelineEntry


class WorldcafeConfig(AppConfig):
    name = "inklusio.worldcafe"
    label = "worldcafe"
    verbose_name = _("World Café")
    # Safe to run again after its worker died (core/taskrecovery.py): it plans again from the stored participants.
    rerunnable_tasks = [
        "inklusio.worldcafe.tasks.improve_plan",
    ]
    demo_order = 30
    nav_items = [NavItem(_("World Café"), "worldcafe:list", "worldcafe.view_worldcafe", "events")]

    def timeline_entries(self, person, user):
        if not user.has_perm("worldcafe.view_worldcafe"):
            return []
        return [
            TimelineEntry(seat.cafe.created, _("World Café"), seat.cafe.title, seat.cafe.get_absolute_url())
            for seat in person.world_cafe_seats.select_related("cafe")[:50]
        ]

    def active_person_ids(self, since):
        """People seated at a World Café planned since the date."""
        from .models import CafeParticipant  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return [CafeParticipant.objects.filter(person__isnull=False, created__gte=since).values("person_id")]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)
