"""``inklusio check``: each check against the real thing (SMTP server on loopback, the test database, real
directories), passing and failing."""

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from inklusio.core import deploycheck, scheduler

from ..mailings.crossprocess import ROOT

STRONG_KEY = "k3y-" + "Zq8vT1xLp0" * 6


@pytest.fixture
def production(settings, tmp_path):
    settings.DEBUG = False
    settings.SECRET_KEY = STRONG_KEY
    settings.VAR_DIR = tmp_path
    settings.ALLOWED_HOSTS = ["inklusio.example.org"]
    settings.SITE_URL = "https://inklusio.example.org"
    settings.SESSION_COOKIE_SECURE = True
    return settings


def test_production_settings_pass(production):
    for check in (deploycheck.check_debug, deploycheck.check_secret_key, deploycheck.check_hosts):
        assert check().ok, check()
    assert deploycheck.check_site_url().ok


def test_debug_on_fails(production):
    production.DEBUG = True
    assert not deploycheck.check_debug().ok


def test_the_generated_key_fails_over_https_and_a_weak_key_always(production, tmp_path):
    (tmp_path / "secret_key").write_text(STRONG_KEY)
    result = deploycheck.check_secret_key()
    assert not result.ok and "generated" in result.detail
    production.SESSION_COOKIE_SECURE = False
    assert deploycheck.check_secret_key().ok
    production.SECRET_KEY = "django-insecure-abc"
    assert not deploycheck.check_secret_key().ok


@pytest.mark.parametrize(
    ("hosts", "site", "ok"),
    [
        (["inklusio.example.org"], "https://inklusio.example.org", True),
        ([".example.org"], "https://inklusio.example.org", True),
        (["other.example.org"], "https://inklusio.example.org", False),
        (["*"], "https://inklusio.example.org", False),
        ([], "https://inklusio.example.org", False),
    ],
)
def test_allowed_hosts_must_name_the_site(production, hosts, site, ok):
    production.ALLOWED_HOSTS, production.SITE_URL = hosts, site
    assert deploycheck.check_hosts().ok is ok


def test_site_url_must_match_https(production):
    production.SITE_URL = "http://inklusio.example.org"
    assert "HTTPS is on" in deploycheck.check_site_url().detail
    production.SESSION_COOKIE_SECURE = False
    production.SITE_URL = "https://inklusio.example.org"
    assert not deploycheck.check_site_url().ok
    production.SITE_URL = "inklusio.example.org"
    assert not deploycheck.check_site_url().ok


def test_database_reachable_and_migrated(db):
    result = deploycheck.check_database()
    assert result.ok, result.detail


def test_mail_server_answers_without_a_message_being_sent(smtp_server):
    result = deploycheck.check_mail()
    assert result.ok, result.detail
    assert smtp_server.messages == []


def test_a_stopped_mail_server_fails(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = "127.0.0.1", port, 0, 0
    result = deploycheck.check_mail()
    assert not result.ok and f"127.0.0.1:{port}" in result.detail


def test_a_console_mail_backend_fails(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert "console" in deploycheck.check_mail().detail


def test_worker_heartbeat_fresh_stale_and_missing(db, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE = 120
    result = deploycheck.check_worker()
    assert not result.ok and "no worker has run" in result.detail
    now = timezone.now()
    scheduler.beat("w1", now, now=now - timedelta(minutes=5))
    result = deploycheck.check_worker()
    assert not result.ok and "limit 120 s" in result.detail
    scheduler.beat("w1", now, now=now - timedelta(seconds=5))
    result = deploycheck.check_worker()
    assert result.ok and "1 alive" in result.detail


def test_static_files_must_be_collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    assert not deploycheck.check_static().ok
    call_command("collectstatic", interactive=False, verbosity=0)
    result = deploycheck.check_static()
    assert result.ok, result.detail


def test_upload_dirs_must_be_writable(settings, tmp_path):
    assert deploycheck.check_upload_dirs().ok
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.MEDIA_ROOT = blocker / "media"
    result = deploycheck.check_upload_dirs()
    assert not result.ok and "MEDIA_ROOT" in result.detail


def test_the_command_prints_one_line_per_check_and_fails_on_any_failure(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "INKLUSIO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "EMAIL_URL": "console://",
    }
    done = subprocess.run(
        [sys.executable, "-m", "inklusio.cli", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert len(lines) == len(deploycheck.CHECKS) + 1
    assert lines[0].startswith("ok    debug")
    assert any(line.startswith("FAIL  database: ") and "not applied" in line for line in lines)
    assert any(line.startswith("FAIL  mail: ") for line in lines)
    assert "failed: " in lines[-1]
