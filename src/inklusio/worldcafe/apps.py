from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem


class WorldcafeConfig(AppConfig):
    name = "inklusio.worldcafe"
    label = "worldcafe"
    verbose_name = _("World Café")
    # Safe to run again after its worker died (core/taskrecovery.py): it plans again from the stored participants.
    rerunnable_tasks = [
        "inklusio.worldcafe.tasks.improve_plan",
    ]
    demo_order = 30
    nav_items = [NavItem(_("World Café"), "worldcafe:list", "worldcafe.view_worldcafe")]

    def timeline_entries(self, person):
        from inklusio.core.extensions import TimelineEntry

        return [
            TimelineEntry(seat.cafe.created, _("World Café"), seat.cafe.title, seat.cafe.get_absolute_url())
            for seat in person.world_cafe_seats.select_related("cafe")[:50]
        ]

    def active_person_ids(self, since):
        """People seated at a World Café planned since the date."""
        from .models import CafeParticipant

        return [CafeParticipant.objects.filter(person__isnull=False, created__gte=since).values("person_id")]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES

        return CATEGORIES

    def personal_data(self, person):
        from .privacy import personal_data

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person

        return erase_person(person, actor)
