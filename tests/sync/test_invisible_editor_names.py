"""A name from file metadata made only of invisible characters (a Drive or Excel "last
modified by" of a zero-width space) is cleaned to the fallback, never refused: `checked`
refuses a name nobody can see, and the whole cycle would stop on the editor's name."""

from __future__ import annotations

from domain.application import Planlogg
from domain.text import cleaned_name
from sync.cycle import SheetSync, sheet_provenance
from sync.memory_backend import InMemorySheetBackend
from tests.sync.conftest import PLAN

INVISIBLE = "\u200b\u2060"


def test_a_name_of_only_invisible_characters_is_cleaned_to_the_fallback() -> None:
    assert cleaned_name(INVISIBLE) == "ukjend"
    assert cleaned_name(INVISIBLE, "") == ""


def test_sheet_provenance_of_an_invisible_editor_is_not_refused() -> None:
    by = sheet_provenance((INVISIBLE,), "Tiltaksplan")
    assert (by.actor, by.reason) == ("ukjend", "Endret i regnearket «Tiltaksplan»")


def test_a_cycle_with_an_editor_named_invisibly_applies_the_edit(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit({(row, "Tiltak"): "Ny tekst frå arket"}, user=INVISIBLE)
    report = sheet_sync.cycle(sheet, PLAN)
    assert (report.applied, report.rejected) == (1, 0)
    assert plan_app.get_plan(PLAN).measure("T002").text == "Ny tekst frå arket"
