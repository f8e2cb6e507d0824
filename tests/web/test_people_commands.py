"""`planlogg person …`: the first administrator is made here, and roles change as events."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.people import person_id
from domain.provenance import Provenance, Source
from projections import ReadModels
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_USAGE, cli

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


@pytest.fixture
def run(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLANLOGG_OIDC_ISSUER", ISSUER)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(
            cli, ["--database-url", sqlite_url, "--as", "Drift", "--reason", "test", *args]
        )

    return invoke


def test_the_first_administrator_is_made_on_the_command_line(run, sqlite_url: str) -> None:
    added = run("person", "add", "sub-ada", "--email", "ada@helse.no", "--name", "Ada Admin",
                "--role", "administrator", "--body", "Sekretariatet")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.output.startswith("La til Ada Admin (")
    app = Planlogg.from_url(sqlite_url)
    ada = app.find_person("ada@helse.no")
    assert (ada.issuer, ada.subject, ada.roles, ada.bodies) == (
        ISSUER, "sub-ada", ["administrator"], ["Sekretariatet"],
    )  # fmt: skip
    stamps = {e.by for e in app.events.get(ada.id)}
    assert stamps == {Provenance("Drift", Source.CLI, reason="test")}


def test_roles_are_granted_revoked_and_bodies_set_by_email_or_subject(run, sqlite_url: str) -> None:
    Planlogg.from_url(sqlite_url).record_sign_in(
        ISSUER, "sub-kari", "kari@helse.no", "Kari", Provenance("Kari", Source.WEB)
    )
    granted = run("person", "grant", "KARI@helse.no", "rapportør", "revisor")
    assert (granted.exit_code, granted.output) == (0, "Kari fikk revisor, rapportør.\n")
    again = run("person", "grant", "sub-kari", "reporter")
    assert again.output == "Kari hadde allerede rapportør. Ingen endring.\n"
    revoked = run("person", "revoke", "sub-kari", "auditor")
    assert revoked.output == "Kari mistet revisor.\n"
    bodies = run("person", "bodies", "kari@helse.no", "FSU psykisk helse", "ASU")
    assert bodies.output == "Kari rapporterer nå for ASU, FSU psykisk helse.\n"
    listed = json.loads(run("person", "list", "--json").output)
    assert listed == [
        {
            "id": str(person_id(ISSUER, "sub-kari")),
            "issuer": ISSUER,
            "subject": "sub-kari",
            "email": "kari@helse.no",
            "name": "Kari",
            "roles": ["reporter"],
            "bodies": ["ASU", "FSU psykisk helse"],
            "communities": [],
            "language": "",
            "version": 5,
        }
    ]
    cleared = run("person", "bodies", "sub-kari")
    assert cleared.output == "Kari rapporterer nå for ingen organer.\n"
    table = run("person", "list")
    assert "Kari" in table.output and "kari@helse.no" in table.output


def test_mistakes_get_norwegian_messages_and_stable_exit_codes(run) -> None:
    assert run("person", "list").output.startswith("Ingen personer ennå.")
    unknown = run("person", "grant", "ola@helse.no", "editor")
    assert unknown.exit_code == EXIT_NOT_FOUND
    assert 'Fant ingen person med e-postadressen eller ID-en "ola@helse.no"' in unknown.output
    run("person", "add", "sub-ola", "--email", "ola@helse.no")
    bad_role = run("person", "grant", "ola@helse.no", "sjef")
    assert bad_role.exit_code == EXIT_INVALID
    assert 'Ukjent rolle "sjef"' in bad_role.output
    twice = run("person", "add", "sub-ola")
    assert (twice.exit_code, "finnes allerede" in twice.output) == (EXIT_INVALID, True)


def test_adding_a_person_needs_an_issuer(sqlite_url: str, monkeypatch) -> None:
    monkeypatch.delenv("PLANLOGG_OIDC_ISSUER", raising=False)
    result = CliRunner().invoke(cli, ["--database-url", sqlite_url, "person", "add", "sub-x"])
    assert result.exit_code == EXIT_USAGE
    assert "Oppgi --issuer" in result.output


def test_a_person_added_or_changed_since_the_read_models_caught_up_is_found_by_email(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`person grant` finds the person by the read models' register (not by loading everyone):
    caught up first, so a person signed in, and an address changed, a moment ago count, on
    SQLite and PostgreSQL alike; two people at one address are refused as before."""
    monkeypatch.setenv("PLANLOGG_OIDC_ISSUER", ISSUER)
    app = Planlogg.from_url(database_url)
    try:
        ReadModels.open(app).catch_up()
        web = Provenance("Kari", Source.WEB)
        app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari", web)
        app.record_sign_in(ISSUER, "sub-kari", "Kari.Nordmann@helse.no", "Kari", web)
        app.record_sign_in("https://auth.dataporten.no", "feide-ola", "ola@helse.no", "Ola", web)
        app.record_sign_in(ISSUER, "sub-ola", "OLA@helse.no", "Ola N", web)
    finally:
        app.close()
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(
            cli, ["--database-url", database_url, "--as", "Drift", "--reason", "test", *args]
        )

    granted = run("person", "grant", "kari.nordmann@HELSE.no", "rapportør")
    assert (granted.exit_code, granted.output) == (0, "Kari fikk rapportør.\n")
    gone = run("person", "grant", "kari@helse.no", "rapportør")
    assert gone.exit_code == EXIT_NOT_FOUND
    assert 'Fant ingen person med e-postadressen eller ID-en "kari@helse.no".' in gone.output
    both = run("person", "grant", "ola@helse.no", "rapportør")
    assert both.exit_code == EXIT_INVALID
    assert (
        'Flere personer har e-postadressen "ola@helse.no". Bruk ID-en (subject) i stedet.'
        in both.output
    )
    one = run("person", "revoke", "feide-ola", "rapportør")
    assert (one.exit_code, one.output) == (0, "Ola hadde ikke rapportør. Ingen endring.\n")
