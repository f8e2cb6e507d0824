"""A body's reporter reports status in the browser for the body's measures in the open round."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.measure import MeasureState
from domain.provenance import Provenance, Source
from domain.reminders import as_registered, has_reported
from domain.vocabulary import Colour
from tests.web.conftest import KEY, event_count
from tests.web.forms import form_fields
from tests.web.signed_in import reporter, signed_in
from tests.web.test_audit_pages import csrf_from

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"


def test_a_reporter_reports_their_bodys_measures_and_the_body_has_reported(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    page = client.get(PAGE).get_data(as_text=True)
    plan = demo_app.get_plan(KEY)
    register = demo_app.body_register(plan.header.owner)
    own = [m for m in plan.reporting_measures() if BODY_ID in map(register.key_of, m.responsible)]
    assert f"<h2>{BODY}</h2>" in page
    assert page.count('<fieldset class="report"') == len(own) == 5

    form = {"csrf_token": csrf_from(client, PAGE)}
    for measure in own:
        form[f"status-{measure.id}"] = "yellow"
        form[f"kommentar-{measure.id}"] = f"Forseinka ({measure.number})."
    saved = client.post(f"{PAGE}?organ={BODY}", data=form)

    assert saved.status_code == 303
    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=5"
    plan = demo_app.get_plan(KEY)
    assert has_reported(BODY_ID, "R1", as_registered(plan.reporting_measures(), register))
    status = plan.find_measure(own[0].number).status  # the body as the measure names it
    assert status is not None
    assert (status.colour, status.body, status.round_id) == ("yellow", BODY, "R1")
    assert status.reporter == "Reporter (reporter@helse.no)"
    again = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert again.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=0"


def test_a_reporter_cannot_report_for_another_body(people_web: Flask, demo_app: Planlogg) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    assert client.get(f"{PAGE}?organ=Sekretariat").status_code == 403


def test_a_reporter_without_a_body_of_the_round_is_told_whom_to_ask(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, ["PSU"]))
    page = client.get(PAGE).get_data(as_text=True)
    assert "Du rapporterer ikke for noen av organene i denne runden" in page


def test_a_web_report_is_from_the_web_in_the_audit_trail(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = next(m for m in demo_app.get_plan(KEY).reporting_measures() if BODY in m.responsible)
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure.id}": "red"}
    client.post(f"{PAGE}?organ={BODY}", data=form)
    models = people_web.extensions["planlogg"].read_models
    timeline = models.measure_timeline(KEY, measure.number)
    assert timeline[-1].source == Source.WEB


def test_a_refused_row_saves_no_row_and_every_row_comes_back_as_typed(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    plan = demo_app.get_plan(KEY)
    register = demo_app.body_register(plan.header.owner)
    first, second, third = [
        m for m in plan.reporting_measures() if BODY_ID in map(register.key_of, m.responsible)
    ][:3]
    before = event_count(demo_app)
    long = "Lang forklaring " + "x" * 2100
    third_comment = "Tredje rad, viktig tekst"
    form = {"csrf_token": csrf_from(client, PAGE),
            f"status-{first.id}": "green", f"kommentar-{first.id}": "Første rad",
            f"status-{second.id}": "yellow", f"kommentar-{second.id}": long,
            f"status-{third.id}": "red", f"kommentar-{third.id}": third_comment}  # fmt: skip
    refused = client.post(f"{PAGE}?organ={BODY}", data=form)

    assert refused.status_code == 422
    assert event_count(demo_app) == before
    page = refused.get_data(as_text=True)
    assert "<h2>Statusrapporten ble ikke lagret</h2>" in page
    assert "Ingenting er lagret. Rett feilene under og lagre på nytt." in page
    problem = (
        f"Tiltak {second.number}: Kommentaren har for mange tegn: 2116, men høyst 2000 er lov."
    )
    assert page.count(problem) == 2  # in the summary and at the row
    shown = dict(form_fields(page, f"{PAGE}?organ={BODY_ID}"))
    assert {name: shown[name] for name in form if name != "csrf_token"} == {
        name: value for name, value in form.items() if name != "csrf_token"
    }
    form[f"kommentar-{second.id}"] = "Kortere forklaring"
    saved = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=3"


def test_an_unknown_light_is_refused_naming_its_measure(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = next(m for m in demo_app.get_plan(KEY).reporting_measures() if BODY in m.responsible)
    before = event_count(demo_app)
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure.id}": "blue",
            f"kommentar-{measure.id}": "Blå er ikke en status"}  # fmt: skip
    refused = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert refused.status_code == 422
    assert f"Ukjent status for {measure.number}." in refused.get_data(as_text=True)
    assert "Blå er ikke en status" in refused.get_data(as_text=True)
    assert event_count(demo_app) == before


def test_a_comment_typed_without_a_light_is_refused_not_dropped(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = next(m for m in demo_app.get_plan(KEY).reporting_measures() if BODY in m.responsible)
    before = event_count(demo_app)
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure.id}": "",
            f"kommentar-{measure.id}": "Venter på svar frå kommunane"}  # fmt: skip
    refused = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    problem = (
        f"Tiltak {measure.number}: velg status; en kommentar lagres bare sammen med en status."
    )
    assert page.count(problem) == 2  # in the summary and at the row
    assert dict(form_fields(page, f"{PAGE}?organ={BODY_ID}"))[f"kommentar-{measure.id}"] == (
        "Venter på svar frå kommunane"
    )
    assert event_count(demo_app) == before
    # The light is missing, not the comment: the refusal stands at the lights, its link goes
    # there, and the comment, which is fine, is not marked.
    assert f'<li><a href="#status-{measure.id}-green">{problem}</a></li>' in page
    at_lights = f'<p class="error" id="status-{measure.id}-error">{problem}</p>'
    assert page.index(at_lights) < page.index(f'id="status-{measure.id}-green"')
    described = f'aria-invalid="true" aria-describedby="status-{measure.id}-error"'
    assert page.count(described) == 3
    assert f'id="kommentar-{measure.id}-error"' not in page


def test_an_unchanged_comment_of_several_lines_is_not_reported_again(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """Browsers send a text area's line breaks as CRLF; the stored comment has LF."""
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    measure = next(m for m in demo_app.get_plan(KEY).reporting_measures() if BODY in m.responsible)
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure.id}": "red",
            f"kommentar-{measure.id}": "Linje ein\r\nLinje to"}  # fmt: skip
    first = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert first.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=1"
    status = demo_app.get_plan(KEY).measure(measure.id).status
    assert status is not None and status.comment == "Linje ein\nLinje to"
    before = event_count(demo_app)
    again = client.post(f"{PAGE}?organ={BODY}", data=form)
    assert again.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=0"
    assert event_count(demo_app) == before


