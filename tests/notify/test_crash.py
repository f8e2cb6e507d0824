"""A sender killed after the server took a reminder and before it was recorded as sent.

The SMTP server takes the message and then holds its reply, so the `planlogg
round remind` process is inside the hand-over when it gets SIGKILL. The body
got one mail; the step reads "kanskje sendt"; nothing sends it again by itself,
on either database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.reminders import ReminderStatus
from tests.notify.smtp_server import SmtpServer
from web.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FIRST = "Fagråd for pasientsamarbeid"


def environment(database_url: str, smtp: SmtpServer) -> dict[str, str]:
    return {
        "PLANLOGG_DATABASE_URL": database_url,
        "PLANLOGG_SMTP_URL": smtp.url,
        "PLANLOGG_MAIL_FROM": "sekretariat@planlogg.example.org",
        "PLANLOGG_USER": "sekretariatet",
    }


def statuses(database_url: str) -> dict[str, ReminderStatus]:
    app = Planlogg.from_url(database_url)
    try:
        _, state = app.get_plan(DEMO_PLAN).open_round()
        register = app.body_register(DEMO_COMMUNITY)
        return {register.label(r.body): r.status for r in state.reminders if r.step == -1}
    finally:
        app.close()


def test_a_kill_after_the_hand_over_leaves_one_mail_and_kanskje_sendt(
    database_url: str, smtp: SmtpServer
) -> None:
    app = Planlogg.from_url(database_url)
    load_demo(app)
    app.close()
    env = environment(database_url, smtp)
    smtp.inbox.hold.set()
    remind = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "round", "remind",
         DEMO_PLAN, "--date", "30.11.2026"],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    taken = smtp.inbox.taken.wait(120)
    remind.send_signal(signal.SIGKILL)
    remind.wait(30)

    assert taken, remind.stderr.read().decode() if remind.stderr else ""
    assert remind.returncode == -signal.SIGKILL
    assert [str(m["To"]) for m in smtp.inbox.messages] == ["leiar.pasientsamarbeid@example.org"]
    assert statuses(database_url) == {FIRST: ReminderStatus.INTENDED}

    smtp.inbox.hold.clear()
    smtp.inbox.release.set()
    runner = CliRunner()
    for _ in range(2):
        again = runner.invoke(cli, ["round", "remind", DEMO_PLAN, "--date", "30.11.2026"], env=env)
        assert again.exit_code == 0, again.output

    assert sorted(str(m["To"]) for m in smtp.inbox.messages) == [
        "leiar.digital@example.org",
        "leiar.pasientsamarbeid@example.org",
        "sekretariat@example.org",
    ]
    assert statuses(database_url)[FIRST] is ReminderStatus.INTENDED
    shown = runner.invoke(cli, ["round", "show", DEMO_PLAN], env=env)
    assert f"{FIRST}\tikke rapportert\t1 dag etter fristen: kanskje sendt" in shown.output

    confirmed = runner.invoke(
        cli, ["round", "confirm-sent", DEMO_PLAN, FIRST, "--step", "-1"], env=env
    )
    assert confirmed.exit_code == 0, confirmed.output
    assert statuses(database_url)[FIRST] is ReminderStatus.CONFIRMED
    assert len(smtp.inbox.messages) == 3
