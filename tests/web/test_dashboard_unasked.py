"""The dashboard's round block, its API document and `round show` name the measures the open
round asks no body about because a body they name is not in the register
(`domain.reminders.unasked`), with the way to the register of bodies where such spellings
are merged; the dashboard links the registers of bodies and decisions for editors."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, reporter, signed_in
from web.cli import cli
from web.tokens import Role, create_token

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)
PAGE = f"/planer/{KEY}/dashbord"
UNASKED = re.compile(r'<p class="unasked">(.*?)</p>', re.S)
SAID = (
    "5 tiltak blir ikke etterspurt i runden fordi organet som har ansvaret, ikke er i "
    "organregisteret: 1.4.1, 1.5.1, 2.1.1, 4.1.1, 5.2.2."
)


def _merge_one_spelling(app: Planlogg) -> None:
    app.merge_bodies(
        DEMO_COMMUNITY,
        ["Fagråd pasient-samarbeid med støtte fra øvrige fagråd"],
        "Fagråd for pasientsamarbeid",
        SECRETARIAT,
    )


def test_an_editor_reads_the_unasked_measures_with_a_link_to_the_register(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))

    page = client.get(PAGE).get_data(as_text=True)

    assert UNASKED.findall(page) == [
        f'{SAID} <a href="/helsefellesskap/{DEMO_COMMUNITY}/organer#uregistrerte">'
        "Slå sammen skrivemåtene i organregisteret.</a>"
    ]
    assert "planlogg " not in page.split("<main", 1)[1]


def test_the_api_document_names_them_and_a_merge_takes_one_off_at_once(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    token, _record = create_token(web.extensions["planlogg"].tokens, "Erik", Role.EDITOR)
    api = f"/api/plans/{KEY}/dashboard"
    bearer = {"Authorization": f"Bearer {token}"}
    before = client.get(api, headers=bearer).json["open_round"]["unasked"]
    _merge_one_spelling(app)
    caught_up(web)

    after = client.get(api, headers=bearer).json["open_round"]["unasked"]
    page = client.get(PAGE).get_data(as_text=True)

    assert before == ["1.4.1", "1.5.1", "2.1.1", "4.1.1", "5.2.2"]
    assert after == ["2.1.1", "4.1.1", "5.2.2"]
    assert UNASKED.findall(page)[0].startswith(
        "3 tiltak blir ikke etterspurt i runden fordi organet som har ansvaret, ikke er i "
        "organregisteret: 2.1.1, 4.1.1, 5.2.2. <a "
    )


def test_a_reporter_is_told_the_secretariat_merges_them_and_gets_no_register_links(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, reporter(app, ["Fagråd for digital samhandling"]))

    page = client.get(PAGE).get_data(as_text=True)

    assert UNASKED.findall(page) == [
        f"{SAID} Sekretariatet kan slå sammen skrivemåtene i organregisteret."
    ]
    assert "/organer" not in page
    assert f"/planer/{KEY}/vedtak" not in page


def test_an_editor_finds_both_registers_at_the_top_of_the_dashboard(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))

    page = client.get(PAGE).get_data(as_text=True)
    top = page.split('<section aria-labelledby="per-omrade">', 1)[0]

    assert re.findall(r'<p class="no-print">(.*?)</p>', top) == [
        f'<a href="/helsefellesskap/{DEMO_COMMUNITY}/organer">Organregisteret</a> · '
        f'<a href="/planer/{KEY}/vedtak">Vedtaksregisteret</a>'
    ]


def test_round_show_and_dashboard_name_them_with_the_command_that_merges(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    runner = CliRunner()
    env = {"PLANLOGG_DATABASE_URL": sqlite_url, "PLANLOGG_USER": "sekretariatet"}
    assert runner.invoke(cli, ["demo"], env=env).exit_code == 0
    said = f"{SAID} Slå sammen skrivemåter med «planlogg community body merge»."

    shown = runner.invoke(cli, ["round", "show", KEY], env=env).output.splitlines()
    board = runner.invoke(cli, ["dashboard", KEY], env=env).output.splitlines()

    assert shown[1] == said
    assert shown[2].startswith("Fagråd for pasientsamarbeid\tikke rapportert\t")
    assert board[board.index(said) - 1].startswith("Ikke rapportert: Fagråd for pasientsamarbeid")
