"""Sorting the plan's rows with the ID column left out does not scramble the plan."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN


def test_a_sort_that_left_the_id_column_behind_does_not_give_measures_each_others_text(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Excel asks whether to expand the selection; «Continue with the current selection»
    sorts only the columns selected (Nr to Statuskommentar here), and the IDs stay where
    they were. Every row then showed another measure beside its ID, and the sync reworded
    the measures with each other's texts (refusing the numbers as «allerede i bruk»): T001
    ended up with the text of 1.2.6. Now each such row is refused, saying why, and nothing
    on it is taken in."""
    before = {m.id: m.text for m in plan_app.get_plan(PLAN).active_measures()}
    numbers = {m.id: m.number for m in plan_app.get_plan(PLAN).active_measures()}
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    first, last = header.index("Nr") + 1, header.index("Statuskommentar") + 1
    rows = [
        [tab.cell(row, column).value for column in range(first, last + 1)]
        for row in range(2, tab.max_row + 1)
    ]
    rows.sort(key=lambda values: str(values[header.index("Tiltak") + 1 - first]), reverse=True)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=first):
            tab.cell(2 + offset, column).value = value
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(workbook.path)

    report = SheetSync(plan_app, ReadModels.open(plan_app)).cycle(workbook, PLAN)

    after = {m.id: m.text for m in plan_app.get_plan(PLAN).active_measures()}
    assert after == before
    assert (report.applied, report.conflicts) == (0, 0)
    tab = load_workbook(workbook.path)[PLAN]
    shown = {tab.cell(row, 1).value: tab.cell(row, header.index("Nr") + 1).value
             for row in range(2, tab.max_row + 1)}  # fmt: skip
    displaced = [mid for mid, number in shown.items() if number != numbers[mid]]
    assert report.rejected == len(displaced) == 6
    melding = "\n".join(str(c.value) for c in tab[get_column_letter(len(header))] if c.value)
    first_displaced = displaced[0]
    assert (
        f"men ID-en på raden er {first_displaced}, som er tiltak {numbers[first_displaced]}. Er "
        "radene sortert eller flyttet uten ID-kolonnen? Ingenting på raden er tatt inn."
    ) in melding
