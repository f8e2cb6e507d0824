"""Steps for features/restore_damaged_sheet.feature: the command line and a local workbook,
on SQLite and PostgreSQL.

Siri's work in Excel is done with openpyxl on the workbook file, as Excel saves it:
the cells she typed, the rows she deleted, her name as the file's last editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytest_bdd import given, parsers, scenarios, then

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.lock import sync_lock
from sync.workbook import WorkbookBackend

scenarios("restore_damaged_sheet.feature")

pytestmark = pytest.mark.usefixtures("database_url")
"""Each scenario runs on SQLite and on PostgreSQL (`database_url` is parametrised)."""

KEY = "hf-2025"
WORKBOOK = "handlingsplan.xlsx"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")


def pasted(length: int) -> str:
    """The long text Siri pastes: minutes of a meeting, far longer than any field holds."""
    return ("Referat frå møtet i arbeidsgruppa. " * (length // 35 + 1))[:length]


def as_pasted(text: str) -> str:
    r"""The text as Siri pastes it: each \uXXXX written in the feature is that character."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda code: chr(int(code[1], 16)), text)


@given(
    parsers.parse(
        'a plan "{key}" with measures "1.1.1" to "1.1.6" reading "Tiltak 1.1.1" and so on'
    )
)
def plan(database_url: str, key: str) -> None:
    with Planlogg.from_url(database_url) as app:
        app.create_plan(key, "Handlingsplan 2025", "hf", 2025, 2025, SECRETARIAT)
        app.add_area(key, "1", "Pasientforløp", SECRETARIAT)
        app.add_goal(key, "1.1", "Tidleg innsats", SECRETARIAT)
        for n in range(1, 7):
            app.add_measure(key, f"1.1.{n}", f"Tiltak 1.1.{n}", SECRETARIAT)


def columns(tab: Any) -> dict[str, int]:
    """Each heading of the tab's first row, with its column (1-based)."""
    return {cell.value: cell.column for cell in tab[1] if cell.value}


def row_of(tab: Any, number: str) -> int:
    nr = columns(tab)["Nr"]
    return next(row for row in range(2, tab.max_row + 1) if tab.cell(row, nr).value == number)


def in_excel(folder: Path, who: str, change: Callable[[Any], None]) -> None:
    """Open the workbook, change the plan's tab, and save it as `who`."""
    book = load_workbook(folder / WORKBOOK)
    change(book[KEY])
    book.properties.lastModifiedBy = who
    book.save(folder / WORKBOOK)


def type_into(folder: Path, who: str, number: str, column: str, text: str) -> None:
    def typing(tab: Any) -> None:
        tab.cell(row_of(tab, number), columns(tab)[column]).value = text

    in_excel(folder, who, typing)


@given(
    parsers.parse(
        '{who}, in Excel, pastes a text of {length:d} characters as the "{column}" of '
        'measure "{number}"'
    )
)
def paste_long(secretariat_folder: Path, who: str, length: int, column: str, number: str) -> None:
    type_into(secretariat_folder, who, number, column, pasted(length))


@given(
    parsers.re(
        r'(?P<who>.+), in Excel, (?:pastes|types) "(?P<text>.*)" as the "(?P<column>[^"]+)" '
        r'of measure "(?P<number>[^"]+)"'
    )
)
def paste(secretariat_folder: Path, who: str, text: str, column: str, number: str) -> None:
    type_into(secretariat_folder, who, number, column, as_pasted(text))


@given(parsers.parse('{who}, in Excel, deletes the rows of measures "{first}" to "{last}"'))
def delete_rows(secretariat_folder: Path, who: str, first: str, last: str) -> None:
    def deleting(tab: Any) -> None:
        start = row_of(tab, first)
        tab.delete_rows(start, row_of(tab, last) - start + 1)

    in_excel(secretariat_folder, who, deleting)


def measure(database_url: str, number: str) -> Any:
    with Planlogg.from_url(database_url) as app:
        return app.get_plan(KEY).find_measure(number)


@then(parsers.parse('measure "{number}" still reads "{text}", with no conflict'))
def no_conflict(database_url: str, number: str, text: str) -> None:
    found = measure(database_url, number)
    assert (found.text, found.conflicts) == (text, ())


@then(
    parsers.parse(
        'the damaged tab "{title}" still holds the {length:d} characters as the "{column}" '
        "in row {row:d}"
    )
)
def damaged_tab_holds(
    secretariat_folder: Path, title: str, length: int, column: str, row: int
) -> None:
    tab = load_workbook(secretariat_folder / WORKBOOK)[title]
    assert tab.cell(row, columns(tab)[column]).value == pasted(length)


@then(
    parsers.parse(
        'measure "{number}" still reads "{text}", with a conflict on "{field}" keeping '
        '"{lost}" from "{actor}"'
    )
)
def conflict_kept(
    database_url: str, number: str, text: str, field: str, lost: str, actor: str
) -> None:
    found = measure(database_url, number)
    [conflict] = found.conflicts
    assert (found.text, conflict.field, conflict.kept, conflict.lost) == (text, field, text, lost)
    assert conflict.by == actor


@then(
    parsers.parse(
        'measure "{number}" has no responsible body, with a conflict on "{field}" keeping '
        '"{lost}" from "{actor}"'
    )
)
def responsible_conflict_kept(
    database_url: str, number: str, field: str, lost: str, actor: str
) -> None:
    found = measure(database_url, number)
    [conflict] = found.conflicts
    assert (found.responsible, conflict.field, conflict.kept, conflict.lost) == (
        (), field, "", lost,
    )  # fmt: skip
    assert conflict.by == actor


@then(parsers.re(r'the new tab "(?P<title>[^"]+)" lists the measures (?P<numbers>.+)'))
def new_tab_lists(secretariat_folder: Path, title: str, numbers: str) -> None:
    tab = load_workbook(secretariat_folder / WORKBOOK)[title]
    nr = columns(tab)["Nr"]
    listed = [tab.cell(row, nr).value for row in range(2, tab.max_row + 1)]
    assert listed == re.findall(r'"([^"]+)"', numbers)


@then(parsers.parse('the new tab "{title}" says in the "{column}" of measure "{number}":'))
def new_tab_says(
    secretariat_folder: Path, title: str, column: str, number: str, docstring: str
) -> None:
    tab = load_workbook(secretariat_folder / WORKBOOK)[title]
    assert tab.cell(row_of(tab, number), columns(tab)[column]).value == docstring


@pytest.fixture
def held() -> Iterator[ExitStack]:
    """What a step holds until the scenario ends (another sync's hold on the sheet)."""
    with ExitStack() as stack:
        yield stack


@given(parsers.parse('another sync of "{workbook}" is running'))
def another_sync(
    secretariat_folder: Path, database_url: str, held: ExitStack, workbook: str
) -> None:
    app = held.enter_context(Planlogg.from_url(database_url))
    target = WorkbookBackend(secretariat_folder / workbook, KEY).target
    held.enter_context(sync_lock(app, target))


@then(parsers.parse('the workbook has no tab "{title}"'))
def no_tab(secretariat_folder: Path, title: str) -> None:
    assert title not in load_workbook(secretariat_folder / WORKBOOK).sheetnames
