"""People's texts set among Planlogg's own words are isolated (`<bdi>`) when they hold
right-to-left text or direction controls: a right-to-left override (U+202E) typed into an
evaluation (or, before such names were refused, a body's name) turned the text after it
around too, so the plan read "USA ,USP"
for "ASU, PSU" and "Anbefaling" backwards. Text without any is left as it was.
"""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, signed_in

RLO = "\u202e"
ARABIC = "مجلس"
"""A body's name in right-to-left script: its direction controls are refused at the door
(`domain.text.checked_body`), its right-to-left letters are isolated all the same."""
SETUP = Provenance("Sekretariatet", Source.CLI)


def flipped_measure(app: Planlogg, web: Flask) -> str:
    """Measure 1.3.1 with a body and an evaluation that each hold an override; its ID."""
    app.assign_responsible(KEY, "1.3.1", [f"Fritt {ARABIC} organ", "ASU", "PSU"], SETUP)
    app.set_evaluation_plan(KEY, "1.3.1", {"objective": "Felles rutine"}, SETUP)
    app.evaluate_measure(KEY, "1.3.1", 2024, "delvis", f"Tre kommunar{RLO} har rutinen.",
                         "endre", f"Fagråd {ARABIC} for legesamarbeid", SETUP)  # fmt: skip
    caught_up(web)
    return app.get_plan(KEY).find_measure("1.3.1").id


def row(page: str, number: str) -> str:
    found = re.search(rf'<tr id="tiltak-{re.escape(number)}">(.*?)</tr>', page, re.S)
    if found is None:
        raise AssertionError(f"no row {number}")
    return found[1]


def test_each_responsible_body_and_an_evaluations_words_are_isolated_in_the_working_version(
    people_web: Flask, demo_app: Planlogg
) -> None:
    flipped_measure(demo_app, people_web)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    shown = row(client.get(f"/planer/{KEY}/arbeidsversjon").text, "1.3.1")
    assert (
        f'<td class="responsible" data-label="Ansvar"><bdi>Fritt {ARABIC} organ</bdi>, ASU, '
        "PSU</td>"
    ) in shown
    assert f"<bdi>Tre kommunar{RLO} har rutinen.</bdi> Anbefaling: endre (" in shown
    assert f"(<bdi>Fagråd {ARABIC} for legesamarbeid</bdi>, " in shown


def test_the_public_page_isolates_the_latest_evaluation_too(
    client: FlaskClient, web: Flask, demo_app: Planlogg
) -> None:
    flipped_measure(demo_app, web)
    shown = row(client.get(f"/planer/{KEY}").text, "1.3.1")
    assert "<bdi>" not in shown.split("<details")[0]
    assert f"<bdi>Tre kommunar{RLO} har rutinen.</bdi> Anbefaling: endre (" in shown


def test_a_plan_title_is_isolated_from_the_words_after_it(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.retitle_plan(KEY, f"Plan{RLO} 2022", SETUP)
    caught_up(people_web)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    measure = demo_app.get_plan(KEY).find_measure("1.3.1").id
    form = client.get(f"/planer/{KEY}/tiltak/{measure}/endre").text
    assert f'<p class="lead"><bdi>Plan{RLO} 2022</bdi>, arbeidsversjon 2.' in form
    index = client.get("/").text
    assert f"<bdi>Plan{RLO} 2022</bdi></a>" in index


def test_a_name_in_arabic_script_is_isolated_and_norwegian_text_left_as_it_was(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.assign_responsible(KEY, "1.3.1", ["مجلس الصحة", "ASU"], SETUP)
    caught_up(people_web)
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    shown = row(client.get(f"/planer/{KEY}/arbeidsversjon").text, "1.3.1")
    assert '<td class="responsible" data-label="Ansvar"><bdi>مجلس الصحة</bdi>, ASU</td>' in shown
    assert "<bdi>" not in row(client.get(f"/planer/{KEY}/arbeidsversjon").text, "1.2.1")
