"""The sheet's Vedtak tab (sync/tabs.py DecisionLog).

A cited decision that names no body was given the body of the event citing it: a status
reported by PSU under "sak 11/24" was listed as "PSU sak 11/24", a decision PSU never made
(the body of a status report or an evaluation is who reports, not who decided). And a
decision without a meeting date was dated by the event's UTC day, not the day in Norway."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from language import speaking
from sync.tabs import DecisionLog
from tests.projections import plans
from tests.projections.plans import KEY, SECRETARIAT
from tests.projections.test_approval_withdrawn import withdrawn_then_adopted
from tests.sync.conftest import PLAN


def test_a_status_reports_body_is_not_the_body_of_the_decision_it_cites(
    plan_app: Planlogg,
) -> None:
    by = Provenance("Kari", Source.WEB, decision="sak 11/24")
    plan_app.report_status(PLAN, "1.1.1", "grønn", "I rute.", by, body="PSU")
    log = DecisionLog()
    log.add(plan_app.events.get(plan_app.get_plan(PLAN).id))
    assert [row[0] for row in log.rows[1:]] == ["sak 11/24"]


class StatusReported:
    """A stored status report as the log reads it: its provenance and UTC timestamp."""

    def __init__(self, by: Provenance, timestamp: datetime) -> None:
        self.by, self.timestamp = by, timestamp


def test_the_vedtak_tab_dates_a_cited_decision_by_the_day_in_norway() -> None:
    """Reported at 00:30 on 2 March in Norway (23:30 UTC on 1 March): the tab said 01.03.2025,
    where the audit pages and the history CSV say 02.03.2025 (Norwegian time)."""
    by = Provenance("Kari", Source.WEB, decision="PSU sak 11/24")
    log = DecisionLog()
    log.add([StatusReported(by, datetime(2025, 3, 1, 23, 30, tzinfo=UTC))])
    assert [row[:2] for row in log.rows[1:]] == [["PSU sak 11/24", "02.03.2025"]]


def test_a_withdrawn_approvals_case_is_no_longer_listed_nor_dates_the_adoption(
    app: Planlogg,
) -> None:
    """ASU's approval of sak 12/25 at 27.03.2025 was withdrawn; sak 14/25 at 20.03.2025 is the
    one that adopted the version with PSU's, and dates it."""
    withdrawn_then_adopted(app)
    log = DecisionLog()
    log.add(app.events.get(app.get_plan(KEY).id))
    with speaking("nb"):
        assert log.rows[1:] == [
            ["ASU sak 14/25", "20.03.2025", "Godkjente versjon", "1"],
            ["PSU sak 03/25", "14.03.2025", "Godkjente versjon", "1"],
        ]
    assert log.adopted == {1: date(2025, 3, 20)}


def test_a_case_cited_again_after_its_approval_is_listed_by_that_once_the_approval_is_withdrawn(
    app: Planlogg,
) -> None:
    """ASU approves citing sak 12/25, a status report then cites it too (listed once, as the
    approval), and the approval is withdrawn, in three sync cycles: the status report's
    citation stands, and the tab still lists the case."""
    plans.draft(app)
    version = app.submit(KEY, ["ASU", "PSU"], SECRETARIAT)
    app.approve(KEY, version, "ASU", "sak 12/25", date(2025, 3, 13), SECRETARIAT)
    log, seen = DecisionLog(), 0

    def cycle() -> None:
        nonlocal seen
        plan = app.get_plan(KEY)
        log.add(app.events_of(plan.id, seen, plan.version))
        seen = plan.version

    cycle()
    by = Provenance("Kari", Source.WEB, decision="ASU sak 12/25")
    app.report_status(KEY, "1.1.1", "grønn", "I rute.", by, body="ASU")
    cycle()
    with speaking("nb"):
        assert [row[0::2] for row in log.rows[1:]] == [["ASU sak 12/25", "Godkjente versjon"]]
    app.withdraw_approval(KEY, version, "ASU", "Feil sak.", SECRETARIAT)
    cycle()
    with speaking("nb"):
        assert [row[0::2] for row in log.rows[1:]] == [["ASU sak 12/25", "Endring i planen"]]
