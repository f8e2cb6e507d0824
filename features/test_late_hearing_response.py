"""Steps for features/late_hearing_response.feature: the secretariat's commands on the demo."""

from __future__ import annotations

import pytest
from click.testing import Result
from pytest_bdd import parsers, scenarios, then

from domain.application import Planlogg

scenarios("late_hearing_response.feature")

pytestmark = pytest.mark.usefixtures("database_url")
"""Each scenario runs on SQLite and on PostgreSQL (`database_url` is parametrised)."""


@then("the command succeeds, and its printout holds:")
def printout_holds(printout: Result, docstring: str) -> None:
    """The lines given, in one piece: the heading above them says the day the hearing was
    sent, which is the day the test runs."""
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    assert docstring + "\n" in printout.stdout, printout.stdout


@then(parsers.parse("the command stops with exit code {code:d} and says something that begins:"))
def stops_saying(printout: Result, code: int, docstring: str) -> None:
    """What follows the words given names today's date."""
    assert (printout.exit_code, printout.stdout) == (code, "")
    assert printout.stderr.startswith(docstring), printout.stderr


@then(parsers.parse('the secretariat\'s hearing of "{key}" holds no response'))
def no_response(database_url: str, key: str) -> None:
    app = Planlogg.from_url(database_url)
    try:
        hearing = app.get_plan(key).current_hearing()
    finally:
        app.close()
    assert (hearing.asked, hearing.responses) == (("Trondheim kommune", "Brukarrådet"), ())
