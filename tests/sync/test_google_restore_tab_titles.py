"""The tab a `planlogg sync restore` lays the plan out on in a Google spreadsheet, and how
its report names it: a free title when the one asked for is taken (Google compares titles
in any case, and another restore or a person may take it between the listing and the new
tab), and in the report the title the tab has, on a first restore and on one run again
after it stopped with the new tab made."""

from __future__ import annotations

from typing import Any

import pytest

from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.restore import RestoreStopped, restore
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN
from tests.sync.lay_out_fails_once import lay_out_fails_once

NEW_TAB = "Ny fane"


@pytest.fixture
def sid(google_sheet: GoogleSheetBackend) -> str:
    """A spreadsheet with the plan laid out and synced once (`google_sheet`)."""
    return google_sheet.spreadsheet_id


def _backend(emulator: SheetsEmulator, sid: str) -> GoogleSheetBackend:
    return GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)


def _titles(emulator: SheetsEmulator, sid: str) -> list[str]:
    return [s.title for s in emulator.spreadsheet(sid).sheets]


def _ids(emulator: SheetsEmulator, sid: str, tab: str) -> list[str]:
    return [row[0] for row in emulator.cells(sid, tab)[1:] if row]


ALL = ["T001", "T002", "T003", "T004", "T005", "T006"]


def test_the_report_names_the_numbered_tab_when_the_title_was_taken(
    sheet_sync: SheetSync, emulator: SheetsEmulator, sid: str
) -> None:
    emulator.user_add_sheet(sid, NEW_TAB, {"A1": "Våre notat"})
    report = restore(sheet_sync, _backend(emulator, sid), PLAN, tab=NEW_TAB)
    assert report.tab == "Ny fane (2)"
    assert report.summary().startswith(
        "Planen er lagt ut på nytt i fanen «Ny fane (2)» i «testplan (Google)» "
    )
    assert _ids(emulator, sid, "Ny fane (2)") == ALL
    assert emulator.cells(sid, NEW_TAB) == [["Våre notat"]]


def test_a_title_taken_in_another_case_is_taken(
    sheet_sync: SheetSync, emulator: SheetsEmulator, sid: str
) -> None:
    """Google refuses a tab whose title differs from another's in case only."""
    emulator.user_add_sheet(sid, "ny fane")
    report = restore(sheet_sync, _backend(emulator, sid), PLAN, tab=NEW_TAB)
    assert report.tab == "Ny fane (2)"
    assert _titles(emulator, sid)[-2:] == ["ny fane", "Ny fane (2)"]


def test_two_restores_asking_for_one_title_get_a_tab_each(
    sheet_sync: SheetSync, emulator: SheetsEmulator, sid: str
) -> None:
    first = restore(sheet_sync, _backend(emulator, sid), PLAN, tab=NEW_TAB)
    second = restore(sheet_sync, _backend(emulator, sid), PLAN, tab=NEW_TAB)
    assert (first.tab, second.tab) == (NEW_TAB, "Ny fane (2)")
    assert _titles(emulator, sid)[-2:] == [NEW_TAB, "Ny fane (2)"]


def test_a_title_taken_after_the_tabs_were_listed_gives_the_next_free_one(
    sheet_sync: SheetSync, emulator: SheetsEmulator, sid: str
) -> None:
    """Another restore (from another store, which the sync lock does not hold off) or a
    person takes the title between the listing and the new tab: Google answers 400, nothing
    of the batch is done, and the tabs are listed again for a free title."""
    backend = _backend(emulator, sid)
    sent = backend.http.batch_update

    def another_first(spreadsheet_id: str, body: dict[str, Any]) -> Any:
        adding = [r["addSheet"] for r in body["requests"] if "addSheet" in r]
        if adding and adding[0]["properties"]["title"] == NEW_TAB:
            emulator.user_add_sheet(sid, NEW_TAB)
        return sent(spreadsheet_id, body)

    backend.http.batch_update = another_first  # type: ignore[method-assign]
    report = restore(sheet_sync, backend, PLAN, tab=NEW_TAB)
    assert report.tab == "Ny fane (2)"
    assert _ids(emulator, sid, "Ny fane (2)") == ALL
    assert emulator.cells(sid, NEW_TAB) == []


LayOutFailsOnce = lay_out_fails_once(
    GoogleSheetBackend, lambda: BackendError("Google svarte ikke.")
)
"""A backend whose lay-out of the new tab fails once: the restore stops there."""


def test_a_restore_run_again_names_the_tab_it_laid_the_plan_out_on(
    sheet_sync: SheetSync, emulator: SheetsEmulator, sid: str
) -> None:
    stopped = LayOutFailsOnce(emulator.gspread_client(), sid, PLAN)
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, stopped, PLAN, tab=NEW_TAB)
    emulator.user_rename_sheet(sid, NEW_TAB, "Gjenoppretta")
    report = restore(sheet_sync, _backend(emulator, sid), PLAN, tab="Enda ei fane")
    assert report.tab == "Gjenoppretta"
    assert report.summary().startswith(
        "Planen er lagt ut på nytt i fanen «Gjenoppretta» i «testplan (Google)» "
    )
    assert "Enda ei fane" not in _titles(emulator, sid)
    assert _ids(emulator, sid, "Gjenoppretta") == ALL