def _own_measures(app: Planlogg) -> list[MeasureState]:
    plan = app.get_plan(KEY)
    register = app.body_register(plan.header.owner)
    return [m for m in plan.reporting_measures() if BODY_ID in map(register.key_of, m.responsible)]


OTHER = Provenance("Kari Nordmann", Source.WEB)


def _reported_meanwhile(
    web: Flask, app: Planlogg
) -> tuple[FlaskClient, dict[str, str], MeasureState, MeasureState]:
    """A reporter's form showing the first measure yellow «Pågår»; then, before they save,
    someone else reports it green «Ferdig»."""
    first, second = _own_measures(app)[:2]
    app.report_status(KEY, first.id, Colour.YELLOW, "Pågår", OTHER, body=BODY)
    client = signed_in(web, reporter(app, [BODY]))
    form = dict(form_fields(client.get(PAGE).get_data(as_text=True), f"{PAGE}?organ={BODY_ID}"))
    assert (form[f"status-{first.id}"], form[f"kommentar-{first.id}"]) == ("yellow", "Pågår")
    app.report_status(KEY, first.id, Colour.GREEN, "Ferdig", OTHER, body=BODY)
    return client, form, first, second


def test_a_row_left_untouched_does_not_overwrite_a_report_made_meanwhile(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client, form, first, second = _reported_meanwhile(people_web, demo_app)
    form[f"status-{second.id}"] = "red"
    saved = client.post(f"{PAGE}?organ={BODY}", data=form)

    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=1"
    plan = demo_app.get_plan(KEY)
    kept = plan.measure(first.id).status
    assert kept is not None and (kept.colour, kept.comment) == (Colour.GREEN, "Ferdig")
    reported = plan.measure(second.id).status
    assert reported is not None and reported.colour == Colour.RED


def test_a_row_changed_while_another_reported_it_is_refused_naming_the_other_report(
    people_web: Flask, demo_app: Planlogg
) -> None:
    client, form, first, second = _reported_meanwhile(people_web, demo_app)
    before = event_count(demo_app)
    form |= {f"status-{first.id}": "red", f"kommentar-{first.id}": "Stoppa",
             f"status-{second.id}": "yellow"}  # fmt: skip
    refused = client.post(f"{PAGE}?organ={BODY}", data=form)

    assert refused.status_code == 409
    assert event_count(demo_app) == before
    page = refused.get_data(as_text=True)
    problem = (
        f"Tiltak {first.number} ble rapportert av Kari Nordmann mens du fylte ut skjemaet: "
        "grønn, «Ferdig». Det du skrev, står under: lagre på nytt for å "
        "erstatte den statusrapporten."
    )
    assert page.count(problem) == 2  # in the summary and at the row
    again = dict(form_fields(page, f"{PAGE}?organ={BODY_ID}"))
    assert (again[f"status-{first.id}"], again[f"kommentar-{first.id}"]) == ("red", "Stoppa")
    assert again[f"status-{second.id}"] == "yellow"
    saved = client.post(f"{PAGE}?organ={BODY}", data=again)
    assert saved.headers["Location"] == f"{PAGE}?organ={BODY_ID}&lagret=2"
    status = demo_app.get_plan(KEY).measure(first.id).status
    assert status is not None and (status.colour, status.comment) == (Colour.RED, "Stoppa")
