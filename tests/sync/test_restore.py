"""`sync restore` keeps what the damaged tab holds as the cycle would, and no other sync
comes between the restore and its first cycle."""

from __future__ import annotations

from contextlib import ExitStack

from domain.application import Planlogg
from domain.text import LONG_TEXT
from sync.backend import SheetBusy, SheetFormat
from sync.cycle import SheetSync
from sync.lock import sync_lock
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.restore import restore
from tests.sync.conftest import PLAN


def test_an_unsynced_edit_with_a_character_no_store_holds_is_kept_written_out(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    sheet.user_edit({(sheet.row_of("T002"), "Tiltak"): "Uferdig\ufffeendring"})
    report = restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    assert report.kept == 1
    [conflict] = plan_app.get_plan(PLAN).measure("T002").conflicts
    assert (conflict.field, conflict.lost) == ("Tiltak", "Uferdig\\ufffeendring")


def test_an_over_long_unsynced_text_is_named_and_left_on_the_damaged_tab(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    long_text = "x" * (LONG_TEXT + 1)
    row = sheet.row_of("T002")
    sheet.user_edit({(row, "Tiltak"): long_text, (sheet.row_of("T003"), "Tiltak"): "Kort"})
    report = restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    assert (report.kept, report.refused) == (1, (f"Rad {row}: Tiltak har for mange tegn: 10001, "
                                                 "men høyst 10000 er lov.",))  # fmt: skip
    plan = plan_app.get_plan(PLAN)
    assert plan.measure("T002").conflicts == ()
    assert [c.lost for c in plan.measure("T003").conflicts] == ["Kort"]
    assert report.summary().endswith(
        "konflikt. 1 endring kunne ikke tas vare på, og står igjen i den skadde fanen: "
        f"Rad {row}: Tiltak har for mange tegn: 10001, men høyst 10000 er lov."
    )
    damaged = sheet.tabs["testplan"]
    assert damaged[row - 1][damaged[0].index("Tiltak")] == long_text


class ContestedSheet(InMemorySheetBackend):
    """A sheet another sync reaches for while the restore lays the plan out again."""

    def __init__(self, app: Planlogg) -> None:
        super().__init__("testplan")
        self.app = app
        self.other_sync = ""
        self.held = ExitStack()

    def lay_out(self, sheet_format: SheetFormat) -> None:
        if self.title == "Ny fane":
            try:
                self.held.enter_context(sync_lock(self.app, self.target))
                self.other_sync = "held the sheet"
            except SheetBusy:
                self.other_sync = "refused"
        super().lay_out(sheet_format)


def test_no_other_sync_comes_between_the_restore_and_its_first_cycle(
    sheet_sync: SheetSync, plan_app: Planlogg
) -> None:
    contested = ContestedSheet(plan_app)
    lay_out(plan_app, contested, PLAN)
    sheet_sync.cycle(contested, PLAN)
    contested.user_edit({(contested.row_of("T002"), "Tiltak"): "Uferdig endring"})
    with contested.held:
        report = restore(sheet_sync, contested, PLAN, tab="Ny fane")
    assert contested.other_sync == "refused"
    assert (report.kept, report.cycle.written) == (1, 45)
    assert contested.row_of("T002") == 3
