"""Numbers typed in one cycle: what can go through together does, only what cannot is refused.

The plan holds 1.1.1-1.1.3 (T001-T003) and 1.2.4-1.2.6 (T004-T006); goal 9.9 does not exist.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN

IN_USE = "allerede i bruk"


def _cycle_with(app: Planlogg, workbook: WorkbookBackend, numbers: dict[str, str]) -> None:
    """Type into the Nr column of the rows with these IDs, as in Excel, and run a cycle."""
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    id_col, nr_col = header.index("ID") + 1, header.index("Nr") + 1
    for row in range(2, tab.max_row + 1):
        found = tab.cell(row, id_col).value
        if found in numbers:
            tab.cell(row, nr_col).value = numbers[found]
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(workbook.path)
    SheetSync(app, ReadModels.open(app)).cycle(workbook, PLAN)


def _numbers(app: Planlogg, *measure_ids: str) -> tuple[str, ...]:
    plan = app.get_plan(PLAN)
    return tuple(plan.measure(measure_id).number for measure_id in measure_ids)


def _meldinger(path: Path) -> dict[str, str]:
    tab = load_workbook(path)[PLAN]
    header = [cell.value for cell in tab[1]]
    return {
        str(row[header.index("ID")]): str(row[header.index("Melding")] or "")
        for row in tab.iter_rows(min_row=2, values_only=True)
        if row[header.index("ID")]
    }


def test_a_ring_of_three_goes_through_beside_a_number_taken_by_an_untyped_row(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    _cycle_with(
        plan_app, workbook, {"T001": "1.1.2", "T002": "1.1.3", "T003": "1.1.1", "T005": "1.2.4"}
    )
    assert _numbers(plan_app, "T001", "T002", "T003", "T005") == (
        "1.1.2",
        "1.1.3",
        "1.1.1",
        "1.2.5",
    )
    meldinger = _meldinger(workbook.path)
    assert not any(meldinger[m] for m in ("T001", "T002", "T003"))
    assert IN_USE in meldinger["T005"] and "1.2.4" in meldinger["T005"]


def test_a_chain_to_a_free_number_goes_through_beside_a_missing_goal(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    _cycle_with(plan_app, workbook, {"T001": "1.1.2", "T002": "1.1.7", "T004": "9.9.1"})
    assert _numbers(plan_app, "T001", "T002", "T004") == ("1.1.2", "1.1.7", "1.2.4")
    meldinger = _meldinger(workbook.path)
    assert not meldinger["T001"] and not meldinger["T002"]
    assert "9.9" in meldinger["T004"]


def test_a_chain_held_up_at_its_end_is_refused_row_by_row(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """1.1.1 takes 1.1.2, which takes 1.1.3, which names a missing goal: each row says why."""
    _cycle_with(plan_app, workbook, {"T001": "1.1.2", "T002": "1.1.3", "T003": "9.9.1"})
    assert _numbers(plan_app, "T001", "T002", "T003") == ("1.1.1", "1.1.2", "1.1.3")
    meldinger = _meldinger(workbook.path)
    assert IN_USE in meldinger["T001"] and "1.1.2" in meldinger["T001"]
    assert IN_USE in meldinger["T002"] and "1.1.3" in meldinger["T002"]
    assert "9.9" in meldinger["T003"] and IN_USE not in meldinger["T003"]


def test_a_chain_follows_its_end_when_a_rival_for_the_end_number_is_refused(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Two rows want the free 1.1.7: the upper one gets it, as when numbers are given one by
    one, and the chain behind it moves up; only the lower rival is refused."""
    _cycle_with(
        plan_app, workbook, {"T001": "1.1.2", "T002": "1.1.3", "T003": "1.1.7", "T006": "1.1.7"}
    )
    assert _numbers(plan_app, "T001", "T002", "T003", "T006") == (
        "1.1.2",
        "1.1.3",
        "1.1.7",
        "1.2.6",
    )
    meldinger = _meldinger(workbook.path)
    assert not any(meldinger[m] for m in ("T001", "T002", "T003"))
    assert IN_USE in meldinger["T006"] and "1.1.7" in meldinger["T006"]


def test_numbers_that_all_go_together_go_through_without_a_message(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    _cycle_with(plan_app, workbook, {"T001": "1.1.2", "T002": "1.1.1", "T004": "1.2.7"})
    assert _numbers(plan_app, "T001", "T002", "T004") == ("1.1.2", "1.1.1", "1.2.7")
    assert not any(_meldinger(workbook.path).values())
