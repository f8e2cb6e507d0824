"""The registers on the command line: bodies (add, contacts, merge, list) and decisions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_REFUSED, cli


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    return invoke


@pytest.fixture
def community(run) -> None:
    assert run("community", "add", "hf", "Helsefellesskapet").exit_code == 0
    added = run(
        "community", "body", "add", "hf", "Strategisk samarbeidsutval", "--kind", "strategisk",
        "--short", "SSU", "--alias", "Strategisk samarbeidsutvalg",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "ID strategisk-samarbeidsutval" in added.output


def test_bodies_are_added_given_addresses_merged_and_listed(run, community) -> None:
    assert run("community", "body", "add", "hf", "Fagråd for pasientsamarbeid",
               "--kind", "fagleg").exit_code == 0  # fmt: skip
    contacts = run("community", "body", "contacts", "hf", "ssu", "--reporter", "leiar@example.org",
                   "--remind", "sekr@example.org", "--remind", "nestleiar@example.org")  # fmt: skip
    assert contacts.exit_code == 0, contacts.output
    merged = run("community", "body", "merge", "hf", "Fagråd pasient-samarbeid",
                 "fagråd pasientsamarbeid", "--into", "Fagråd for pasientsamarbeid")  # fmt: skip
    assert merged.exit_code == 0, merged.output
    assert "Fagråd pasient-samarbeid, fagråd pasientsamarbeid hører nå til" in merged.output
    listed = run("community", "body", "list", "hf", "--json")
    assert listed.exit_code == 0, listed.output
    assert [
        (b["id"], b["short_name"], b["aliases"], b["reporters"], b["reminded"])
        for b in json.loads(listed.output)
    ] == [
        ("strategisk-samarbeidsutval", "SSU", ["Strategisk samarbeidsutvalg"],
         ["leiar@example.org"], ["sekr@example.org", "nestleiar@example.org"]),
        ("fagrad-for-pasientsamarbeid", "", ["Fagråd pasient-samarbeid",
         "fagråd pasientsamarbeid"], [], []),
    ]  # fmt: skip


def test_bad_body_input_is_refused_in_norwegian(run, community) -> None:
    address = run("community", "body", "contacts", "hf", "SSU", "--reporter", "ikkje-epost")
    assert address.exit_code == EXIT_INVALID
    assert "«ikkje-epost» er ikke en e-postadresse" in address.output
    unknown = run("community", "body", "merge", "hf", "LSU-Orkdal", "--into", "LSU Orkdal")
    assert unknown.exit_code == EXIT_NOT_FOUND
    assert "«LSU Orkdal» er ikke et organ i Helsefellesskapet" in unknown.output


def test_an_unknown_responsible_body_is_kept_and_the_nearest_name_suggested(
    run, community, sqlite_url: str
) -> None:
    run("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025-2026")
    run("plan", "area", "p", "1", "Område")
    run("plan", "goal", "p", "1.1", "Mål")
    added = run("measure", "add", "p", "1.1.1", "Tiltak", "-r", "SSU", "-r", "Strategisk samarb.")
    assert added.exit_code == 0, added.output
    assert "«Strategisk samarb.» er ikke et registrert organ; lagret som skrevet. " in added.output
    assert "Mente du «Strategisk samarbeidsutval»?" in added.output
    measure = Planlogg.from_url(sqlite_url).get_plan("p").find_measure("1.1.1")
    assert measure.responsible == ("strategisk-samarbeidsutval", "Strategisk samarb.")


def test_a_change_citing_an_unregistered_decision_is_refused(run, community, sqlite_url) -> None:
    run("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025-2026")
    refused = run("--decision", "SSU sak 11/24", "plan", "area", "p", "1", "Område")
    assert refused.exit_code == EXIT_REFUSED
    assert "Vedtaket «SSU sak 11/24» er ikke registrert" in refused.output
    assert "planlogg decision add" in refused.output
    assert not Planlogg.from_url(sqlite_url).get_plan("p").areas
    added = run("decision", "add", "hf", "sak 11/24", "--body", "SSU", "--date", "13.03.2024",
                "--text", "SSU vedtek planen.", "--plan", "p")  # fmt: skip
    assert added.exit_code == 0, added.output
    cited = run("--decision", "ssu sak 11/2024", "plan", "area", "p", "1", "Område")
    assert cited.exit_code == 0, cited.output
    listed = run("decision", "list", "p", "--json")
    assert [
        (d["case"], d["body"], d["meeting_date"], [c["field"] for c in d["changes"]])
        for d in json.loads(listed.output)
    ] == [("SSU sak 11/24", "SSU", "2024-03-13", ["area_title"])]
    history = run("history", "p", "--decision", "SSU sak 11/24", "--json")
    assert history.exit_code == 0, history.output
    assert [r["field"] for r in json.loads(history.output)] == ["decision", "area_title"]


def test_a_decision_another_process_has_just_recorded_may_be_cited_at_once(
    run, community, sqlite_url
) -> None:
    """Nobody has caught the read models up since the web recorded it: the command does."""
    run("plan", "create", "p", "--title", "Plan", "--owner", "hf", "--years", "2025-2026")
    elsewhere = Planlogg.from_url(sqlite_url)
    elsewhere.record_decision("hf", "sak 12/24", "SSU", date(2024, 4, 10), "SSU vedtek planen.",
                              Provenance("Kari", Source.WEB), plan="p")  # fmt: skip
    cited = run("--decision", "SSU sak 12/24", "plan", "area", "p", "1", "Område")
    assert cited.exit_code == 0, cited.output
    assert elsewhere.get_plan("p").areas["1"].title == "Område"


def test_a_decision_is_registered_once_in_whatever_form_its_case_number_is_written(
    run, community
) -> None:
    added = run("decision", "add", "hf", "sak 27/22 ssu", "--body", "SSU", "--date", "01.06.2022",
                "--text", "SSU vedtek planen.")  # fmt: skip
    assert (added.exit_code, added.output) == (0, "✓ Registrerte SSU sak 27/22.\n")
    hyphen = run("decision", "add", "hf", "SSU-sak 28/22", "--body", "SSU", "--date", "01.06.2022",
                 "--text", "SSU vedtek rapporteringa.")  # fmt: skip
    assert (hyphen.exit_code, hyphen.output) == (0, "✓ Registrerte SSU sak 28/22.\n")
    again = run("decision", "add", "hf", "ssu sak 27/22", "--body", "ssu", "--date", "01.06.2022",
                "--text", "Ein gong til.")  # fmt: skip
    assert (again.exit_code, again.output) == (
        EXIT_INVALID, "Feil: SSU sak 27/22 er allerede registrert.\n",
    )  # fmt: skip
    other = run("decision", "add", "hf", "PSU sak 29/22", "--body", "SSU", "--date", "01.06.2022",
                "--text", "Vedtak.")  # fmt: skip
    assert (other.exit_code, other.output) == (
        EXIT_INVALID,
        "Feil: Saksnummeret «PSU sak 29/22» er en sak i PSU, men organet er oppgitt som SSU. "
        "Velg PSU som organ, eller skriv saksnummeret fra møtet i SSU.\n",
    )
    listed = json.loads(run("decision", "list", "--json").output)
    assert [(d["case"], d["text"]) for d in listed] == [
        ("SSU sak 27/22", "SSU vedtek planen."),
        ("SSU sak 28/22", "SSU vedtek rapporteringa."),
    ]


def test_a_decision_of_a_community_that_does_not_exist_is_refused(run, community) -> None:
    refused = run("decision", "add", "finst-ikkje", "sak 11/24", "--body", "SSU",
                  "--date", "13.03.2024", "--text", "SSU vedtek planen.")  # fmt: skip
    assert (refused.exit_code, refused.output) == (
        EXIT_NOT_FOUND, 'Feil: Fant ikke helsefellesskapet "finst-ikkje".\n',
    )  # fmt: skip
    assert json.loads(run("decision", "list", "--json").output) == []


def test_a_meeting_date_without_a_year_is_in_norways_year_at_new_year(
    run, community, norwegian_clock, sqlite_url: str
) -> None:
    """At 00:30 on New Year's Day in Norway (23:30 UTC on New Year's Eve), "15.1" is the
    coming January, not the one past."""
    norwegian_clock.moment = datetime(2030, 12, 31, 23, 30, tzinfo=UTC)
    added = run("decision", "add", "hf", "sak 1/31", "--body", "SSU", "--date", "15.1",
                "--text", "Vedtatt")  # fmt: skip
    assert added.exit_code == 0, added.output
    found = Planlogg.from_url(sqlite_url).get_decision("hf", "sak 1/31", "SSU")
    assert found.meeting_date == date(2031, 1, 15)
