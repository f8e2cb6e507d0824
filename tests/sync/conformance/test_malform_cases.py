"""The community's målform on every backend: a sheet is laid out in it, and keeps syncing
when the community changes målform, its header left as it was written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from domain.application import Planlogg
from domain.vocabulary import Colour
from language import Målform, speaking
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.loop import lay_out, sheet_format
from sync.memory_backend import InMemorySheetBackend
from sync.restore import restore
from tests.sync.conformance.drivers import (
    ExcelDriver,
    GoogleDriver,
    MemoryDriver,
    SheetDriver,
    WorkbookDriver,
    header,
    laid_out,
    row_of,
    value,
)
from tests.sync.conftest import PLAN, WEB

COMMUNITY = "helsefellesskap"
"""The owner of the test plan (`tests.sync.conftest.make_plan`)."""

NYNORSK_HEADER = [
    "ID", "Nr", "Innsatsområde", "Mål", "Tiltak", "Ansvar", "2024", "2025", "Status",
    "Statuskommentar", "Statusdato", "Indikator", "Målverdi", "Frist", "Tema § 6-2",
    "Pasientgrupper",
    "Sjå òg", "Ref.", "Evaluering: målsetjing", "Evaluering: metodar", "Evaluering: start",
    "Evaluering: slutt", "Evaluering: datakjelder", "Evaluering: rapportering",
    "Evaluering: kommunikasjon", "Sist endra", "Endra av", "Melding",
]  # fmt: skip
BOKMÅL_HEADER = [
    "ID", "Nr", "Innsatsområde", "Mål", "Tiltak", "Ansvar", "2024", "2025", "Status",
    "Statuskommentar", "Statusdato", "Indikator", "Målverdi", "Frist", "Tema § 6-2",
    "Pasientgrupper",
    "Se også", "Ref.", "Evaluering: målsetting", "Evaluering: metoder", "Evaluering: start",
    "Evaluering: slutt", "Evaluering: datakilder", "Evaluering: rapportering",
    "Evaluering: kommunikasjon", "Sist endret", "Endret av", "Melding",
]  # fmt: skip
HEADERS: dict[Målform, list[str]] = {"nn": NYNORSK_HEADER, "nb": BOKMÅL_HEADER}
OTHER: dict[Målform, Målform] = {"nn": "nb", "nb": "nn"}
STATUS_WORDS: dict[Målform, dict[Colour, str]] = {
    "nn": {Colour.GREEN: "grøn", Colour.YELLOW: "gul", Colour.RED: "raud"},
    "nb": {Colour.GREEN: "grønn", Colour.YELLOW: "gul", Colour.RED: "rød"},
}
OVERVIEW_HEADS: dict[Målform, list[str]] = {
    "nn": ["Innsatsområde", "Tiltak", "grøn", "gul", "raud", "ikkje rapportert"],
    "nb": ["Innsatsområde", "Tiltak", "grønn", "gul", "rød", "ikke rapportert"],
}
DECISIONS_HEADS: dict[Målform, list[str]] = {
    "nn": ["Vedtak", "Dato", "Kva", "Gjeld versjon"],
    "nb": ["Vedtak", "Dato", "Hva", "Gjelder versjon"],
}


@pytest.fixture(params=["memory", "workbook", "google", "excel"])
def unlaid(request: pytest.FixtureRequest, plan_app: Planlogg, tmp_path: Path) -> SheetDriver:
    """A backend for the plan, not yet laid out (the community's målform comes first)."""
    if request.param == "memory":
        return MemoryDriver()
    if request.param == "workbook":
        return WorkbookDriver(tmp_path)
    if request.param == "google":
        return GoogleDriver(request.getfixturevalue("emulator"))
    return ExcelDriver(request.getfixturevalue("graph"))


def laid_out_for(
    målform: Målform, plan_app: Planlogg, sheet_sync: SheetSync, driver: SheetDriver
) -> Any:
    plan_app.register_community(COMMUNITY, "Helsefellesskapet", WEB, language=målform)
    return laid_out(sheet_sync, driver)


def cycle(sheet_sync: SheetSync, driver: SheetDriver) -> Any:
    return sheet_sync.cycle(driver.backend, PLAN)


def overview_heads(driver: SheetDriver) -> list[str]:
    rows = driver.own_tab("Oversikt")
    found = next(r for r in rows if r and r[0] == "Innsatsområde")
    return [cell for cell in found if cell]


@pytest.mark.parametrize("målform", ["nn", "nb"])
def test_a_sheet_is_laid_out_in_the_communitys_målform(
    målform: Målform, sheet_sync: SheetSync, plan_app: Planlogg, unlaid: SheetDriver
) -> None:
    plan_app.report_status(PLAN, "T002", Colour.RED, "", WEB)
    with laid_out_for(målform, plan_app, sheet_sync, unlaid) as driver:
        assert header(driver) == HEADERS[målform]
        assert value(driver, row_of(driver, "T002"), "Status") == STATUS_WORDS[målform][Colour.RED]
        assert overview_heads(driver) == OVERVIEW_HEADS[målform]
        assert driver.own_tab("Vedtak")[0][:4] == DECISIONS_HEADS[målform]
        assert cycle(sheet_sync, driver).written == 0


@pytest.mark.parametrize("målform", ["nn", "nb"])
def test_a_sheet_keeps_syncing_when_the_community_changes_målform(
    målform: Målform, sheet_sync: SheetSync, plan_app: Planlogg, unlaid: SheetDriver
) -> None:
    """Laid out in one målform; the community switches; edits under the old headers are read,
    values typed in either målform are understood, nothing is lost, the header stays."""
    plan_app.report_status(PLAN, "T001", Colour.GREEN, "", WEB)
    with laid_out_for(målform, plan_app, sheet_sync, unlaid) as driver:
        old = HEADERS[målform]
        plan_app.choose_community_language(COMMUNITY, OTHER[målform], WEB)
        see_also = old[BOKMÅL_HEADER.index("Se også")]
        driver.edit(
            {
                (row_of(driver, "T001"), "Status"): "gul",
                (row_of(driver, "T002"), "Status"): STATUS_WORDS[målform][Colour.RED],
                (row_of(driver, "T003"), "Tiltak"): "Skrive etter bytet",
                (row_of(driver, "T004"), see_also): "1.1.1",
                (row_of(driver, "T005"), "Status"): "blå",
            }
        )
        plan_app.reword_measure(PLAN, "T006", "Frå nettet etter bytet", WEB)
        report = cycle(sheet_sync, driver)
        assert (report.applied, report.conflicts, report.rejected) == (4, 0, 1)
        plan = plan_app.get_plan(PLAN)
        status = {mid: plan.measure(mid).status for mid in ("T001", "T002")}
        assert [s.colour if s else None for s in status.values()] == [Colour.YELLOW, Colour.RED]
        assert plan.measure("T003").text == "Skrive etter bytet"
        assert plan.measure("T004").see_also == ("1.1.1",)
        assert header(driver) == old
        words = STATUS_WORDS[OTHER[målform]]
        assert value(driver, row_of(driver, "T001"), "Status") == words[Colour.YELLOW]
        assert value(driver, row_of(driver, "T002"), "Status") == words[Colour.RED]
        assert value(driver, row_of(driver, "T005"), "Status") == "blå"
        assert value(driver, row_of(driver, "T006"), "Tiltak") == "Frå nettet etter bytet"
        assert overview_heads(driver) == OVERVIEW_HEADS[OTHER[målform]]
        assert driver.own_tab("Vedtak")[0][:4] == DECISIONS_HEADS[OTHER[målform]]
        assert cycle(sheet_sync, driver).written == 0
        assert header(driver) == old


def test_a_sheet_headed_as_an_earlier_planlogg_wrote_keeps_syncing_and_its_header(
    sheet_sync: SheetSync, plan_app: Planlogg, unlaid: SheetDriver
) -> None:
    """Planlogg once headed the area column «Område»; it now says «Innsatsområde», as every
    page does. A sheet with the old header still syncs, and keeps the header it has."""
    with laid_out_for("nb", plan_app, sheet_sync, unlaid) as driver:
        driver.edit({(1, "Innsatsområde"): "Område"})
        old = ["Område" if text == "Innsatsområde" else text for text in BOKMÅL_HEADER]
        assert header(driver) == old
        driver.edit({(row_of(driver, "T003"), "Tiltak"): "Skrive under den gamle overskrifta"})
        plan_app.add_area(PLAN, "2", "Kompetanse", WEB)
        plan_app.add_goal(PLAN, "2.1", "Felles opplæring", WEB)
        plan_app.move_measure(PLAN, "T006", "2.1.9", WEB)
        report = cycle(sheet_sync, driver)
        assert (report.applied, report.conflicts, report.rejected) == (1, 0, 0)
        assert plan_app.get_plan(PLAN).measure("T003").text == "Skrive under den gamle overskrifta"
        assert value(driver, row_of(driver, "T006"), "Område") == "2 Kompetanse"
        assert header(driver) == old
        assert cycle(sheet_sync, driver).written == 0


@pytest.fixture
def nynorsk_driver(
    plan_app: Planlogg, sheet_sync: SheetSync, unlaid: SheetDriver
) -> Iterator[SheetDriver]:
    with laid_out_for("nn", plan_app, sheet_sync, unlaid) as driver:
        yield driver


def test_a_column_the_sheet_never_had_gets_its_header_in_the_målform_of_now(
    sheet_sync: SheetSync, plan_app: Planlogg, nynorsk_driver: SheetDriver
) -> None:
    """The plan's period grows after the switch: only the new column's header is written."""
    plan_app.choose_community_language(COMMUNITY, "nb", WEB)
    plan_app.change_period(PLAN, 2024, 2026, WEB)
    cycle(sheet_sync, nynorsk_driver)
    assert header(nynorsk_driver) == [*NYNORSK_HEADER, "2026"]


def test_sync_init_and_restore_write_the_header_in_the_målform_of_now(
    sheet_sync: SheetSync, plan_app: Planlogg
) -> None:
    """Only laying a sheet out writes its header: a laid-out sheet keeps its header through
    `sync init` again, and `sync restore` lays the new tab out in the målform of now."""
    plan_app.register_community(COMMUNITY, "Helsefellesskapet", WEB, language="nn")
    sheet = InMemorySheetBackend(PLAN, target=f"memory:{PLAN}-{uuid4()}")
    lay_out(plan_app, sheet, PLAN)
    sheet_sync.cycle(sheet, PLAN)
    plan_app.choose_community_language(COMMUNITY, "nb", WEB)
    lay_out(plan_app, sheet, PLAN)
    assert sheet.grid[0] == NYNORSK_HEADER
    sheet.user_edit({(sheet.row_of("T002"), "Tiltak"): "Ikkje synkronisert"})
    report = restore(sheet_sync, sheet, PLAN, tab="Ny fane")
    assert sheet.grid[0] == BOKMÅL_HEADER
    assert sheet.tabs[PLAN][0] == NYNORSK_HEADER
    assert report.kept == 1
    assert sheet.value(sheet.row_of("T002"), "Tiltak") == "Tiltak nummer 2"
    assert "«Ikkje synkronisert» fra regnearket ble ikke tatt inn" in sheet.value(
        sheet.row_of("T002"), "Melding"
    )


@pytest.mark.parametrize("målform", ["nn", "nb"])
def test_formatting_a_sheet_again_finds_its_columns_under_either_målforms_header(
    målform: Målform,
) -> None:
    """`sync init` on a sheet laid out before the switch: dropdown, colours and protection go
    to the columns where the old header has them."""
    with speaking(OTHER[målform]):
        placed = sheet_format(Layout.for_years((2024, 2025))).placed(HEADERS[målform])
    assert placed.status_column == 8
    assert placed.read_only_columns == (0, 2, 3, 25, 26, 27)
    assert placed.dropdowns == ((8, tuple(STATUS_WORDS[OTHER[målform]].values())),)
