"""Steps for features/tamper_evidence.feature."""

from __future__ import annotations

from click.testing import CliRunner
from pytest_bdd import given, parsers, scenario, then, when

from domain.application import Planlogg
from projections import ReadModels
from tests.projections import plans
from tests.projections.tamper import EventTable
from web.cli import cli, read_commands


@scenario("tamper_evidence.feature", "A tampered event is detected")
def test_a_tampered_event_is_detected(app: Planlogg) -> None:
    """Runs on SQLite and PostgreSQL (the `app` fixture is parametrised)."""


if "audit" not in cli.commands:
    read_commands.register(cli)


@given("a plan whose history has been chained and verified", target_fixture="models")
def chained(app: Planlogg) -> ReadModels:
    plans.draft(app)
    app.reword_measure(plans.KEY, "1.2.1", "Felles rutine for trygg utskriving", plans.SECRETARIAT)
    models = ReadModels.open(app)
    models.catch_up()
    assert models.verify_chain().ok
    return models


@when(
    "someone rewrites the text of a stored event directly in the database",
    target_fixture="position",
)
def tamper(database_url: str, models: ReadModels) -> int:
    position = models.measure_timeline(plans.KEY, "1.2.1")[-1].position
    EventTable(database_url).alter(position, b"trygg utskriving", b"utskriving utan tilsyn")
    return position


@then(
    parsers.parse(
        '"planlogg audit verify" exits with code {code:d} and names the position of that event'
    )
)
def verify_fails(database_url: str, position: int, code: int) -> None:
    result = CliRunner().invoke(cli, ["--database-url", database_url, "audit", "verify"])
    assert result.exit_code == code, result.output
    assert f"posisjon {position}" in result.output
