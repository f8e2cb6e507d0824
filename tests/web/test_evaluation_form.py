"""Evaluating a measure in the browser, on SQLite and PostgreSQL: the signed-in editor's
evaluation from the web; a year already evaluated is replaced only when the form says so."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.vocabulary import EvaluationResult, Recommendation
from tests.web.forms import filled
from tests.web.signed_in import ISSUER, SETUP, person_with, signed_in

KEY = DEMO_PLAN


@pytest.fixture
def evaluation_url(demo_on_database: tuple[Flask, Planlogg]) -> str:
    _, app = demo_on_database
    measure_id = app.get_plan(KEY).find_measure("1.3.1").id
    return f"/planer/{KEY}/tiltak/{measure_id}/evaluer"


def evaluate(client, url: str, **changes: str) -> object:
    page = client.get(url).text
    values = {"year": "2024", "result": "partly", "led_to": "Tre kommunar har rutinen.",
              "recommendation": "change", "body": "Fagråd for legesamarbeid",
              "evaluated_on": "01.10.2024", "decision": "ASU sak 40/24", **changes}  # fmt: skip
    return client.post(url, data=filled(page, values, url))


def test_an_editor_evaluates_a_year_and_sees_it_listed(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    response = evaluate(client, evaluation_url)
    assert response.status_code == 303
    shown = client.get(response.headers["Location"]).text
    assert "Evalueringen for 2024 er lagret." in shown
    assert (
        '<th scope="row">2024</th><td>delvis oppnådd</td><td>Tre kommunar har rutinen.</td>'
        "<td>endre</td><td>Fagråd for legesamarbeid</td><td>01.10.2024</td>"
    ) in shown
    evaluation = app.get_plan(KEY).find_measure("1.3.1").evaluations[2024]
    assert (evaluation.result, evaluation.recommendation) == (
        EvaluationResult.PARTLY,
        Recommendation.CHANGE,
    )
    event = list(app.events.get(app.get_plan(KEY).id))[-1]
    assert (event.by.source, event.by.decision) == ("web", "ASU sak 40/24")
    again = evaluate(client, evaluation_url, result="achieved")
    assert again.status_code == 409
    assert (
        "Tiltak 1.3.1 er allerede evaluert for 2024. Kryss av for «Erstatt en evaluering av "
        "samme år» for å erstatte den." in again.text
    )
    assert "--replace" not in again.text
    replaced = evaluate(client, evaluation_url, result="achieved", replace="1")
    assert replaced.status_code == 303
    assert app.get_plan(KEY).find_measure("1.3.1").evaluations[2024].result == "achieved"


def test_a_missing_answer_is_refused_and_nothing_is_stored(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    response = evaluate(client, evaluation_url, led_to="")
    assert response.status_code == 422
    assert "Hva tiltaket førte til må fylles ut." in response.text
    assert app.get_plan(KEY).find_measure("1.3.1").evaluations == {}


@pytest.mark.parametrize(
    ("målform", "message"),
    [
        (
            "nb",
            "Vedtaket «Påfunnet sak 999/99» er ikke registrert. Se om saksnummeret er skrevet "
            "riktig, eller be sekretariatet registrere vedtaket først.",
        ),
        (
            "nn",
            "Vedtaket «Påfunnet sak 999/99» er ikkje registrert. Sjå om saksnummeret er skrive "
            "rett, eller be sekretariatet registrere vedtaket først.",
        ),
    ],
)
def test_a_decision_never_registered_is_refused_and_what_was_typed_is_kept(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str, målform: str, message: str
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    client.get(f"{evaluation_url}?lang={målform}")
    before = app.recorder.max_notification_id()
    refused = evaluate(client, evaluation_url, decision="Påfunnet sak 999/99")
    assert refused.status_code == 409
    assert app.recorder.max_notification_id() == before
    assert message in refused.text
    assert "planlogg decision" not in refused.text
    assert 'value="Påfunnet sak 999/99"' in refused.text
    assert ">Tre kommunar har rutinen.</textarea>" in refused.text
    assert app.get_plan(KEY).find_measure("1.3.1").evaluations == {}


@pytest.mark.parametrize("year", ["²⁰²⁴", "٢٠٢٤", "0999", "9" * 5000])
def test_a_year_that_is_not_four_ascii_digits_is_refused(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str, year: str
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    refused = evaluate(client, evaluation_url, year=year)
    assert refused.status_code == 422
    assert "Skriv året evalueringen gjelder, f.eks. 2024." in refused.text
    assert app.get_plan(KEY).find_measure("1.3.1").evaluations == {}


def test_a_reporter_may_not_evaluate(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.REPORTER))
    assert client.get(evaluation_url).status_code == 403


NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>')


def test_the_form_tells_of_a_stored_evaluation_only(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str
) -> None:
    """The year in the address is told as saved only when the measure has its evaluation."""
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    assert NOTICE.findall(client.get(f"{evaluation_url}?evaluert=2024").text) == []
    assert NOTICE.findall(client.get(f"{evaluation_url}?evaluert=Ring+99").text) == []
    assert evaluate(client, evaluation_url).status_code == 303
    for målform, notice in (("nb", "Evalueringen for 2024 er lagret."),
                            ("nn", "Evalueringa for 2024 er lagra.")):  # fmt: skip
        page = client.get(f"{evaluation_url}?evaluert=2024&lang={målform}")
        assert NOTICE.findall(page.text) == [notice]
    assert NOTICE.findall(client.get(f"{evaluation_url}?evaluert=2023").text) == []


def second_editor(app: Planlogg) -> object:
    """Another editor than `person_with`'s, with a name of her own."""
    kari = app.add_person(ISSUER, "kari", "kari@helse.no", "Kari Nordmann", SETUP)
    app.grant_roles(kari, [Role.EDITOR], SETUP)
    return kari


