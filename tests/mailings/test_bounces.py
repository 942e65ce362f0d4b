"""``inklusio mail process-bounces`` on a Maildir holding real RFC 3464 delivery status notifications."""

import mailbox
import subprocess
import sys
from pathlib import Path

import pytest

from inklusio.mailings import bounces
from inklusio.mailings.models import Delivery, Subscriber

from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db
DSN = Path(__file__).with_name("dsn")


@pytest.fixture
def sent_mailing():
    m = mailing(status="sent")
    subs = {
        e: subscriber(e)
        for e in ["gone@example.org", "full@example.org", "left.company@example.com", "stay@example.org"]
    }
    deliveries = {e: Delivery.objects.create(mailing=m, subscriber=s, status="sent") for e, s in subs.items()}
    return m, deliveries


def _maildir(tmp_path, m, deliveries):
    box = mailbox.Maildir(tmp_path / "bounces", create=True)
    for path in sorted(DSN.glob("*.eml")):
        text = (
            path.read_text()
            .replace("{MAILING}", str(m.pk))
            .replace("{DELIVERY}", str(deliveries["gone@example.org"].pk))
        )
        box.add(mailbox.MaildirMessage(text.encode()))
    return tmp_path / "bounces"


def test_parse_dsn_reads_recipient_blocks():
    hard = bounces.parse_dsn((DSN / "hard_bounce_postfix.eml").read_bytes())
    assert [(b.recipient, b.status, b.hard) for b in hard] == [("gone@example.org", "5.1.1", True)]
    assert hard[0].delivery == "{MAILING}/{DELIVERY}"
    soft = bounces.parse_dsn((DSN / "soft_bounce_delayed.eml").read_bytes())
    assert [(b.recipient, b.hard) for b in soft] == [("full@example.org", False)]
    two = bounces.parse_dsn((DSN / "hard_bounce_exchange_two_recipients.eml").read_bytes())
    assert [b.recipient for b in two] == ["left.company@example.com", "stranger@example.com"]
    assert bounces.parse_dsn((DSN / "not_a_dsn.eml").read_bytes()) is None
    assert bounces.parse_dsn(b"garbage without headers") is None


def test_process_maildir_marks_hard_bounces_only_and_marks_messages_seen(tmp_path, sent_mailing):
    m, deliveries = sent_mailing
    path = _maildir(tmp_path, m, deliveries)
    summary = bounces.process_maildir(str(path))
    assert (summary.messages, summary.hard, summary.soft, summary.unknown, summary.not_dsn) == (4, 2, 1, 1, 1)
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {
        "gone@example.org": "bounced",
        "left.company@example.com": "bounced",
        "full@example.org": "confirmed",
        "stay@example.org": "confirmed",
    }
    assert Delivery.objects.get(pk=deliveries["gone@example.org"].pk).status == "bounced"
    assert "5.1.1" in Subscriber.objects.get(email="gone@example.org").bounce_reason
    # processed messages are not processed again
    again = bounces.process_maildir(str(path))
    assert again.messages == 0


def test_cli_process_bounces(tmp_path, sent_mailing, settings, capsys):
    m, deliveries = sent_mailing
    settings.MAILINGS_BOUNCE_MAILDIR = str(_maildir(tmp_path, m, deliveries))
    from inklusio.cli import main

    assert main(["mail", "process-bounces"]) == 0
    assert "2 hard bounces marked" in capsys.readouterr().out
    assert Subscriber.objects.get(email="gone@example.org").status == "bounced"


def test_cli_process_bounces_without_configuration_fails(tmp_path):
    env_code = subprocess.run(
        [sys.executable, "-m", "inklusio.cli", "mail", "process-bounces"],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
            "INKLUSIO_VAR_DIR": str(tmp_path),
        },
        check=False,
    )
    assert env_code.returncode == 2
    assert "MAILINGS_BOUNCE_MAILDIR" in env_code.stderr
    from inklusio.cli import main

    assert main(["mail", "process-bounces", "--maildir", str(tmp_path / "missing")]) == 1
