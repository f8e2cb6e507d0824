"""`planlogg round …`: schedules and reminders (contacts: tests/web/test_register_commands.py)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from notify.mail import SmtpMailer, SmtpSettings
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from web.cli import EXIT_INVALID, EXIT_REFUSED, cli, round_commands

KEY = DEMO_PLAN


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {
        "PLANLOGG_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}",
        "PLANLOGG_USER": "sekretariatet",
        "PLANLOGG_SMTP_URL": "",
    }
    assert CliRunner().invoke(cli, ["demo"], env=env).exit_code == 0
    return env


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.output


def test_a_dry_run_shows_what_is_due_and_records_nothing(env: dict[str, str]) -> None:
    code, output = run(env, "round", "remind", KEY, "--dry-run", "--date", "30.11.2026")
    assert code == 0, output
    assert output.splitlines() == [
        "Fagråd for pasientsamarbeid\t1 dag etter fristen\t"
        "leiar.pasientsamarbeid@example.org\t11 tiltak uten status",
        "Fagråd for digital samhandling\t1 dag etter fristen\tleiar.digital@example.org\t"
        "4 tiltak uten status",
        "Sekretariat\t1 dag etter fristen\tsekretariat@example.org\t12 tiltak uten status",
    ]
    code, before_deadline = run(env, "round", "remind", KEY, "--dry-run", "--date", "9.9.2024")
    assert "\t3 dager før fristen\t" in before_deadline
    code, shown = run(env, "round", "show", KEY)
    assert "Sekretariat\tikke rapportert\tingen påminnelse" in shown


def test_reminding_needs_an_smtp_server(env: dict[str, str]) -> None:
    code, output = run(env, "round", "remind", KEY)
    assert code == EXIT_INVALID
    assert "PLANLOGG_SMTP_URL er ikke satt, så ingen e-post kan sendes." in output


def test_remind_sends_once_and_resend_is_refused_for_a_sent_reminder(
    env: dict[str, str], smtp: SmtpServer
) -> None:
    mail = {**env, "PLANLOGG_SMTP_URL": smtp.url, "PLANLOGG_MAIL_FROM": "sek@example.org"}
    code, first = run(mail, "round", "remind", KEY)
    assert code == 0, first
    assert "Påminnelse sendt til Sekretariat (sekretariat@example.org), 1 dag etter" in first
    code, second = run(mail, "round", "remind", KEY)
    assert "Ingen påminnelser er forfalt." in second
    code, resend = run(mail, "round", "resend", KEY, "Sekretariat", "--step", "-1")
    assert code == EXIT_REFUSED
    assert (
        "Bare en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller utsatt" in resend
    )
    assert len(smtp.inbox.messages) == 3


def test_a_reminder_the_server_puts_off_is_named_and_sent_on_the_next_run(
    env: dict[str, str], smtp: SmtpServer
) -> None:
    mail = {**env, "PLANLOGG_SMTP_URL": smtp.url, "PLANLOGG_MAIL_FROM": "sek@example.org"}
    smtp.inbox.deferred = {"sekretariat@example.org"}
    code, first = run(mail, "round", "remind", KEY)
    assert code == 0, first
    assert "Ingen påminnelser er forfalt." not in first
    assert (
        "! Sekretariat: ikke sendt ennå; prøves på nytt neste gang (planlogg round remind). "
        "Tjeneren ba oss prøve igjen senere: sekretariat@example.org (451 4.3.0 Kom att "
        "seinare)." in " ".join(first.split())  # as one line, however the terminal wraps it
    )
    smtp.inbox.deferred = set()
    code, second = run(mail, "round", "remind", KEY)
    assert "Påminnelse sendt til Sekretariat (sekretariat@example.org), 1 dag etter" in second
    assert len(smtp.inbox.to("sekretariat@example.org")) == 1


def test_a_round_is_opened_with_its_schedule_and_the_schedule_can_change(
    env: dict[str, str],
) -> None:
    assert run(env, "round", "close", KEY)[0] == 0
    code, output = run(
        env, "--decision", "ASU sak 40/24", "round", "open", KEY, "--deadline", "11.09.2027",
        "--body", "Sekretariat", "--remind", "10,-2",
    )  # fmt: skip
    assert code == 0, output
    assert "Runde R2, frist 11.09.2027. Påminnelser: 10 dager før fristen, 2 dager etter" in (
        run(env, "round", "show", KEY)[1].replace("\n", " ")
    )
    code, output = run(env, "round", "schedule", KEY, "--remind", "7")
    assert output.strip() == "✓ Påminnelser: 7 dager før fristen."
    code, output = run(env, "round", "schedule", KEY, "--remind", "sju")
    assert code == EXIT_INVALID
    assert "«sju» er ikke et antall dager" in output


def test_a_round_asking_a_body_nobody_has_registered_names_the_nearest_body(
    env: dict[str, str],
) -> None:
    assert run(env, "round", "close", KEY)[0] == 0
    code, output = run(
        env, "--decision", "ASU sak 40/24", "round", "open", KEY, "--deadline", "11.09.2199",
        "--body", "Fagråd legesamarbeidd",
    )  # fmt: skip
    assert code == 0, output
    assert " ".join(output.split()) == (
        "✓ Åpnet rapporteringsrunde R2. Fristen er etter planperioden 2022–2025, og runden "
        "kommer ikke med i noen årsrapport. «Fagråd legesamarbeidd» er ikke et registrert organ; "
        "lagret som skrevet. Mente du «Fagråd for legesamarbeid»? Slå sammen skrivemåter med "
        "«planlogg community body merge»."
    )


@pytest.fixture
def on_6_october_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's clock (`oslo_today`) stands at 06.10.2025."""
    monkeypatch.setattr(round_commands, "oslo_today", lambda: date(2025, 10, 6))


