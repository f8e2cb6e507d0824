"""Reporting status with what the reporter saw: the check is made inside the save.

A reporter names, per measure, the report of the open round they were shown (`seen`, its
`status_tag`; "" for none). A report someone else saved since is refused with
`ConcurrentEditError` inside the change, so a save that lost the race re-runs on the fresh
plan and is refused there; several measures are reported in one save, all or nothing.
A measure has one light per round whichever of its bodies reported it, so one body's report
counts as a report made meanwhile for another body responsible for the measure too.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import ConcurrentEditError, RuleError, ValidationError
from domain.plan import StatusEntry, report_tag, status_tag
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour

DIGITAL = "Fagråd for digital samhandling"
PATIENTS = "Fagråd for pasientsamarbeid"
ANNE = Provenance("Anne (rapportør)", Source.WEB, reason="Statusrapport")
BERIT = Provenance("Berit (rapportør)", Source.WEB, reason="Statusrapport")
DAY = date(2024, 9, 5)
RED_AS_SHOWN = status_tag(Colour.RED, "Ikkje starta.")
"""What the demo's open round R1 shows for 4.1.2: red, «Ikkje starta.»; 4.1.3 has none."""


def _light(app: Planlogg, number: str) -> tuple[str, str, str] | None:
    status = app.get_plan(DEMO_PLAN).find_measure(number).status
    return (status.colour.value, status.comment, status.reporter) if status else None


def _annes_form() -> list[StatusEntry]:
    return [
        StatusEntry("4.1.2", Colour.YELLOW, "Venter på kommunane (Anne)", seen=RED_AS_SHOWN),
        StatusEntry("4.1.3", Colour.GREEN, "Alt i rute (Anne)", seen=""),
    ]


