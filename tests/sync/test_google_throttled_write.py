"""A person types in the spreadsheet while Google holds back a write (429 with Retry-After):
what they typed stays, and a row they typed in is not deleted under them. Planlogg reads
the plan tab again after the wait and sends only what is still safe."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import Layout
from sync.loop import lay_out
from tests.conftest import EventClock
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

TYPED = "Skrive sjølv"
LAYOUT = Layout.for_years((2024, 2025))
TILTAK = LAYOUT.index("Tiltak")


@dataclass
class Person:
    """What a person does while Planlogg waits: `typing`, once, at the first wait."""

    waits: list[float] = field(default_factory=list)
    typing: list[Callable[[], None]] = field(default_factory=list)

    def wait(self, seconds: float) -> None:
        self.waits.append(seconds)
        while self.typing:
            self.typing.pop(0)()


@pytest.fixture
def person() -> Person:
    return Person()


@pytest.fixture
def google(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, person: Person
) -> tuple[GoogleSheetBackend, str]:
    """A spreadsheet laid out and synced once, through our client whose waits are the
    person's chance to type."""

    class Client(BoundedRetryClient):
        sleep = staticmethod(person.wait)

    sid = emulator.create_spreadsheet("Handlingsplan")
    backend = GoogleSheetBackend(emulator.gspread_client(http_client=Client), sid, PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend, sid


def _label(row: int, column: int) -> str:
    return rowcol_to_a1(row, column + 1)


def _ids(emulator: SheetsEmulator, sid: str) -> list[str]:
    return [row[LAYOUT.index("ID")] for row in emulator.cells(sid, PLAN)[1:]]


def test_a_cell_typed_during_a_throttled_values_write_is_not_overwritten(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
) -> None:
    """T002 (row 3) and T004 (row 5) are reworded in the store; Google answers 429 to the
    values write and, while Planlogg waits, a person types row 3's Tiltak. Their text
    stays and counts as skipped; T004's new words are written."""
    backend, sid = google
    plan_app.reword_measure(PLAN, "T002", "Nytt", WEB)
    plan_app.reword_measure(PLAN, "T004", "Også nytt", WEB)
    emulator.faults.add(status=429, retry_after=7, match="values:batchUpdate")
    person.typing.append(lambda: emulator.user_edit(sid, PLAN, {_label(3, TILTAK): TYPED}))
    report = sheet_sync.cycle(backend, PLAN)
    assert person.waits == [7]
    cells = emulator.cells(sid, PLAN)
    assert (cells[2][TILTAK], cells[4][TILTAK]) == (TYPED, "Også nytt")
    assert report.skipped == 1


@pytest.mark.parametrize("where", ["Tiltak", "a column of their own"])
@pytest.mark.parametrize("waiting", ["{sid}:batchUpdate", "values:batchUpdate"])
def test_a_row_typed_in_during_a_throttled_write_is_not_deleted(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
    where: str,
    waiting: str,
) -> None:
    """T002 (row 3) is removed and T004 reworded in the store: the cycle writes T004's cells
    (the values write), then deletes row 3 (the batchUpdate). Google answers 429 to one of
    them and, while Planlogg waits, a person types in row 3 (its Tiltak, or a note in a
    column of their own, Merknad, added right of the plan's before the cycle). The row and
    their text stay: a wait on the values write has the batchUpdate checked again too."""
    backend, sid = google
    column = TILTAK
    if where == "a column of their own":
        column = len(emulator.cells(sid, PLAN)[0])
        emulator.user_insert_columns(sid, PLAN, column)
        emulator.user_edit(sid, PLAN, {_label(1, column): "Merknad"})
        sheet_sync.cycle(backend, PLAN)
    plan_app.remove_measure(PLAN, "T002", WEB)
    plan_app.reword_measure(PLAN, "T004", "Nytt", WEB)
    emulator.faults.add(status=429, retry_after=7, match=waiting.format(sid=sid))
    person.typing.append(lambda: emulator.user_edit(sid, PLAN, {_label(3, column): TYPED}))
    sheet_sync.cycle(backend, PLAN)
    assert person.waits == [7]
    assert _ids(emulator, sid) == ["T001", "T002", "T003", "T004", "T005", "T006"]
    assert emulator.cells(sid, PLAN)[2][column] == TYPED
    assert emulator.cells(sid, PLAN)[4][TILTAK] == "Nytt"


def test_a_row_left_alone_during_the_wait_is_deleted_after_it(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
) -> None:
    """The same wait, with the person typing in another measure's row: T002's row is
    deleted once the tab is read again, and what they typed in T005's row stays."""
    backend, sid = google
    plan_app.remove_measure(PLAN, "T002", WEB)
    emulator.faults.add(status=429, retry_after=7, match=f"{sid}:batchUpdate")
    person.typing.append(lambda: emulator.user_edit(sid, PLAN, {_label(6, TILTAK): TYPED}))
    report = sheet_sync.cycle(backend, PLAN)
    assert person.waits == [7]
    assert _ids(emulator, sid) == ["T001", "T003", "T004", "T005", "T006"]
    assert emulator.cells(sid, PLAN)[4][TILTAK] == TYPED
    assert report.skipped == 0


def test_rows_sorted_during_a_throttled_values_write_lose_no_other_measure(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
) -> None:
    """The same cycle; while Planlogg waits, a person sorts the rows by ID, descending: row 3
    now holds T005. Only T002 may go, from the sheet and the store, however many cycles it
    takes; T005 stays in both. (Deleting row 3 as planned would take T005, and the next cycle
    would remove T005 from the store as the sheet's deletion and bring T002 back.)"""
    backend, sid = google
    plan_app.remove_measure(PLAN, "T002", WEB)
    plan_app.reword_measure(PLAN, "T004", "Nytt", WEB)
    emulator.faults.add(status=429, retry_after=7, match="values:batchUpdate")
    person.typing.append(lambda: emulator.user_sort(sid, PLAN, "A", descending=True))
    sheet_sync.cycle(backend, PLAN)
    assert person.waits == [7]
    sheet_sync.cycle(backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    measures = plan_app.get_plan(PLAN).measures
    kept = ["T001", "T003", "T004", "T005", "T006"]
    assert sorted(m for m, state in measures.items() if not state.removed) == kept
    assert sorted(_ids(emulator, sid)) == kept


STATUS = LAYOUT.index("Status")
LILLA = 'Ukjent status "lilla". Skriv grønn, gul eller rød.'
LINE = "\n" + "─" * 12 + "\n"
OWN = "Spør Kari før møtet."


@pytest.mark.parametrize("waiting", ["values:batchUpdate", "{sid}:batchUpdate"])
def test_a_note_a_person_writes_during_a_throttled_write_is_kept(
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
    waiting: str,
) -> None:
    """T002's Status is typed «lilla» (refused): the cycle writes Melding, then Planlogg's
    note on the Status cell. Google answers 429 to the values write or to the batchUpdate
    with the note; while Planlogg waits, a person writes a note of their own on that cell.
    Their note stays, below Planlogg's message (`kept_note`), as it does without a wait."""
    backend, sid = google
    emulator.user_edit(sid, PLAN, {_label(3, STATUS): "lilla"})
    emulator.faults.add(status=429, retry_after=7, match=waiting.format(sid=sid))
    person.typing.append(lambda: emulator.user_set_note(sid, PLAN, _label(3, STATUS), OWN))
    sheet_sync.cycle(backend, PLAN)
    assert person.waits == [7]
    assert emulator.notes(sid, PLAN) == {_label(3, STATUS): LILLA + LINE + OWN}


def test_a_column_inserted_during_a_throttled_values_write_gets_no_note(
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
) -> None:
    """The same refusal; while Planlogg waits on the values write, a person inserts a column
    left of Nr. The values write is withheld (the header changed), but the note is still
    sent to the Status cell's old place, now the 2025 column's cell. No cell but Status gets
    Planlogg's note: after the next cycle, the note stands on Status, in its new place only."""
    backend, sid = google
    emulator.user_edit(sid, PLAN, {_label(3, STATUS): "lilla"})
    emulator.faults.add(status=429, retry_after=7, match="values:batchUpdate")
    person.typing.append(lambda: emulator.user_insert_columns(sid, PLAN, 1))
    sheet_sync.cycle(backend, PLAN)
    assert person.waits == [7]
    assert emulator.notes(sid, PLAN) == {}
    sheet_sync.cycle(backend, PLAN)
    assert emulator.notes(sid, PLAN) == {_label(3, STATUS + 1): LILLA}


RESPONSIBLE = LAYOUT.index("Ansvar")


def test_a_merged_range_typed_in_during_a_throttled_values_write_keeps_what_was_typed(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
) -> None:
    """A person merged the Ansvar cells of T001-T003 («PSU»); T002 is given «ASU» in the
    store, a write inside the range (`inside`, `_unmerging`: in the batchUpdate after the
    values write of T002's stamps). Google answers 429 to the values write; while Planlogg
    waits, the person types «HSU» in the merged range. After the wait nothing of the range is
    Planlogg's to write: it stays merged, showing «HSU», rather than unmerged with T002's and
    T003's cells given «ASU» and «PSU» as read before the wait."""
    backend, sid = google
    emulator.user_merge_cells(sid, PLAN, f"{_label(2, RESPONSIBLE)}:{_label(4, RESPONSIBLE)}")
    sheet_sync.cycle(backend, PLAN)
    plan_app.assign_responsible(PLAN, "T002", ["ASU"], WEB)
    emulator.faults.add(status=429, retry_after=7, match="values:batchUpdate")
    person.typing.append(lambda: emulator.user_edit(sid, PLAN, {_label(2, RESPONSIBLE): "HSU"}))
    sheet_sync.cycle(backend, PLAN)
    assert person.waits == [7]
    shown = [row[RESPONSIBLE] for row in emulator.cells(sid, PLAN)[1:4]]
    merges = emulator.spreadsheet(sid).worksheet(PLAN).merges
    assert (shown, len(merges)) == (["HSU", "", ""], 1)


RENAMED = "Handlingsplan 2024"


def test_a_plan_tab_renamed_during_a_wait_is_written_under_its_new_title(
    event_clock: EventClock,
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
) -> None:
    """T004 (row 5) reworded; Google answers 429 to the values write and, while Planlogg
    waits, a person renames the plan tab and makes a tab of their own with its old title.
    The tab read again after the wait is the plan's (found by its mark), and the rest is
    written there, under its new title: not to the person's tab, which the old title now
    names (Planlogg's words would have landed in it), and not refused as a range that
    names no tab (the cycle would have failed)."""
    backend, sid = google
    plan_app.reword_measure(PLAN, "T004", "Nytt", WEB)
    emulator.faults.add(status=429, retry_after=7, match="values:batchUpdate")

    def rename_and_take_the_old_title() -> None:
        emulator.user_rename_sheet(sid, PLAN, RENAMED)
        emulator.user_add_sheet(sid, PLAN, {"A1": "Mine notat"})

    person.typing.append(rename_and_take_the_old_title)
    emulator.reset_requests()
    report = sheet_sync.cycle(backend, PLAN)

    assert person.waits == [7]
    sent = [
        [d["range"] for d in json.loads(r.body or b"{}")["data"]]
        for r in emulator.requests
        if r.path.endswith("values:batchUpdate")
    ]
    assert sent == [
        ["'testplan'!E5:E5", "'testplan'!AA5:AA5", "'Oversikt'!A1"],
        [f"'{RENAMED}'!E5:E5", f"'{RENAMED}'!AA5:AA5", "'Oversikt'!A1"],
    ]
    assert emulator.cells(sid, RENAMED)[4][TILTAK] == "Nytt"
    assert emulator.cells(sid, PLAN) == [["Mine notat"]]
    assert report.written == 2


def test_notes_after_a_wait_are_read_from_the_plan_tab_under_its_new_title(
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    person: Person,
) -> None:
    """T002's Status typed «lilla» (row 3): the cycle notes why on the cell, in the
    batchUpdate. Google answers it 429 and the person renames the plan tab meanwhile: the
    notes are read again from the tab under its new title (the note is written by the tab's
    sheetId, which a rename keeps), and the note is there."""
    backend, sid = google
    emulator.user_edit(sid, PLAN, {_label(3, STATUS): "lilla"})
    emulator.faults.add(status=429, retry_after=7, match=f"{sid}:batchUpdate")
    person.typing.append(lambda: emulator.user_rename_sheet(sid, PLAN, RENAMED))
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)

    assert person.waits == [7]
    read = [
        r.query["ranges"][0]
        for r in emulator.requests
        if "note" in "".join(r.query.get("fields", []))
    ]
    assert read == ["'testplan'!I3:I3", f"'{RENAMED}'!I3:I3"]
    assert emulator.notes(sid, RENAMED) == {_label(3, STATUS): LILLA}
