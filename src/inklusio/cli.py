"""The ``inklusio`` command: demo, serve, worker, load-demo, import, manage, and the apps' own commands."""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import import_module

HOST, PORT = "127.0.0.1", 8000


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    import django  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    django.setup()
    from django.utils import translation  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    # The command line speaks the shell's language: German for de_*, English otherwise.
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    translation.activate("de" if locale.lower().startswith("de") else "en")


def _manage(*args: str) -> None:
    from django.core.management import call_command  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    call_command(*args)


def prepare_database(verbosity: int = 0) -> None:
    from django.core.management import call_command  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)


def cmd_demo(args) -> int:
    _setup()
    from inklusio.core import demo  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    print("inklusio: preparing the database …", flush=True)
    prepare_database()
    if demo.database_is_empty():
        print("inklusio: loading the demo data (the reference project) …", flush=True)
        demo.load_demo()
    username, password = demo.ensure_demo_login()
    print(_demo_login_text(args, username, password, demo.demo_authenticator()), flush=True)
    return _run_services(args.host, args.port, workers=2)


def _demo_login_text(args, username: str, password: str, device) -> str:
    from inklusio.core import twofactor  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    return (
        f"\n  inklusio runs on http://{args.host}:{args.port}/staff/login/\n"
        f"  Login: {username}   Password: {password}\n"
        f"  (also staff, coordinator, reviewer, finanzen with the same password: one login per role)\n\n"
        f"  '{username}' is a project lead, and leads log in with a second factor. Add this key to an\n"
        f"  authenticator app (FreeOTP, Aegis, a password manager ...) by scanning the QR code or typing the key,\n"
        f"  then enter the app's six-digit code after the password.\n"
        f"  Key: {twofactor.secret_text(device)}\n"
        f"  URI: {device.config_url}\n"
        f"{twofactor.terminal_qr(device)}\n"
        f"  Stop with Ctrl-C.\n"
    )


@dataclass
class Service:
    """A child process of ``inklusio demo``: started, watched, and started again when it dies."""

    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    starts: list[float] = field(default_factory=list)

    def start(self, env: dict) -> None:
        self.starts.append(time.monotonic())
        self.process = subprocess.Popen(self.command, env=env)  # noqa: S603 - our own interpreter and modules

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


def demo_services(host: str, port: int, workers: int) -> list[Service]:
    python = sys.executable
    web = [python, "-m", "gunicorn", "inklusio.wsgi:application", "--bind", f"{host}:{port}"]
    return [
        Service("web server", [*web, "--workers", str(workers), "--access-logfile", "-"]),
        Service("worker", [python, "-m", "inklusio.cli", "worker"]),
    ]


def supervise(
    services: list[Service],
    env: dict,
    stop: threading.Event,
    *,
    poll: float = 0.5,
    max_starts: int = 5,
    window: float = 60.0,
) -> int:
    """Run the services until ``stop`` is set; start one again when it dies, while the others keep running.

    A service that died ``max_starts`` times within ``window`` seconds is broken (a port in use, a database that
    is gone): then everything stops and the result is 1. A task its dead worker left running is settled by the
    next worker (``core/taskrecovery.py``). On ``stop``, every service gets SIGTERM (the worker finishes its task).
    """
    failed = False
    for service in services:
        service.start(env)
    try:
        while not stop.wait(poll):
            for service in services:
                if service.running() or stop.is_set():
                    continue
                code = service.process.returncode
                now = time.monotonic()
                if len([t for t in service.starts if now - t < window]) >= max_starts:
                    print(
                        f"inklusio: the {service.name} stopped (exit code {code}) {max_starts} times within "
                        f"{window:.0f} s; stopping.",
                        file=sys.stderr,
                        flush=True,
                    )
                    failed = True
                    stop.set()
                    break
                print(f"inklusio: the {service.name} stopped (exit code {code}); starting it again.", flush=True)
                service.start(env)
    finally:
        for service in services:
            if service.running():
                service.process.send_signal(signal.SIGTERM)
        for service in services:
            if service.process is None:
                continue
            try:
                service.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                service.process.kill()
                service.process.wait()
    return 1 if failed else 0


def _run_services(host: str, port: int, workers: int) -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "inklusio.settings"}
    stop = threading.Event()

    def on_signal(*_args):
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    result = supervise(demo_services(host, port, workers), env, stop)
    print("inklusio: stopped.", flush=True)
    return result


def cmd_serve(args) -> int:
    _setup()
    prepare_database()
    os.execv(  # noqa: S606 - replaces this process with gunicorn on purpose
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "inklusio.wsgi:application",
            "--bind",
            f"{args.host}:{args.port}",
            "--workers",
            str(args.workers),
        ],
    )
    return 0


def cmd_worker(args) -> int:
    _setup()
    from inklusio.core.scheduler import run_worker  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    return run_worker(queues=args.queue, batch=args.batch)


def cmd_load_demo(args) -> int:
    _setup()
    from inklusio.core import demo  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    prepare_database()
    if not demo.database_is_empty() and not args.force:
        print("The database already holds data; pass --force to add the demo data anyway.", file=sys.stderr)
        return 1
    demo.load_demo()
    print("Demo data loaded.")
    return 0


