"""Steps for features/hearing_extension_and_withdrawal.feature: the secretariat's commands on
the demo. TODAY in a printout stands for today's date in Norway (the day the hearing is sent
and a response withdrawn is the day the test runs)."""

from __future__ import annotations

import pytest
from click.testing import Result
from pytest_bdd import parsers, scenarios, then

from domain.application import Planlogg
from domain.dates import format_norwegian_date
from domain.norwegian_time import oslo_today

scenarios("hearing_extension_and_withdrawal.feature")

pytestmark = pytest.mark.usefixtures("database_url", "wide_terminal")
"""Each scenario runs on SQLite and on PostgreSQL (`database_url` is parametrised)."""


@pytest.fixture
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal wide enough that no printed line is wrapped."""
    monkeypatch.setenv("COLUMNS", "250")


def today(text: str) -> str:
    return text.replace("TODAY", format_norwegian_date(oslo_today()))


@then("the command succeeds, and its printout holds:")
def printout_holds(printout: Result, docstring: str) -> None:
    """The lines given, in one piece."""
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    assert today(docstring) + "\n" in printout.stdout, printout.stdout


@then(parsers.parse("the command stops with exit code {code:d} and says:"))
def stops(printout: Result, code: int, docstring: str) -> None:
    """As the journeys' own step of these words, with TODAY for today's date."""
    assert (printout.exit_code, printout.stdout) == (code, "")
    assert printout.stderr == today(docstring) + "\n"


@then(
    parsers.parse(
        'the secretariat\'s hearing of "{key}" has the deadline {deadline}, sent with {sent}'
    )
)
def deadlines(database_url: str, key: str, deadline: str, sent: str) -> None:
    app = Planlogg.from_url(database_url)
    try:
        hearing = app.get_plan(key).current_hearing()
    finally:
        app.close()
    shown = (format_norwegian_date(hearing.deadline), format_norwegian_date(hearing.sent_deadline))
    assert shown == (deadline, sent)
