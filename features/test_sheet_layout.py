"""Steps for features/sheet_layout.feature: each user action through the local workbook
(openpyxl, as Excel or LibreOffice save it), through real gspread against the Sheets
emulator, and through the Excel Online backend against the Graph emulator (people's edits
by its user_* operations), using the conformance suite's drivers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import CycleReport, SheetSync
from tests.sync.conformance.drivers import (
    ExcelDriver,
    GoogleDriver,
    SheetDriver,
    WorkbookDriver,
    header,
    laid_out,
    row_of,
    value,
)
from tests.sync.conftest import PLAN, make_plan

scenarios("sheet_layout.feature")

WEB = Provenance("Webbrukar", Source.WEB)


@pytest.fixture
def shared() -> dict[str, Any]:
    return {}


def _id(app: Planlogg, number: str) -> str:
    return app.get_plan(PLAN).find_measure(number).id


@given(parsers.parse('the plan "{key}" with six measures'))
def plan(memory_app: Planlogg, key: str) -> None:
    assert key == PLAN
    make_plan(memory_app)


@given(parsers.parse("the plan is synced with {sheet}"), target_fixture="driver")
def synced(
    request: pytest.FixtureRequest, sheet_sync: SheetSync, tmp_path: Path, sheet: str
) -> SheetDriver:
    driver: SheetDriver
    if sheet == "a local workbook":
        driver = WorkbookDriver(tmp_path)
    elif sheet == "a Google spreadsheet":
        driver = GoogleDriver(request.getfixturevalue("emulator"))
    elif sheet == "Excel Online":
        driver = ExcelDriver(request.getfixturevalue("graph"))
    else:
        raise ValueError(f"no sheet called {sheet!r}")
    with laid_out(sheet_sync, driver) as ready:
        return ready


@when(parsers.parse('"{who}" inserts her own column "{name}" before "{column}"'))
def insert_before(driver: SheetDriver, who: str, name: str, column: str) -> None:
    driver.insert_column(header(driver).index(column), name)


@when(parsers.parse('"{who}" inserts her own column "{name}" at the end'))
def insert_at_end(driver: SheetDriver, who: str, name: str) -> None:
    driver.insert_column(len(header(driver)), name)


@when(parsers.parse('"{who}" writes "{text}" in "{column}" of measure "{number}"'))
def writes(
    driver: SheetDriver, memory_app: Planlogg, who: str, text: str, column: str, number: str
) -> None:
    driver.edit({(row_of(driver, _id(memory_app, number)), column): text}, user=who)


@when(parsers.parse('"{who}" moves the column "{column}" before "{other}"'))
def moves(driver: SheetDriver, who: str, column: str, other: str) -> None:
    driver.move_column(column, header(driver).index(other))


@when(parsers.parse('"{who}" hides the column "{column}"'))
def hides_column(driver: SheetDriver, who: str, column: str) -> None:
    driver.hide_column(column)


@when(parsers.parse('"{who}" hides the row of measure "{number}"'))
def hides_row(driver: SheetDriver, memory_app: Planlogg, who: str, number: str) -> None:
    driver.hide_row(row_of(driver, _id(memory_app, number)))


@when(parsers.parse('"{who}" renames the plan\'s tab to "{title}"'))
def renames(driver: SheetDriver, who: str, title: str) -> None:
    driver.rename_tab(title)


@when(
    parsers.parse('"{who}" renames Planlogg\'s tab "{tab}" to "{title}"'), target_fixture="before"
)
def renames_ours(driver: SheetDriver, who: str, tab: str, title: str) -> list[list[str]]:
    """What the tab held when she renamed it."""
    before = driver.own_tab(tab)
    driver.rename_tab(title, tab)
    return before


@when(parsers.parse('"{who}" adds her own tab "{title}" with "{text}"'))
def own_tab(driver: SheetDriver, who: str, title: str, text: str) -> None:
    driver.add_own_tab(title, {"A1": text})


@when(parsers.parse('"{who}" filters away every row but measure "{number}"'))
def filters(driver: SheetDriver, who: str, number: str) -> None:
    filtered = []
    for row in range(2, len(driver.grid()) + 1):
        shown = value(driver, row, "Nr")
        if shown != number:
            driver.filter_out("Nr", shown)
            filtered.append(shown)
    assert filtered == ["1.1.2", "1.1.3", "1.2.4", "1.2.5", "1.2.6"]


@when(parsers.parse('"{who}" sorts the sheet by "{column}"'))
def sorts(driver: SheetDriver, who: str, column: str) -> None:
    before = [value(driver, row, "Nr") for row in range(2, len(driver.grid()) + 1)]
    driver.sort_by(column)
    after = [value(driver, row, "Nr") for row in range(2, len(driver.grid()) + 1)]
    assert before == ["1.1.1", "1.1.2", "1.1.3", "1.2.4", "1.2.5", "1.2.6"]
    assert after == list(reversed(before))  # "Tiltak nummer 6" … "Tiltak nummer 1"


@when(parsers.parse('"{who}" sorts the sheet by "{column}" without the ID column'))
def sorts_without_id(driver: SheetDriver, who: str, column: str) -> None:
    """Excel's «Continue with the current selection»: every column but the grey ID column
    is sorted, and the IDs stay where they were."""
    names, *rows = driver.grid()
    ordered = sorted(rows, key=lambda line: line[names.index(column)], reverse=True)
    driver.edit(
        {
            (number, name): line[index] if index < len(line) else ""
            for number, line in enumerate(ordered, start=2)
            for index, name in enumerate(names)
            if name != "ID"
        },
        user=who,
    )
    assert [value(driver, row, "Nr") for row in range(2, 8)] == [
        "1.2.6", "1.2.5", "1.2.4", "1.1.3", "1.1.2", "1.1.1",
    ]  # fmt: skip


@when(parsers.parse('"{who}" inserts two blank rows above measure "{number}"'))
def blank_rows(driver: SheetDriver, memory_app: Planlogg, who: str, number: str) -> None:
    row = row_of(driver, _id(memory_app, number))
    driver.insert_blank_row(row)
    driver.insert_blank_row(row)
    assert row_of(driver, _id(memory_app, number)) == row + 2
    assert [any(line) for line in driver.grid()[row - 1 : row + 1]] == [False, False]


@when(parsers.parse('someone in Planlogg rewords measure "{number}" to "{text}"'))
def rewords(memory_app: Planlogg, number: str, text: str) -> None:
    memory_app.reword_measure(PLAN, _id(memory_app, number), text, WEB)


@when(parsers.parse("the plan's period grows to {year:d}"))
def period_grows(memory_app: Planlogg, year: int) -> None:
    memory_app.change_period(PLAN, 2024, year, WEB)


@when("the sync runs")
def sync_runs(sheet_sync: SheetSync, driver: SheetDriver, shared: dict[str, Any]) -> None:
    shared["report"] = sheet_sync.cycle(driver.backend, PLAN)


@then(parsers.parse('the sheet shows "{text}" in "{column}" of measure "{number}"'))
def shows(driver: SheetDriver, memory_app: Planlogg, text: str, column: str, number: str) -> None:
    assert value(driver, row_of(driver, _id(memory_app, number)), column) == text


@then(parsers.parse('measure "{number}" has status "{label}" in the sheet and in Planlogg'))
def has_status(driver: SheetDriver, memory_app: Planlogg, number: str, label: str) -> None:
    status = memory_app.get_plan(PLAN).find_measure(number).status
    assert status is not None and status.colour.label == label
    assert value(driver, row_of(driver, _id(memory_app, number)), "Status") == label


@then("every measure keeps its own text")
def own_texts(memory_app: Planlogg) -> None:
    plan = memory_app.get_plan(PLAN)
    texts = {m.number: m.text for m in plan.active_measures()}
    assert texts == {number: f"Tiltak nummer {n}" for n, number in enumerate(
        ("1.1.1", "1.1.2", "1.1.3", "1.2.4", "1.2.5", "1.2.6"), start=1)}  # fmt: skip


@then("each row says in Melding that it shows another measure beside its ID")
def says_sorted(driver: SheetDriver, shared: dict[str, Any]) -> None:
    report: CycleReport = shared["report"]
    assert (report.applied, report.conflicts, report.rejected) == (0, 0, 6)
    said = [value(driver, row, "Melding") for row in range(2, 8)]
    assert all("Er radene sortert eller flyttet uten ID-kolonnen?" in text for text in said)
    assert said[0] == (
        "ID: Raden viser tiltak 1.2.6, men ID-en på raden er T001, som er tiltak 1.1.1. Er "
        "radene sortert eller flyttet uten ID-kolonnen? Ingenting på raden er tatt inn. Angre "
        "sorteringen, eller sorter hele rader, med ID-kolonnen."
    )


@then("no measure has been removed")
def none_removed(memory_app: Planlogg) -> None:
    assert len(memory_app.get_plan(PLAN).active_measures()) == 6


@then(parsers.parse("the plan still has {count:d} measures"))
def still_has(memory_app: Planlogg, count: int) -> None:
    assert len(memory_app.get_plan(PLAN).active_measures()) == count


@then(parsers.parse('the sheet has no tab named "{title}"'))
def no_tab(driver: SheetDriver, title: str) -> None:
    with pytest.raises(KeyError):
        driver.own_tab(title)


@then(parsers.parse('the tab "{title}" still shows "{text}"'))
def tab_shows(driver: SheetDriver, title: str, text: str) -> None:
    assert driver.own_tab(title) == [[text]]


@then(parsers.parse('the tab "{title}" is Planlogg\'s overview, written by this sync'))
def overview_written(driver: SheetDriver, before: list[list[str]], title: str) -> None:
    """Its layout is the overview's as laid out, and its figures are this cycle's: the line
    naming the plan's newest event has moved on."""
    now = driver.own_tab(title)
    assert now[0] == before[0] and now[0] != ["Våre eigne tal"]
    assert now != before


@then("the sync took in nothing and wrote nothing")
def nothing(shared: dict[str, Any]) -> None:
    report: CycleReport = shared["report"]
    assert (report.applied, report.written, report.conflicts) == (0, 0, 0)


@then("the sync took in nothing")
def took_in_nothing(shared: dict[str, Any]) -> None:
    report: CycleReport = shared["report"]
    assert (report.applied, report.rejected, report.conflicts) == (0, 0, 0)


@then(parsers.parse('the last two columns are "{first}" and "{second}"'))
def last_two(driver: SheetDriver, first: str, second: str) -> None:
    assert header(driver)[-2:] == [first, second]
