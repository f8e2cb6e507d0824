"""A form sent twice (a double click, a reload of the POST) does no harm and does not tell its
editor their own change was refused: adding a measure and restoring one, as the outline
forms (`plan_outline._stored_as`, `remove_goal`)."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from tests.web.conftest import caught_up
from tests.web.forms import filled
from tests.web.signed_in import SETUP, person_with, signed_in

KEY = DEMO_PLAN
WORKING = f"/planer/{KEY}/arbeidsversjon"
NEW = f"/planer/{KEY}/tiltak/nytt"
RESTORE = f"/planer/{KEY}/tiltak/T028/gjenopprett"


def test_a_new_measure_sent_twice_is_added_once_and_not_refused_as_a_number_taken(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    data = filled(
        client.get(f"{NEW}?goal=2.1").text,
        {"text": "Felles rutine for utskrivning.", "responsible": "ASU"},
        NEW,
    )
    first = client.post(NEW, data=data)
    second = client.post(NEW, data=data)
    assert first.status_code == 303
    assert (second.status_code, second.headers.get("Location")) == (
        303,
        f"{WORKING}#tiltak-2.1.4",
    )
    added = [
        m.number
        for m in demo_app.get_plan(KEY).measures.values()
        if m.text == "Felles rutine for utskrivning."
    ]
    assert added == ["2.1.4"]


def test_a_restore_sent_twice_is_not_said_to_be_refused_as_changed_by_someone_else(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.remove_measure(KEY, "T028", SETUP)
    caught_up(people_web)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    data = filled(client.get(RESTORE).text, {}, RESTORE)
    first = client.post(RESTORE, data=data)
    second = client.post(RESTORE, data=data)
    assert first.status_code == 303
    assert (second.status_code, second.headers.get("Location")) == (
        303,
        f"{WORKING}#tiltak-2.1.1",
    )
    assert "ble ikke gjenopprettet" not in second.text
    assert not demo_app.get_plan(KEY).measure("T028").removed
