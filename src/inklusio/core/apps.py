import time
from datetime import timedelta

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from .extensions import NavItem, PeriodicJob


class CoreConfig(AppConfig):
    name = "inklusio.core"
    label = "core"
    verbose_name = _("Core")
    demo_order = 0
    nav_items = [
        NavItem(_("Projects"), "core:project_list", "core.view_project"),
        NavItem(_("Users & roles"), "core:user_list", "core.manage_users"),
        NavItem(_("Audit log"), "core:audit_log", "core.view_auditevent"),
        NavItem(_("Organisation"), "core:organisation_settings", "core.change_organisationprofile"),
    ]

    periodic_jobs = [PeriodicJob("core.prune_documents", "inklusio.core.tasks.prune_documents", timedelta(hours=1))]
    # An import's write runs in one transaction with its job's state: after a dead worker, nothing was written.
    # A document is built into a new file and published only when complete; pruning deletes what is expired.
    rerunnable_tasks = [
        "inklusio.core.tasks.write_import",
        "inklusio.core.tasks.build_document",
        "inklusio.core.tasks.prune_documents",
    ]

    def ready(self):
        from .converters import TokenConverter  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called
        from .roles import ensure_roles  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        register_converter(TokenConverter, "token")

        post_migrate.connect(ensure_roles, sender=self)
        user_logged_in.connect(_note_authentication, dispatch_uid="inklusio_auth_at")

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)


def _note_authentication(sender, request, user, **kwargs):
    from .access import mark_authenticated  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called
    from .middleware import LOGIN_AT_SESSION_KEY  # noqa: PLC0415 — as above

    if request is not None and hasattr(request, "session"):
        mark_authenticated(request)
        request.session[LOGIN_AT_SESSION_KEY] = int(time.time())  # the absolute limit counts from here
