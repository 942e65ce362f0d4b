"""How the domain apps plug into shared pages without the core importing them.

Each app's ``AppConfig`` may declare:

- ``nav_items``: a list of :class:`NavItem` for the staff navigation;
- ``demo_order``: an int; the app's ``demo.py`` then has ``load(ctx)``, run by
  ``inklusio load-demo`` in ascending order (``ctx`` is a dict the loaders share);
- ``contact_scope(user)``: a queryset of Person ids that a user without the
  contact base permission may still see (e.g. a coordinator's network members);
- ``timeline_entries(person)``: a list of :class:`TimelineEntry` for the
  contact's timeline.
- ``periodic_jobs``: a list of ``scheduler.PeriodicJob`` the workers enqueue once per interval;
- ``rerunnable_tasks``: dotted paths of the app's tasks that may run again after the worker running them
  died (``core/taskrecovery.py``); any other task left running by a dead worker is marked failed.

Data protection (issue 10; the ``privacy`` app collects them):

- ``personal_data(person)``: a dict ``{section title: list of plain dicts}`` with
  every record the app holds about the person (GDPR Art. 15 export);
- ``erase_person(person, actor)``: anonymise the person's records in this app
  so that no name, email or free text about them is left, keeping the rows that
  aggregate figures count (GDPR Art. 17). All hooks run in one transaction
  (``inklusio.privacy.erasure.erase_person``) and receive the same, unchanged
  ``person`` object (so every hook still sees the name and email); a hook changes
  rows with queryset updates and may return the further strings it removed
  (another email address, a name spelled differently), which are then scrubbed
  from the audit log and the task queue and, if addresses, suppressed;
- ``retention_categories``: the app's data categories with their default
  retention periods (see ``inklusio.privacy.retention``);
- ``active_person_ids(since)``: a list of querysets of Person ids with activity
  in the app since the datetime; a contact active nowhere for its period is
  anonymised by the retention category ``privacy.inactive_contacts``.
"""

from dataclasses import dataclass
from datetime import date, datetime
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str


@dataclass(frozen=True)
class TimelineEntry:
    when: date | datetime
    kind: str
    text: str
    url: str = ""


def _configs_with(attribute: str):
    return [config for config in apps.get_app_configs() if hasattr(config, attribute)]


def nav_items_for(user) -> list[NavItem]:
    items = []
    for config in _configs_with("nav_items"):
        items.extend(item for item in config.nav_items if user.has_perm(item.permission))
    return items


def demo_loaders():
    """The ``load`` functions of every app's demo module, in dependency order."""
    configs = sorted(_configs_with("demo_order"), key=lambda config: config.demo_order)
    return [import_module(f"{config.name}.demo").load for config in configs]


def contact_scopes(user):
    return [config.contact_scope(user) for config in _configs_with("contact_scope")]


def timeline_for(person) -> list[TimelineEntry]:
    entries = []
    for config in _configs_with("timeline_entries"):
        entries.extend(config.timeline_entries(person))

    def sort_key(entry: TimelineEntry):
        when = entry.when
        return when.date() if isinstance(when, datetime) else when

    return sorted(entries, key=sort_key, reverse=True)


def personal_data_for(person) -> list[tuple[str, str, dict]]:
    """Every app's Art. 15 section: ``(app label, app name, {section title: records})``."""
    found = []
    for config in _configs_with("personal_data"):
        sections = config.personal_data(person)
        if sections:
            found.append((config.label, str(config.verbose_name), {str(k): v for k, v in sections.items()}))
    return found


def erasure_hooks():
    """Every app's ``erase_person`` hook, as ``(app label, hook)``."""
    return [(config.label, config.erase_person) for config in _configs_with("erase_person")]
