"""`planlogg withdraw-approval`: an approval registered by mistake is withdrawn with why,
until the version is adopted; the body waits again."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from web.cli import EXIT_REFUSED, cli


@pytest.fixture
def run(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`planlogg` on the demo, its version 2 submitted for ASU and PSU, ASU's approval
    registered (sak 11/25, 06.03.2025)."""
    monkeypatch.setenv("COLUMNS", "250")
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    for step in (
        ("demo",),
        ("submit", DEMO_PLAN, "--body", "ASU", "--body", "PSU"),
        ("approve", DEMO_PLAN, "2", "--body", "ASU", "--case", "sak 11/25", "--date", "06.03.2025"),
    ):
        done = invoke(*step)
        assert done.exit_code == 0, done.output
    return invoke


def test_an_approval_is_withdrawn_with_why_and_the_body_approves_again(
    run, sqlite_url: str
) -> None:
    withdrawn = run("withdraw-approval", DEMO_PLAN, "2", "--body", "asu", "--reason", "Feil møte.")
    assert (withdrawn.exit_code, withdrawn.stderr) == (0, ""), withdrawn.output
    assert withdrawn.stdout == (
        "✓ Godkjenningen fra ASU av versjon 2 (ASU sak 11/25) er trukket tilbake.\n"
    )
    app = Planlogg.from_url(sqlite_url)
    try:
        event = list(app.events.get(app.get_plan(DEMO_PLAN).id))[-1]
        assert (type(event).__name__, event.reason, event.by.actor, event.by.reason) == (
            "ApprovalWithdrawn", "Feil møte.", "Kari", "Feil møte.",
        )  # fmt: skip
    finally:
        app.close()
    again = run("approve", DEMO_PLAN, "2", "--body", "ASU", "--case", "sak 12/25",
                "--date", "06.03.2025")  # fmt: skip
    assert again.stdout == "✓ ASU godkjente versjon 2.\n"


def test_a_body_that_has_not_approved_is_refused(run) -> None:
    refused = run("withdraw-approval", DEMO_PLAN, "2", "--body", "PSU", "--reason", "Feil.")
    assert refused.exit_code == EXIT_REFUSED
    assert "PSU har ikke godkjent versjon 2." in refused.stderr


def test_a_withdrawal_needs_a_reason(run) -> None:
    refused = run("withdraw-approval", DEMO_PLAN, "2", "--body", "ASU")
    assert refused.exit_code == 2
    assert "--reason" in refused.stderr