def test_two_people_replacing_one_evaluation_the_second_is_refused_with_the_form_kept(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str
) -> None:
    """Both saw the same 2024 evaluation; the second replacement would silently overwrite the
    first, so it is refused naming it, and the form comes back as typed, now against the
    evaluation stored: saving it again replaces that one knowingly."""
    web, app = demo_on_database
    first = signed_in(web, person_with(app, Role.EDITOR))
    second = signed_in(web, second_editor(app))
    assert evaluate(first, evaluation_url).status_code == 303
    first_page = first.get(evaluation_url).text
    second_page = second.get(evaluation_url).text
    values = {"year": "2024", "recommendation": "continue", "body": "ASU",
              "evaluated_on": "01.11.2024", "replace": "1"}  # fmt: skip
    replaced = first.post(evaluation_url, data=filled(
        first_page, {**values, "result": "achieved", "led_to": "Alle kommunar."}, evaluation_url
    ))  # fmt: skip
    assert replaced.status_code == 303
    before = app.recorder.max_notification_id()
    refused = second.post(evaluation_url, data=filled(
        second_page, {**values, "result": "not_achieved", "led_to": "Ingen endring."},
        evaluation_url,
    ))  # fmt: skip
    assert refused.status_code == 409
    assert app.recorder.max_notification_id() == before
    assert (
        "Tiltak 1.3.1 ble evaluert for 2024 av Editor (editor@helse.no) etter at du hentet "
        "evalueringene: "
        "oppnådd, «Alle kommunar.», videreføre (ASU, 01.11.2024). Ingenting er lagret."
    ) in refused.text
    assert ">Ingen endring.</textarea>" in refused.text
    assert 'value="not_achieved" checked' in refused.text
    assert 'name="replace" value="1" checked' in refused.text
    stored = app.get_plan(KEY).find_measure("1.3.1").evaluations[2024]
    assert (stored.led_to, stored.evaluator) == ("Alle kommunar.", "Editor (editor@helse.no)")
    again = second.post(evaluation_url, data=filled(refused.text, {}, evaluation_url))
    assert again.status_code == 303
    stored = app.get_plan(KEY).find_measure("1.3.1").evaluations[2024]
    assert (stored.led_to, stored.evaluator) == (
        "Ingen endring.",
        "Kari Nordmann (kari@helse.no)",
    )


