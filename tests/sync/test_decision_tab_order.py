"""The Vedtak tab lists decisions by date, oldest first, whatever order the plan cited them in.

A reviewer found «ASU sak 12/25» (13.03.2025) below «SSU sak 11/24» (12.06.2025): the
decisions were listed in the order the plan's changes cited them, and then each registered
one dated by its meeting (`DecisionLog.dated`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from openpyxl import load_workbook

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.cycle import SheetSync
from sync.layout import DECISIONS_TAB
from sync.tabs import DecisionLog
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN
from tests.sync.test_sheet_presentation import synced  # noqa: F401

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


class Cited:
    """A stored event citing a decision: its provenance and UTC timestamp."""

    def __init__(self, decision: str, timestamp: datetime) -> None:
        self.by = Provenance("Kari", Source.WEB, decision=decision)
        self.timestamp = timestamp


def test_the_decisions_are_sorted_by_their_dates_oldest_first_and_stably() -> None:
    """Cited in this order: two registered decisions (dated by their meetings, the later
    meeting's cited first), then two the register lacks (dated by the events citing them),
    one of them on the day of a meeting above, which it stays after."""
    log = DecisionLog()
    log.add(
        [
            Cited("SSU sak 11/24", datetime(2025, 6, 20, 9, tzinfo=UTC)),
            Cited("ASU sak 12/25", datetime(2025, 6, 21, 9, tzinfo=UTC)),
            Cited("PSU sak 3/25", datetime(2025, 3, 13, 9, tzinfo=UTC)),
            Cited("PSU sak 1/25", datetime(2025, 1, 10, 9, tzinfo=UTC)),
            Cited("PSU sak 2/26", datetime(2026, 12, 5, 9, tzinfo=UTC)),
        ]
    )
    meetings = {"ssu sak 11/24": "2025-06-12", "asu sak 12/25": "2025-03-13"}
    assert [row[:2] for row in log.dated(meetings)] == [
        ["Vedtak", "Dato"],
        ["PSU sak 01/25", "10.01.2025"],
        ["ASU sak 12/25", "13.03.2025"],
        ["PSU sak 03/25", "13.03.2025"],
        ["SSU sak 11/24", "12.06.2025"],
        ["PSU sak 02/26", "05.12.2026"],
    ]


def test_the_log_itself_keeps_the_order_the_decisions_were_cited_in() -> None:
    log = DecisionLog()
    log.add(
        [
            Cited("SSU sak 11/24", datetime(2025, 6, 20, 9, tzinfo=UTC)),
            Cited("ASU sak 12/25", datetime(2025, 6, 21, 9, tzinfo=UTC)),
        ]
    )
    log.dated({"ssu sak 11/24": "2025-06-12", "asu sak 12/25": "2025-03-13"})
    assert log.references == ["SSU sak 11/24", "ASU sak 12/25"]


def test_the_workbooks_vedtak_tab_lists_the_earlier_meeting_first(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    synced: WorkbookBackend,  # noqa: F811
) -> None:
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", SECRETARIAT)
    plan_app.record_decision(
        "helsefellesskap", "sak 11/24", "SSU", date(2025, 6, 12), "Rapporter.", SECRETARIAT
    )
    plan_app.record_decision(
        "helsefellesskap", "sak 12/25", "ASU", date(2025, 3, 13), "Vedtak.", SECRETARIAT
    )
    for measure, case in (("1.1.1", "SSU sak 11/24"), ("1.1.2", "ASU sak 12/25")):
        by = Provenance("Kari", Source.WEB, decision=case)
        plan_app.report_status(PLAN, measure, "grønn", "I rute.", by, body="PSU")
    sheet_sync.cycle(synced, PLAN)
    rows = [[c.value for c in row][:2] for row in load_workbook(synced.path)[DECISIONS_TAB]]
    assert rows == [
        ["Vedtak", "Dato"],
        ["ASU sak 12/25", "13.03.2025"],
        ["SSU sak 11/24", "12.06.2025"],
    ]
