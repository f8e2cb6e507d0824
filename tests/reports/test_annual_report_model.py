"""The annual report and the adopted plan as a report model, built from the read models of the
St. Olavs demo on SQLite and PostgreSQL: each section holds exactly what the year holds."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.body_register import BodyRegister
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.errors import NotFoundError, ValidationError
from domain.measure import MeasureState
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour
from language import speaking
from projections import ReadModels
from projections.annual_report import has_reported
from projections.report_model import (
    AdoptedSection,
    ApprovalLine,
    BodyReportsSection,
    ChainSection,
    DecisionLine,
    DecisionsSection,
    EvaluationLine,
    EvaluationPlanLine,
    EvaluationPlanSection,
    EvaluationsSection,
    MissingSection,
    PlanSection,
    Report,
    RoundOutcome,
    StatusSection,
)
from projections.status_history import ReportedStatus

COMMUNITY = "Helsefellesskapet St. Olavs hospital og kommunene"
MADE_ON = date(2025, 1, 15)
BY = Provenance("Sekretariatet", Source.CLI)
EVALUATION = {
    "objective": "Felles årshjul i bruk",
    "methods": "Questback til fagråda",
    "start": "2024-09-01",
    "end": "2024-12-31",
}
TEXT_0_1_1 = (
    "Gjennomgå arbeidsform og oppgavefordeling i AU og Sekretariat ift. bla. rolleavklaring, "
    "ledelse, koordinering, arbeidsprosesser, støtte til bruker-/fastlegerepresentanter og "
    "sekretariatsfunksjon for fagråd."
)
TEXT_4_1_2 = (
    "Videre skal ASU og fagråd ha oppmerksomhet på evt. samhandlingsutfordringer som kan oppstå, "
    "som følge av at noen kommuner og fastleger er med i løsningen, andre ikke."
)
"""The two measures' texts as the St. Olavs plan (domain/data/st_olavs_2022_2024.tsv) has them."""


@pytest.fixture
def year_of_demo(app: Planlogg) -> ReadModels:
    """The demo, plus what a year also holds: a report of 2023, a later report of 2024 for
    one measure, a decision of 2023, an evaluation plan on one measure, evaluations of two
    measures for 2024 and of one for 2023, and the revision approved by ASU in December
    under a case no registered decision has."""
    load_demo(app)
    app.report_status(
        DEMO_PLAN, "0.1.2", Colour.RED, "Ikkje starta.", BY, reported_on=date(2023, 5, 2)
    )
    app.report_status(
        DEMO_PLAN, "4.1.2", Colour.YELLOW, "Starta opp.", BY, reported_on=date(2024, 11, 20)
    )
    app.record_decision(
        DEMO_COMMUNITY, "sak 30/23", "PSU", date(2023, 10, 5), "PSU tek status til vitande.",
        BY, plan=DEMO_PLAN,
    )  # fmt: skip
    app.set_evaluation_plan(DEMO_PLAN, "0.1.1", EVALUATION, BY)
    app.evaluate_measure(
        DEMO_PLAN, "4.1.2", 2024, "ikke oppnådd", "Ingen felles løysing enno.", "endre",
        "Fagråd for digital samhandling", BY, evaluated_on=date(2024, 12, 2),
    )  # fmt: skip
    app.evaluate_measure(
        DEMO_PLAN, "0.1.1", 2024, "delvis", "Eit felles årshjul for AU.", "vidareføre",
        "AU og Sekretariat", BY, evaluated_on=date(2024, 12, 3),
    )  # fmt: skip
    app.evaluate_measure(
        DEMO_PLAN, "0.1.2", 2023, "oppnådd", "Årshjulet er laga.", "avslutte",
        "AU og Sekretariat", BY, evaluated_on=date(2023, 12, 1),
    )  # fmt: skip
    version = app.submit(DEMO_PLAN, ["ASU", "PSU"], BY)
    app.approve(DEMO_PLAN, version, "ASU", "sak 99/24", date(2024, 12, 12), BY)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _section(report: Report, kind: type) -> object:
    (found,) = [s for s in report.sections if isinstance(s, kind)]
    return found


