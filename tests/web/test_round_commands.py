"""`planlogg round …`: schedules and reminders (contacts: tests/web/test_register_commands.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from domain.demo import DEMO_PLAN
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
    assert "Bare en påminnelse som er «kanskje sendt» eller feilet" in resend
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
        "✓ Åpnet rapporteringsrunde R2. «Fagråd legesamarbeidd» er ikke et registrert organ; "
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
        "påminnelser sendes. Skal de ikke få den, fjern påminnelsene før det: planlogg round "
        f'schedule {KEY} --remind "".',
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
    [("06.10.2025", "06.10.2025"), ("07.10.2025", "07.10.2025"), ("6.10", "06.10.2025")],
)
def test_a_round_whose_deadline_is_today_or_later_opens_without_a_warning(
    env: dict[str, str], deadline: str, shown: str
) -> None:
    """A deadline typed without its year is in the command line's year, not the machine's."""
    code, output = open_round(env, deadline)
    assert (code, output) == (0, "✓ Åpnet rapporteringsrunde R2.\n")
    assert f"Runde R2, frist {shown}." in run(env, "round", "show", KEY)[1]
