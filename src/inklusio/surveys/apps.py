from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob


class SurveysConfig(AppConfig):
    name = "inklusio.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    demo_order = 65  # after events (20) and networks (60): the demo surveys are attached to them
    nav_items = [
        NavItem(_("Surveys"), "surveys:survey_list", "surveys.view_survey", "impact"),
        NavItem(_("Outcome indicators"), "surveys:indicator_list", "surveys.view_surveyindicator", "impact"),
    ]
    periodic_jobs = [PeriodicJob("surveys.follow_ups", "inklusio.surveys.tasks.send_follow_ups", timedelta(hours=1))]
    # Each invitation is marked sent right after its message was accepted: a second run repeats at most one.
    rerunnable_tasks = ["inklusio.surveys.tasks.send_follow_ups"]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES

    def project_indicators(self, project, start, end, lang):
        from .figures import project_indicators  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return project_indicators(project, start, end, lang)

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)

    def merge_person(self, survivor, duplicate, actor):
        from .privacy import merge_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return merge_person(survivor, duplicate, actor)
