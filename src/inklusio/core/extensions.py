"""Extension points: how the apps plug into shared pages and jobs without the lower layers importing them.

Every type an app hands to an extension point is defined here, in ``core``, so an app never imports the app
that collects it (impact, privacy and public sit *above* the domain apps). Each app's ``AppConfig`` may
declare these hooks; the list is complete, one line per hook, with where it is collected:

- ``nav_items``: list of :class:`NavItem` for the staff navigation, each in one of :data:`NAV_SECTIONS`
  (``core.extensions.nav_sections_for``);
- ``dashboard_panels(user, today)``: list of :class:`DashboardPanel` for the staff overview, with only what
  ``user`` may see and links only where ``user`` has the permission, a few bounded queries each
  (``core.dashboard.dashboard_panels_for``);
- ``demo_order``: int; the app's ``demo.py`` has ``load(ctx)`` (a :data:`DemoLoader`), run by
  ``inklusio load-demo`` in ascending order, ``ctx`` a dict the loaders share (``core.extensions.demo_loaders``);
- ``contact_scope(user)``: a :data:`ContactScope`, the Person ids a user without the contact base permission
  may still see, e.g. a coordinator's network members (``core.extensions.contact_scopes``);
- ``timeline_entries(person, user)``: list of :class:`TimelineEntry` for the contact's timeline, scoped by the
  app to what ``user`` may see of its area (``core.extensions.timeline_for``);
- ``role_permissions``: :data:`RolePermissions`, patterns that widen a staff role (``core.roles``);
- ``periodic_jobs``: list of :class:`PeriodicJob` (or a property returning one) (``core.scheduler``);
- ``rerunnable_tasks``: dotted paths of the app's tasks that may run again after the worker running them
  died (``core.taskrecovery``); any other task left running by a dead worker is marked failed;
- ``import_writers``: ``{kind: "dotted.path"}``, the app's writers of reviewed imports, run by the worker with
  progress and a result page (``core.importjobs``);
- ``document_kinds``: ``{"app.kind": "inklusio.app.module:function"}``, documents made in the worker with
  progress and a download (``core.documents``, which describes the function);
- ``personal_data(person)``: ``{section title: list of plain dicts}``, every record the app holds about the
  person, for the GDPR Art. 15 export (``core.extensions.personal_data_for``, used by ``privacy.export``);
- ``erase_person(person, actor)``: anonymise the person's records in the app (GDPR Art. 17)
  (``core.extensions.erasure_hooks``, run by ``privacy.erasure``; details below);
- ``merge_person(survivor, duplicate, actor)``: move the app's rows from a duplicate person to the one kept,
  resolving what may exist only once (e.g. two registrations for one event); run by
  ``contacts.services.merge_people`` in its transaction, before it moves any row left over generically
  (``core.extensions.merge_hooks``); returns a list of short strings for the audit entry;
- ``retention_categories``: list of :class:`RetentionCategory` (or a property returning one), the app's data
  categories with their default periods (``privacy.retention.categories``);
- ``active_person_ids(since)``: list of querysets of Person ids active in the app since the datetime; a contact
  active nowhere for its period is anonymised by ``privacy.inactive_contacts`` (``privacy.inactive``);
- ``impact_indicators``: ``"inklusio.<app>.figures:INDICATORS"``, a list of :class:`Binding`,
  :class:`Breakdown` and :class:`IndicatorDefinition` (``impact.registry``);
- ``project_indicators(project, start, end, lang)``: list of :class:`ProjectIndicator`, indicators a project
  defines itself and the app computes, e.g. outcome indicators from survey answers (``impact.services.figures``,
  through ``core.extensions.project_indicators_for``);
- ``account_links``: list of :class:`AccountLink`, sections the app adds to the user's account page
  (``core.extensions.account_links_for``);
- ``public_home_blocks``: list of template names included on the public home page (``public.extensions``);
- ``public_home_context(request, project)``: dict added to the public home page's context
  (``public.extensions``).

``erase_person``: all hooks run in one transaction (``inklusio.privacy.erasure.erase_person``) and receive the
same, unchanged ``person`` object (so every hook still sees the name and email); a hook changes rows with
queryset updates and may return the further strings it removed (another email address, a name spelled
differently), which are then scrubbed from the audit log and the task queue and, if addresses, suppressed.

Figures (``impact_indicators``): ``compute(project, start, end)`` returns an int, a float or None (no value)
with aggregate queries only; ``start``/``end`` are dates, both inclusive; ``records_url(project, start, end)``
returns the URL of the records behind the figure, or None (see ``inklusio.impact.registry``). An
:class:`IndicatorDefinition` with a ``permission`` is shown only to users holding it, and only where it has a
value (``impact.registry.visible_to``; e.g. finance's cost figures). Several compute
functions of an area may share one grouped query with :func:`shared_figure`: inside a report or dashboard
(:func:`figure_scope`, set by impact) it runs once per key; outside one, at every call.

Retention (``retention_categories``): ``find(cutoff)`` returns what is due and ``apply(cutoff, now)`` deletes
or anonymises exactly that and returns how many items it handled (see ``inklusio.privacy.retention``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .indicators import IndicatorSpec

# -- navigation, demo data, contacts ------------------------------------------------------------------------


# The staff navigation's sections, in the order shown.
NAV_SECTIONS = {
    "contacts": _("Contacts"),
    "events": _("Events"),
    "communication": _("Communication"),
    "networks": _("Networks"),
    "impact": _("Impact"),
    "administration": _("Administration"),
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str
    section: str = "administration"  # a key of NAV_SECTIONS


@dataclass(frozen=True)
class DashboardItem:
    """One line of an overview panel; ``url`` empty where the user may not open it."""

    label: str
    url: str = ""
    detail: str = ""
    flag: str = ""  # a short word that needs attention ("overdue"), shown as text, never by colour alone


@dataclass(frozen=True)
class DashboardPanel:
    """A box on the staff overview. Panels of several apps with the same ``key`` are shown as one."""

    key: str
    title: str
    items: list[DashboardItem] = field(default_factory=list)
    empty: str = ""  # what to do next when there are no items
    summary: str = ""  # one sentence above the items, e.g. a count
    actions: list[DashboardItem] = field(default_factory=list)  # links to where the work is done
    order: int = 50


@dataclass(frozen=True)
class TimelineEntry:
    when: date | datetime
    kind: str
    text: str
    url: str = ""


DemoLoader = Callable[[dict], Any]  # ``demo.load(ctx)``
ContactScope = Any  # a queryset of Person ids (``.values("pk")`` or ``values_list``), or None for nothing
RolePermissions = dict[str, list[str]]  # ``{"role": ["app_label.codename pattern", ...]}``


# -- periodic jobs (collected by core.scheduler) ------------------------------------------------------------


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str  # dotted path of a django-tasks task
    every: timedelta


# -- figures (collected by impact.registry) -----------------------------------------------------------------

Compute = Callable[..., "int | float | None"]
RecordsUrl = Callable[..., "str | None"]


@dataclass(frozen=True)
class Binding:
    """An app's compute function (and optional records link) for a catalogue code."""

    code: str
    compute: Compute
    records_url: RecordsUrl | None = None


