"""Steps for features/import_prose_plan.feature: the command line on SQLite and PostgreSQL."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from pytest_bdd import given, parsers, scenario, then, when

from domain.application import Planlogg
from web.cli import cli

FIXTURES = Path(__file__).parents[1] / "tests" / "fixtures" / "prose"


@scenario(
    "import_prose_plan.feature",
    "The secretariat checks the Fonna plan with a dry run, then imports it",
)
def test_the_secretariat_checks_the_fonna_plan_then_imports_it(database_url: str) -> None:
    """Runs on SQLite and PostgreSQL (the `database_url` fixture is parametrised)."""


@given(
    parsers.parse('the Fonna plan for 2021 copied from its web page into "{name}"'),
    target_fixture="folder",
)
def fonna_file(tmp_path: Path, name: str) -> Path:
    shutil.copyfile(FIXTURES / "fonna_2021.txt", tmp_path / name)
    return tmp_path


@when(parsers.parse('the secretariat runs "planlogg {command}"'), target_fixture="result")
def run_command(folder: Path, database_url: str, command: str) -> Result:
    args = shlex.split(command)
    args[1] = str(folder / args[1])  # the file, in the secretariat's folder
    return CliRunner().invoke(cli, ["--database-url", database_url, "--as", "Kari", *args])


@then("the printout shows 2 areas, 13 goals, 19 measures and 2 notes on goals")
def printout_counts(result: Result) -> None:
    assert (
        "Samlet: 2 innsatsområder, 13 mål, 19 tiltak (0 med frist), 2 merknader til mål, 0 "
        "beskrivelser, 2 linjer ikke plassert, 0 problemer."
    ) in result.stdout.splitlines()


@then('the printout shows measure 1.3.1 with the year mark "x vår" in 2021')
def printout_mark(result: Result) -> None:
    lines = result.stdout.splitlines()
    measure = lines.index(
        "    Tiltak 1.3.1 (linje 42): Samarbeid om omforeina beredskapsplanar og planar for den "
        "akuttmedisinske kjeda"
    )
    assert lines[measure + 1] == "      År: 2021 «x vår»"


@then("the printout lists lines 122 and 124 as not placed")
def printout_unplaced(result: Result) -> None:
    lines = result.stdout.splitlines()
    start = lines.index("Ikke plassert:")
    assert lines[start + 1 : start + 3] == [
        "  Linje 122: Tidligare handlingsplanar: (står etter tidsrammen til mål 2.6)",
        "  Linje 124: Fann du det du leita etter? (står etter tidsrammen til mål 2.6)",
    ]


@then("nothing is stored")
def nothing_stored(result: Result, database_url: str) -> None:
    assert result.exit_code == 3  # the import would stop at the unplaced lines
    with Planlogg.from_url(database_url) as app:
        assert not app.plan_exists("fonna-2021")


@then(parsers.parse('the plan "{key}" has 2 areas, 13 goals and 19 measures'))
def stored_counts(result: Result, database_url: str, key: str) -> None:
    assert result.exit_code == 0, result.output
    with Planlogg.from_url(database_url) as app:
        plan = app.get_plan(key)
        assert (len(plan.areas), len(plan.goals), len(plan.measures)) == (2, 13, 19)


@then(parsers.parse('measure 1.3.1 of "{key}" is marked "x vår" in 2021'))
def stored_mark(database_url: str, key: str) -> None:
    with Planlogg.from_url(database_url) as app:
        assert app.get_plan(key).find_measure("1.3.1").marks == {2021: "x vår"}
