"""Steps for features/two_plans_in_one_spreadsheet.feature: the command line and one local
workbook holding two plans, on SQLite and PostgreSQL.

Siri's work in Excel is done with openpyxl on the workbook file, as Excel saves it: the cell
she typed, her name as the file's last editor."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from openpyxl import load_workbook
from pytest_bdd import given, parsers, scenarios, then

from domain.application import Planlogg
from domain.provenance import Provenance, Source

scenarios("two_plans_in_one_spreadsheet.feature")

pytestmark = pytest.mark.usefixtures("database_url")
"""Each scenario runs on SQLite and on PostgreSQL (`database_url` is parametrised)."""

WORKBOOK = "handlingsplan.xlsx"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")


@given(parsers.parse('a plan "{key}" titled "{title}" with measure "{number}" reading "{text}"'))
def plan(database_url: str, key: str, title: str, number: str, text: str) -> None:
    with Planlogg.from_url(database_url) as app:
        app.create_plan(key, title, "helsefellesskap", 2024, 2025, SECRETARIAT)
        app.add_area(key, "1", "Samhandling", SECRETARIAT)
        app.add_goal(key, "1.1", "Betre samhandling", SECRETARIAT)
        app.add_measure(key, number, text, SECRETARIAT, responsible=["PSU"])


def tab(folder: Path, title: str) -> Any:
    return load_workbook(folder / WORKBOOK)[title]


def cell_of(sheet: Any, number: str, column: str) -> Any:
    """The cell in `column` (by its heading) of the row of measure `number`."""
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    [row] = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, columns["Nr"]).value == number]
    return sheet.cell(row, columns[column])


@given(
    parsers.parse(
        '{who}, in Excel, types "{text}" as the "{column}" of measure "{number}" in the tab '
        '"{title}"'
    )
)
def types(
    secretariat_folder: Path, who: str, text: str, column: str, number: str, title: str
) -> None:
    book = load_workbook(secretariat_folder / WORKBOOK)
    cell_of(book[title], number, column).value = text
    book.properties.lastModifiedBy = who
    book.save(secretariat_folder / WORKBOOK)


@then(parsers.re(r"the workbook has the tabs (?P<titles>.+)"))
def has_tabs(secretariat_folder: Path, titles: str) -> None:
    book = load_workbook(secretariat_folder / WORKBOOK)
    assert book.sheetnames == re.findall(r'"([^"]+)"', titles)


@then(parsers.parse('the tab "{title}" shows "{text}" as the "{column}" of measure "{number}"'))
def tab_shows(secretariat_folder: Path, title: str, text: str, column: str, number: str) -> None:
    assert cell_of(tab(secretariat_folder, title), number, column).value == text


@then(parsers.parse('the tab "{title}" names the plan "{plan_title}"'))
def overview_names(secretariat_folder: Path, title: str, plan_title: str) -> None:
    """The overview's first row: «Plan» and the plan's title."""
    first = next(tab(secretariat_folder, title).iter_rows(max_row=1, values_only=True))
    assert first[:2] == ("Plan", plan_title)


def events(database_url: str, key: str) -> list[Any]:
    with Planlogg.from_url(database_url) as app:
        return list(app.events.get(app.get_plan(key).id))


def text_of(database_url: str, key: str, number: str) -> str:
    with Planlogg.from_url(database_url) as app:
        text: str = app.get_plan(key).find_measure(number).text
        return text


@then(
    parsers.parse('measure "{number}" of "{key}" reads "{text}", changed in the sheet by "{who}"')
)
def changed_in_sheet(database_url: str, number: str, key: str, text: str, who: str) -> None:
    assert text_of(database_url, key, number) == text
    last = events(database_url, key)[-1]
    assert (type(last).__name__, last.by.source, last.by.actor) == (
        "MeasureReworded", Source.SHEET, who,
    )  # fmt: skip


@then(
    parsers.parse(
        'measure "{number}" of "{key}" still reads "{text}", unchanged since it was added'
    )
)
def unchanged(database_url: str, number: str, key: str, text: str) -> None:
    assert text_of(database_url, key, number) == text
    assert type(events(database_url, key)[-1]).__name__ == "MeasureAdded"


@then(
    parsers.parse(
        "the command succeeds, having read {rows:d} row and taken in {changes:d} change, "
        "with no conflict"
    )
)
def took_in(printout: Result, rows: int, changes: int) -> None:
    """The sync's printout without the cells it wrote: «Sist endret» is written to the minute,
    so the count of cells written depends on whether a minute turned since the last sync."""
    assert (printout.exit_code, printout.stderr) == (0, ""), printout.output
    printed = re.search(
        r"(\d+) rader lest, (\d+) endringer tatt inn, \d+ celler skrevet, (\d+) konflikter",
        printout.stdout,
    )
    assert printed is not None, printout.stdout
    assert printed.groups() == (str(rows), str(changes), "0")