def open_round(env: dict[str, str], deadline: str, *options: str) -> tuple[int, str]:
    assert run(env, "round", "close", KEY)[0] == 0
    return run(
        env, "--decision", "ASU sak 40/24", "round", "open", KEY, "--deadline", deadline,
        "--body", "Sekretariat", *options,
    )  # fmt: skip


@pytest.mark.usefixtures("on_6_october_2025")
def test_a_round_recorded_after_its_deadline_is_opened_with_a_warning_naming_the_reminder(
    env: dict[str, str],
) -> None:
    """A secretariat may record a round after the fact: it opens, and they are told that the
    bodies will be reminded at once unless they take the reminders off."""
    code, output = open_round(env, "01.10.2025")
    assert code == 0, output
    assert output.splitlines() == [
        "✓ Åpnet rapporteringsrunde R2.",
        "Fristen 01.10.2025 er allerede passert (i dag er 06.10.2025). Runden er åpnet likevel.",
        "Organer som ikke har rapportert, får påminnelsen «1 dag etter fristen» neste gang "
        "påminnelser sendes. Skal de ikke få den, behold bare påminnelsene som kommer, før "
        f'det: planlogg round schedule {KEY} --remind "".',
    ]
    assert "Runde R2, frist 01.10.2025." in run(env, "round", "show", KEY)[1]
    code, output = run(env, "round", "schedule", KEY, "--remind", "")
    assert (code, output) == (0, "✓ Påminnelser: ingen.\n")
    code, output = run(env, "round", "remind", KEY, "--dry-run", "--date", "06.10.2025")
    assert (code, output) == (0, "✓ Ingen påminnelser er forfalt.\n")


@pytest.mark.usefixtures("on_6_october_2025")
def test_a_round_past_its_deadline_without_a_reminder_due_is_only_warned_about(
    env: dict[str, str],
) -> None:
    code, output = open_round(env, "05.10.2025", "--remind", "-3")
    assert (code, output.splitlines()) == (0, [
        "✓ Åpnet rapporteringsrunde R2.",
        "Fristen 05.10.2025 er allerede passert (i dag er 06.10.2025). Runden er åpnet likevel.",
    ])  # fmt: skip


