"""A `planlogg sync restore` that stops after it kept the damaged tab's unsynced edits (the
new tab could not be made, laid out or written): it says so, names what it kept and to run
it again, not that a later round tries again; the damaged tab keeps its baseline, so
ordinary cycles still refuse it, and a second restore keeps what was typed meanwhile
without keeping anything twice."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import SyncRefused
from sync.link import load_link
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.restore import RestoreStopped, restore
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

CAUSE = "Google svarte med feil 503: The service is currently unavailable."


class Unreachable(InMemorySheetBackend):
    """A sheet whose service fails when asked for a new tab, until it is mended."""

    mended = False

    def relocate(self, title: str) -> str:
        if not self.mended:
            raise BackendError(
                CAUSE, "Ingenting halvgjort er lagret; neste synkronisering prøver igjen."
            )
        return super().relocate(title)


def conflicts(app: Planlogg) -> list[tuple[str, str, str]]:
    plan = app.get_plan(PLAN)
    return [(mid, c.field, c.lost) for mid, m in plan.measures.items() for c in m.conflicts]


@pytest.fixture
def damaged(plan_app: Planlogg, sheet_sync: SheetSync) -> Unreachable:
    """Synced, then an unsynced edit, a change in Planlogg, and a range pasted over four
    rows (the cycle refuses: four of six rows are gone)."""
    sheet = Unreachable("testplan")
    lay_out(plan_app, sheet, PLAN)
    sheet_sync.cycle(sheet, PLAN)
    sheet.user_edit({(sheet.row_of("T002"), "Tiltak"): "Uferdig endring"})
    plan_app.reword_measure(PLAN, "T004", "Endret i Planlogg", WEB)
    header = sheet.grid[0]
    for row in range(3, 7):
        pasted = [""] * len(header)
        pasted[header.index("Nr")] = f"1.2.{row + 10}"
        pasted[header.index("Tiltak")] = f"Limt inn {row}"
        sheet.grid[row] = pasted
    return sheet


def test_a_stopped_restore_says_what_it_kept_and_to_run_it_again(
    sheet_sync: SheetSync, plan_app: Planlogg, damaged: Unreachable
) -> None:
    with pytest.raises(RestoreStopped) as raised:
        restore(sheet_sync, damaged, PLAN, tab="Ny fane")
    assert raised.value.message == (
        f"Planlogg stoppet før planen var lagt ut på nytt: {CAUSE} "
        "1 endring fra den skadde fanen som ikke var synkronisert, er tatt vare på som "
        "konflikt. 4 rader uten kjent ID står igjen i den skadde fanen. "
        "Kjør «planlogg sync restore» på nytt; det som alt er tatt vare på, blir ikke "
        "tatt vare på to ganger."
    )
    assert conflicts(plan_app) == [("T002", "Tiltak", "Uferdig endring")]


def test_after_a_stopped_restore_the_damaged_tab_is_still_refused_and_nothing_is_added(
    sheet_sync: SheetSync, plan_app: Planlogg, damaged: Unreachable
) -> None:
    grid = [list(row) for row in damaged.grid]
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, damaged, PLAN, tab="Ny fane")
    assert len(load_link(plan_app, PLAN, damaged.target).base) == 6
    with pytest.raises(SyncRefused):
        sheet_sync.cycle(damaged, PLAN)
    assert len(plan_app.get_plan(PLAN).measures) == 6
    assert conflicts(plan_app) == [("T002", "Tiltak", "Uferdig endring")]
    assert damaged.grid == grid


def test_restoring_again_keeps_what_was_typed_meanwhile_and_nothing_twice(
    sheet_sync: SheetSync, plan_app: Planlogg, damaged: Unreachable
) -> None:
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, damaged, PLAN, tab="Ny fane")
    damaged.user_edit({(damaged.row_of("T001"), "Tiltak"): "Skrevet etterpå"})
    damaged.mended = True
    report = restore(sheet_sync, damaged, PLAN, tab="Ny fane")
    assert (report.kept, report.unplaced, report.tab) == (2, 4, "Ny fane")
    assert conflicts(plan_app) == [
        ("T001", "Tiltak", "Skrevet etterpå"),
        ("T002", "Tiltak", "Uferdig endring"),
    ]
    assert damaged.value(damaged.row_of("T004"), "Tiltak") == "Endret i Planlogg"
    assert len(damaged.grid) == 7


def test_google_refusing_the_new_tab_is_told_without_the_next_round(
    sheet_sync: SheetSync, emulator: SheetsEmulator, google_sheet: GoogleSheetBackend
) -> None:
    backend, sid = google_sheet, google_sheet.spreadsheet_id
    emulator.faults.add(status=400, match=":batchUpdate")
    with pytest.raises(RestoreStopped) as raised:
        restore(sheet_sync, backend, PLAN, tab="Ny fane")
    message = raised.value.message
    assert message.startswith("Planlogg stoppet før planen var lagt ut på nytt: Google")
    assert "neste synkronisering" not in message and "Ingenting halvgjort" not in message
    assert message.endswith("Kjør «planlogg sync restore» på nytt; det som alt er tatt vare "
                            "på, blir ikke tatt vare på to ganger.")  # fmt: skip
    assert "Ny fane" not in [s.properties["title"] for s in emulator.spreadsheet(sid).sheets]
