"""A note a person put on a cell outlives the notes the sync writes there, on every backend
that has notes: Planlogg's message goes on top, a line under it, the person's note below,
and when Planlogg takes its message away the person's note is left exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gspread.utils import rowcol_to_a1
from openpyxl import load_workbook
from openpyxl.comments import Comment

from domain.application import Planlogg
from sync.backend import NoteWrite, kept_note, persons_note
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conformance.drivers import (
    EMAIL,
    PERSON,
    GoogleDriver,
    MemoryDriver,
    SheetDriver,
    WorkbookDriver,
    header,
    laid_out,
    row_of,
)
from tests.sync.conftest import PLAN, WEB

LINE = "\n" + "─" * 12 + "\n"
"""What stands between Planlogg's message and the person's own note."""
LILLA = 'Ukjent status "lilla". Skriv grønn, gul eller rød.'
BLÅ = 'Ukjent status "blå". Skriv grønn, gul eller rød.'
OWN = "Spør Kari før møtet.\nHusk tala frå 2023"


@pytest.fixture(params=["memory", "workbook", "google"])
def driver(
    request: pytest.FixtureRequest, plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> Iterator[SheetDriver]:
    made: SheetDriver
    if request.param == "memory":
        made = MemoryDriver()
    elif request.param == "workbook":
        made = WorkbookDriver(tmp_path)
    else:
        made = GoogleDriver(request.getfixturevalue("emulator"))
    with laid_out(sheet_sync, made) as ready:
        yield ready


def note(driver: SheetDriver, row: int, column: str) -> str:
    """The note people see on the cell ("" when there is none)."""
    index = header(driver).index(column)
    if isinstance(driver, MemoryDriver):
        return driver.sheet.notes.get((row, index), "")
    if isinstance(driver, WorkbookDriver):
        comment = load_workbook(driver.path)[driver.tab].cell(row=row, column=index + 1).comment
        return comment.text if comment is not None else ""
    assert isinstance(driver, GoogleDriver)
    notes = driver.emulator.notes(driver.spreadsheet_id, driver.tab)
    return notes.get(rowcol_to_a1(row, index + 1), "")


def write_note(driver: SheetDriver, row: int, column: str, text: str) -> None:
    """A person puts `text` as the cell's note (in Excel: a note of their own name)."""
    index = header(driver).index(column)
    if isinstance(driver, MemoryDriver):
        driver.sheet.notes[(row, index)] = text
    elif isinstance(driver, WorkbookDriver):
        book = load_workbook(driver.path)
        cell = book[driver.tab].cell(row=row, column=index + 1)
        author = cell.comment.author if cell.comment is not None else PERSON
        cell.comment = Comment(text, author)
        book.properties.lastModifiedBy = PERSON
        book.save(driver.path)
    else:
        assert isinstance(driver, GoogleDriver)
        label = rowcol_to_a1(row, index + 1)
        driver.emulator.user_set_note(
            driver.spreadsheet_id, driver.tab, label, text, user=(PERSON, EMAIL)
        )


def cycle(sheet_sync: SheetSync, driver: SheetDriver) -> None:
    sheet_sync.cycle(driver.backend, PLAN)


