"""The status form asks for the measures of the version in force, as they are in force.

The demo plan's version 1 is in force while version 2 is drafted. The draft removes 4.1.3,
rewords 4.1.2 and adds 4.1.4, all for the digital samhandling fagråd: its reporter is asked
about 4.1.2 in version 1's words and about 4.1.3, not about 4.1.4, and can save them.
"""

from __future__ import annotations

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY
from tests.web.signed_in import person_with, reporter, signed_in
from tests.web.test_audit_pages import csrf_from

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"
DRAFTING = Provenance("Sekretariatet", Source.CLI, reason="Utkast til versjon 2")
REWORDED = "Utkastets nye ordlyd for 4.1.2"
ADDED = "Nytt tiltak i utkastet"


def test_the_form_asks_for_the_measures_in_force_and_saves_them(
    people_web: Flask, demo_app: Planlogg
) -> None:
    plan = demo_app.get_plan(KEY)
    in_force, removed = plan.find_measure("4.1.2").text, plan.find_measure("4.1.3")
    demo_app.remove_measure(KEY, "4.1.3", DRAFTING)
    demo_app.reword_measure(KEY, "4.1.2", REWORDED, DRAFTING)
    added = demo_app.add_measure(KEY, "4.1.4", ADDED, DRAFTING, responsible=[BODY])
    client = signed_in(people_web, reporter(demo_app, [BODY]))

    page = client.get(PAGE).get_data(as_text=True)
    assert page.count('<fieldset class="report"') == 5
    assert f'name="status-{removed.id}"' in page
    assert f'name="status-{added}"' not in page
    assert in_force in page and REWORDED not in page and ADDED not in page

    form = {
        "csrf_token": csrf_from(client, PAGE),
        f"status-{removed.id}": "yellow",
        f"kommentar-{removed.id}": "Fjerna i utkastet, men framleis i gang.",
    }
    saved = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert saved.status_code == 303
    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=1"
    status = demo_app.get_plan(KEY).measure(removed.id).status
    assert status is not None
    assert (status.colour, status.comment) == ("yellow", "Fjerna i utkastet, men framleis i gang.")


def test_the_evaluation_form_shows_the_measure_as_it_is_in_force(
    people_web: Flask, demo_app: Planlogg
) -> None:
    measure = demo_app.get_plan(KEY).find_measure("4.1.2")
    demo_app.move_measure(KEY, "4.1.2", "4.1.5", DRAFTING)
    demo_app.reword_measure(KEY, measure.id, REWORDED, DRAFTING)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    page = client.get(f"/planer/{KEY}/tiltak/{measure.id}/evaluer").get_data(as_text=True)
    assert measure.text in page and REWORDED not in page
    assert "4.1.2" in page and "4.1.5" not in page
