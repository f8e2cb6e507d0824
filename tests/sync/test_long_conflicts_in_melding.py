"""A conflict's message quotes the two texts, each cut at `CONFLICT_QUOTE` characters: the
whole of each is kept in the change log (the conflict's event), and a row with a conflict
in several columns, each over a long text, must still fit Melding and a note in one cell:
Excel holds at most 32,767 characters in a cell, and Google refuses a write of more than
50,000 in one, and with it the whole cycle's write."""

from __future__ import annotations

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import CONFLICT_QUOTE, conflict_messages
from sync.writeplan import melding_text
from tests.sync.conftest import PLAN

SHEET = Provenance("Kari", Source.SHEET)
EXCEL_CELL = 32_767


def _conflicted(app: Planlogg, fields: tuple[str, ...], length: int) -> str:
    measure = app.get_plan(PLAN).find_measure("1.1.1").id
    for field in fields:
        app.record_conflict(PLAN, measure, field, "p" * length, "a" * length, SHEET)
    return measure


def test_a_conflict_over_short_texts_quotes_them_whole(plan_app: Planlogg) -> None:
    _conflicted(plan_app, ("Tiltak",), 20)
    (message,) = conflict_messages(plan_app.get_plan(PLAN))
    assert message.text == (
        f"Konflikt K1: «{'a' * 20}» fra regnearket ble ikke tatt inn, fordi cellen samtidig ble "
        f"endret i Planlogg til «{'p' * 20}». Teksten din er tatt vare på i endringsloggen. "
        "Merk konflikten som løst i Planlogg når dere har avgjort."
    )


def test_a_conflict_over_long_texts_quotes_each_cut_short(plan_app: Planlogg) -> None:
    _conflicted(plan_app, ("Tiltak",), 10_000)
    (message,) = conflict_messages(plan_app.get_plan(PLAN))
    cut = CONFLICT_QUOTE - 1
    assert message.text == (
        f"Konflikt K1: «{'a' * cut}…» fra regnearket ble ikke tatt inn, fordi cellen samtidig "
        f"ble endret i Planlogg til «{'p' * cut}…». Teksten din er tatt vare på i "
        "endringsloggen. Merk konflikten som løst i Planlogg når dere har avgjort."
    )
    assert plan_app.get_plan(PLAN).measure(message.measure_id).conflicts[0].lost == "a" * 10_000


def test_a_row_with_long_conflicts_in_every_text_column_fits_one_excel_cell(
    plan_app: Planlogg,
) -> None:
    columns = ("Tiltak", "Ansvar", "Indikator", "Målverdi", "Statuskommentar", "Evaluering")
    _conflicted(plan_app, columns * 3, 10_000)
    messages = conflict_messages(plan_app.get_plan(PLAN))
    assert len(messages) == 18
    assert len(melding_text(messages)) < EXCEL_CELL
