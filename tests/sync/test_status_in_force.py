"""A status typed in the sheet is for a measure of the version in force.

While version 2 is drafted, the sheet shows the draft: a row the draft added takes no
status until a version holding it is adopted. The status typed there is refused in the
row's Melding and stays as typed; nothing is recorded. A row of a measure in force takes it.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.memory_backend import InMemorySheetBackend
from tests.sync.conftest import PLAN, WEB

PSU = Provenance("PSU", Source.WEB, decision="PSU sak 1/25")


def test_a_status_typed_on_a_row_only_the_draft_has_is_refused_in_its_message(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    version = plan_app.submit(PLAN, ["PSU"], WEB)
    plan_app.approve(PLAN, version, "PSU", "sak 1/25", date(2025, 1, 10), PSU)
    plan_app.start_revision(PLAN, WEB)
    added = plan_app.add_measure(PLAN, "1.2.9", "Nytt i utkastet", WEB)
    sheet_sync.cycle(sheet, PLAN)
    new_row, old_row = sheet.row_of(added), sheet.row_of("T002")
    sheet.user_edit({(new_row, "Status"): "gul", (old_row, "Status"): "grønn"}, user="Siri")

    report = sheet_sync.cycle(sheet, PLAN)

    assert (report.applied, report.rejected) == (1, 1)
    assert sheet.value(new_row, "Melding") == (
        "Status: Tiltak 1.2.9 er ikke med i vedtatt versjon 1, som det rapporteres på. "
        "Det kan få status og evalueres når en versjon med tiltaket er vedtatt."
    )
    assert sheet.value(new_row, "Status") == "gul"
    plan = plan_app.get_plan(PLAN)
    assert plan.measure(added).status is None
    status = plan.measure("T002").status
    assert status is not None and status.colour == "green"
