"""A cell of only characters nobody can see is refused in Melding, as a form refuses it.

A responsible body or a SMART indicator of zero-width spaces was taken from the sheet as
typed: every page then showed it blank. The rule is the domain's (`domain.text.checked`),
so the sync reports the refused cell in Norwegian and keeps the measure as it was; a
list value of only such characters beside others is blank, as spaces between separators are.
"""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.memory_backend import InMemorySheetBackend
from tests.sync.conftest import PLAN

INVISIBLE = "\u200b\u2060"
"""A zero-width space and a word joiner."""


@pytest.mark.parametrize(
    ("column", "typed", "message"),
    [
        ("Ansvar", INVISIBLE, "Ansvar: Ansvar består bare av usynlige tegn."),
        ("Ansvar", f"ASU, {INVISIBLE}", "Ansvar: Navnet på organet består bare av usynlige tegn."),
        ("Indikator", INVISIBLE, "Indikator: Indikator består bare av usynlige tegn."),
    ],
)
def test_a_cell_of_only_invisible_characters_is_refused_in_melding_and_nothing_changed(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    sheet: InMemorySheetBackend,
    column: str,
    typed: str,
    message: str,
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit({(row, column): typed})
    report = sheet_sync.cycle(sheet, PLAN)
    assert (report.applied, report.rejected) == (0, 1)
    assert sheet.value(row, "Melding") == f"{message} Fjern dem og prøv igjen."
    measure = plan_app.get_plan(PLAN).measure("T002")
    assert (measure.responsible, measure.smart.indicator) == (("PSU",), "")


def test_a_list_value_of_only_invisible_characters_beside_another_is_blank(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit({(row, "Tema § 6-2"): f"6; {INVISIBLE}"})
    report = sheet_sync.cycle(sheet, PLAN)
    assert (report.applied, report.rejected) == (1, 0)
    assert plan_app.get_plan(PLAN).measure("T002").topics == (6,)
    assert sheet.value(row, "Melding") == ""
