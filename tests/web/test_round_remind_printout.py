"""What `planlogg round remind` prints for reminders a run did not send: a body that reported
while the run sent the others' mails was not mentioned at all (and a run with only such a
body said no reminder was due), and a step taken out of the schedule or a round closed
during the run was blamed on "another process"."""

from __future__ import annotations

from datetime import date

import pytest

from language import speaking
from notify.due import DueReminder
from notify.sender import SendReport
from web.cli import round_commands

DUE = DueReminder(
    plan_key="p", plan_title="Plan", round_id="R1", deadline=date(2025, 9, 11), body="psu",
    body_name="PSU", step=3, sent_on=date(2025, 9, 8), recipients=("psu@helse.no",),
    measures=(("1.1.1", "Tiltak"),),
)  # fmt: skip


def test_a_body_that_reported_meanwhile_is_said_not_reminded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with speaking("nb"):
        round_commands.print_report(SendReport(reported=[DUE]))
    assert capsys.readouterr().out.splitlines() == [
        "PSU: ikke minnet på; organet rapporterte mens påminnelsene ble sendt."
    ]


def test_a_reminder_not_sent_after_all_names_each_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with speaking("nn"):
        round_commands.print_report(SendReport(taken=[DUE]))
    assert capsys.readouterr().out.splitlines() == [
        "PSU: ikkje sendt no; ei anna utsending tok påminninga, eller runden eller "
        "påminningsplanen er endra sidan."
    ]


def test_a_run_that_sent_nothing_because_the_body_reported_is_not_nothing_due() -> None:
    assert round_commands.anything_done(SendReport(reported=[DUE]))
    assert not round_commands.anything_done(SendReport())
