"""`planlogg person grant … --community` and `planlogg person communities`: the health
communities a person's roles reach, set, shown and cleared on the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from web.cli import EXIT_NOT_FOUND, cli

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


@pytest.fixture
def run(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLANLOGG_OIDC_ISSUER", ISSUER)
    runner = CliRunner()
    app = Planlogg.from_url(sqlite_url)
    setup = Provenance("Drift", Source.CLI)
    app.register_community("st-olavs", "Helsefellesskapet St. Olavs hospital og kommunene", setup)
    app.register_community("vestre-viken", "Helsefellesskapet Vestre Viken", setup)
    app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari", Provenance("Kari", Source.WEB))
    app.close()

    def invoke(*args: str):
        return runner.invoke(
            cli, ["--database-url", sqlite_url, "--as", "Drift", "--reason", "test", *args]
        )

    return invoke


def test_roles_are_granted_within_the_communities_named(run, sqlite_url: str) -> None:
    granted = run(
        "person", "grant", "kari@helse.no", "redaktør",
        "--community", "vestre-viken", "--community", "st-olavs",
    )  # fmt: skip
    assert (granted.exit_code, granted.output) == (
        0,
        "Kari fikk redaktør.\nKari har nå tilgang bare til st-olavs, vestre-viken.\n",
    )
    app = Planlogg.from_url(sqlite_url)
    kari = app.find_person("kari@helse.no")
    assert (kari.roles, kari.communities) == (["editor"], ("st-olavs", "vestre-viken"))
    cli_made = Provenance("Drift", Source.CLI, reason="test")
    assert [(type(e).__name__, e.by) for e in app.events.get(kari.id)][-2:] == [
        ("CommunitiesAssigned", cli_made), ("RoleGranted", cli_made),
    ]  # fmt: skip
    app.close()
    listed = json.loads(run("person", "list", "--json").output)
    assert [(p["roles"], p["communities"]) for p in listed] == [
        (["editor"], ["st-olavs", "vestre-viken"])
    ]
    assert "st-olavs, vestre-viken" in run("person", "list").output


def test_the_communities_are_shown_set_and_cleared(run) -> None:
    assert run("person", "communities", "sub-kari").output == (
        "Kari har tilgang til alle helsefellesskap.\n"
    )
    narrowed = run("person", "communities", "sub-kari", "st-olavs")
    assert (narrowed.exit_code, narrowed.output) == (
        0, "Kari har nå tilgang bare til st-olavs.\n",
    )  # fmt: skip
    assert run("person", "communities", "sub-kari").output == (
        "Kari har tilgang bare til st-olavs.\n"
    )
    cleared = run("person", "communities", "sub-kari", "--all")
    assert cleared.output == "Kari har nå tilgang til alle helsefellesskap.\n"
    unknown = run("person", "grant", "sub-kari", "revisor", "--community", "st-olav")
    assert unknown.exit_code == EXIT_NOT_FOUND
    assert 'Fant ikke helsefellesskapet "st-olav".' in unknown.output