def test_a_message_goes_above_a_persons_note_and_leaves_it_as_it_was(
    sheet_sync: SheetSync, driver: SheetDriver
) -> None:
    row = row_of(driver, "T002")
    write_note(driver, row, "Status", OWN)
    driver.edit({(row, "Status"): "lilla"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == LILLA + LINE + OWN
    driver.edit({(row, "Status"): "gul"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == OWN


def test_a_new_message_replaces_planloggs_old_one_and_keeps_the_persons_note_once(
    sheet_sync: SheetSync, driver: SheetDriver
) -> None:
    row = row_of(driver, "T003")
    write_note(driver, row, "Status", OWN)
    driver.edit({(row, "Status"): "lilla"})
    cycle(sheet_sync, driver)
    driver.edit({(row, "Status"): "blå"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == BLÅ + LINE + OWN
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == BLÅ + LINE + OWN


def test_a_persons_edit_of_their_note_under_the_message_is_kept(
    sheet_sync: SheetSync, driver: SheetDriver
) -> None:
    row = row_of(driver, "T004")
    write_note(driver, row, "Status", OWN)
    driver.edit({(row, "Status"): "lilla"})
    cycle(sheet_sync, driver)
    edited = note(driver, row, "Status").replace("Spør Kari", "Spør Kari og Ola")
    write_note(driver, row, "Status", edited)
    driver.edit({(row, "Status"): "grønn"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == OWN.replace("Spør Kari", "Spør Kari og Ola")


def test_what_a_person_adds_to_planloggs_own_note_is_kept(
    sheet_sync: SheetSync, driver: SheetDriver
) -> None:
    row = row_of(driver, "T005")
    driver.edit({(row, "Status"): "lilla"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == LILLA
    write_note(driver, row, "Status", LILLA + "\nOla: eg ser på det i morgon")
    driver.edit({(row, "Status"): "blå"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == BLÅ + LINE + "Ola: eg ser på det i morgon"
    driver.edit({(row, "Status"): "gul"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == "Ola: eg ser på det i morgon"


def test_a_person_who_rewrites_planloggs_message_keeps_what_they_wrote(
    sheet_sync: SheetSync, driver: SheetDriver
) -> None:
    row = row_of(driver, "T006")
    driver.edit({(row, "Status"): "lilla"})
    cycle(sheet_sync, driver)
    rewritten = LILLA.replace("Skriv", "Ola skriv") + "\nSjå møtereferatet"
    write_note(driver, row, "Status", rewritten)
    driver.edit({(row, "Status"): "gul"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == rewritten


def test_planloggs_note_alone_is_taken_away_whole(
    sheet_sync: SheetSync, driver: SheetDriver
) -> None:
    row = row_of(driver, "T001")
    driver.edit({(row, "Status"): "lilla"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == LILLA
    driver.edit({(row, "Status"): "gul"})
    cycle(sheet_sync, driver)
    assert note(driver, row, "Status") == ""


def test_a_conflicts_note_keeps_the_persons_note(
    sheet_sync: SheetSync, plan_app: Planlogg, driver: SheetDriver
) -> None:
    row = row_of(driver, "T002")
    write_note(driver, row, "Tiltak", OWN)
    plan_app.reword_measure(PLAN, "T002", "Frå nettet", WEB)
    driver.edit({(row, "Tiltak"): "Frå arket"})
    cycle(sheet_sync, driver)
    shown = note(driver, row, "Tiltak")
    assert shown.endswith(LINE + OWN)
    assert "Frå arket" in shown
    plan = plan_app.get_plan(PLAN)
    [conflict] = [e for e in plan_app.events.get(plan.id) if hasattr(e, "conflict_id")]
    plan_app.resolve_conflict(PLAN, "T002", conflict.conflict_id, WEB)
    cycle(sheet_sync, driver)
    assert note(driver, row, "Tiltak") == OWN


def test_the_workbook_gives_the_persons_note_back_under_their_name(
    sheet_sync: SheetSync, plan_app: Planlogg, tmp_path: Path
) -> None:
    with laid_out(sheet_sync, WorkbookDriver(tmp_path)) as driver:
        assert isinstance(driver, WorkbookDriver)
        row = row_of(driver, "T002")
        write_note(driver, row, "Status", OWN)
        driver.edit({(row, "Status"): "lilla"})
        cycle(sheet_sync, driver)
        status = header(driver).index("Status") + 1
        cell = load_workbook(driver.path)[PLAN].cell(row=row, column=status)
        assert (cell.comment.text, cell.comment.author) == (LILLA + LINE + OWN, PERSON)
        driver.edit({(row, "Status"): "gul"})
        cycle(sheet_sync, driver)
        cell = load_workbook(driver.path)[PLAN].cell(row=row, column=status)
        assert (cell.comment.text, cell.comment.author) == (OWN, PERSON)


def test_laying_the_workbook_out_again_keeps_a_persons_note_on_a_grey_header(
    plan_app: Planlogg, tmp_path: Path
) -> None:
    backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    book = load_workbook(backend.path)
    cell = book[PLAN]["A1"]
    ours = cell.comment.text
    cell.comment = Comment("ID-ane er frå 2023-planen", PERSON)
    book.save(backend.path)
    lay_out(plan_app, backend, PLAN)
    comment = load_workbook(backend.path)[PLAN]["A1"].comment
    assert (comment.text, comment.author) == (ours + LINE + "ID-ane er frå 2023-planen", PERSON)
    lay_out(plan_app, backend, PLAN)
    assert load_workbook(backend.path)[PLAN]["A1"].comment.text == (
        ours + LINE + "ID-ane er frå 2023-planen"
    )


def test_reading_the_notes_before_writing_them_costs_google_one_request(
    sheet_sync: SheetSync, plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    with laid_out(sheet_sync, GoogleDriver(emulator)) as driver:
        rows = [row_of(driver, f"T00{n}") for n in range(1, 7)]
        for row in rows[::2]:
            write_note(driver, row, "Status", OWN)
        driver.edit({(row, "Status"): "lilla" for row in rows})
        emulator.reset_requests()
        cycle(sheet_sync, driver)
        reads = [r for r in emulator.requests if r.method == "GET" and "note" in str(r.query)]
        assert len(reads) == 1
        assert [note(driver, row, "Status") for row in rows] == [
            LILLA + LINE + OWN if n % 2 == 0 else LILLA for n in range(6)
        ]


@pytest.mark.parametrize(
    ("shown", "earlier", "persons"),
    [
        ("", {"Melding"}, ""),
        ("Melding", {"Melding"}, ""),
        ("Melding" + LINE + OWN, {"Melding"}, OWN),
        ("Første linje\nandre linje" + LINE + OWN, {"Første linje", "andre linje"}, OWN),
        ("Melding" + LINE + "\n" + OWN + LINE, {"Melding"}, "\n" + OWN + LINE),
        ("Melding\n\nOla: eg tek det", {"Melding"}, "Ola: eg tek det"),
        ("Ola: eg tek det\nMelding", {"Melding"}, "Ola: eg tek det\nMelding"),
        ("\n" + OWN, {"Melding"}, "\n" + OWN),
        (OWN, set(), OWN),
        ("Tapt\n" + "─" * 12 + "\ntekst" + LINE + OWN, {"Tapt", "─" * 12, "tekst"}, OWN),
    ],
)
def test_the_persons_part_of_a_note(shown: str, earlier: set[str], persons: str) -> None:
    assert persons_note(shown, earlier) == persons


@pytest.mark.parametrize("own", ["", OWN, "\n" + OWN + LINE])
def test_writing_the_same_message_again_changes_nothing(own: str) -> None:
    write = NoteWrite(2, 3, "Ny melding", earlier=frozenset({"Ny melding"}))
    once = kept_note(own, write)
    assert kept_note(once, write) == once
    assert persons_note(once, write.earlier) == own
