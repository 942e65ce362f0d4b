"""``inklusio mail …``: process bounces, send what is due, import subscribers."""

import mailbox
import sys


def register(subparsers, setup) -> None:
    mail = subparsers.add_parser("mail", help="the Infoletter: bounces, sending, subscriber import")
    commands = mail.add_subparsers(dest="mail_command", required=True)

    bounces = commands.add_parser("process-bounces", help="read DSNs from the Maildir or IMAP mailbox (settings)")
    bounces.add_argument("--maildir", help="Maildir path (default: MAILINGS_BOUNCE_MAILDIR)")
    bounces.add_argument("--imap", help="imaps://user:pass@host/INBOX (default: MAILINGS_BOUNCE_IMAP_URL)")
    bounces.set_defaults(func=lambda args: _process_bounces(args, setup))

    send = commands.add_parser("send", help="send a mailing in this process (one sender, one SMTP connection)")
    send.add_argument("mailing", type=int)
    send.set_defaults(func=lambda args: _send(args, setup))

    dispatch = commands.add_parser("dispatch", help="start due mailings, resume interrupted ones (as the worker does)")
    dispatch.set_defaults(func=lambda args: _dispatch(args, setup))

    importer = commands.add_parser("import", help="import subscribers from CSV/XLSX, all or nothing")
    importer.add_argument("file")
    importer.add_argument("--tool", default="Import", help="name of the tool the file comes from")
    importer.add_argument("--dry-run", action="store_true")
    importer.set_defaults(func=lambda args: _import(args, setup))


def _process_bounces(args, setup) -> int:
    setup()
    from . import bounces, conf  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    maildir = args.maildir or conf.bounce_maildir()
    imap = args.imap or conf.bounce_imap_url()
    if not maildir and not imap:
        print("Set MAILINGS_BOUNCE_MAILDIR or MAILINGS_BOUNCE_IMAP_URL (or pass --maildir/--imap).", file=sys.stderr)
        return 2
    summaries = []
    if maildir:
        try:
            summaries.append(bounces.process_maildir(maildir))
        except (mailbox.NoSuchMailboxError, OSError) as error:
            print(f"{maildir}: {error}", file=sys.stderr)
            return 1
    if imap:
        summaries.append(bounces.process_imap(imap))
    for summary in summaries:
        print(
            f"{summary.messages} messages: {summary.hard} hard bounces marked, {summary.soft} temporary, "
            f"{summary.unknown} for unknown addresses, {summary.not_dsn} not a DSN."
        )
    return 0


def _send(args, setup) -> int:
    setup()
    from .sending import run_sender  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    result = run_sender(args.mailing)
    print(
        f"{result.name}: sent {result.sent}, retried {result.retried}, bounced {result.bounced}, failed {result.failed}"
    )
    return 0


def _dispatch(args, setup) -> int:
    setup()
    from .services import start_due_and_resume_mailings  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    print(start_due_and_resume_mailings())
    return 0


def _import(args, setup) -> int:
    setup()
    from django.conf import settings  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    from . import importing  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    with open(args.file, "rb") as handle:
        plan = importing.plan_import(handle.read(), max_bytes=settings.IMPORT_MAX_BYTES, source=args.tool)
    if not plan.ok:
        for issue in plan.errors:
            print(f"{args.file}: {issue}", file=sys.stderr)
        print(f"{len(plan.errors)} problems; nothing was imported.", file=sys.stderr)
        return 1
    if args.dry_run:
        print(
            f"Dry run: {len(plan.with_proof)} with consent proof, {len(plan.to_reconfirm)} to re-confirm, "
            f"{len(plan.existing)} already subscribed."
        )
    else:
        summary = importing.execute_import(plan, tool=args.tool)
        print(
            f"Imported {summary['confirmed']} with consent proof; {summary['reconfirm']} asked to confirm again; "
            f"{summary['existing']} already subscribed."
        )
    for number in plan.suppressed:
        print(f"{args.file}: row {number}: suppressed (the address was erased on request); not imported.")
    return 0
