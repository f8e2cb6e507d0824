"""The working version offers «Evaluer» for the measures bodies report on, not for one only
the draft has: the plan would refuse its evaluation until a version with it is adopted.

The demo plan's version 1 is in force while version 2 is drafted.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, signed_in

DRAFTING = Provenance("Sekretariatet", Source.CLI, reason="Utkast til versjon 2")
PAGE = f"/planer/{KEY}/arbeidsversjon"
NEW = {"nb": "Ny i arbeidsversjonen", "nn": "Ny i arbeidsversjonen"}


def evaluation_links(page: str) -> set[str]:
    return set(re.findall(rf'href="/planer/{KEY}/tiltak/([^/"]+)/evaluer"', page))


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_measure_only_the_draft_has_is_offered_no_evaluation(
    målform: str, people_web: Flask, demo_app: Planlogg
) -> None:
    removed = demo_app.get_plan(KEY).find_measure("4.1.3").id
    demo_app.remove_measure(KEY, "4.1.3", DRAFTING)
    added = demo_app.add_measure(KEY, "4.1.4", "Nytt i utkastet", DRAFTING)
    caught_up(people_web)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))

    page = client.get(f"{PAGE}?lang={målform}").get_data(as_text=True)

    plan = demo_app.get_plan(KEY)
    drafted = {m.id for m in plan.active_measures()}
    assert added in drafted and removed not in drafted
    assert evaluation_links(page) == drafted - {added}
    row = page[page.index('id="tiltak-4.1.4"') :]
    row = row[: row.index("</tr>")]
    assert NEW[målform] in row


def test_while_the_draft_adds_no_measure_every_measure_is_offered_an_evaluation(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    page = client.get(PAGE).get_data(as_text=True)
    assert evaluation_links(page) == {m.id for m in demo_app.get_plan(KEY).active_measures()}
    assert NEW["nb"] not in page
