"""The user's layout on every backend: their own columns and tabs, columns moved, the tab
renamed, rows hidden or filtered, blank rows, a new year and the whole measure's columns."""

from __future__ import annotations

from typing import Any

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.layout import SyncRefused
from sync.restore import restore
from tests.sync.conformance.drivers import SheetDriver, header, ids, row_of, value
from tests.sync.conftest import PLAN, WEB

CLI = Provenance("Sekretariatet", Source.CLI)


def cycle(sheet_sync: SheetSync, driver: SheetDriver) -> Any:
    return sheet_sync.cycle(driver.backend, PLAN)


def test_own_columns_anywhere_are_kept_and_never_written(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.insert_column(2, "Notat")
    driver.move_column("Tiltak", 1)
    row = row_of(driver, "T002")
    driver.edit({(row, "Notat"): "Ring Kari", (row, "Status"): "gul"})
    plan_app.reword_measure(PLAN, "T003", "Ny tekst frå nettet", WEB)
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.conflicts, report.rejected) == (1, 0, 0)
    assert plan_app.get_plan(PLAN).measure("T002").status.colour.label == "gul"
    assert value(driver, row_of(driver, "T003"), "Tiltak") == "Ny tekst frå nettet"
    assert value(driver, row, "Notat") == "Ring Kari"
    assert [value(driver, r, "Notat") for r in range(2, 8)] == ["", "Ring Kari", "", "", "", ""]
    assert header(driver)[:3] == ["ID", "Tiltak", "Nr"]
    assert cycle(sheet_sync, driver).written == 0


def test_a_renamed_tab_keeps_syncing_and_no_new_tab_appears(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.rename_tab("Handlingsplan")
    row = row_of(driver, "T004")
    driver.edit({(row, "Status"): "grønn"})
    plan_app.reword_measure(PLAN, "T005", "Etter omdøyping", WEB)
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.rows_read) == (1, 6)
    assert value(driver, row_of(driver, "T005"), "Tiltak") == "Etter omdøyping"
    assert ids(driver) == ["T001", "T002", "T003", "T004", "T005", "T006"]
    assert cycle(sheet_sync, driver).written == 0


