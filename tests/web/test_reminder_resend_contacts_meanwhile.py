"""What a resend answers is what the round says right after it.

The secretariat's step was taken by one address and refused by two; the secretariat resends
it to those two. While the resend talks to the mail server, one of them is taken out of the
body's contacts, and the server puts that one off (451). The next run will not send to an
address that is no longer a contact, so the answer must not say «(prøves igjen)» for it: it
said so, being built from the reminder as stored, before the contacts were read.

Also: a resend refused by every one of 200 addresses names three and counts the rest.

On SQLite and PostgreSQL (the API), SQLite (the command line), against a real SMTP server on
loopback.
"""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.meddled_mailer import MeddledMailer
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from tests.web.conftest import MAIL_FROM, caught_up
from tests.web.test_api_reminders import RESEND, bearer
from tests.web.test_reminder_buttons import reminder, secretariat_id
from web.cli import cli, round_commands
from web.tokens import Role

SECRETARIAT = "sekretariat@example.org"
OTHER = "leiar@example.org"
THIRD = "borte@example.org"
TODAY = date(2026, 11, 30)
BY = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
UNLISTED = "ikke sendt (utsatt av e-posttjeneren, adressen er ikke lenger blant organets kontakter)"
MEMBERS = [f"medlem{i:03d}@example.org" for i in range(200)]


def contacts(app: Planlogg, *addresses: str) -> None:
    app.set_body_contacts(DEMO_COMMUNITY, "Sekretariat", list(addresses), list(addresses), BY)


def partly_sent(app: Planlogg, smtp: SmtpServer) -> None:
    """The run: the secretariat's own address took it, the two others refused it (550);
    then the server takes the one and puts off the other."""
    contacts(app, SECRETARIAT, OTHER, THIRD)
    smtp.inbox.refused.update({OTHER, THIRD})
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, MAIL_FROM), timeout=10)
    reminder_sender(app, mailer).send_due(DEMO_PLAN, TODAY)
    found = reminder(app, secretariat_id(app))
    assert (found.status, found.taken, sorted(found.refused)) == (
        ReminderStatus.PARTLY_SENT, (SECRETARIAT,), [THIRD, OTHER],
    )  # fmt: skip
    smtp.inbox.refused.clear()
    smtp.inbox.deferred.add(THIRD)


def test_the_api_says_an_address_taken_out_during_the_resend_is_not_tried_again(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    partly_sent(app, smtp)
    services: Any = web.extensions["planlogg"]

    def taken_out(_message: EmailMessage) -> None:
        contacts(app, SECRETARIAT, OTHER)

    services.mailer = MeddledMailer(services.mailer, before_offer=taken_out)
    caught_up(web)

    response = web.test_client().post(
        RESEND, json={"body": "Sekretariat", "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 200, response.json
    assert (response.json["reminder_status"], response.json["attempt"]) == ("partly_sent", 2)
    assert response.json["done"] == (
        f"Påminnelsen er sendt på nytt til {OTHER}, men ikke til alle adressene: {THIRD} {UNLISTED}"
    )
    assert smtp.inbox.envelopes[-1] == [OTHER]
    found = reminder(app, secretariat_id(app))
    assert (found.taken, list(found.put_off)) == ((SECRETARIAT, OTHER), [THIRD])


def test_the_api_names_three_of_200_addresses_that_refused_the_resend(
    mailing_demo: tuple[Flask, Planlogg], smtp: SmtpServer
) -> None:
    web, app = mailing_demo
    contacts(app, *MEMBERS)
    smtp.inbox.refused.update(MEMBERS)
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, MAIL_FROM), timeout=10)
    reminder_sender(app, mailer).send_due(DEMO_PLAN, TODAY)
    assert reminder(app, secretariat_id(app)).status is ReminderStatus.FAILED
    caught_up(web)

    response = web.test_client().post(
        RESEND, json={"body": "Sekretariat", "step": -1}, headers=bearer(web, Role.EDITOR)
    )

    assert response.status_code == 200, response.json
    assert (response.json["reminder_status"], response.json["attempt"]) == ("failed", 2)
    assert response.json["done"] == (
        "E-posttjeneren avviste påminnelsen: Tjeneren avviste alle mottakerne: "
        "medlem000@example.org (550 5.1.1 Ukjend mottakar), medlem001@example.org (550 5.1.1 "
        "Ukjend mottakar), medlem002@example.org (550 5.1.1 Ukjend mottakar) og 197 til."
    )


@pytest.fixture
def env(tmp_path: Path, smtp: SmtpServer) -> dict[str, str]:
    env = {
        "PLANLOGG_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}",
        "PLANLOGG_USER": "sekretariatet",
        "PLANLOGG_SMTP_URL": smtp.url,
        "PLANLOGG_MAIL_FROM": MAIL_FROM,
    }
    assert CliRunner().invoke(cli, ["demo"], env=env).exit_code == 0
    return env


def run(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_round_resend_says_of_an_address_taken_out_meanwhile_what_round_show_says(
    env: dict[str, str], smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Planlogg.from_url(env["PLANLOGG_DATABASE_URL"])
    try:
        partly_sent(app, smtp)

        def taken_out(_message: EmailMessage) -> None:
            contacts(app, SECRETARIAT, OTHER)

        def meddled(settings: SmtpSettings) -> MeddledMailer:
            return MeddledMailer(SmtpMailer(settings, timeout=10), before_offer=taken_out)

        monkeypatch.setattr(round_commands, "SmtpMailer", meddled)
        resent = " ".join(
            run(env, "round", "resend", DEMO_PLAN, "Sekretariat", "--step", "-1").split()
        )
        shown = run(env, "round", "show", DEMO_PLAN)
    finally:
        app.close()

    assert resent == (
        f"! Sekretariat: delvis sendt, 1 dag etter fristen. Sendt til {OTHER}; {THIRD} {UNLISTED}."
    )
    assert (
        f"Sekretariat\tikke rapportert\t1 dag etter fristen: delvis sendt: {THIRD} {UNLISTED}, "
        "forsøk 2"
    ) in shown.splitlines()
