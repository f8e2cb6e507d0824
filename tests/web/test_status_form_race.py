"""The status form's check for a report made meanwhile is made inside the save.

The reviewer's interleaving: Anne's POST loads the plan, and Berit's report for the same
body and measure is saved before Anne's save writes. Anne's save is refused (409) exactly
as a clash seen before the POST is, naming Berit's report, with Anne's rows as she typed
them; Berit's report stands. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.measure import MeasureState
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, event_count
from tests.web.forms import form_fields
from tests.web.signed_in import reporter, signed_in

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PATIENTS = "Fagråd for pasientsamarbeid"
PAGE = f"/planer/{KEY}/rapportere"
BERIT = Provenance("Berit (rapportør)", Source.WEB, reason="Statusrapport")
REFUSED = (
    "Ingenting er lagret: noen rapporterte på de samme tiltakene mens du fylte ut "
    "skjemaet. Se over og lagre på nytt."
)


def _annes_form(web: Flask, app: Planlogg) -> tuple[FlaskClient, dict[str, str], MeasureState]:
    """Anne's form as shown, with 4.1.3 (no report yet in R1) and 4.1.2 filled in."""
    client = signed_in(web, reporter(app, [BODY]))
    plan = app.get_plan(KEY)
    measure = plan.find_measure("4.1.3")
    assert measure.status is None
    form = dict(form_fields(client.get(PAGE).get_data(as_text=True), f"{PAGE}?organ={BODY_ID}"))
    assert (form[f"vist-status-{measure.id}"], form[f"vist-kommentar-{measure.id}"]) == ("", "")
    form |= {f"status-{measure.id}": "green", f"kommentar-{measure.id}": "Alt i rute (Anne)",
             "status-T038": "yellow", "kommentar-T038": "Venter (Anne)"}  # fmt: skip
    return client, form, measure


def _berit_reports(app: Planlogg, number: str = "4.1.3", body: str = BODY) -> None:
    app.report_status(KEY, number, "rød", "Stoppa (Berit)", BERIT, body=body)


def _assert_refused_with_annes_words_and_berits_report_standing(
    response: Any, app: Planlogg, measure: MeasureState, before: int
) -> None:
    assert response.status_code == 409, response.get_data(as_text=True)[:3000]
    page = response.get_data(as_text=True)
    assert REFUSED in page
    problem = (
        f"Tiltak {measure.number} ble rapportert av Berit (rapportør) mens du fylte ut "
        "skjemaet: rød, «Stoppa (Berit)». Det du skrev, står under: lagre på nytt for å "
        "erstatte den statusrapporten."
    )
    assert page.count(problem) == 2  # in the summary and at the row
    again = dict(form_fields(page, f"{PAGE}?organ={BODY_ID}"))
    assert (again[f"status-{measure.id}"], again[f"kommentar-{measure.id}"]) == (
        "green",
        "Alt i rute (Anne)",
    )
    assert (again["status-T038"], again["kommentar-T038"]) == ("yellow", "Venter (Anne)")
    assert event_count(app) == before  # neither row saved
    plan = app.get_plan(KEY)
    status = plan.measure(measure.id).status
    assert status is not None
    assert (status.colour.value, status.comment, status.reporter) == (
        "red",
        "Stoppa (Berit)",
        "Berit (rapportør)",
    )
    kept = plan.measure("T038").status
    assert kept is not None and kept.comment == "Ikkje starta."


def _once(action: Callable[[], None]) -> Callable[[], None]:
    done: list[bool] = []

    def run() -> None:
        if not done:
            done.append(True)
            action()

    return run


