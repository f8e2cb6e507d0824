"""A plan laid out in an emulated Google spreadsheet and synced once: the set-up of the
sync reliability tests, with the helpers they share to edit and to count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gspread.http_client import HTTPClient
from gspread.utils import rowcol_to_a1

from bench.workloads import build_plan
from domain.application import Planlogg
from domain.plan import plan_id
from projections import ReadModels
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import ID, TEXT, Layout
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator


@dataclass
class LinkedSheet:
    app: Planlogg
    key: str
    emulator: SheetsEmulator
    spreadsheet_id: str
    backend: GoogleSheetBackend
    rows: dict[str, int]
    text_column: int
    in_sheet: list[str]
    """Measures the tests edit in the sheet."""
    in_store: list[str]
    """Measures the tests edit in Planlogg, so sheet and store edits never meet."""

    def type_text(self, measure_id: str, text: str, **user: tuple[str, str]) -> None:
        """A person types a new measure text into the sheet."""
        label = rowcol_to_a1(self.rows[measure_id], self.text_column)
        self.emulator.user_edit(self.spreadsheet_id, self.key, {label: text}, **user)

    def text_shown(self, measure_id: str) -> str:
        """The measure text the sheet shows now."""
        grid = self.emulator.cells(self.spreadsheet_id, self.key)
        return grid[self.rows[measure_id] - 1][self.text_column - 1]

    def texts_and_conflicts(self) -> tuple[Counter[str], int]:
        """How often each text was set by a MeasureReworded event, and how many conflicts."""
        events = list(self.app.events.get(plan_id(self.key)))
        texts = Counter(e.text for e in events if type(e).__name__ == "MeasureReworded")
        conflicts = sum(1 for e in events if type(e).__name__ == "EditConflictRecorded")
        return texts, conflicts


def linked_sheet(
    app: Planlogg,
    emulator: SheetsEmulator,
    key: str,
    measures: int,
    http_client: type[HTTPClient],
) -> LinkedSheet:
    """A plan laid out and synced once in an emulated Google Sheet, and the backend the test
    goes on with through `http_client`. The setup has a client of its own with the default
    timeouts: a test's tight read timeout is for the faults it arms, and the lay-out (which
    formats thousands of cells) must not time out on a loaded machine before any is armed."""
    measure_ids = build_plan(app, key, measures)
    layout = Layout.for_years(app.get_plan(key).years)
    spreadsheet_id = emulator.create_spreadsheet("Handlingsplan")
    setup = GoogleSheetBackend(emulator.gspread_client(), spreadsheet_id, key)
    lay_out(app, setup, key)
    SheetSync(app, ReadModels.open(app)).cycle(setup, key)
    backend = GoogleSheetBackend(
        emulator.gspread_client(http_client=http_client), spreadsheet_id, key
    )
    grid = emulator.cells(spreadsheet_id, key)
    column = layout.index(ID)
    rows = {row[column]: n for n, row in enumerate(grid[1:], start=2) if row[column]}
    return LinkedSheet(
        app=app,
        key=key,
        emulator=emulator,
        spreadsheet_id=spreadsheet_id,
        backend=backend,
        rows=rows,
        text_column=layout.index(TEXT) + 1,
        in_sheet=measure_ids[: measures // 2],
        in_store=measure_ids[measures // 2 :],
    )
