"""The annual report's section on the bodies that have not reported also names, round by
round, the bodies that reported after the round's deadline, each with the day it had
reported for every measure it answers for: a body that reported on 01.06 in a round due
20.03 was in no list, and the section said «Alle organene har rapportert.»

A body is late when it has reported in the round (`has_reported`) but not every measure it
answers for had a report in the round dated on or before the deadline; the day it was
complete is the day its last missing measure got its first report in the round. A body that
answers for no measure is late when the first report naming it in the round is after the
deadline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.application import Planlogg
from language import Målform, speaking
from projections.annual_report import ReportInputs, build_annual_report
from projections.documents import ChainHead, PlanDocument
from projections.report_model import LateBody, MissingSection, Report, RoundOutcome
from projections.status_history import ReportedStatus
from tests.projections.demo_plan import demo_plan_document

MADE_ON = date(2025, 1, 15)
AU = "AU og Sekretariat"
DIGITAL = "Fagråd for digital samhandling"
PSYKOSOSIALT = "Psykososialt utval"
"""A body that answers for no measure of the plan: it reports by naming itself."""
SEKRETARIAT = "Sekretariat"


def _own(plan: PlanDocument, body: str) -> list[str]:
    return [m.id for m in plan.measures() if body in m.responsible]


def _reported(
    measure_id: str, day: date, round_id: str, body: str = "", recorded: date | None = None
) -> ReportedStatus:
    at = recorded or day
    return ReportedStatus(
        measure_id=measure_id, number="", responsible=(), colour="green", comment="Ferdig",
        reporter="Kari", reported_on=day, body=body, round_id=round_id, source="web",
        recorded_at=datetime(at.year, at.month, at.day, tzinfo=UTC),
    )  # fmt: skip


def _round(round_id: str, deadline: date, bodies: Iterable[str]) -> dict[str, Any]:
    return {
        "round_id": round_id,
        "deadline": deadline.isoformat(),
        "bodies": list(bodies),
        "decision": "ASU sak 4/24",
        "closed": True,
    }


def history(plan: PlanDocument) -> list[ReportedStatus]:
    """Three rounds of 2024.

    Due 20.03: AU og Sekretariat complete on time (the last measure on the deadline day);
    the digital council's last measure first reported 02.04 (typed in after a report of
    10.05, and reported 10.03 only in another round); Psykososialt utval named 01.06;
    Sekretariat reported for one measure only. Due 11.09: everyone, Psykososialt utval
    late. Due 01.11: everyone on time."""
    au, digital, sekretariat = _own(plan, AU), _own(plan, DIGITAL), _own(plan, SEKRETARIAT)
    assert len(au) >= 2 and len(digital) >= 2 and len(sekretariat) >= 2
    march, september, november = date(2024, 3, 20), date(2024, 9, 11), date(2024, 11, 1)
    reports = [_reported(m, date(2024, 3, 1), "mars") for m in au[:-1]]
    reports.append(_reported(au[-1], march, "mars"))
    reports += [_reported(m, date(2024, 3, 15), "mars") for m in digital[:-1]]
    reports.append(_reported(digital[-1], date(2024, 3, 10), "fjor"))
    reports.append(_reported(digital[-1], date(2024, 5, 10), "mars"))
    reports.append(_reported(digital[-1], date(2024, 4, 2), "mars", recorded=date(2024, 6, 3)))
    reports.append(_reported(au[0], date(2024, 6, 1), "mars", body=PSYKOSOSIALT))
    reports.append(_reported(sekretariat[0], date(2024, 3, 5), "mars"))
    reports += [_reported(m, date(2024, 9, 2), "september") for m in au]
    reports.append(_reported(au[0], date(2024, 9, 12), "september", body=PSYKOSOSIALT))
    reports += [_reported(m, date(2024, 10, 30), "november") for m in au]
    reports.append(_reported(au[1], november, "november", body=PSYKOSOSIALT))
    assert september not in [r.reported_on for r in reports]
    return reports


def late_report(app: Planlogg) -> Report:
    """The annual report of 2024 with the three rounds of `history`, in the målform spoken."""
    plan = demo_plan_document(app)
    return build_annual_report(
        ReportInputs(
            year=2024, made_on=MADE_ON, plan=plan, in_force=plan,
            in_force_from=date(2022, 3, 24), community="Helsefellesskapet",
            head=ChainHead(0, "0" * 64, None), history=history(plan),
            rounds=[
                _round("mars", date(2024, 3, 20), [SEKRETARIAT, PSYKOSOSIALT, DIGITAL, AU]),
                _round("september", date(2024, 9, 11), [PSYKOSOSIALT, AU]),
                _round("november", date(2024, 11, 1), [PSYKOSOSIALT, AU]),
            ],
            decisions=(), approvals=(),
        )
    )  # fmt: skip


def _missing(report: Report) -> MissingSection:
    (section,) = [s for s in report.sections if isinstance(s, MissingSection)]
    return section


def test_each_round_names_the_bodies_that_reported_after_its_deadline(
    memory_app: Planlogg,
) -> None:
    section = _missing(late_report(memory_app))
    march, september, november = section.rounds
    assert march == RoundOutcome(
        date(2024, 3, 20), "ASU sak 4/24", (AU, DIGITAL, PSYKOSOSIALT, SEKRETARIAT),
        (SEKRETARIAT,), closed=True,
        late=(LateBody(DIGITAL, date(2024, 4, 2)), LateBody(PSYKOSOSIALT, date(2024, 6, 1))),
    )  # fmt: skip
    assert september.missing == ()
    assert september.late == (LateBody(PSYKOSOSIALT, date(2024, 9, 12)),)
    assert (november.missing, november.late) == ((), ())


@pytest.mark.parametrize(
    ("målform", "words"),
    [
        ("nb", ("", "Alle organene har rapportert, men ikke alle innen fristen.",
                "Alle organene har rapportert.")),
        ("nn", ("", "Alle organa har rapportert, men ikkje alle innan fristen.",
                "Alle organa har rapportert.")),
    ],
)  # fmt: skip
def test_all_reported_is_said_only_when_none_is_missing_and_late_ones_are_owned_up_to(
    memory_app: Planlogg, målform: Målform, words: tuple[str, str, str]
) -> None:
    with speaking(målform):
        section = _missing(late_report(memory_app))
        assert tuple(r.outcome for r in section.rounds) == words