def test_the_annual_report_has_a_title_page_and_its_sections_in_reading_order(
    year_of_demo: ReadModels,
) -> None:
    report = year_of_demo.annual_report(DEMO_PLAN, 2024, MADE_ON)
    assert report.title.document == "Årsrapport 2024"
    assert report.title.community == COMMUNITY
    assert report.title.made_on == MADE_ON
    assert report.title.made_by == "Utarbeidet av Planlogg"
    assert report.file_stem == "st-olavs-2022-2024-arsrapport-2024"
    assert [s.kind for s in report.sections] == [
        "adopted", "status", "body_reports", "missing", "evaluation_plans", "evaluations",
        "decisions", "chain",
    ]  # fmt: skip


def test_the_adopted_version_is_named_with_its_decisions_and_their_text(
    year_of_demo: ReadModels,
) -> None:
    adopted = _section(year_of_demo.annual_report(DEMO_PLAN, 2024, MADE_ON), AdoptedSection)
    assert adopted == AdoptedSection(
        heading="Vedtatt versjon og vedtak",
        version=1,
        in_force_from=date(2022, 3, 24),
        approvals=(
            ApprovalLine(
                "ASU", "ASU sak 12/22", date(2022, 3, 10),
                "ASU godkjenner handlingsplan 2022–2024 versjon 1.",
            ),
            ApprovalLine(
                "PSU", "PSU sak 05/22", date(2022, 3, 24),
                "PSU godkjenner handlingsplan 2022–2024 versjon 1.",
            ),
        ),
    )  # fmt: skip


def test_status_per_area_is_the_newest_report_up_to_the_end_of_the_year(
    year_of_demo: ReadModels,
) -> None:
    status = _section(year_of_demo.annual_report(DEMO_PLAN, 2024, MADE_ON), StatusSection)
    assert isinstance(status, StatusSection)
    assert status.as_of == date(2024, 12, 31)
    by_number = {m.number: m for a in status.areas for m in a.measures}
    assert (by_number["4.1.2"].word, by_number["4.1.2"].comment) == ("gul", "Starta opp.")
    assert (by_number["0.1.2"].word, by_number["0.1.2"].reported_on) == ("rød", date(2023, 5, 2))
    assert by_number["0.2.1"].word == "ikke rapportert"
    counts = {a.number: (a.count("green"), a.count("yellow"), a.count("red"), a.count(None))
              for a in status.areas}  # fmt: skip
    assert counts == {
        "0": (2, 0, 1, 13), "1": (0, 1, 0, 10), "2": (0, 0, 0, 5), "3": (0, 0, 0, 4),
        "4": (0, 1, 0, 5), "5": (0, 0, 0, 8), "6": (0, 0, 0, 2),
    }  # fmt: skip


def test_the_report_of_an_earlier_year_shows_that_year_only(year_of_demo: ReadModels) -> None:
    report = year_of_demo.annual_report(DEMO_PLAN, 2023, MADE_ON)
    status = _section(report, StatusSection)
    assert isinstance(status, StatusSection)
    shown = {m.number: m.word for a in status.areas for m in a.measures if m.colour}
    assert shown == {"0.1.2": "rød"}
    bodies = _section(report, BodyReportsSection)
    assert isinstance(bodies, BodyReportsSection)
    assert [(b.body, [r.number for r in b.reports]) for b in bodies.bodies] == [
        ("AU og Sekretariat", ["0.1.2"])
    ]
    assert _section(report, MissingSection) == MissingSection("Organer som ikke har rapportert", ())
    assert _section(report, DecisionsSection) == DecisionsSection(
        "Vedtak i 2023",
        (DecisionLine("PSU", "PSU sak 30/23", date(2023, 10, 5), "PSU tek status til vitande."),),
    )