def test_a_report_saved_between_the_load_and_the_save_is_refused_after_the_rerun(
    app: Planlogg, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Berit's report lands after Anne's save loaded the plan and checked it, before it
    writes: the write conflicts, the change re-runs on the fresh plan, and is refused."""
    load_demo(app)
    berit = Planlogg.from_url(database_url)
    load = app.get_plan
    loads: list[int] = []

    def load_then_berit_reports(key: str):  # type: ignore[no-untyped-def]
        plan = load(key)
        loads.append(plan.version)
        if len(loads) == 1:
            berit.report_status(DEMO_PLAN, "4.1.3", "rød", "Stoppa (Berit)", BERIT, DAY, DIGITAL)
        return plan

    monkeypatch.setattr(app, "get_plan", load_then_berit_reports)
    try:
        with pytest.raises(ConcurrentEditError) as refused:
            app.report_statuses(DEMO_PLAN, _annes_form(), ANNE, DAY, body=DIGITAL)
    finally:
        berit.close()
    assert len(loads) == 2 and loads[1] == loads[0] + 1
    assert refused.value.message == (
        "Tiltak 4.1.3 ble rapportert av Berit (rapportør) 05.09.2024 etter at du hentet "
        "statusen: rød, «Stoppa (Berit)». Ingenting er lagret. Se over statusen, og "
        "rapporter på nytt om du fortsatt vil."
    )
    monkeypatch.undo()
    assert _light(app, "4.1.3") == ("red", "Stoppa (Berit)", "Berit (rapportør)")
    assert _light(app, "4.1.2") == ("red", "Ikkje starta.", "Leiar fagråd")  # all or nothing


def test_several_measures_are_reported_in_one_save_with_what_was_seen(app: Planlogg) -> None:
    load_demo(app)
    version = app.get_plan(DEMO_PLAN).version
    recorded = app.report_statuses(DEMO_PLAN, _annes_form(), ANNE, DAY, body=DIGITAL)
    assert recorded == ["T038", "T039"]
    assert app.get_plan(DEMO_PLAN).version == version + 2
    assert _light(app, "4.1.2") == ("yellow", "Venter på kommunane (Anne)", "Anne (rapportør)")
    assert _light(app, "4.1.3") == ("green", "Alt i rute (Anne)", "Anne (rapportør)")
    status = app.get_plan(DEMO_PLAN).find_measure("4.1.3").status
    assert status is not None and (status.body, status.round_id) == (DIGITAL, "R1")


def test_a_report_seen_out_of_date_is_refused_and_nothing_is_saved(app: Planlogg) -> None:
    load_demo(app)
    app.report_status(DEMO_PLAN, "4.1.2", "grønn", "Ferdig (Berit)", BERIT, DAY, DIGITAL)
    version = app.get_plan(DEMO_PLAN).version
    with pytest.raises(ConcurrentEditError, match=r"Tiltak 4\.1\.2 ble rapportert av Berit"):
        app.report_statuses(DEMO_PLAN, _annes_form(), ANNE, DAY, body=DIGITAL)
    assert app.get_plan(DEMO_PLAN).version == version
    assert _light(app, "4.1.3") is None


def test_what_is_reported_as_it_now_stands_is_no_clash_and_not_recorded_again(
    app: Planlogg,
) -> None:
    """Berit reported just what Anne typed: nothing of Berit's would be replaced."""
    load_demo(app)
    app.report_status(DEMO_PLAN, "4.1.3", "grønn", "Alt i rute (Anne)", BERIT, DAY, DIGITAL)
    recorded = app.report_statuses(DEMO_PLAN, _annes_form(), ANNE, DAY, body=DIGITAL)
    assert recorded == ["T038"]
    assert _light(app, "4.1.3") == ("green", "Alt i rute (Anne)", "Berit (rapportør)")


def test_another_bodys_report_on_a_shared_measure_is_a_report_made_meanwhile(
    app: Planlogg,
) -> None:
    """4.2.1 is both digital's and the patient body's: the round has one light for it, so
    the patient body's report, made after Anne's form showed none, is not replaced unseen."""
    load_demo(app)
    app.report_status(DEMO_PLAN, "4.2.1", "gul", "Venter (pasientsamarbeid)", BERIT, DAY, PATIENTS)
    mine = [StatusEntry("4.2.1", Colour.GREEN, "I rute (digital)", seen="")]
    with pytest.raises(ConcurrentEditError, match=r"Tiltak 4\.2\.1 ble rapportert av Berit"):
        app.report_statuses(DEMO_PLAN, mine, ANNE, DAY, body=DIGITAL)
    assert _light(app, "4.2.1") == ("yellow", "Venter (pasientsamarbeid)", "Berit (rapportør)")

    shown = report_tag(app.get_plan(DEMO_PLAN).find_measure("4.2.1").status)
    mine = [StatusEntry("4.2.1", Colour.GREEN, "I rute (digital)", seen=shown)]
    assert app.report_statuses(DEMO_PLAN, mine, ANNE, DAY, body=DIGITAL) == ["T040"]
    status = app.get_plan(DEMO_PLAN).find_measure("4.2.1").status
    assert status is not None and status.colour is Colour.GREEN
    assert status.body == "Fagråd digital samhandling"  # as the measure names the body


def test_a_single_report_honours_what_was_seen_too(app: Planlogg) -> None:
    load_demo(app)
    with pytest.raises(ConcurrentEditError, match=r"Tiltak 4\.1\.2 ble rapportert av Leiar"):
        app.report_status(DEMO_PLAN, "4.1.2", "gul", "Nei", ANNE, DAY, DIGITAL, seen="")
    app.report_status(DEMO_PLAN, "4.1.2", "gul", "Ja", ANNE, DAY, DIGITAL, seen=RED_AS_SHOWN)
    assert _light(app, "4.1.2") == ("yellow", "Ja", "Anne (rapportør)")
    app.report_status(DEMO_PLAN, "4.1.2", "grønn", "Uten token", BERIT, DAY, DIGITAL)
    assert _light(app, "4.1.2") == ("green", "Uten token", "Berit (rapportør)")


def test_a_report_of_a_closed_round_is_not_one_to_replace(app: Planlogg) -> None:
    """Anne saw R1's red report; R2 opened since, with no report yet: hers is the first."""
    load_demo(app)
    app.close_reporting_round(DEMO_PLAN, BERIT)
    decided = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24")
    app.open_reporting_round(DEMO_PLAN, date(2024, 12, 1), [DIGITAL], decided)
    mine = [StatusEntry("4.1.2", Colour.GREEN, "Ikkje starta.", seen=RED_AS_SHOWN)]
    assert app.report_statuses(DEMO_PLAN, mine, ANNE, DAY, body=DIGITAL) == ["T038"]
    status = app.get_plan(DEMO_PLAN).find_measure("4.1.2").status
    assert status is not None and status.round_id == "R2"


def test_reports_for_a_round_closed_meanwhile_are_refused_not_put_outside_it(
    app: Planlogg,
) -> None:
    load_demo(app)
    app.close_reporting_round(DEMO_PLAN, ANNE)
    version = app.get_plan(DEMO_PLAN).version
    with pytest.raises(RuleError) as refused:
        app.report_statuses(DEMO_PLAN, _annes_form(), ANNE, DAY, body=DIGITAL, round_id="R1")
    assert refused.value.message == (
        "Runde R1 er avsluttet mens du fylte ut skjemaet. Ingenting er lagret."
    )
    assert app.get_plan(DEMO_PLAN).version == version


def test_one_measure_named_twice_is_refused(app: Planlogg) -> None:
    load_demo(app)
    version = app.get_plan(DEMO_PLAN).version
    twice = [
        StatusEntry("4.1.3", Colour.GREEN, "Alt i rute", seen=""),
        StatusEntry("T039", Colour.RED, "Stoppa", seen=""),
    ]
    with pytest.raises(ValidationError) as refused:
        app.report_statuses(DEMO_PLAN, twice, ANNE, DAY, body=DIGITAL)
    assert refused.value.message == "Tiltak 4.1.3 er med mer enn én gang."
    assert app.get_plan(DEMO_PLAN).version == version
