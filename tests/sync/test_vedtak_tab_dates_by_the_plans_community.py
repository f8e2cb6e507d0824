"""A plan cites only its own community's decisions: the sheet's Vedtak tab dates a cited
decision by its own community's meeting, not by another community's case of the same
number."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.layout import DECISIONS_TAB
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN
from tests.sync.test_sheet_presentation import synced  # noqa: F401

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


def test_the_vedtak_tab_dates_a_decision_by_its_own_communitys_meeting(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    """The plan's community (helsefellesskap) decided «ASU sak 40/24» on 13.06.2024; Vestre
    Viken's ASU has a case of the same number, decided 20.06.2024. A status report of the
    plan cites its own community's decision (`registered_decision(…, community)`), and
    `ReadModels.meeting_days` must read only that community's rows: by the case alone, the
    last one read won, and the tab dated the decision by Vestre Viken's meeting."""
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", SECRETARIAT)
    plan_app.register_community("vv", "Helsefellesskapet Vestre Viken", SECRETARIAT)
    plan_app.record_decision(
        "helsefellesskap", "sak 40/24", "ASU", date(2024, 6, 13), "Rapporter.", SECRETARIAT
    )
    plan_app.record_decision("vv", "sak 40/24", "ASU", date(2024, 6, 20), "Anna.", SECRETARIAT)
    by = Provenance("Kari", Source.WEB, decision="ASU sak 40/24")
    plan_app.report_status(PLAN, "1.1.1", "grønn", "I rute.", by, body="PSU")

    sheet_sync.cycle(synced, PLAN)

    rows = [[c.value for c in row][:2] for row in load_workbook(synced.path)[DECISIONS_TAB]]
    assert rows[1:] == [["ASU sak 40/24", "13.06.2024"]]