def test_a_report_landing_between_the_forms_load_and_its_save_is_refused(
    demo_on_database: tuple[Flask, Planlogg], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer's interleaving: after the POST loaded the plan, before it saves."""
    web, app = demo_on_database
    client, form, measure = _annes_form(web, app)
    save = app.report_statuses
    meanwhile = _once(lambda: _berit_reports(app))

    def berit_first(*args: Any, **kwargs: Any) -> Any:
        meanwhile()
        before.append(event_count(app))
        return save(*args, **kwargs)

    before: list[int] = []
    monkeypatch.setattr(app, "report_statuses", berit_first)
    response = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert before, response.status_code
    _assert_refused_with_annes_words_and_berits_report_standing(response, app, measure, before[0])
    monkeypatch.undo()

    again = dict(form_fields(response.get_data(as_text=True), f"{PAGE}?organ={BODY_ID}"))
    saved = client.post(f"{PAGE}?organ={BODY}", data=again)
    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=2"
    status = app.get_plan(KEY).measure(measure.id).status
    assert status is not None and status.comment == "Alt i rute (Anne)"


def test_a_report_landing_after_the_check_just_before_the_write_is_refused(
    demo_on_database: tuple[Flask, Planlogg], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Berit's report is written after Anne's change was checked on the plan it loaded,
    just before Anne's write: the write conflicts and the re-run on the fresh plan refuses."""
    web, app = demo_on_database
    client, form, measure = _annes_form(web, app)
    write = app.save
    writes: list[int] = []

    def berit_writes_first(*aggregates: Any, **kwargs: Any) -> Any:
        writes.append(len(writes))
        if len(writes) == 1:
            _berit_reports(app)  # itself a save: the second write
            before.append(event_count(app))
        return write(*aggregates, **kwargs)

    before: list[int] = []
    monkeypatch.setattr(app, "save", berit_writes_first)
    response = client.post(f"{PAGE}?organ={BODY}", data=form)
    monkeypatch.undo()
    assert len(writes) == 2, (writes, response.status_code)  # Anne's one attempt, Berit's
    _assert_refused_with_annes_words_and_berits_report_standing(response, app, measure, before[0])


def test_another_bodys_report_on_a_shared_measure_is_a_clash_too(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """4.2.1 is digital's and the patient body's: the round has one light for it, and the
    digital reporter's form showed it unreported; the patient body reported it since."""
    client, form, _measure = _annes_form(people_web, demo_app)
    shared = demo_app.get_plan(KEY).find_measure("4.2.1")
    assert form[f"vist-status-{shared.id}"] == ""
    form = {"csrf_token": form["csrf_token"], f"status-{shared.id}": "green",
            f"kommentar-{shared.id}": "I rute (digital)",
            f"vist-status-{shared.id}": "", f"vist-kommentar-{shared.id}": ""}  # fmt: skip
    _berit_reports(demo_app, "4.2.1", PATIENTS)
    before = event_count(demo_app)
    refused = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert refused.status_code == 409
    assert event_count(demo_app) == before
    page = refused.get_data(as_text=True)
    assert "Tiltak 4.2.1 ble rapportert av Berit (rapportør) mens du fylte ut skjemaet" in page
    status = demo_app.get_plan(KEY).measure(shared.id).status
    assert status is not None
    assert (status.reporter, status.body) == ("Berit (rapportør)", "Fagråd pasientsamarbeid")


def test_a_form_for_a_round_closed_and_replaced_meanwhile_is_refused_as_typed(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """The form carries its round: saved after R1 closed and R2 opened, its reports would
    land in R2, which the reporter never saw. They are refused, and kept in the form."""
    client, form, measure = _annes_form(people_web, demo_app)
    assert form["runde"] == "R1"
    secretariat = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")
    demo_app.close_reporting_round(KEY, secretariat)
    assert demo_app.open_reporting_round(KEY, date(2024, 11, 1), [BODY], secretariat) == "R2"
    before = event_count(demo_app)
    refused = client.post(f"{PAGE}?organ={BODY_ID}", data=form)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Runde R1 er avsluttet mens du fylte ut skjemaet. Ingenting er lagret." in page
    again = dict(form_fields(page, f"{PAGE}?organ={BODY_ID}"))
    assert (again[f"status-{measure.id}"], again[f"kommentar-{measure.id}"]) == (
        "green",
        "Alt i rute (Anne)",
    )
    assert event_count(demo_app) == before
