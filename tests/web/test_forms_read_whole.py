"""What the editing forms hold is shown whole, and the version page says what it shows.

A review in Chromium found the status form cutting each measure's text at 160 characters
(«… er med i løsningen,…»), the measure form's «Ansvar» a one-line entry that hid most of a
long body's name, the evaluation plan's «Start» and «Slutt» (a year) two-line text areas,
and an adopted version's page reading «ikke rapportert» everywhere with no word why.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from domain.richtext import text_to_html
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, signed_in

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
SETUP = Provenance("Drift", Source.CLI)


def editor(web: Flask, app: Planlogg) -> FlaskClient:
    return signed_in(web, person_with(app, Role.EDITOR))


def fieldset_of(page: str, number: str) -> str:
    found = re.search(
        rf'<fieldset class="report" id="tiltak-{re.escape(number)}"(.*?)</fieldset>', page, re.S
    )
    if found is None:
        raise AssertionError(f"no box for {number}")
    return found[1]


def test_the_status_form_shows_each_measures_whole_text_named_by_its_number(
    people_web: Flask, demo_app: Planlogg
) -> None:
    page = editor(people_web, demo_app).get(f"/planer/{KEY}/rapportere?organ={BODY}").text
    plan = demo_app.get_plan(KEY)
    register = demo_app.body_register(plan.header.owner)
    own = [m for m in plan.active_measures() if BODY_ID in map(register.key_of, m.responsible)]
    assert any(len(m.text) > 160 for m in own)
    for measure in own:
        box = fieldset_of(page, measure.number)
        assert f"<legend>Tiltak {measure.number}</legend>" in box
        text_id = f"tiltakstekst-{measure.id}"
        last = f" sist-{measure.id}" if measure.status is not None else ""
        assert box.startswith(f' aria-describedby="{text_id}{last}">')
        assert f'<div class="measure-text" id="{text_id}">{text_to_html(measure.text)}</div>' in (
            box
        )
        assert "..." not in box


def test_the_status_form_names_the_measure_in_nynorsk_too(
    people_web: Flask, demo_app: Planlogg
) -> None:
    page = editor(people_web, demo_app).get(f"/planer/{KEY}/rapportere?organ={BODY}&lang=nn")
    assert "<legend>Tiltak 4.1.2</legend>" in page.text


def measure_form(web: Flask, app: Planlogg, number: str) -> str:
    measure = app.get_plan(KEY).find_measure(number)
    answer = editor(web, app).get(f"/planer/{KEY}/tiltak/{measure.id}/endre")
    assert answer.status_code == 200
    return answer.text


def test_the_responsible_bodies_are_a_text_area_that_wraps_a_long_name(
    people_web: Flask, demo_app: Planlogg
) -> None:
    page = measure_form(people_web, demo_app, "2.1.1")
    found = re.search(r'<textarea id="felt-ansvar" name="Ansvar" rows="(\d+)"[^>]*>([^<]*)<', page)
    assert found is not None, "Ansvar is no text area"
    assert found[2] == "Fagråd for pasientsamarbeid med støtte fra andre fagråd"
    assert int(found[1]) >= 2
    assert 'aria-describedby="felt-ansvar-hint"' in found[0]


def test_when_an_evaluation_starts_and_ends_are_one_line_entries(
    people_web: Flask, demo_app: Planlogg
) -> None:
    demo_app.set_evaluation_plan(KEY, "2.1.1", {"start": "2023", "end": "Høsten 2024"}, SETUP)
    caught_up(people_web)
    page = measure_form(people_web, demo_app, "2.1.1")
    for entry, value in (("start", "2023"), ("slutt", "Høsten 2024")):
        found = re.search(rf'<(\w+) id="felt-evaluering-{entry}"[^>]*>', page)
        assert found is not None and found[1] == "input", entry
        assert f'value="{value}"' in found[0]
        assert 'class="short"' in found[0]
    assert re.search(r'<textarea id="felt-evaluering-malsetting"[^>]* rows="2"', page)


def test_a_start_written_on_two_lines_keeps_its_lines(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """A one-line entry would drop the line break when saved: what needs lines gets them."""
    demo_app.set_evaluation_plan(KEY, "2.1.1", {"start": "2023\netter første runde"}, SETUP)
    caught_up(people_web)
    page = measure_form(people_web, demo_app, "2.1.1")
    found = re.search(r'<textarea id="felt-evaluering-start"[^>]*>([^<]*)</textarea>', page)
    assert found is not None and found[1] == "2023\netter første runde"
    assert re.search(r'<input id="felt-evaluering-slutt"', page)


SAID = {
    "nb": "Dette er planen slik den ble vedtatt: status og evalueringer er slik de var da, "
    "uten det som er rapportert senere.",
    "nn": "Dette er planen slik ho blei vedteken: status og evalueringar er slik dei var då, "
    "utan det som er rapportert seinare.",
}
LATEST = {"nb": "Gjeldende plan med siste status", "nn": "Gjeldande plan med siste status"}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_an_adopted_versions_page_says_it_shows_the_plan_as_adopted(
    client: FlaskClient, målform: str
) -> None:
    """The page of version 1 read «ikke rapportert» for every measure, the plan's page (the
    same version, with the status reported since) their colours, with no word why."""
    page = client.get(f"/planer/{KEY}/versjoner/1?lang={målform}").text
    assert f'<p class="notice as-adopted">{SAID[målform]}' in page
    assert f'<a href="/planer/{KEY}">{LATEST[målform]}</a>' in page
    plan_page = client.get(f"/planer/{KEY}?lang={målform}").text
    assert SAID[målform] not in plan_page
