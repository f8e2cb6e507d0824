"""Planlogg's Oversikt and Vedtak tabs in a local workbook are known by marks that follow a
rename (a defined name and the code name, as the plan's tab is), never by their title alone:
a tab of that title people made after Planlogg's was renamed or deleted is theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.layout import DECISIONS_TAB, OVERVIEW_TAB, SyncRefused
from sync.loop import lay_out
from sync.workbook import WorkbookBackend, _tab_to_write
from tests.sync.conftest import PLAN, WEB

OWN = [["Tiltak", "Status"], ["Vårt eige", "grønt"]]
REFUSED = (
    "Regnearket har allerede en fane «{tab}» som ikke er Planloggs. Gi den et annet navn, "
    "så legger Planlogg ut sin egen. Ingenting er skrevet."
)


@pytest.fixture
def synced(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    backend = WorkbookBackend(tmp_path / "handlingsplan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend


def _cells(path: Path, title: str) -> list[list[object]]:
    book = load_workbook(path)
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def _refer(book: object, old: str, new: str) -> None:
    """Point every defined name at `old` to `new` instead, as Excel and LibreOffice do."""
    for name, defined in list(book.defined_names.items()):  # type: ignore[attr-defined]
        if defined.attr_text.startswith(f"'{old}'!"):
            attr = defined.attr_text.replace(f"'{old}'!", new, 1)
            book.defined_names[name] = DefinedName(name, attr_text=attr)  # type: ignore[attr-defined]


def _rename(path: Path, old: str, new: str) -> None:
    book = load_workbook(path)
    book[old].title = new
    _refer(book, old, f"'{new}'!")
    book.save(path)


def _delete(path: Path, title: str) -> None:
    book = load_workbook(path)
    book.remove(book[title])
    _refer(book, title, "#REF!")
    book.save(path)


def _add_own(path: Path, title: str) -> None:
    book = load_workbook(path)
    sheet = book.create_sheet(title)
    for row in OWN:
        sheet.append(row)
    book.save(path)


@pytest.mark.parametrize("tab", [OVERVIEW_TAB, DECISIONS_TAB])
def test_a_tab_of_our_title_made_after_ours_was_renamed_is_left_alone(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend, tab: str
) -> None:
    path = synced.path
    ours = _cells(path, tab)
    _rename(path, tab, f"{tab} i fjor")
    _add_own(path, tab)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    sheet_sync.cycle(synced, PLAN)
    assert _cells(path, tab) == OWN
    kept = _cells(path, f"{tab} i fjor")
    assert kept[0] == ours[0]
    if tab == OVERVIEW_TAB:  # the checksum names the plan's newest event
        assert kept != ours
    assert load_workbook(path).sheetnames.count(tab) == 1


@pytest.mark.parametrize("tab", [OVERVIEW_TAB, DECISIONS_TAB])
def test_a_tab_of_our_title_made_after_ours_was_deleted_stops_the_cycle(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend, tab: str
) -> None:
    path = synced.path
    _delete(path, tab)
    _add_own(path, tab)
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    before = path.read_bytes()
    with pytest.raises(SyncRefused, match=f"^{REFUSED.format(tab=tab)}$"):
        sheet_sync.cycle(synced, PLAN)
    assert path.read_bytes() == before
    _rename(path, tab, f"{tab} (vårt)")
    sheet_sync.cycle(synced, PLAN)
    assert _cells(path, f"{tab} (vårt)") == OWN
    assert _cells(path, tab)[0][0] == {OVERVIEW_TAB: "Plan", DECISIONS_TAB: "Vedtak"}[tab]


def test_tabs_an_earlier_planlogg_wrote_are_adopted_and_marked_at_the_next_start(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    path = synced.path
    book = load_workbook(path)
    for name in [n for n in book.defined_names if n.startswith("PlanloggTab")]:
        del book.defined_names[name]
    for title in (OVERVIEW_TAB, DECISIONS_TAB):
        book[title].sheet_properties.codeName = None
    book.save(path)
    lay_out(plan_app, synced, PLAN)
    sheet_sync.cycle(synced, PLAN)
    _rename(path, DECISIONS_TAB, "Vedtak i fjor")
    _add_own(path, DECISIONS_TAB)
    sheet_sync.cycle(synced, PLAN)
    assert _cells(path, DECISIONS_TAB) == OWN
    assert _cells(path, "Vedtak i fjor")[0][0] == "Vedtak"


def test_a_tab_of_our_title_people_made_since_the_read_is_refused_at_the_write() -> None:
    book = Workbook()
    tab = book.active
    assert tab is not None
    tab.title = OVERVIEW_TAB
    tab["A1"] = "Kontaktperson"
    with pytest.raises(SyncRefused):
        _tab_to_write(book, OVERVIEW_TAB, "plan")
    assert tab["A1"].value == "Kontaktperson"
    assert book.sheetnames == [OVERVIEW_TAB]
