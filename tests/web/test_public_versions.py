"""A version's own public page says what it is today: in force, adopted and coming in force on
a day still to come, or replaced (historical), as the plan's page decides which one is in force.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.dates import format_norwegian_date
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up

CLI = Provenance("Sekretariatet", Source.CLI)
LEAD = re.compile(r'<p class="lead">\s*(.*?)\s*Planperiode', re.S)


def lead(client: FlaskClient, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200
    found = LEAD.search(answer.text)
    if found is None:
        raise AssertionError(f"{path} has no lead")
    return found[1]


def adopt_version_two(app: Planlogg, web: Flask, meeting: date) -> None:
    version = app.submit(KEY, ["ASU"], CLI)
    app.approve(KEY, version, "ASU", "ASU sak 7/25", meeting, CLI)
    caught_up(web)


@pytest.mark.parametrize(
    ("målform", "words"),
    [("nb", "Vedtatt versjon 1, gjeldende."), ("nn", "Vedteken versjon 1, gjeldande.")],
)
def test_the_version_in_force_is_in_force_on_its_own_page_too(
    client: FlaskClient, målform: str, words: str
) -> None:
    """It said "(historisk)" there, while the plan's page said "gjeldende" of the same version."""
    assert lead(client, f"/planer/{KEY}?lang={målform}") == words
    assert lead(client, f"/planer/{KEY}/versjoner/1?lang={målform}") == words


def test_a_replaced_version_is_historical_and_its_successor_in_force(
    client: FlaskClient, web: Flask, demo_app: Planlogg
) -> None:
    adopt_version_two(demo_app, web, date.today() - timedelta(days=1))
    assert lead(client, f"/planer/{KEY}/versjoner/1") == "Vedtatt versjon 1 (historisk)."
    assert lead(client, f"/planer/{KEY}/versjoner/2") == "Vedtatt versjon 2, gjeldende."
    assert lead(client, f"/planer/{KEY}") == "Vedtatt versjon 2, gjeldende."


@pytest.mark.parametrize(
    ("målform", "words"),
    [
        ("nb", "Versjon 2 er vedtatt og gjelder fra %s."),
        ("nn", "Versjon 2 er vedteken og gjeld frå %s."),
    ],
)
def test_a_version_adopted_at_a_meeting_to_come_is_not_yet_in_force_nor_historical(
    client: FlaskClient, web: Flask, demo_app: Planlogg, målform: str, words: str
) -> None:
    meeting = date.today() + timedelta(days=30)
    adopt_version_two(demo_app, web, meeting)
    in_force = lead(client, f"/planer/{KEY}/versjoner/1?lang={målform}")
    assert in_force == lead(client, f"/planer/{KEY}?lang={målform}")
    coming = lead(client, f"/planer/{KEY}/versjoner/2?lang={målform}")
    assert coming == words % format_norwegian_date(meeting)