def test_each_body_has_what_it_reported_in_the_year(year_of_demo: ReadModels) -> None:
    section = _section(year_of_demo.annual_report(DEMO_PLAN, 2024, MADE_ON), BodyReportsSection)
    assert isinstance(section, BodyReportsSection)
    seen = [(b.body, [(r.number, r.word, r.reported_on) for r in b.reports])
            for b in section.bodies]  # fmt: skip
    assert seen == [
        ("AU og Sekretariat", [("0.1.1", "grønn", date(2024, 9, 2))]),
        (
            "Fagråd for digital samhandling",
            [
                ("4.1.2", "rød", date(2024, 9, 2)),
                ("4.1.2", "gul", date(2024, 11, 20)),
            ],
        ),
        (
            "Fagråd for forebygging, tidlig innsats, helsefremming, læring og mestring",
            [("1.2.1", "gul", date(2024, 9, 2))],
        ),
        ("Fagråd for legesamarbeid", [("1.2.1", "gul", date(2024, 9, 2))]),
        ("Fagråd for pasientsamarbeid", [("1.2.1", "gul", date(2024, 9, 2))]),
        ("Sekretariat", [("0.4.1", "grønn", date(2024, 9, 2))]),
    ]
    first = section.bodies[0].reports[0]
    assert (first.reporter, first.source, first.comment) == ("Leiar fagråd", "cli", "Gjennomført.")


def test_the_bodies_that_did_not_report_in_the_years_round(year_of_demo: ReadModels) -> None:
    section = _section(year_of_demo.annual_report(DEMO_PLAN, 2024, MADE_ON), MissingSection)
    bodies = ("Fagråd for digital samhandling", "Fagråd for pasientsamarbeid", "Sekretariat")
    assert section == MissingSection(
        "Organer som ikke har rapportert",
        (RoundOutcome(date(2024, 9, 11), "ASU sak 40/24", bodies, bodies, closed=False),),
    )


def test_a_rounds_bodies_are_listed_in_norwegian_alphabetical_order(app: Planlogg) -> None:
    """Named in the round as Åfjord, Ørland, Aure: by code point Å came before Ø, and the
    report listed them in the round's order; Norwegian has Aure, Ørland, Åfjord."""
    load_demo(app)
    app.close_reporting_round(DEMO_PLAN, BY)
    app.open_reporting_round(
        DEMO_PLAN,
        date(2024, 10, 1),
        ["Åfjord kommune", "Ørland kommune", "Aure kommune"],
        Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24"),
    )
    models = ReadModels.open(app)
    models.read_your_writes()
    section = _section(models.annual_report(DEMO_PLAN, 2024, MADE_ON), MissingSection)
    bodies = ("Aure kommune", "Ørland kommune", "Åfjord kommune")
    assert [(r.bodies, r.missing) for r in section.rounds][-1] == (bodies, bodies)


def test_evaluation_plans_decisions_and_the_chain_head(year_of_demo: ReadModels) -> None:
    report = year_of_demo.annual_report(DEMO_PLAN, 2024, MADE_ON)
    evaluation = _section(report, EvaluationPlanSection)
    assert isinstance(evaluation, EvaluationPlanSection)
    assert evaluation.measures == (
        EvaluationPlanLine(
            "0.1.1",
            TEXT_0_1_1,
            (
                ("Målsetting", "Felles årshjul i bruk"),
                ("Metoder", "Questback til fagråda"),
                ("Start", "2024-09-01"),
                ("Slutt", "2024-12-31"),
            ),
        ),
    )
    decisions = _section(report, DecisionsSection)
    assert isinstance(decisions, DecisionsSection)
    assert decisions.decisions == (
        DecisionLine(
            "ASU", "ASU sak 40/24", date(2024, 6, 13),
            "ASU ber leiar for kvart fagråd oppdatere status for kvart tiltak innan 11.09.2024.",
        ),
        DecisionLine(
            "ASU", "ASU sak 99/24", date(2024, 12, 12), "ASU godkjente versjon 2 av planen."
        ),
    )  # fmt: skip
    head = year_of_demo.chain_head()
    assert _section(report, ChainSection) == ChainSection(
        "Kontrollsum for endringsloggen", head.position, head.hash, head.recorded_at
    )
    assert head.position == year_of_demo.app.recorder.max_notification_id()


def test_the_years_evaluations_are_listed_by_measure_number_in_the_reports_words(
    year_of_demo: ReadModels,
) -> None:
    section = _section(year_of_demo.annual_report(DEMO_PLAN, 2024, MADE_ON), EvaluationsSection)
    assert isinstance(section, EvaluationsSection)
    assert (section.heading, section.year) == ("Evalueringer 2024", 2024)
    assert section.measures == (
        EvaluationLine(
            "0.1.1", TEXT_0_1_1, "AU og Sekretariat", "partly", "Eit felles årshjul for AU.",
            "continue", date(2024, 12, 3),
        ),
        EvaluationLine(
            "4.1.2", TEXT_4_1_2, "Fagråd for digital samhandling", "not_achieved",
            "Ingen felles løysing enno.", "change", date(2024, 12, 2),
        ),
    )  # fmt: skip
    words = [(m.result_word, m.recommendation_word) for m in section.measures]
    assert words == [("delvis oppnådd", "videreføre"), ("ikke oppnådd", "endre")]


