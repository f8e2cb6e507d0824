"""A column of one's own headed «Område» beside Planlogg's «Innsatsområde».

README: «insert columns of your own anywhere ("Notat", "Kontaktperson")»; «A sheet laid out
before the area column was called Innsatsområde ... keeps its header «Område»». So «Område»
is Planlogg's area column only on a sheet that has no «Innsatsområde». On a sheet that does,
a secretariat adding its own «Område» column (the region or municipality a measure belongs
to) had the whole sync stopped, told that «Område» stood in several columns, which it did
not: it stood in one."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from language import speaking
from sync.columns import place
from sync.cycle import SheetSync
from sync.layout import AREA, Layout, SyncRefused
from sync.memory_backend import InMemorySheetBackend
from tests.sync.conftest import PLAN, WEB

LAYOUT = Layout.for_years((2024, 2025))
HEADINGS = list(LAYOUT.headings)
"""A sheet laid out today (bokmål): the area column headed «Innsatsområde»."""
AREA_AT = HEADINGS.index("Innsatsområde")
OLD = ["Område" if h == "Innsatsområde" else h for h in HEADINGS]
"""A sheet laid out before the area column was called Innsatsområde."""


def test_an_own_column_headed_omrade_is_the_persons_and_the_plan_keeps_syncing(
    plan_app: Planlogg, sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    assert "Innsatsområde" in sheet.grid[0]
    sheet.insert_column(len(sheet.grid[0]), "Område")
    row = sheet.row_of("T002")
    sheet.set_cell(row, sheet.grid[0].index("Område"), "Nord-Trøndelag")
    plan_app.reword_measure(PLAN, "T002", "Tiltak nummer 2, nytt ord", WEB)

    sheet_sync.cycle(sheet, PLAN)

    assert sheet.value(row, "Tiltak") == "Tiltak nummer 2, nytt ord"
    assert sheet.column("Område") == ["", "Nord-Trøndelag", "", "", "", ""]


@pytest.mark.parametrize("before", [0, AREA_AT, len(HEADINGS)])
def test_omrade_beside_innsatsomrade_is_an_own_column_wherever_it_stands(before: int) -> None:
    header = [*HEADINGS[:before], "Område", *HEADINGS[before:]]
    own = before
    innsatsområde = AREA_AT + (1 if before <= AREA_AT else 0)

    placement = place(LAYOUT, header, len(header), {AREA})

    assert placement.index(AREA) == innsatsområde
    assert own not in placement.planlogg
    assert sorted(placement.planlogg) == [i for i in range(len(header)) if i != own]
    assert placement.added == ()
    assert placement.has_own_content([""] * own + ["Nord-Trøndelag"]) is True


def test_two_own_columns_headed_omrade_beside_innsatsomrade_are_both_own() -> None:
    header = ["Område", *HEADINGS, "Område"]

    placement = place(LAYOUT, header, len(header), {AREA})

    assert placement.index(AREA) == AREA_AT + 1
    assert sorted(placement.planlogg) == list(range(1, len(HEADINGS) + 1))


def test_a_sheet_headed_omrade_alone_keeps_it_as_the_area_column() -> None:
    placement = place(LAYOUT, OLD, len(OLD), {AREA})

    assert placement.index(AREA) == AREA_AT
    assert sorted(placement.planlogg) == list(range(len(OLD)))


def test_a_nynorsk_sheet_takes_omrade_beside_its_innsatsomrade_as_own_too() -> None:
    with speaking("nn"):
        nynorsk = list(LAYOUT.headings)
    header = [*nynorsk, "Område"]

    placement = place(LAYOUT, header, len(header), {AREA})

    assert placement.index(AREA) == nynorsk.index("Innsatsområde")
    assert len(header) - 1 not in placement.planlogg


DOUBLED = (
    "Overskriften «{}» står i flere kolonner, så synkroniseringen vet ikke hvilken som "
    "gjelder, og skriver ingenting. Gi den ene kolonnen et annet navn (den blir da din egen "
    "kolonne) eller slett den."
)


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ([*HEADINGS, "Innsatsområde"], "Innsatsområde"),
        ([*HEADINGS, "Område", "Innsatsområde"], "Innsatsområde"),
        ([*OLD, "Område"], "Område"),
        ([*HEADINGS, "Ansvar", "Område"], "Ansvar"),
    ],
    ids=["innsatsområde twice", "innsatsområde twice beside område", "område twice", "ansvar"],
)
def test_a_heading_that_really_stands_twice_stops_the_sync_naming_it(
    header: list[str], named: str
) -> None:
    with pytest.raises(SyncRefused) as refused:
        place(LAYOUT, header, len(header), {AREA})

    assert str(refused.value) == DOUBLED.format(named)


def test_a_sheet_without_its_id_header_stops_even_with_an_empty_baseline() -> None:
    layout = Layout.for_years((2025,))
    header = [h for h in layout.headings if h != "ID"]
    with pytest.raises(SyncRefused, match="«ID»"):
        place(layout, header, len(header), known=())
