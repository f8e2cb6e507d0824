"""A status typed in the sheet just after midnight in Norway is dated that day, not the
server's (UTC) day before: the sync loop dates it by Norway's clock."""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.memory_backend import InMemorySheetBackend
from tests.conftest import NorwegianClock
from tests.sync.conftest import PLAN


def test_a_status_typed_after_midnight_in_norway_is_dated_that_day(
    norwegian_clock: type[NorwegianClock],
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    sheet: InMemorySheetBackend,
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit({(row, "Status"): "Raud", (row, "Statuskommentar"): "Stoppa opp"})
    assert sheet_sync.cycle(sheet, PLAN).applied == 1
    status = plan_app.get_plan(PLAN).measure("T002").status
    assert status is not None
    assert status.reported_on == date(2025, 3, 2)
