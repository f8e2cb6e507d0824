"""The tab a `planlogg sync restore` lays the plan out on in a local workbook, and how its
report names it: the title asked for with a number added when a tab has it already (Excel
compares titles in any case), and, on a restore run again after it stopped with the new tab
made, the title that tab has when read, also when people renamed it in between."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from domain.application import Planlogg
from sync.backend import SheetBusy
from sync.cycle import SheetSync
from sync.loop import lay_out
from sync.restore import RestoreStopped, restore
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN
from tests.sync.lay_out_fails_once import lay_out_fails_once

NEW_TAB = "Ny fane"
ALL = ["T001", "T002", "T003", "T004", "T005", "T006"]


@pytest.fixture
def path(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> Path:
    """A workbook with the plan laid out and synced once."""
    backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend.path


def _add_own_tab(path: Path, title: str) -> None:
    book = load_workbook(path)
    book.create_sheet(title)["A1"] = "Våre notat"
    book.save(path)


def _rename(path: Path, old: str, new: str) -> None:
    """Rename a tab as Excel and LibreOffice do: the defined names follow it."""
    book = load_workbook(path)
    book[old].title = new
    for name, defined in list(book.defined_names.items()):
        if defined.attr_text.startswith(f"'{old}'!"):
            attr = defined.attr_text.replace(f"'{old}'!", f"'{new}'!", 1)
            book.defined_names[name] = DefinedName(name, attr_text=attr)
    book.save(path)


def _ids(path: Path, tab: str) -> list[str]:
    sheet = load_workbook(path)[tab]
    return [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def test_the_report_names_the_numbered_tab_when_the_title_was_taken(
    sheet_sync: SheetSync, path: Path
) -> None:
    _add_own_tab(path, NEW_TAB)
    report = restore(sheet_sync, WorkbookBackend(path, PLAN), PLAN, tab=NEW_TAB)
    assert report.tab == "Ny fane (2)"
    assert report.summary().startswith(
        "Planen er lagt ut på nytt i fanen «Ny fane (2)» i «plan.xlsx» "
    )
    assert _ids(path, "Ny fane (2)") == ALL
    assert load_workbook(path)[NEW_TAB]["A1"].value == "Våre notat"


def test_a_title_taken_in_another_case_is_taken(sheet_sync: SheetSync, path: Path) -> None:
    _add_own_tab(path, "ny fane")
    report = restore(sheet_sync, WorkbookBackend(path, PLAN), PLAN, tab=NEW_TAB)
    assert report.tab == "Ny fane (2)"
    assert load_workbook(path).sheetnames[-2:] == ["ny fane", "Ny fane (2)"]


LayOutFailsOnce = lay_out_fails_once(
    WorkbookBackend, lambda: SheetBusy("«plan.xlsx» er åpen i Excel eller LibreOffice.")
)
"""A workbook whose lay-out of the new tab finds it open once: the restore stops there."""


@pytest.mark.parametrize("renamed", ["", "Gjenoppretta"])
def test_a_restore_run_again_names_the_tab_it_laid_the_plan_out_on(
    sheet_sync: SheetSync, path: Path, renamed: str
) -> None:
    with pytest.raises(RestoreStopped):
        restore(sheet_sync, LayOutFailsOnce(path, PLAN), PLAN, tab=NEW_TAB)
    title = NEW_TAB
    if renamed:
        _rename(path, NEW_TAB, renamed)
        title = renamed
    tabs = load_workbook(path).sheetnames
    report = restore(sheet_sync, WorkbookBackend(path, PLAN), PLAN, tab="Enda ei fane")
    assert report.tab == title
    assert report.summary().startswith(
        f"Planen er lagt ut på nytt i fanen «{title}» i «plan.xlsx» "
    )
    assert load_workbook(path).sheetnames == tabs
    assert _ids(path, title) == ALL
