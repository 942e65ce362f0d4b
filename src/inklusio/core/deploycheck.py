"""``inklusio check``: verifies a deployment — settings, database and migrations, mail server, worker heartbeat,
static files, upload directories. Each check returns one ``Result``; nothing is changed and no mail is sent."""

import smtplib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http.request import validate_host
from django.utils import timezone

from .models import WorkerHeartbeat
from .scheduler import alive_workers, heartbeat_max_age


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


def _https() -> bool:
    return bool(getattr(settings, "SESSION_COOKIE_SECURE", False))


def check_debug() -> Result:
    if settings.DEBUG:
        return Result("debug", False, "DEBUG is on; never run a deployment with DEBUG=1")
    return Result("debug", True, "DEBUG is off")


def check_secret_key() -> Result:
    key = settings.SECRET_KEY or ""
    key_file = Path(settings.VAR_DIR) / "secret_key"
    generated = key_file.is_file() and key_file.read_text().strip() == key
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        return Result("secret key", False, "SECRET_KEY is too short or weak (use 50+ random characters)")
    if generated and _https():
        return Result(
            "secret key", False, f"SECRET_KEY is the one generated into {key_file}; set SECRET_KEY in the environment"
        )
    if generated:
        return Result("secret key", True, f"generated into {key_file} (set SECRET_KEY when several machines serve)")
    return Result("secret key", True, "set from the environment")


def check_hosts() -> Result:
    hosts = settings.ALLOWED_HOSTS
    if not hosts or "*" in hosts:
        return Result("allowed hosts", False, f"ALLOWED_HOSTS must name the site's host names, not {hosts!r}")
    site = urlparse(settings.SITE_URL)
    if not site.hostname or not validate_host(site.hostname, hosts):
        return Result("allowed hosts", False, f"SITE_URL's host {site.hostname!r} is not in ALLOWED_HOSTS {hosts}")
    return Result("allowed hosts", True, ", ".join(hosts))


def check_site_url() -> Result:
    site = urlparse(settings.SITE_URL)
    if site.scheme not in ("http", "https") or not site.hostname:
        return Result("site url", False, f"SITE_URL {settings.SITE_URL!r} is not an absolute http(s) URL")
    if _https() and site.scheme != "https":
        return Result("site url", False, f"HTTPS is on but SITE_URL is {settings.SITE_URL}: mail links would be http")
    if not _https() and site.scheme == "https":
        return Result("site url", False, "SITE_URL is https but HTTPS is off: cookies would not be marked secure")
    return Result("site url", True, settings.SITE_URL)


def check_database() -> Result:
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:  # noqa: BLE001 - any failure to reach the database is the finding
        return Result("database", False, f"{connection.vendor} not reachable: {error}".strip())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:3])
        return Result("database", False, f"{len(plan)} migrations not applied ({names} …); run inklusio manage migrate")
    return Result("database", True, f"{connection.vendor} reachable, all migrations applied")


def check_mail() -> Result:
    backend = settings.EMAIL_BACKEND
    if backend != "django.core.mail.backends.smtp.EmailBackend":
        return Result("mail", False, f"EMAIL_URL does not point at an SMTP server ({backend.rsplit('.', 2)[-2]})")
    host, port, timeout = settings.EMAIL_HOST, settings.EMAIL_PORT, min(settings.EMAIL_TIMEOUT or 10, 10)
    try:
        smtp_class = smtplib.SMTP_SSL if settings.EMAIL_USE_SSL else smtplib.SMTP
        with smtp_class(host, port, timeout=timeout) as server:
            server.ehlo()
            if settings.EMAIL_USE_TLS:
                server.starttls()
                server.ehlo()
            if settings.EMAIL_HOST_USER:
                server.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
            code, _message = server.noop()
    except (OSError, smtplib.SMTPException) as error:
        return Result("mail", False, f"SMTP server {host}:{port} not usable: {error}")
    if code != 250:
        return Result("mail", False, f"SMTP server {host}:{port} answered NOOP with {code}")
    return Result("mail", True, f"SMTP server {host}:{port} answers (EHLO, NOOP; no mail sent)")


def check_worker() -> Result:
    now = timezone.now()
    try:
        alive = list(alive_workers(now).order_by("-last_seen"))
        last = WorkerHeartbeat.objects.order_by("-last_seen").first()
    except Exception as error:  # noqa: BLE001 - reported by the database check as well
        return Result("worker", False, f"cannot read worker heartbeats: {error}")
    if alive:
        age = (now - alive[0].last_seen).total_seconds()
        hosts = sorted({w.hostname for w in alive})
        return Result("worker", True, f"{len(alive)} alive on {', '.join(hosts)} (last heartbeat {age:.0f} s ago)")
    if last is None:
        return Result("worker", False, "no worker has run; start inklusio worker")
    age = (now - last.last_seen).total_seconds()
    limit = heartbeat_max_age().total_seconds()
    return Result("worker", False, f"last heartbeat {age:.0f} s ago (limit {limit:.0f} s); is inklusio worker running?")


def check_static() -> Result:
    root = Path(settings.STATIC_ROOT)
    missing = []
    total = 0
    for finder in get_finders():
        for path, _storage in finder.list(["CVS", ".*", "*~"]):
            total += 1
            if not (root / path).is_file():
                missing.append(path)
    if missing:
        return Result(
            "static files", False, f"{len(missing)} of {total} not collected in {root} (e.g. {missing[0]}); "
            "run inklusio manage collectstatic"
        )  # fmt: skip
    return Result("static files", True, f"{total} collected in {root}")


def check_upload_dirs() -> Result:
    problems = []
    for setting in ("UPLOAD_ROOT", "MEDIA_ROOT"):
        root = Path(getattr(settings, setting))
        try:
            root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=root, prefix=".inklusio-check-"):
                pass
        except OSError as error:
            problems.append(f"{setting} {root}: {error.strerror or error}")
    if problems:
        return Result("upload dirs", False, "not writable: " + "; ".join(problems))
    return Result("upload dirs", True, f"{settings.UPLOAD_ROOT} and {settings.MEDIA_ROOT} writable")


CHECKS = [
    check_debug,
    check_secret_key,
    check_hosts,
    check_site_url,
    check_database,
    check_mail,
    check_worker,
    check_static,
    check_upload_dirs,
]


def run_checks() -> list[Result]:
    return [check() for check in CHECKS]