@pytest.mark.usefixtures("on_6_october_2025")
@pytest.mark.parametrize(
    ("deadline", "shown"),
    [("21.10.2025", "21.10.2025"), ("31.12.2025", "31.12.2025"), ("21.10", "21.10.2025")],
)
def test_a_round_with_no_reminder_due_yet_opens_without_a_warning(
    env: dict[str, str], deadline: str, shown: str
) -> None:
    """A deadline typed without its year is in the command line's year, not the machine's."""
    code, output = open_round(env, deadline)
    assert (code, output) == (0, "✓ Åpnet rapporteringsrunde R2.\n")
    assert f"Runde R2, frist {shown}." in run(env, "round", "show", KEY)[1]


@pytest.mark.usefixtures("on_6_october_2025")
@pytest.mark.parametrize(
    ("deadline", "step", "to_come"),
    [("06.10.2025", "3 dager før fristen", "-1"), ("19.10.2025", "14 dager før fristen", "3,-1")],
)
def test_a_round_opened_after_a_reminders_day_says_it_goes_at_once_and_how_to_keep_the_rest(
    env: dict[str, str], deadline: str, step: str, to_come: str
) -> None:
    """The deadline has not passed, but the schedule's first steps have: the latest of them
    goes out on the next run, and the schedule offered keeps the steps still to come."""
    code, output = open_round(env, deadline)
    assert (code, output.splitlines()) == (0, [
        "✓ Åpnet rapporteringsrunde R2.",
        f"Organer som ikke har rapportert, får påminnelsen «{step}» neste gang påminnelser "
        "sendes. Skal de ikke få den, behold bare påminnelsene som kommer, før det: "
        f'planlogg round schedule {KEY} --remind "{to_come}".',
    ])  # fmt: skip
    code, output = run(env, "round", "schedule", KEY, "--remind", to_come)
    assert code == 0, output
    code, output = run(env, "round", "remind", KEY, "--dry-run", "--date", "06.10.2025")
    assert (code, output) == (0, "✓ Ingen påminnelser er forfalt.\n")


@pytest.mark.usefixtures("on_6_october_2025")
def test_a_round_after_the_plans_period_is_opened_with_a_warning_of_the_annual_report(
    env: dict[str, str],
) -> None:
    code, output = open_round(env, "15.01.2026", "--remind", "3")
    assert (code, output.splitlines()) == (0, [
        "✓ Åpnet rapporteringsrunde R2.",
        "Fristen er etter planperioden 2022–2025, og runden kommer ikke med i noen "
        "årsrapport.",
    ])  # fmt: skip


SECRETARIAT_ADDRESS = "sekretariat@example.org"
EDITOR = Provenance("Sekretariatet", Source.WEB, reason="Sendt på nytt fra statusoversikten")


