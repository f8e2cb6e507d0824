"""What `planlogg sync --watch` prints of a fault: its cause, once, and that it tries again.

A sheet's fault says what comes next for a single cycle («neste synkronisering prøver
igjen», «tatt inn ved en senere synkronisering»); the watching loop is that next pass, and
says so in its own words."""

from __future__ import annotations

import re

import pytest

from sync.backend import BackendError, SheetBusy
from sync.cycle import CycleReport
from web.cli.sync_commands import _Printer

BUSY = "En annen synkronisering av «plan.xlsx» kjører allerede."
DOWN = "Google svarte ikke (503)."


def _printed(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The lines printed to standard error, each without its time of day."""
    lines = capsys.readouterr().err.splitlines()
    assert all(re.match(r"\d\d:\d\d:\d\d ", line) for line in lines), lines
    return [line[9:] for line in lines]


def test_a_sheets_fault_is_printed_by_its_cause_and_that_the_loop_tries_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    printer = _Printer()
    printer.error(SheetBusy(BUSY, "Endringene blir tatt inn ved en senere synkronisering."))
    printer.error(BackendError.next_round(DOWN))
    assert _printed(capsys) == [f"{BUSY} Prøver igjen.", f"{DOWN} Prøver igjen."]


def test_a_fault_that_lasts_is_printed_once_and_again_after_a_good_cycle(
    capsys: pytest.CaptureFixture[str],
) -> None:
    printer = _Printer()
    for _ in range(3):
        printer.error(BackendError.next_round(DOWN))
    printer.changes(CycleReport("plan.xlsx"))
    printer.error(BackendError.next_round(DOWN))
    printer.error(OSError("Disken er full"))
    assert _printed(capsys) == [
        f"{DOWN} Prøver igjen.",
        f"{DOWN} Prøver igjen.",
        "Disken er full. Prøver igjen.",
    ]
