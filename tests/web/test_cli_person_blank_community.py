"""A blank community key where a person's roles are limited to communities (an empty variable
in a script) is refused: it was dropped, and the person was left with roles in every
community (none means all), as the token command already refused."""

from __future__ import annotations

from click.testing import CliRunner

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from web.cli import cli

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
SETUP = Provenance("Drift", Source.CLI)
REFUSAL = (
    "Feil: Et helsefellesskap uten nøkkel kan ikke velges. Skriv nøkkelen, for eksempel st-olavs.\n"
)


def run(sqlite_url: str, *args: str):
    return CliRunner().invoke(
        cli, ["--database-url", sqlite_url, "--as", "Drift", "--reason", "test", *args]
    )


def kari_in_st_olavs(sqlite_url: str, roles: list[Role]) -> None:
    app = Planlogg.from_url(sqlite_url)
    app.register_community("st-olavs", "Helsefellesskapet St. Olavs hospital og kommunene", SETUP)
    app.register_community("vestre-viken", "Helsefellesskapet Vestre Viken", SETUP)
    kari = app.add_person(ISSUER, "sub-kari", "kari@helse.no", "Kari", SETUP)
    if roles:
        app.grant_roles(kari, roles, SETUP, communities=["st-olavs"])
    app.close()


def kari(sqlite_url: str) -> tuple[list[str], tuple[str, ...]]:
    app = Planlogg.from_url(sqlite_url)
    found = app.find_person("kari@helse.no")
    app.close()
    return list(found.roles), found.communities


def test_a_blank_community_does_not_widen_a_person_to_every_community(sqlite_url: str) -> None:
    kari_in_st_olavs(sqlite_url, [Role.EDITOR])
    result = run(sqlite_url, "person", "communities", "kari@helse.no", "")
    assert (result.exit_code, result.output) == (3, REFUSAL)
    assert kari(sqlite_url) == (["editor"], ("st-olavs",))


def test_a_grant_with_a_blank_community_gives_no_role_in_every_community(
    sqlite_url: str,
) -> None:
    kari_in_st_olavs(sqlite_url, [])
    result = run(sqlite_url, "person", "grant", "kari@helse.no", "redaktør", "--community", " ")
    assert (result.exit_code, result.output) == (3, REFUSAL)
    assert kari(sqlite_url) == ([], ())
