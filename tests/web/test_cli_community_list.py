"""`planlogg community list`: every health community with its key, name, målform, and how
many plans and bodies it has (bodies merged into another not counted, as `body list` leaves
them out), as a table or as JSON. On SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, demo_table, load_demo
from domain.provenance import Provenance, Source
from web.cli import cli

ST_OLAVS = "Helsefellesskapet St. Olavs hospital og kommunene"
BY = Provenance("Kari", Source.CLI)


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    runner = CliRunner()

    def invoke(*args: str, målform: str = "nb") -> Result:
        return runner.invoke(
            cli, ["--database-url", database_url, "--as", "Kari", *args],
            env={"PLANLOGG_LANG": målform},
        )  # fmt: skip

    with Planlogg.from_url(database_url) as app:
        load_demo(app)
        app.register_community("fonna", "Helse Fonna", BY, language="nn")
        app.import_plan("fonna-2021", demo_table(), "fonna", BY)
        app.import_plan("fonna-2025", demo_table(), "fonna", BY)
        app.add_body("fonna", "Strategisk samarbeidsutval", "strategisk", BY, short_name="SSU")
        app.add_body("fonna", "Fagråd for psykisk helse og rus", "fagleg", BY)
        app.register_community("agder", "Helsefellesskapet Agder", BY)
    return invoke


def _rows(output: str) -> list[list[str]]:
    """The table's rows (not its title, header or rules), each as its cells."""
    lines = [line for line in output.splitlines() if line.startswith(("┃", "│"))]
    return [[cell.strip() for cell in line.strip("┃│").replace("┃", "│").split("│")]
            for line in lines]  # fmt: skip


def test_the_communities_are_listed_by_key_with_their_plans_and_bodies(run) -> None:
    listed = run("community", "list")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[0].strip() == "Helsefellesskap"
    assert _rows(listed.output) == [
        ["Nøkkel", "Navn", "Målform", "Planer", "Organer"],
        ["agder", "Helsefellesskapet Agder", "bokmål", "0", "0"],
        ["fonna", "Helse Fonna", "nynorsk", "2", "2"],
        [DEMO_COMMUNITY, ST_OLAVS, "bokmål", "1", "11"],
    ]


def test_the_list_speaks_nynorsk_when_asked(run) -> None:
    listed = run("community", "list", målform="nn")
    assert listed.exit_code == 0, listed.output
    assert _rows(listed.output)[:2] == [
        ["Nøkkel", "Namn", "Målform", "Planar", "Organ"],
        ["agder", "Helsefellesskapet Agder", "bokmål", "0", "0"],
    ]


def test_the_json_names_the_maalform_by_its_code(run) -> None:
    listed = run("community", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.output) == [
        {"key": "agder", "name": "Helsefellesskapet Agder", "language": "nb", "plans": 0,
         "bodies": 0},
        {"key": "fonna", "name": "Helse Fonna", "language": "nn", "plans": 2, "bodies": 2},
        {"key": DEMO_COMMUNITY, "name": ST_OLAVS, "language": "nb", "plans": 1, "bodies": 11},
    ]  # fmt: skip


def test_a_merged_body_is_not_counted(run) -> None:
    added = run("community", "body", "add", "agder", "SSU Agder", "--kind", "strategisk")
    assert added.exit_code == 0, added.output
    added = run("community", "body", "add", "agder", "SSU Agder gamle", "--kind", "strategisk")
    assert added.exit_code == 0, added.output
    merged = run("community", "body", "merge", "agder", "SSU Agder gamle", "--into", "SSU Agder")
    assert merged.exit_code == 0, merged.output
    listed = json.loads(run("community", "list", "--json").output)
    assert listed[0] == {"key": "agder", "name": "Helsefellesskapet Agder", "language": "nb",
                         "plans": 0, "bodies": 1}  # fmt: skip
    assert len(json.loads(run("community", "body", "list", "agder", "--all", "--json").output)) == 2


def test_an_empty_store_lists_no_community(sqlite_url: str) -> None:
    result = CliRunner().invoke(cli, ["--database-url", sqlite_url, "community", "list", "--json"])
    assert (result.exit_code, json.loads(result.output)) == (0, [])
