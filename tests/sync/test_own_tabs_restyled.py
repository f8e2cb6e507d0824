"""Vedtak's header is bold after the upgrade's lay-out, though its text has not changed.

A tab is written only when its text differs (`sync.cycle`, `same_table`): a Vedtak an
earlier Planlogg wrote, whose decisions are already in date order, would keep a plain header
and bottom-aligned cells until its next decision. `lay_out` gives it the look a write gives
(`sync.workbook._restyle_tab`)."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.layout import DECISIONS_TAB
from sync.loop import lay_out
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN
from tests.sync.test_sheet_presentation import synced  # noqa: F401


def test_an_earlier_vedtaks_header_is_bold_after_the_upgrade(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    by = Provenance("Kari", Source.WEB, decision="PSU sak 3/25")
    plan_app.report_status(PLAN, "1.1.1", "grønn", "I rute.", by, body="PSU")
    sheet_sync.cycle(synced, PLAN)
    book = load_workbook(synced.path)
    tab = book[DECISIONS_TAB]
    for cell in (*tab[1], *tab[2]):  # as a Planlogg before d315604 wrote it
        cell.font = Font()
        cell.alignment = Alignment()
    book.save(synced.path)
    lay_out(plan_app, synced, PLAN)
    sheet_sync.cycle(synced, PLAN)
    tab = load_workbook(synced.path)[DECISIONS_TAB]
    assert [c.value for c in tab[1]] == ["Vedtak", "Dato", "Hva", "Gjelder versjon"]
    assert [c.font.bold for c in tab[1]] == [True] * 4
    assert [c.alignment.vertical for c in tab[2]] == ["top"] * 4