def test_round_show_says_a_reminder_put_off_is_not_needed_once_the_body_has_reported(
    env: dict[str, str], smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Put off by the server 3 days before the deadline; the body reports the next day, so
    the reminder is never tried again and no longer says "prøves igjen"."""
    mail = {**env, "PLANLOGG_SMTP_URL": smtp.url, "PLANLOGG_MAIL_FROM": "sek@example.org"}
    smtp.inbox.data_answers[SECRETARIAT_ADDRESS] = "451 4.7.1 Kom att seinare"
    assert run(mail, "round", "remind", KEY, "--date", "8.9.2024")[0] == 0
    smtp.inbox.data_answers.clear()
    app = Planlogg.from_url(env["PLANLOGG_DATABASE_URL"])
    try:
        register = app.body_register(DEMO_COMMUNITY)
        for measure in app.get_plan(KEY).active_measures():
            if "sekretariat" in map(register.key_of, measure.responsible):
                app.report_status(KEY, measure.number, "grønn", "I rute.", EDITOR)
    finally:
        app.close()
    monkeypatch.setattr(round_commands, "oslo_today", lambda: date(2024, 9, 9))

    code, shown = run(mail, "round", "show", KEY)

    assert code == 0, shown
    assert (
        "Sekretariat\trapportert\t3 dager før fristen: ikke sendt (utsatt av e-posttjeneren, "
        "organet har rapportert siden)"
    ) in shown
    assert run(mail, "round", "remind", KEY, "--date", "9.9.2024")[1] == (
        "✓ Ingen påminnelser er forfalt.\n"
    )
    assert smtp.inbox.to(SECRETARIAT_ADDRESS) == []


def test_a_resend_naming_the_attempt_it_saw_is_refused_while_the_first_is_delivering(
    env: dict[str, str], smtp: SmtpServer
) -> None:
    """The first resend's mail is held by the server (its reply to DATA waits on an event)
    when a second resend comes, naming the attempt it was shown: that reminder is "kanskje
    sendt" again, but as the first resend's attempt, so the second sends nothing."""
    mail = {**env, "PLANLOGG_SMTP_URL": smtp.url, "PLANLOGG_MAIL_FROM": "sek@example.org"}
    app = Planlogg.from_url(env["PLANLOGG_DATABASE_URL"])
    app.intend_reminder(KEY, "R1", "sekretariat", -1, (SECRETARIAT_ADDRESS,), EDITOR)
    shown = run(mail, "round", "show", KEY)[1]
    assert "Sekretariat\tikke rapportert\t1 dag etter fristen: kanskje sendt, forsøk 1" in shown
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, "sek@example.org"), timeout=30)
    sender = reminder_sender(app, mailer, by=EDITOR)
    first = threading.Thread(
        target=sender.resend, args=(KEY, "Sekretariat", -1, date(2026, 11, 30), 1)
    )
    smtp.inbox.hold.set()
    try:
        first.start()
        while first.is_alive() and not smtp.inbox.taken.wait(0.05):
            pass
        assert smtp.inbox.taken.is_set(), "the first resend reached no mail server"
        code, second = run(
            mail, "round", "resend", KEY, "Sekretariat", "--step", "-1", "--attempt", "1"
        )
    finally:
        smtp.inbox.release.set()
        first.join(30)
    try:
        _, state = app.get_plan(KEY).open_round()
        found = state.reminder("sekretariat", -1)
    finally:
        app.close()

    assert code == EXIT_REFUSED, second
    assert "Påminnelsen til Sekretariat er sendt på nytt siden (forsøk 2)." in " ".join(
        second.split()
    )
    assert len(smtp.inbox.to(SECRETARIAT_ADDRESS)) == 1
    assert found is not None
    assert (found.status, found.attempt) == (ReminderStatus.SENT, 2)


def test_a_resend_naming_the_attempt_it_saw_sends_once(
    env: dict[str, str], smtp: SmtpServer
) -> None:
    mail = {**env, "PLANLOGG_SMTP_URL": smtp.url, "PLANLOGG_MAIL_FROM": "sek@example.org"}
    app = Planlogg.from_url(env["PLANLOGG_DATABASE_URL"])
    try:
        app.intend_reminder(KEY, "R1", "sekretariat", -1, (SECRETARIAT_ADDRESS,), EDITOR)
    finally:
        app.close()

    code, output = run(
        mail, "round", "resend", KEY, "Sekretariat", "--step", "-1", "--attempt", "1"
    )

    assert code == 0, output
    assert "Påminnelse sendt til Sekretariat (sekretariat@example.org)" in output
    assert len(smtp.inbox.to(SECRETARIAT_ADDRESS)) == 1


def test_a_run_whose_every_reminder_is_refused_does_not_say_none_was_due(
    env: dict[str, str], smtp: SmtpServer
) -> None:
    mail = {**env, "PLANLOGG_SMTP_URL": smtp.url, "PLANLOGG_MAIL_FROM": "sek@example.org"}
    smtp.inbox.refused = {
        "leiar.pasientsamarbeid@example.org",
        "leiar.digital@example.org",
        "sekretariat@example.org",
    }
    code, output = run(mail, "round", "remind", KEY)
    flat = " ".join(output.split())  # as one line, however the terminal wraps it
    assert code == 0, output
    assert "Ingen påminnelser er forfalt." not in flat
    assert flat.count(": ikke sendt. Tjeneren avviste alle mottakerne:") == 3
    assert smtp.inbox.messages == []