def test_an_earlier_years_report_has_that_years_evaluations_only(
    year_of_demo: ReadModels,
) -> None:
    section = _section(year_of_demo.annual_report(DEMO_PLAN, 2023, MADE_ON), EvaluationsSection)
    assert isinstance(section, EvaluationsSection)
    assert [(m.number, m.result_word, m.led_to, m.recommendation_word)
            for m in section.measures] == [
        ("0.1.2", "oppnådd", "Årshjulet er laga.", "avslutte")
    ]  # fmt: skip
    empty = _section(year_of_demo.annual_report(DEMO_PLAN, 2022, MADE_ON), EvaluationsSection)
    assert empty == EvaluationsSection("Evalueringer 2022", 2022, ())


def test_the_adopted_plan_is_the_version_in_force_never_the_draft(
    year_of_demo: ReadModels,
) -> None:
    report = year_of_demo.adopted_plan_report(DEMO_PLAN, None, MADE_ON)
    assert report.title.document == "Vedtatt handlingsplan, versjon 1"
    assert report.file_stem == "st-olavs-2022-2024-handlingsplan-versjon-1"
    assert [s.kind for s in report.sections] == ["adopted", "plan", "evaluation_plans", "chain"]
    plan = _section(report, PlanSection)
    assert isinstance(plan, PlanSection)
    assert plan.years == (2022, 2023, 2024, 2025)
    measures = {m.number: m for a in plan.areas for g in a.goals for m in g.measures}
    assert measures["0.1.2"].text == "Utarbeide årshjul."
    assert measures["0.1.1"].marks == ("x", "", "", "")
    assert year_of_demo.adopted_plan_report(DEMO_PLAN, 1, MADE_ON) == report


def test_reports_of_what_does_not_exist_are_refused_in_norwegian(
    year_of_demo: ReadModels,
) -> None:
    with pytest.raises(NotFoundError, match="Fant ikke versjon 2 av planen"):
        year_of_demo.adopted_plan_report(DEMO_PLAN, 2, MADE_ON)
    with pytest.raises(NotFoundError, match='Fant ingen plan med nøkkelen "ingen"'):
        year_of_demo.annual_report("ingen", 2024, MADE_ON)
    with pytest.raises(ValidationError, match="Året 1800"):
        year_of_demo.annual_report(DEMO_PLAN, 1800, MADE_ON)
    with pytest.raises(NotFoundError, match="Fant ingen gjeldende versjon"):
        year_of_demo.adopted_plan_report(DEMO_PLAN, None, date(2022, 3, 23))
    with speaking("nn"):
        with pytest.raises(NotFoundError, match=r"^Fann ikkje versjon 2 av planen st-olavs"):
            year_of_demo.adopted_plan_report(DEMO_PLAN, 2, MADE_ON)
        with pytest.raises(NotFoundError, match=r"^Fann ingen gjeldande versjon av planen"):
            year_of_demo.adopted_plan_report(DEMO_PLAN, None, date(2022, 3, 23))


