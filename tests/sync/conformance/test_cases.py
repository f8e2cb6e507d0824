"""The same cases on every backend (in memory, .xlsx, Google through gspread, Excel Online
through Graph), so the backends cannot drift apart. A case is one function taking `driver`
(or `networked`: the backends that talk to a service and can meet its faults)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.application import Planlogg
from projections import AuditQuery
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.layout import SyncRefused
from tests.sync.conformance.drivers import PERSON, SheetDriver, ids, row_of, value
from tests.sync.conftest import PLAN, WEB
from tests.sync.test_cycle import _crash_once, _moves_only_the_base


def cycle(sheet_sync: SheetSync, driver: SheetDriver) -> Any:
    return sheet_sync.cycle(driver.backend, PLAN)


def events(app: Planlogg, kind: str) -> list[Any]:
    plan = app.get_plan(PLAN)
    return [e for e in app.events.get(plan.id) if type(e).__name__ == kind]


def test_store_and_sheet_changes_travel_both_ways(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    plan_app.reword_measure(PLAN, "T003", '=IMPORTXML("http://x")', WEB)
    row = row_of(driver, "T002")
    driver.edit({(row, "Status"): "Raud", (row, "Statuskommentar"): "Stoppa opp"})
    report = cycle(sheet_sync, driver)
    assert report.applied == 1
    [reported] = events(plan_app, "StatusReported")
    assert (reported.colour, reported.comment) == ("red", "Stoppa opp")
    assert reported.by.actor.startswith(PERSON)
    assert value(driver, row, "Status") == "rød"
    assert value(driver, row_of(driver, "T003"), "Tiltak") == '=IMPORTXML("http://x")'
    assert cycle(sheet_sync, driver).written == 0


def test_a_conflict_keeps_the_store_value_and_says_so_in_melding(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T004")
    plan_app.reword_measure(PLAN, "T004", "Frå nettet", WEB)
    driver.edit({(row, "Tiltak"): "Frå arket"})
    assert cycle(sheet_sync, driver).conflicts == 1
    assert value(driver, row, "Tiltak") == "Frå nettet"
    assert "Frå arket" in value(driver, row, "Melding")
    assert cycle(sheet_sync, driver).conflicts == 0


def test_invalid_input_is_explained_and_left_in_the_cell(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T005")
    driver.edit({(row, "Status"): "blå"})
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.rejected) == (0, 1)
    assert value(driver, row, "Status") == "blå"
    assert "Ukjent status" in value(driver, row, "Melding")


def test_a_new_row_becomes_a_measure_and_gets_its_id(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.edit({(8, "Nr"): "1.2.7", (8, "Tiltak"): "Heilt nytt", (8, "Status"): "gul"})
    assert cycle(sheet_sync, driver).applied == 1
    assert value(driver, 8, "ID") == "T007"
    assert plan_app.get_plan(PLAN).measure("T007").text == "Heilt nytt"
    assert cycle(sheet_sync, driver).applied == 0


def test_a_cleared_sheet_stops_the_sync_and_changes_nothing(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    before = plan_app.get_plan(PLAN).version
    driver.delete_rows(2, 7)
    with pytest.raises(SyncRefused, match=r"^6 av 6 rader er borte fra planfanen på en gang"):
        cycle(sheet_sync, driver)
    assert plan_app.get_plan(PLAN).version == before
    assert ids(driver) == []


def test_sorting_the_sheet_is_not_an_edit(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.sort_by("Tiltak")
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.written) == (0, 0)
    assert ids(driver) == ["T006", "T005", "T004", "T003", "T002", "T001"]


def test_a_measure_removed_in_the_store_leaves_the_sheet(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    plan_app.remove_measure(PLAN, "T002", WEB)
    cycle(sheet_sync, driver)
    assert ids(driver) == ["T001", "T003", "T004", "T005", "T006"]
    assert cycle(sheet_sync, driver).written == 0


def test_a_crash_between_writing_and_the_baseline_is_not_taken_for_an_edit(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T003")
    plan_app.reword_measure(PLAN, "T003", "Første ordlyd", WEB)
    _crash_once(plan_app, "save", _moves_only_the_base)
    with pytest.raises(RuntimeError, match=r"^krasj$"):
        cycle(sheet_sync, driver)
    assert value(driver, row, "Tiltak") == "Første ordlyd"
    plan_app.reword_measure(PLAN, "T003", "Andre ordlyd", WEB)
    cycle(sheet_sync, driver)
    assert events(plan_app, "EditConflictRecorded") == []
    assert value(driver, row, "Tiltak") == "Andre ordlyd"


def test_passing_faults_are_retried(
    sheet_sync: SheetSync, plan_app: Planlogg, networked: SheetDriver
) -> None:
    networked.edit({(2, "Status"): "grønn"})
    networked.fail_reads(times=2)
    assert cycle(sheet_sync, networked).applied == 1
    assert len(networked.waits) == 2


def test_a_lasting_fault_changes_nothing_and_the_next_cycle_catches_up(
    sheet_sync: SheetSync, plan_app: Planlogg, networked: SheetDriver
) -> None:
    networked.edit({(2, "Status"): "gul"})
    before = plan_app.get_plan(PLAN).version
    networked.fail_reads(times=50)
    with pytest.raises(BackendError):
        cycle(sheet_sync, networked)
    assert plan_app.get_plan(PLAN).version == before
    assert len(networked.waits) == 5
    networked.fail_reads_stop()
    assert cycle(sheet_sync, networked).applied == 1


def test_a_character_no_store_can_hold_is_refused_kept_in_the_cell_and_recorded_once(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T003")
    driver.edit({(row, "Tiltak"): "Ny\x7ftekst"})
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.rejected) == (0, 1)
    assert value(driver, row, "Tiltak") == "Ny\x7ftekst"
    assert "Tiltak inneholder et tegn som ikke kan lagres: U+007F" in value(driver, row, "Melding")
    assert cycle(sheet_sync, driver).rejected == 1
    models = sheet_sync.read_models
    models.read_your_writes()
    [refused] = models.history(AuditQuery(plan=PLAN, field="refused_Tiltak")).rows
    assert (refused.before, refused.measure_id, refused.source) == (
        "Ny\\u007ftekst",
        "T003",
        "sheet",
    )
    assert refused.actor.startswith(PERSON)
    assert refused.reason.startswith(f"Avvist frå rad {row}: Tiltak inneholder et tegn")
    assert plan_app.get_plan(PLAN).measure("T003").text == "Tiltak nummer 3"


def test_a_row_deleted_in_the_sheet_while_planlogg_changed_it_comes_back_with_a_conflict(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    plan_app.reword_measure(PLAN, "T002", "Frå nettet", WEB)
    row = row_of(driver, "T002")
    driver.delete_rows(row, row)
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.conflicts) == (0, 1)
    assert not plan_app.get_plan(PLAN).measure("T002").removed
    [conflict] = events(plan_app, "EditConflictRecorded")
    assert (conflict.measure_id, conflict.field, conflict.kept, conflict.lost) == (
        "T002",
        "Tiltak",
        "Frå nettet",
        "(raden er slettet i regnearket)",
    )
    assert ids(driver) == ["T001", "T003", "T004", "T005", "T006", "T002"]
    assert value(driver, 7, "Tiltak") == "Frå nettet"
    assert value(driver, 7, "Melding") == (
        f"Tiltak: Konflikt {conflict.conflict_id}: «(raden er slettet i regnearket)» fra "
        "regnearket ble ikke tatt inn, fordi cellen samtidig ble endret i Planlogg til "
        "«Frå nettet». Teksten din er tatt vare på i endringsloggen. Merk konflikten som løst "
        "i Planlogg når dere har avgjort."
    )
    again = cycle(sheet_sync, driver)
    assert (again.conflicts, again.written) == (0, 0)


def test_a_row_deleted_in_the_sheet_and_unchanged_in_planlogg_removes_the_measure(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T002")
    driver.delete_rows(row, row)
    assert cycle(sheet_sync, driver).applied == 1
    assert plan_app.get_plan(PLAN).measure("T002").removed
    assert events(plan_app, "EditConflictRecorded") == []
    assert ids(driver) == ["T001", "T003", "T004", "T005", "T006"]


def test_an_edit_on_the_row_of_a_removed_measure_stays_until_the_conflict_is_resolved(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T002")
    plan_app.remove_measure(PLAN, "T002", WEB)
    driver.edit({(row, "Statuskommentar"): "Avtalt med kommunane"})
    assert cycle(sheet_sync, driver).conflicts == 1
    [conflict] = events(plan_app, "EditConflictRecorded")
    assert ids(driver) == ["T001", "T002", "T003", "T004", "T005", "T006"]
    assert value(driver, row, "Statuskommentar") == "Avtalt med kommunane"
    assert value(driver, row, "Melding") == (
        f"Statuskommentar: Konflikt {conflict.conflict_id}: «Avtalt med kommunane» fra regnearket "
        "ble ikke tatt inn, fordi cellen samtidig ble endret i Planlogg til «(tiltaket er "
        "fjernet i Planlogg)». Teksten din er tatt vare på i endringsloggen. Merk konflikten "
        "som løst i Planlogg når dere har avgjort.\n"
        "Tiltaket er fjernet i Planlogg. Raden står igjen til konflikten er merket som løst, "
        "og blir da slettet."
    )
    again = cycle(sheet_sync, driver)
    assert (again.conflicts, again.written) == (0, 0)
    assert ids(driver) == ["T001", "T002", "T003", "T004", "T005", "T006"]
    plan_app.resolve_conflict(PLAN, "T002", conflict.conflict_id, WEB)
    cycle(sheet_sync, driver)
    assert ids(driver) == ["T001", "T003", "T004", "T005", "T006"]
    assert plan_app.get_plan(PLAN).measure("T002").removed


def test_a_losing_text_too_long_to_keep_is_refused_and_left_in_the_cell(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T002")
    typed = "K" * 12_000
    plan_app.reword_measure(PLAN, "T002", "Frå nettet", WEB)
    driver.edit({(row, "Tiltak"): typed})
    report = cycle(sheet_sync, driver)
    assert (report.conflicts, report.rejected) == (0, 1)
    assert events(plan_app, "EditConflictRecorded") == []
    assert value(driver, row, "Tiltak") == typed
    assert value(driver, row, "Melding") == (
        "Tiltak: Tiltak har for mange tegn: 12000, men høyst 10000 er lov."
    )
    assert cycle(sheet_sync, driver).written == 0
    driver.edit({(row, "Tiltak"): "K" * 10_000})
    assert cycle(sheet_sync, driver).conflicts == 1
    [conflict] = events(plan_app, "EditConflictRecorded")
    assert (conflict.kept, conflict.lost) == ("Frå nettet", "K" * 10_000)
    assert value(driver, row, "Tiltak") == "Frå nettet"