@dataclass(frozen=True)
class Breakdown:
    """A figure split into groups, e.g. support provided by kind (the report's accessibility section).

    ``key`` names the report section it belongs to (``"accessibility"``, ``"target_groups"``);
    ``compute(project, start, end)`` returns ``{group label: count of people}`` with aggregate queries.
    Groups of fewer than five people are suppressed when shown (``impact.disclosure.suppress_small``).
    """

    key: str
    title_de: str
    title_en: str
    compute: Callable[..., dict]

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_de


_figure_memo: ContextVar[dict | None] = ContextVar("figure_memo", default=None)


@contextmanager
def figure_scope():
    """One report or dashboard: compute functions may share one grouped query (:func:`shared_figure`) inside it.

    The results live only as long as the ``with`` block (one request), so every figure stays computed from the
    records as they are; nested scopes share the outer one."""
    if _figure_memo.get() is not None:
        yield
        return
    token = _figure_memo.set({})
    try:
        yield
    finally:
        _figure_memo.reset(token)


def in_figure_scope() -> bool:
    return _figure_memo.get() is not None


def shared_figure(key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per ``key`` inside a :func:`figure_scope` (e.g. one grouped query that several
    indicators read), at every call outside one."""
    memo = _figure_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@dataclass(frozen=True)
class IndicatorDefinition(IndicatorSpec):
    """A complete indicator: an impact catalogue entry with its compute function, or an app's own code."""

    compute: Compute | None = None
    records_url: RecordsUrl | None = None
    manual: bool = False
    # A permission ("app_label.codename") needed to see the figure, e.g. cost figures for finance users only;
    # empty: everyone who sees the report sees it (``impact.registry.visible_to``).
    permission: str = ""

    @classmethod
    def from_spec(cls, spec: IndicatorSpec, compute=None, records_url=None) -> IndicatorDefinition:
        """From a catalogue entry (``impact.catalogue.IndicatorSpec``)."""
        return cls(
            **{f.name: getattr(spec, f.name) for f in fields(IndicatorSpec)},
            compute=compute,
            records_url=records_url,
        )

    @property
    def has_source(self) -> bool:
        return self.compute is not None


@dataclass(frozen=True)
class ProjectIndicator:
    """A project's own computed indicator for a period, e.g. the share of survey respondents answering "yes".

    ``respondents`` is the number of answers behind the value; ``part`` those counted (for a share or count);
    ``measure`` is "share" (per cent), "count" or "mean"; ``respondents_noun`` names them in the report
    ("Antwortenden").
    """

    code: str
    label: str
    unit: str
    level: int
    definition: str
    measure: str
    value: float | int | None
    respondents: int
    part: int | None = None
    respondents_noun: str = ""
    baseline: float | int | None = None
    target: float | int | None = None
    records_url: str | None = None
    higher_is_better: bool = True


# -- retention (collected by privacy.retention) -------------------------------------------------------------

DELETE = "delete"
ANONYMISE = "anonymise"


@dataclass(frozen=True)
class RetentionCategory:
    key: str  # "<app label>.<name>", stable: overrides and run logs refer to it
    label: str
    data: str  # which personal data the category holds
    data_subjects: str
    purpose: str
    legal_basis: str
    recipients: str
    default_days: int | Callable[[], int]
    find: Callable[[datetime], Iterable]
    apply: Callable[[datetime, datetime], int]
    action: str = DELETE
    describe: Callable[[object], str] = str
    minimum_days: int = 1
    minimum_reason: str = ""
    measures: str = ""  # category-specific technical and organisational measures
    after: str = field(default="")  # what the period counts from, e.g. "the end of the event"

    def default_period(self) -> int:
        return self.default_days() if callable(self.default_days) else self.default_days


# -- collectors of the hooks above that live in core --------------------------------------------------------


def _configs_with(attribute: str):
    return [config for config in apps.get_app_configs() if hasattr(config, attribute)]


@dataclass(frozen=True)
class AccountLink:
    """A link on the account page to a page of an app's own (e.g. the API tokens)."""

    label: Any
    url_name: str
    description: Any = ""


def account_links_for(user) -> list[AccountLink]:
    return [link for config in _configs_with("account_links") for link in config.account_links]


def nav_items_for(user) -> list[NavItem]:
    items = []
    for config in _configs_with("nav_items"):
        items.extend(item for item in config.nav_items if user.has_perm(item.permission))
    return items


def nav_sections_for(user) -> list[tuple[str, str, list[NavItem]]]:
    """``(key, label, items)`` of every section with an item the user may open, in :data:`NAV_SECTIONS` order."""
    grouped: dict[str, list[NavItem]] = {key: [] for key in NAV_SECTIONS}
    for item in nav_items_for(user):
        grouped.setdefault(item.section, []).append(item)
    return [(key, NAV_SECTIONS.get(key, key), items) for key, items in grouped.items() if items]


def demo_loaders() -> list[DemoLoader]:
    """The ``load`` functions of every app's demo module, in dependency order."""
    configs = sorted(_configs_with("demo_order"), key=lambda config: config.demo_order)
    return [import_module(f"{config.name}.demo").load for config in configs]


def contact_scopes(user) -> list[ContactScope]:
    return [config.contact_scope(user) for config in _configs_with("contact_scope")]


def timeline_for(person, user) -> list[TimelineEntry]:
    """Every area's entries about the person that ``user`` may see, newest first."""
    entries = []
    for config in _configs_with("timeline_entries"):
        entries.extend(config.timeline_entries(person, user))

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


def project_indicators_for(project, start, end, lang: str) -> list[ProjectIndicator]:
    """Every app's own indicators of the project for the period (dates, both inclusive)."""
    found = []
    for config in _configs_with("project_indicators"):
        found.extend(config.project_indicators(project, start, end, lang))
    return found


def merge_hooks():
    """Every app's ``merge_person`` hook, as ``(app label, hook)``."""
    return [(config.label, config.merge_person) for config in _configs_with("merge_person")]


def erasure_hooks():
    """Every app's ``erase_person`` hook, as ``(app label, hook)``."""
    return [(config.label, config.erase_person) for config in _configs_with("erase_person")]