def test_an_own_tab_is_left_alone(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.add_own_tab("Mine notat", {"A1": "Møte 3. mars", "B2": "ID"})
    plan_app.reword_measure(PLAN, "T001", "Endra", WEB)
    cycle(sheet_sync, driver)
    assert driver.own_tab("Mine notat") == [["Møte 3. mars", ""], ["", "ID"]]


def test_hidden_and_filtered_rows_are_rows_not_deletions(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.hide_row(row_of(driver, "T002"))
    driver.filter_out("Tiltak", "Tiltak nummer 5")
    plan_app.reword_measure(PLAN, "T002", "Skjult men oppdatert", WEB)
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.rows_read) == (0, 6)
    assert value(driver, row_of(driver, "T002"), "Tiltak") == "Skjult men oppdatert"
    assert plan_app.get_plan(PLAN).measure("T005").removed is False


def test_blank_rows_between_measures_are_not_measures(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.insert_blank_row(4)
    driver.insert_blank_row(4)
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.rejected) == (0, 0)
    assert ids(driver) == ["T001", "T002", "", "", "T003", "T004", "T005", "T006"]
    assert len(plan_app.get_plan(PLAN).active_measures()) == 6


def test_a_new_year_adds_its_column_after_the_users_columns(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    before = header(driver)
    driver.insert_column(len(before), "Kontaktperson")
    driver.edit({(2, "Kontaktperson"): "Per"})
    plan_app.change_period(PLAN, 2024, 2026, CLI)
    plan_app.set_timeframe(PLAN, "T001", {2024: "x", 2026: "x høst"}, WEB)
    cycle(sheet_sync, driver)
    assert header(driver) == [*before, "Kontaktperson", "2026"]
    assert value(driver, row_of(driver, "T001"), "2026") == "x høst"
    assert value(driver, 2, "Kontaktperson") == "Per"
    assert cycle(sheet_sync, driver).written == 0


def test_a_deleted_planlogg_column_stops_the_sync_naming_it(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.edit({(1, "Ansvar"): "Ansvarleg"})
    before = plan_app.get_plan(PLAN).version
    with pytest.raises(SyncRefused, match="kolonnen «Ansvar» finnes ikke lenger"):
        cycle(sheet_sync, driver)
    assert plan_app.get_plan(PLAN).version == before


def test_the_whole_measure_is_written_and_read_in_its_columns(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T001")
    driver.edit(
        {
            (row, "Indikator"): "Del av pasientar med plan",
            (row, "Frist"): "01.04.2025",
            (row, "Tema § 6-2"): "6; 1",
            (row, "Pasientgrupper"): "Barn og unge; skrøpelege eldre",
            (row, "Ref."): "1.1.2",
            (row, "Evaluering: metoder"): "Spørjeskjema",
        }
    )
    assert cycle(sheet_sync, driver).applied == 5
    measure = plan_app.get_plan(PLAN).measure("T001")
    assert (measure.smart.indicator, str(measure.smart.deadline)) == (
        "Del av pasientar med plan",
        "2025-04-01",
    )
    assert (measure.topics, measure.references) == ((1, 6), ("1.1.2",))
    assert [g.value for g in measure.patient_groups] == ["barn_og_unge", "skropelege_eldre"]
    assert measure.evaluation == {"methods": "Spørjeskjema"}
    assert value(driver, row, "Tema § 6-2") == "1; 6"
    assert value(driver, row, "Pasientgrupper") == "Barn og unge; Skrøpelige eldre"
    assert cycle(sheet_sync, driver).written == 0


def test_an_unknown_value_in_a_list_column_is_named_in_melding(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T002")
    driver.edit({(row, "Pasientgrupper"): "Barn og unge; Vaksne", (row, "Tema § 6-2"): "14"})
    report = cycle(sheet_sync, driver)
    assert (report.applied, report.rejected) == (0, 2)
    melding = value(driver, row, "Melding")
    assert "«Vaksne»" in melding
    assert '"14" er ikke et tema' in melding
    assert value(driver, row, "Pasientgrupper") == "Barn og unge; Vaksne"


def test_a_store_change_to_a_new_column_meets_a_sheet_edit_as_a_conflict(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T003")
    plan_app.set_smart_criteria(PLAN, "T003", WEB, indicator="Frå nettet")
    driver.edit({(row, "Indikator"): "Frå arket"})
    assert cycle(sheet_sync, driver).conflicts == 1
    assert value(driver, row, "Indikator") == "Frå nettet"
    assert "Frå arket" in value(driver, row, "Melding")


def test_a_removed_measure_whose_row_has_own_content_keeps_its_row(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.insert_column(len(header(driver)), "Notat")
    driver.edit({(row_of(driver, "T004"), "Notat"): "Viktig"})
    cycle(sheet_sync, driver)
    plan_app.remove_measure(PLAN, "T004", WEB)
    plan_app.remove_measure(PLAN, "T005", WEB)
    cycle(sheet_sync, driver)
    assert ids(driver) == ["T001", "T002", "T003", "T004", "T006"]
    assert value(driver, row_of(driver, "T004"), "Notat") == "Viktig"
    assert "egne kolonner" in value(driver, row_of(driver, "T004"), "Melding")
    assert plan_app.get_plan(PLAN).measure("T004").removed is True


def test_restore_lays_the_plan_out_on_a_new_tab_keeping_unsynced_edits_as_conflicts(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    driver.edit({(row_of(driver, "T002"), "Tiltak"): "Uferdig endring"})
    driver.delete_rows(4, 7)
    with pytest.raises(SyncRefused, match=r"^4 av 6 rader er borte fra planfanen på en gang"):
        cycle(sheet_sync, driver)
    damaged = driver.grid()
    report = restore(sheet_sync, driver.backend, PLAN, tab="Gjenoppretta")
    assert (report.kept, report.unplaced) == (1, 0)
    [conflict] = plan_app.get_plan(PLAN).measure("T002").conflicts
    assert (conflict.field, conflict.kept, conflict.lost) == (
        "Tiltak",
        "Tiltak nummer 2",
        "Uferdig endring",
    )
    old_tab = driver.tab
    driver.tab = "Gjenoppretta"
    assert ids(driver) == ["T001", "T002", "T003", "T004", "T005", "T006"]
    assert "Uferdig endring" in value(driver, row_of(driver, "T002"), "Melding")
    driver.edit({(row_of(driver, "T006"), "Status"): "rød"})
    assert cycle(sheet_sync, driver).applied == 1
    driver.tab = old_tab
    assert driver.grid() == damaged
