"""Reminders chase the measures of the version in force, not the draft under way.

Version 1 gives 1.1.1 to ASU and 1.2.1 to the pasientsamarbeid fagråd; the draft of
version 2 adds 1.1.2 for ASU and gives 1.2.1 to the legesamarbeid fagråd. ASU has reported
1.1.1, all version 1 asks of it, so it is not reminded of a measure not yet adopted; the
pasientsamarbeid fagråd still answers for 1.2.1 and is reminded of it.
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from notify.due import due_reminders
from notify.recipients import RegisteredRecipients
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft, revise

ASU = "ASU"
PASIENT = "Fagråd for pasientsamarbeid"
DECIDED = Provenance("Sekretariatet", Source.CLI, reason="Statusrunde", decision="SSU sak 40/25")
THREE_DAYS_BEFORE = date(2025, 9, 8)


def test_only_a_body_with_a_measure_in_force_unreported_is_due(memory_app: Planlogg) -> None:
    draft(memory_app)
    adopt(memory_app, (ASU,), date(2025, 3, 13), 11)
    revise(memory_app)
    memory_app.open_reporting_round(KEY, date(2025, 9, 11), [ASU, PASIENT], DECIDED)
    memory_app.report_status(
        KEY, "1.1.1", "grønn", "", SECRETARIAT, reported_on=date(2025, 9, 1), body=ASU
    )
    plan = memory_app.get_plan(KEY)
    due = due_reminders(plan, THREE_DAYS_BEFORE, RegisteredRecipients(memory_app))
    assert [(d.body, d.step, d.measures) for d in due] == [
        (PASIENT, 3, (("1.2.1", "Felles rutine for utskriving"),))
    ]
