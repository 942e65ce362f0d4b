"""``inklusio outreach-import``: import a Meta Business Suite export from the command line (all or nothing).
``inklusio outreach-merge-duplicates [--dry-run]``: merge hand-logged posts into the imported record of the same post.
"""

from pathlib import Path


def register(subparsers, setup) -> None:
    parser = subparsers.add_parser(
        "outreach-import", help="import an Instagram / Meta Business Suite export (posts or followers)"
    )
    parser.add_argument("file")
    parser.add_argument("--channel", required=True, help="the channel's ID or handle, e.g. @bagif_ausbildung")
    parser.add_argument("--project", default="", help="short name of the project new posts belong to")
    parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(args) -> int:
        setup()
        return run(args)

    parser.set_defaults(func=handle)

    merge = subparsers.add_parser(
        "outreach-merge-duplicates",
        help="merge hand-logged posts into the imported record of the same post (same address, or same channel "
        "within OUTREACH_SAME_POST_WINDOW_MINUTES), so the report counts each post once",
    )
    merge.add_argument("--dry-run", action="store_true", help="list what would be merged, change nothing")

    def handle_merge(args) -> int:
        setup()
        return run_merge(args)

    merge.set_defaults(func=handle_merge)


def run_merge(args) -> int:
    from . import services  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    pairs = services.merge_duplicate_posts(dry_run=args.dry_run)
    for pair in pairs:
        when = f"{pair.when:%Y-%m-%d %H:%M}"
        print(f"{pair.channel} {when}: hand-logged post {pair.removed} -> imported post {pair.kept}")
    if args.dry_run:
        print(f"Dry run: {len(pairs)} duplicate posts found; nothing was changed.")
    else:
        print(f"{len(pairs)} duplicate posts merged.")
    return 0


def run(args) -> int:
    from django.db.models import Q  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    from inklusio.core import audit  # noqa: PLC0415 — loaded when the command runs, after Django is set up
    from inklusio.core.models import Project  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    from . import services  # noqa: PLC0415 — loaded when the command runs, after Django is set up
    from .models import Channel  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    lookup = Q(handle=args.channel) | Q(handle=f"@{args.channel.lstrip('@')}")
    if args.channel.isdigit():
        lookup |= Q(pk=int(args.channel))
    channels = list(Channel.objects.filter(lookup))
    if len(channels) != 1:
        print(f"No single channel matches {args.channel!r}; give its ID or handle.")
        return 2
    channel = channels[0]
    project = None
    if args.project:
        project = Project.objects.filter(slug=args.project).first()
        if project is None:
            print(f"There is no project with the short name {args.project!r}.")
            return 2
    path = Path(args.file)
    if not path.is_file():
        print(f"{path} is not a file.")
        return 2
    plan = services.plan_import(path.read_bytes(), channel)
    for issue in plan.errors:
        print(issue)
    if plan.errors:
        print(f"{len(plan.errors)} problems; nothing was imported.")
        return 1
    if not plan.ok:
        print("The file has no rows to import.")
        return 1
    print(f"{plan.kind}: {len(plan.creates)} new, {len(plan.updates)} to update.")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    created, updated = services.execute_import(plan, channel, project)
    audit.record(None, "outreach.import", path.name, kind=plan.kind, created=created, updated=updated, via="cli")
    print(f"Imported: {created} created, {updated} updated.")
    return 0