def _report(measure: str, round_id: str, body: str = "") -> ReportedStatus:
    return ReportedStatus(
        measure_id=measure, number=measure, responsible=("A",), colour="green", comment="",
        reporter="x", reported_on=date(2024, 9, 1), body=body, round_id=round_id,
        source="cli", recorded_at=MADE_ON,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_body_has_reported_when_each_of_its_measures_has_a_report_in_the_round() -> None:
    measures = [
        MeasureState(id="T1", number="1.1.1", goal="1.1", text="a", responsible=("A",)),
        MeasureState(id="T2", number="1.1.2", goal="1.1", text="b", responsible=("A",)),
    ]
    history = [_report("T1", "R1"), _report("T2", "R0"), _report("T9", "R1", body="B")]
    none = BodyRegister()
    assert not has_reported("A", "R1", measures, history, none)
    assert has_reported("A", "R1", measures, [*history, _report("T2", "R1")], none)
    assert has_reported("B", "R1", measures, history, none)
    assert not has_reported("C", "R1", measures, history, none)


NAMES = ("Fagråd for digital samhandling", "Sekretariat")


@pytest.fixture
def bodies_by_id(app: Planlogg) -> ReadModels:
    """The demo with version 2 adopted in December 2024, where 0.1.2 names two registered
    bodies (which measures keep by id)."""
    load_demo(app)
    app.assign_responsible(DEMO_PLAN, "0.1.2", list(NAMES), BY)
    version = app.submit(DEMO_PLAN, ["ASU"], BY)
    app.approve(DEMO_PLAN, version, "ASU", "sak 99/24", date(2024, 12, 12), BY)
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def test_the_annual_report_names_the_responsible_bodies_never_their_ids(
    bodies_by_id: ReadModels,
) -> None:
    status = _section(bodies_by_id.annual_report(DEMO_PLAN, 2024, MADE_ON), StatusSection)
    assert isinstance(status, StatusSection)
    (measure,) = [m for a in status.areas for m in a.measures if m.number == "0.1.2"]
    assert measure.responsible == NAMES


def test_the_adopted_plan_names_the_responsible_bodies_never_their_ids(
    bodies_by_id: ReadModels,
) -> None:
    report = bodies_by_id.adopted_plan_report(DEMO_PLAN, None, MADE_ON)
    plan = _section(report, PlanSection)
    assert isinstance(plan, PlanSection)
    (measure,) = [m for a in plan.areas for g in a.goals for m in g.measures if m.number == "0.1.2"]
    assert measure.responsible == NAMES


def test_a_version_no_longer_in_force_says_when_the_next_took_over(
    bodies_by_id: ReadModels,
) -> None:
    replaced = _section(bodies_by_id.adopted_plan_report(DEMO_PLAN, 1, MADE_ON), AdoptedSection)
    in_force = _section(bodies_by_id.adopted_plan_report(DEMO_PLAN, 2, MADE_ON), AdoptedSection)
    before = _section(
        bodies_by_id.adopted_plan_report(DEMO_PLAN, 1, date(2024, 12, 11)), AdoptedSection
    )
    assert isinstance(replaced, AdoptedSection) and isinstance(in_force, AdoptedSection)
    assert isinstance(before, AdoptedSection)
    assert (replaced.replaced_on, in_force.replaced_on, before.replaced_on) == (
        date(2024, 12, 12), None, None,
    )  # fmt: skip


def test_an_approval_whose_decision_is_not_registered_says_so_in_both_målformer(
    bodies_by_id: ReadModels,
) -> None:
    """Version 2 was approved under "ASU sak 99/24", which no registered decision has: a blank
    cell read as "no decision", so the report says the text is missing from the register."""
    for målform, words in (
        ("nb", "Vedtaksteksten er ikke registrert."),
        ("nn", "Vedtaksteksten er ikkje registrert."),
    ):
        with speaking(målform):
            adopted = _section(
                bodies_by_id.adopted_plan_report(DEMO_PLAN, 2, MADE_ON), AdoptedSection
            )
        assert isinstance(adopted, AdoptedSection)
        assert [(a.case, a.decision_text) for a in adopted.approvals] == [("ASU sak 99/24", words)]


def test_an_approval_cited_without_its_body_finds_the_decision_registered_with_it(
    app: Planlogg, bodies_by_id: ReadModels
) -> None:
    """ASU approved under "sak 99/24"; the register holds "ASU sak 99/24": one decision."""
    app.record_decision(
        DEMO_COMMUNITY, "asu sak 99/2024", "ASU", date(2024, 12, 12),
        "ASU godkjenner versjon 2.", BY, plan=DEMO_PLAN,
    )  # fmt: skip
    bodies_by_id.read_your_writes()
    adopted = _section(bodies_by_id.adopted_plan_report(DEMO_PLAN, 2, MADE_ON), AdoptedSection)
    assert isinstance(adopted, AdoptedSection)
    assert [(a.case, a.decision_text) for a in adopted.approvals] == [
        ("ASU sak 99/24", "ASU godkjenner versjon 2.")
    ]
