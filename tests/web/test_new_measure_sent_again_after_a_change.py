"""A new-measure form sent again after the measure it added was changed is no form sent twice:
the measure at its number is no longer "as it was added" (`new_measure._added_already`), so
the second sending is refused as a number taken, not told it added the measure."""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from tests.web.conftest import caught_up
from tests.web.forms import filled
from tests.web.signed_in import SETUP, person_with, signed_in

KEY = DEMO_PLAN
NEW = f"/planer/{KEY}/tiltak/nytt"
TEXT = "Felles rutine for utskrivning."


def test_a_form_sent_again_after_its_measure_was_changed_is_refused_as_a_number_taken(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    data = filled(client.get(f"{NEW}?goal=2.1").text, {"text": TEXT, "responsible": "ASU"}, NEW)
    assert client.post(NEW, data=data).status_code == 303
    added = [m for m in demo_app.get_plan(KEY).measures.values() if m.text == TEXT]
    assert [m.number for m in added] == ["2.1.4"]
    demo_app.assign_responsible(KEY, added[0].id, ["ASU", "KAD-utvalget"], SETUP)
    caught_up(people_web)

    again = client.post(NEW, data=data)

    assert again.status_code == 422
    assert (
        '<li><a href="#number">Nummer: Tiltaksnummeret 2.1.4 er allerede i bruk.</a></li>'
        in again.text
    )
    measures = [m for m in demo_app.get_plan(KEY).measures.values() if m.text == TEXT]
    assert [(m.number, m.revision) for m in measures] == [("2.1.4", 2)]
