"""The annual report of a year no version was in force at the end of: the plan as it stood.

A plan for 2022–2025 is imported in 2022 (status reported that autumn) and adopted in March
2023; in a later revision its draft rewords 0.1.2 and removes 0.1.3. The report on 2022 has no
version in force at the year's end, and read the plan as it stands today: the revision's
unadopted draft (text of today, 0.1.3 gone), never what the plan said in 2022, nor any version
ever adopted. It reads the plan as it stood at the end of 2022 (as `/revisjon/<key>/per-dato`
shows it), or, when Planlogg got the plan only after 2022, the first version to come in force.
In the year still under way, a plan not yet adopted is reported on as it stands.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, demo_table
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour
from projections import ReadModels
from projections.report_model import AdoptedSection, Report, StatusSection
from tests.conftest import EventClock

BY = Provenance("Sekretariatet", Source.CLI)
KEY = "st-olavs-2022-2025"
TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
MADE_ON = date(2025, 1, 15)
FIRST = (
    "0.1.1",
    "Gjennomgå arbeidsform og oppgavefordeling i AU og Sekretariat ift. bla. "
    "rolleavklaring, ledelse, koordinering, arbeidsprosesser, støtte til bruker-/"
    "fastlegerepresentanter og sekretariatsfunksjon for fagråd.",
    "green",
)
DRAFT_TEXT = "Utarbeide årshjul for 2026."


def _at(clock: EventClock, year: int, month: int, day: int) -> None:
    clock.moment = datetime(year, month, day, 9, 0, tzinfo=UTC)


def _imported(app: Planlogg) -> None:
    app.register_community(DEMO_COMMUNITY, "Helsefellesskapet St. Olavs hospital og kommunene", BY)
    app.import_plan(KEY, demo_table(), DEMO_COMMUNITY, BY)
    app.report_status(KEY, "0.1.1", Colour.GREEN, "Gjort.", BY, reported_on=date(2022, 11, 2))


def _adopted_in_2023(app: Planlogg) -> None:
    app.send_on_hearing(KEY, date(2023, 2, 15), BY, sent_on=date(2023, 1, 17))
    version = app.submit(KEY, ["ASU"], BY)
    app.approve(KEY, version, "ASU", "sak 12/23", date(2023, 3, 10), BY)


def _revised(app: Planlogg) -> None:
    app.start_revision(KEY, BY)
    app.retitle_plan(KEY, "Handlingsplan 2022–2026 (utkast)", BY)
    app.reword_measure(KEY, "0.1.2", DRAFT_TEXT, BY)
    app.remove_measure(KEY, "0.1.3", BY)


def _read(app: Planlogg) -> ReadModels:
    models = ReadModels.open(app)
    models.read_your_writes()
    return models


def _first_goal(report: Report) -> list[tuple[str, str, str | None]]:
    (status,) = [s for s in report.sections if isinstance(s, StatusSection)]
    return [(m.number, m.text, m.colour) for m in status.areas[0].measures[:3]]


def _adopted(report: Report) -> AdoptedSection:
    adopted = report.sections[0]
    assert isinstance(adopted, AdoptedSection)
    return adopted


def test_the_report_of_a_year_before_adoption_never_shows_a_later_unadopted_draft() -> None:
    """Planlogg got the plan after 2022 (every event is stamped now): no plan stood in it at
    the end of 2022, and the report reads the first version to come in force."""
    app = Planlogg.from_url("memory:")
    _imported(app)
    _adopted_in_2023(app)
    _revised(app)
    report = _read(app).annual_report(KEY, 2022, MADE_ON)
    assert _first_goal(report) == [
        FIRST,
        ("0.1.2", "Utarbeide årshjul.", None),
        ("0.1.3", "Vurdere kapasitet i sekretariatsfunksjonene.", None),
    ]
    assert (report.title.plan_title, report.title.period) == (TITLE, "2022–2025")
    assert _adopted(report).version is None


def test_the_report_of_a_year_before_adoption_reads_the_plan_as_it_stood_at_its_end(
    event_clock: EventClock,
) -> None:
    """0.1.2 was reworded in December 2022 and again before the adoption in 2023; the 2022
    report has the December wording, the title of 2022, and no version adopted."""
    app = Planlogg.from_url("memory:")
    _at(event_clock, 2022, 10, 3)
    _imported(app)
    _at(event_clock, 2022, 12, 5)
    app.reword_measure(KEY, "0.1.2", "Utarbeide årshjul for 2023.", BY)
    _at(event_clock, 2023, 1, 10)
    app.reword_measure(KEY, "0.1.2", "Utarbeide årshjul for AU.", BY)
    app.retitle_plan(KEY, "Handlingsplan 2022–2025", BY)
    _at(event_clock, 2023, 3, 15)
    _adopted_in_2023(app)
    _at(event_clock, 2024, 9, 2)
    _revised(app)
    report = _read(app).annual_report(KEY, 2022, MADE_ON)
    assert _first_goal(report) == [
        FIRST,
        ("0.1.2", "Utarbeide årshjul for 2023.", None),
        ("0.1.3", "Vurdere kapasitet i sekretariatsfunksjonene.", None),
    ]
    assert (report.title.plan_title, report.title.period) == (TITLE, "2022–2025")
    assert _adopted(report).version is None


def test_a_plan_never_adopted_is_reported_on_as_it_stands_in_the_year_under_way(
    event_clock: EventClock,
) -> None:
    """In 2024, the report on 2024 has the rewording of that autumn; made in January 2025,
    after the year, it has the plan as it stood on 31 December, not January's rewording,
    which the report on 2025, the year under way, has."""
    app = Planlogg.from_url("memory:")
    _at(event_clock, 2024, 2, 5)
    _imported(app)
    _at(event_clock, 2024, 9, 2)
    app.reword_measure(KEY, "0.1.2", "Utarbeide årshjul for 2025.", BY)
    models = _read(app)
    in_the_year = models.annual_report(KEY, 2024, date(2024, 10, 1))
    assert _first_goal(in_the_year)[1] == ("0.1.2", "Utarbeide årshjul for 2025.", None)
    assert _adopted(in_the_year).version is None
    _at(event_clock, 2025, 1, 8)
    app.reword_measure(KEY, "0.1.2", DRAFT_TEXT, BY)
    models.read_your_writes()
    after_it = models.annual_report(KEY, 2024, MADE_ON)
    assert _first_goal(after_it)[1] == ("0.1.2", "Utarbeide årshjul for 2025.", None)
    under_way = models.annual_report(KEY, 2025, MADE_ON)
    assert _first_goal(under_way)[1] == ("0.1.2", DRAFT_TEXT, None)


def test_a_plan_never_adopted_that_planlogg_got_after_the_year_is_reported_on_as_it_stands() -> (
    None
):
    """No plan stood in Planlogg at the end of 2022 and no version was ever adopted: the
    report on 2022 has the working version, saying no version was adopted."""
    app = Planlogg.from_url("memory:")
    _imported(app)
    app.reword_measure(KEY, "0.1.2", DRAFT_TEXT, BY)
    report = _read(app).annual_report(KEY, 2022, MADE_ON)
    assert _first_goal(report)[1] == ("0.1.2", DRAFT_TEXT, None)
    assert _adopted(report).version is None


def test_the_years_of_a_report_are_those_of_the_plan_it_is_on(event_clock: EventClock) -> None:
    """At the end of 2022 the plan was for 2022–2025; moved to 2023–2026 before it was adopted
    in 2023. The report on 2022 is made, on the plan of 2022, and the years offered are those
    made (`ReadModels.report_years`)."""
    app = Planlogg.from_url("memory:")
    _at(event_clock, 2022, 10, 3)
    _imported(app)
    _at(event_clock, 2023, 1, 10)
    app.change_period(KEY, 2023, 2026, BY)
    _at(event_clock, 2023, 3, 15)
    _adopted_in_2023(app)
    models = _read(app)
    assert models.annual_report(KEY, 2022, MADE_ON).title.period == "2022–2025"
    assert models.report_years(KEY, MADE_ON) == [2025, 2024, 2023, 2022]