def cmd_import_contacts(args) -> int:
    _setup()
    from django.conf import settings  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    from inklusio.contacts import importing  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    size = os.path.getsize(args.file)
    if size > settings.IMPORT_MAX_BYTES:
        print(
            f"{args.file}: the file is {size / 1_048_576:.1f} MB; at most "
            f"{settings.IMPORT_MAX_BYTES // 1_048_576} MB can be imported.",
            file=sys.stderr,
        )
        return 1
    with open(args.file, "rb") as handle:
        plan = importing.plan_import(handle.read())
    if not plan.ok:
        for issue in plan.errors:
            print(f"{args.file}: {issue}", file=sys.stderr)
        print(f"{len(plan.errors)} problems; nothing was imported.", file=sys.stderr)
        return 1
    if args.dry_run:
        print(
            f"Dry run: {len(plan.rows)} people would be imported, {len(plan.skipped)} rows skipped "
            "(already in the contact base)."
        )
    else:
        summary = importing.execute_import(plan)
        print(
            f"Imported {summary.people} people and {summary.organisations} organisations; "
            f"{summary.skipped} rows were already in the contact base."
        )
    for number in plan.suppressed:
        print(f"{args.file}: row {number}: suppressed (the address was erased on request); not imported.")
    return 0


def cmd_backup(args) -> int:
    _setup()
    from inklusio.core import backup  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    try:
        summary = backup.create_backup(args.output)
    except backup.BackupError as error:
        print(f"inklusio backup: {error}", file=sys.stderr)
        return error.exit_code
    print(
        f"Backup written to {summary.path}: {summary.database} database "
        f"({summary.migrations} migrations applied), {summary.files} uploaded files."
    )
    return 0


def cmd_restore(args) -> int:
    _setup()
    from inklusio.core import backup  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    try:
        summary = backup.restore_backup(args.archive, force=args.force)
    except backup.BackupError as error:
        print(f"inklusio restore: {error}", file=sys.stderr)
        return error.exit_code
    print(
        f"Restored {summary.database} database and {summary.files} uploaded files from {summary.path}. "
        "Run `inklusio manage migrate` (or start `inklusio serve`) if this code is newer than the backup."
    )
    return 0


def cmd_check(args) -> int:
    _setup()
    from inklusio.core.deploycheck import run_checks  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    results = run_checks()
    for result in results:
        print(result.line())
    failed = [r.name for r in results if not r.ok]
    print(
        f"{len(results) - len(failed)} of {len(results)} checks passed"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


def cmd_manage(args) -> int:
    _setup()
    from django.core.management import execute_from_command_line  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    execute_from_command_line(["inklusio manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inklusio", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="migrate, load the demo data, print a login, serve with a worker")
    demo.add_argument("--host", default=HOST)
    demo.add_argument("--port", type=int, default=PORT)
    demo.set_defaults(func=cmd_demo)

    serve = commands.add_parser("serve", help="serve with gunicorn")
    serve.add_argument("--host", default=HOST)
    serve.add_argument("--port", type=int, default=PORT)
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    serve.set_defaults(func=cmd_serve)

    worker = commands.add_parser("worker", help="run background tasks and the periodic jobs")
    worker.add_argument("--queue", action="append", help="queue to work on (repeatable; default: all)")
    worker.add_argument("--batch", action="store_true", help="process what is queued, then exit")
    worker.set_defaults(func=cmd_worker)

    load_demo = commands.add_parser("load-demo", help="load the demo data into an empty database")
    load_demo.add_argument("--force", action="store_true")
    load_demo.set_defaults(func=cmd_load_demo)

    importer = commands.add_parser("import", help="import data from a file")
    kinds = importer.add_subparsers(dest="kind", required=True)
    contacts = kinds.add_parser("contacts", help="contacts from CSV or XLSX, all or nothing")
    contacts.add_argument("file")
    contacts.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
    contacts.set_defaults(func=cmd_import_contacts)

    backup = commands.add_parser("backup", help="the database and uploaded files in one tar.gz with a manifest")
    backup.add_argument("--output", "-o", help="archive to write (default: var/backups/inklusio-TIME.tar.gz)")
    backup.set_defaults(func=cmd_backup)

    restore = commands.add_parser("restore", help="restore a backup into an empty database")
    restore.add_argument("archive")
    restore.add_argument("--force", action="store_true", help="replace a database and files that are not empty")
    restore.set_defaults(func=cmd_restore)

    check = commands.add_parser("check", help="verify a deployment: settings, database, mail, worker, files")
    check.set_defaults(func=cmd_check)

    manage = commands.add_parser("manage", help="Django's management commands", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    _add_app_commands(commands)
    return parser


def _add_app_commands(commands) -> None:
    """Apps add their own sub-commands with a ``cli.py`` that has ``register(subparsers)``."""
    for app in ("events", "worldcafe", "mailings", "outreach", "networks", "impact", "public", "privacy"):
        try:
            module = import_module(f"inklusio.{app}.cli")
        except ModuleNotFoundError as error:
            if error.name != f"inklusio.{app}.cli":
                raise
            continue
        module.register(commands, _setup)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