@pytest.mark.parametrize(
    ("målform", "saved", "notice"),
    [
        (
            "nb",
            "Evalueringen for 2024 er lagret.",
            "«Fagråd for pasient samarbeid» er ikke et registrert organ; lagret som skrevet. "
            "Mente du «Fagråd for pasientsamarbeid»? "
            "Sekretariatet kan slå sammen skrivemåtene i organregisteret.",
        ),
        (
            "nn",
            "Evalueringa for 2024 er lagra.",
            "«Fagråd for pasient samarbeid» er ikkje eit registrert organ; lagra som skrive. "
            "Meinte du «Fagråd for pasientsamarbeid»? "
            "Sekretariatet kan slå saman skrivemåtane i organregisteret.",
        ),
    ],
)
def test_an_evaluating_body_the_register_lacks_is_saved_as_typed_and_named(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str, målform: str, saved: str,
    notice: str,
) -> None:  # fmt: skip
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    client.get(f"{evaluation_url}?lang={målform}")
    response = evaluate(client, evaluation_url, body="Fagråd for pasient samarbeid")
    assert response.status_code == 303
    shown = client.get(response.headers["Location"]).text
    assert NOTICE.findall(shown) == [saved, notice]
    assert "planlogg" not in notice
    stored = app.get_plan(KEY).find_measure("1.3.1").evaluations[2024]
    assert stored.body == "Fagråd for pasient samarbeid"
    registered = evaluate(client, evaluation_url, body="ASU", replace="1")
    assert NOTICE.findall(client.get(registered.headers["Location"]).text) == [saved]


SUMMARY_LINK = re.compile(r'<li><a href="#([^"]+)">(.*?)</a></li>')


def test_refusals_are_named_at_their_fields_and_linked_from_the_summary(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str
) -> None:
    """The errors were shown only at the top: a screen reader on a field heard nothing."""
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    refused = evaluate(
        client, evaluation_url, result="", led_to="", body="", evaluated_on="31.02.2025"
    )
    assert refused.status_code == 422
    page = refused.text
    assert SUMMARY_LINK.findall(page) == [
        ("result", "Resultat: Velg resultat: oppnådd, delvis oppnådd eller ikke oppnådd."),
        ("led_to", "Hva tiltaket førte til: Hva tiltaket førte til må fylles ut."),
        ("body", "Organet som evaluerer: Organet må fylles ut."),
        ("evaluated_on", "Dato: &#34;31.02.2025&#34; er ikke en gyldig dato."),
    ]  # fmt: skip
    assert '<fieldset class="choices" id="result" aria-describedby="result-error" ' \
           'aria-invalid="true">' in page  # fmt: skip
    assert '<textarea id="led_to" name="led_to" rows="4" aria-describedby="led_to-error" ' \
           'aria-invalid="true">' in page  # fmt: skip
    assert (
        '<input id="evaluated_on" name="evaluated_on" value="31.02.2025" '
        'aria-describedby="evaluated_on-hint evaluated_on-error" aria-invalid="true"'
    ) in page
    assert '<p class="error" id="body-error">Organet må fylles ut.</p>' in page
    assert 'id="recommendation" aria-invalid' not in page
    assert app.get_plan(KEY).find_measure("1.3.1").evaluations == {}


def test_a_year_outside_the_period_is_named_at_the_year(
    demo_on_database: tuple[Flask, Planlogg], evaluation_url: str
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    refused = evaluate(client, evaluation_url, year="2030")
    assert refused.status_code == 422
    assert SUMMARY_LINK.findall(refused.text) == [
        ("year", "År: 2030 er utenfor planperioden 2022–2025.")
    ]
    assert '<select id="year" name="year" aria-describedby="year-error" aria-invalid="true">' \
        in refused.text  # fmt: skip
