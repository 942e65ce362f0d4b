from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem


class PublicConfig(AppConfig):
    name = "inklusio.public"
    label = "public"
    verbose_name = _("Public site")
    impact_indicators = "inklusio.public.figures:INDICATORS"
    # Safe to run again after their worker died (core/taskrecovery.py): one message each.
    rerunnable_tasks = [
        "inklusio.public.tasks.send_inquiry_confirmation",
        "inklusio.public.tasks.notify_company_of_inquiry",
    ]
    demo_order = 70
    public_home_blocks = ["public/includes/home_goodpractice.html", "public/includes/home_offers.html"]

    @property
    def nav_items(self):
        return [NavItem(_("Public site"), "public:staff_index", "public.view_sitepage", "communication")]

    def public_home_context(self, request, project):
        from .queries import public_offers, published_stories  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return {
            "latest_stories": list(published_stories().prefetch_related("images")[:3]),
            "next_offers": list(public_offers()[:4]),
        }

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)
