"""`planlogg token create … --community` and `planlogg token list`: a token limited to some
health communities made on the command line, each key checked against those registered, and
the list showing which communities each token reaches."""

from __future__ import annotations

from contextlib import closing

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from web.cli import EXIT_NOT_FOUND, cli
from web.tokens import authenticate, token_store_for


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()
    app = Planlogg.from_url(sqlite_url)
    setup = Provenance("Drift", Source.CLI)
    app.register_community("st-olavs", "Helsefellesskapet St. Olavs hospital og kommunene", setup)
    app.register_community("vestre-viken", "Helsefellesskapet Vestre Viken", setup)
    app.close()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Drift", *args])

    return invoke


def _token_of(sqlite_url: str, clear: str):
    with closing(token_store_for(sqlite_url)) as store:
        return authenticate(store, clear)


def test_a_token_is_made_reaching_only_the_communities_named(run, sqlite_url: str) -> None:
    made = run(
        "token", "create", "Vera", "--role", "redaktør",
        "--community", "vestre-viken", "--community", " st-olavs",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    found = _token_of(sqlite_url, made.output.strip().splitlines()[-1])
    assert found is not None
    assert (found.name, found.communities) == ("Vera", frozenset({"st-olavs", "vestre-viken"}))
    everywhere = run("token", "create", "Rita", "--role", "revisor")
    assert everywhere.exit_code == 0, everywhere.output
    rita = _token_of(sqlite_url, everywhere.output.strip().splitlines()[-1])
    assert rita is not None and rita.communities == frozenset()


def test_an_unknown_community_is_named_and_makes_no_token(run, sqlite_url: str) -> None:
    """A blank key is refused as a person's is (`checked_keys`): a script whose variable was
    empty would otherwise make a token reaching every community."""
    refused = run(
        "token", "create", "Vera", "--role", "redaktør",
        "--community", "st-olavs", "--community", "st-olav",
    )  # fmt: skip
    assert refused.exit_code == EXIT_NOT_FOUND
    assert 'Fant ikke helsefellesskapet "st-olav".' in refused.output
    blank = run("token", "create", "Vera", "--role", "redaktør", "--community", " ")
    assert (blank.exit_code, blank.output) == (
        3,
        "Feil: Et helsefellesskap uten nøkkel kan ikke velges. Skriv nøkkelen, for eksempel "
        "st-olavs.\n",
    )
    with closing(token_store_for(sqlite_url)) as store:
        assert store.all() == []


def test_the_list_shows_each_tokens_communities(run) -> None:
    run("token", "create", "Vera", "--role", "redaktør", "--community", "vestre-viken",
        "--community", "st-olavs")  # fmt: skip
    run("token", "create", "Rita", "--role", "revisor")
    listed = run("token", "list")
    assert listed.exit_code == 0, listed.output
    rows = [line.split("\t") for line in listed.output.splitlines()]
    assert [(row[0], row[1], row[-1]) for row in rows] == [
        ("Vera", "redaktør", "st-olavs, vestre-viken"),
        ("Rita", "revisor", "alle"),
    ]
