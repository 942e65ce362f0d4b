"""``inklusio privacy retention [--dry-run]``: apply the retention schedule now, or show what it would do."""


def register(subparsers, setup) -> None:
    privacy = subparsers.add_parser("privacy", help="data protection: the retention schedule")
    commands = privacy.add_subparsers(dest="privacy_command", required=True)
    retention = commands.add_parser("retention", help="delete or anonymise what has expired (as the worker does)")
    retention.add_argument("--dry-run", action="store_true", help="only count what would be deleted or anonymised")
    retention.set_defaults(func=lambda args: _retention(args, setup))


def _retention(args, setup) -> int:
    setup()
    from django.utils.translation import gettext as _  # noqa: PLC0415 — loaded when the command runs, after Django is set up
    from django.utils.translation import ngettext  # noqa: PLC0415

    from . import retention  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    if args.dry_run:
        rows = [(due.category.label, due.days, due.count) for due in retention.dry_run()]
        heading = _("Would delete or anonymise (dry run, nothing changed):")
    else:
        record = retention.run(trigger="command")
        labels = {category.key: category.label for category in retention.categories()}
        rows = [(labels.get(key, key), entry["days"], entry["count"]) for key, entry in record.results.items()]
        heading = _("Deleted or anonymised:")
        failed = record.failed
    print(heading)
    width = max(len(str(label)) for label, _days, _count in rows)
    for label, days, count in rows:
        period = ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
        print(f"  {str(label):<{width}}  {count:>7}  ({period})")
    if not args.dry_run and failed:
        print(_("Failed: %(keys)s (see the log)") % {"keys": ", ".join(failed)})
        return 1
    return 0
