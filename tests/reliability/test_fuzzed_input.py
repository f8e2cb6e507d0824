"""Bad input, fuzzed with hypothesis, into every field: no crash, never execution.

Every input ends in exactly one of two ways: a clear rejection (a Planlogg
error, or a Melding on the sheet's row, with a Norwegian message and nothing
stored), or faithful storage of exactly the value it means (read back from
the database by another application instance). For the closed vocabularies
(colour, § 6-2 topic, patient group, dates) the test knows which of the two
it must be (`fuzz_oracles`); free text may be stored as typed or refused.
The sheet columns are fuzzed through all three backends: in memory, the
local workbook and the Google emulator. Any other exception is a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bench.workloads import build_plan
from domain.application import Planlogg
from domain.dates import parse_norwegian_date
from domain.errors import PlanloggError
from domain.measure_sheet import (
    DEADLINE,
    EVALUATION_HEADERS,
    INDICATOR,
    PATIENT_GROUPS,
    REFERENCES,
    SEE_ALSO,
    SPREADSHEET_ERRORS,
    STATUS_DATE,
    TARGET,
    TOPICS,
    clean_text,
)
from domain.norwegian_time import oslo_today
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.text import says_nothing
from domain.vocabulary import PatientGroup
from projections import ReadModels
from sync.cycle import SheetSync
from sync.layout import COMMENT, MESSAGE, NUMBER, RESPONSIBLE, STATUS, TEXT, Layout
from sync.loop import lay_out
from tests.reliability.fuzz_oracles import (
    colour_words,
    expected_colour,
    expected_date,
    expected_group,
    expected_topic,
    group_texts,
    topic_texts,
    typed,
    typed_dates_with_meaning,
)
from tests.reliability.nasty import nasty_text
from tests.reliability.typed_sheets import GoogleSheet, MemorySheet, TypedSheet, WorkbookSheet
from tests.sheets_emulator import SheetsEmulator

KEY = "fuzz-plan"
EXAMPLES = 20
BY = Provenance("Fuzz Fuzzesen", Source.WEB, reason="fuzz")
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
REFUSE = "must be refused"
"""What an oracle answers for an input that has no meaning in a closed vocabulary."""


@dataclass(frozen=True)
class Probe:
    """One input field: how to send a value, how to read it back, what it must become.

    `expect(value, measure_id)` is the exact value `read` must give after storage,
    or REFUSE. A `closed` field must be refused exactly when the oracle says so;
    free text may also be refused (with a message), never stored differently.
    """

    name: str
    send: Callable[[Planlogg, str, str], None]
    read: Callable[[Plan, str, str], Any]
    expect: Callable[[str, str], Any]
    closed: bool = False
    values: Callable[[], st.SearchStrategy[str]] = nasty_text
    examples: tuple[str, ...] = ()
    """Inputs tried on every run, on top of what hypothesis draws."""


def _measure(plan: Plan, measure_id: str) -> Any:
    return plan.measure(measure_id)


def _or_refuse(found: Any, shape: Callable[[Any], Any]) -> Any:
    return REFUSE if found is None else shape(found)


PROBES = (
    Probe(
        "measure text",
        lambda app, mid, v: app.reword_measure(KEY, mid, v, BY),
        lambda plan, mid, v: _measure(plan, mid).text,
        lambda v, mid: typed(v),
    ),
    Probe(
        "measure number",
        lambda app, mid, v: app.move_measure(KEY, mid, v, BY),
        lambda plan, mid, v: plan.find_measure(v).id,
        lambda v, mid: mid,
    ),
    Probe(
        "responsible body",
        lambda app, mid, v: app.assign_responsible(KEY, mid, [v], BY),
        lambda plan, mid, v: list(_measure(plan, mid).responsible),
        lambda v, mid: [typed(v)] if typed(v) else [],
    ),
    Probe(
        "year mark",
        lambda app, mid, v: app.set_timeframe(KEY, mid, {2025: v}, BY),
        lambda plan, mid, v: _measure(plan, mid).marks.get(2025, ""),
        lambda v, mid: typed(v),
    ),
    Probe(
        "timeframe note",
        lambda app, mid, v: app.set_timeframe(KEY, mid, {}, BY, note=v),
        lambda plan, mid, v: _measure(plan, mid).timeframe_note,
        lambda v, mid: typed(v),
    ),
    Probe(
        "status colour",
        lambda app, mid, v: app.report_status(
            KEY, mid, v, "kommentar", BY, reported_on=date(2024, 9, 2)
        ),
        lambda plan, mid, v: _measure(plan, mid).status.colour,
        lambda v, mid: _or_refuse(expected_colour(v), lambda c: c),
        closed=True,
        values=colour_words,
        examples=("Grønn", " RAUD ", "gul", "blå", "ʳ", "grønnn", ""),
    ),
    Probe(
        "status comment",
        lambda app, mid, v: app.report_status(KEY, mid, "gul", v, BY, reported_on=date(2024, 9, 2)),
        lambda plan, mid, v: _measure(plan, mid).status.comment,
        lambda v, mid: typed(v),
    ),
    Probe(
        "see-also link",
        lambda app, mid, v: app.link_measure(KEY, mid, [v], [], BY),
        lambda plan, mid, v: list(_measure(plan, mid).see_also),
        lambda v, mid: [v],
    ),
    Probe(
        "SMART indicator",
        lambda app, mid, v: app.set_smart_criteria(KEY, mid, BY, indicator=v),
        lambda plan, mid, v: _measure(plan, mid).smart.indicator,
        lambda v, mid: typed(v),
    ),
    Probe(
        "evaluation objective",
        lambda app, mid, v: app.set_evaluation_plan(KEY, mid, {"objective": v}, BY),
        lambda plan, mid, v: _measure(plan, mid).evaluation["objective"],
        lambda v, mid: typed(v),
    ),
    Probe(
        "§ 6-2 topic",
        lambda app, mid, v: app.tag_measure(KEY, mid, [], [v], BY),
        lambda plan, mid, v: list(_measure(plan, mid).topics),
        lambda v, mid: _or_refuse(expected_topic(v), lambda n: [n]),
        closed=True,
        values=topic_texts,
        examples=("3", "nr. 13", "14", "0", "+3", "1_0", "٣", "3.0"),
    ),
    Probe(
        "patient group",
        lambda app, mid, v: app.tag_measure(KEY, mid, [v], [], BY),
        lambda plan, mid, v: [g.value for g in _measure(plan, mid).patient_groups],
        lambda v, mid: _or_refuse(expected_group(v), lambda g: [g.value]),
        closed=True,
        values=group_texts,
        examples=("Barn og unge", "psykisk_rus", "skrøpelege eldre", "rus", ""),
    ),
    Probe(
        "goal text",
        lambda app, mid, v: app.reword_goal(KEY, "1.1", v, BY),
        lambda plan, mid, v: plan.goals["1.1"].text,
        lambda v, mid: typed(v),
    ),
    Probe(
        "area title",
        lambda app, mid, v: app.rename_area(KEY, "1", v, BY),
        lambda plan, mid, v: plan.areas["1"].title,
        lambda v, mid: typed(v),
    ),
)

PLAIN = {
    "measure text": "Ny ordlyd for tiltaket",
    "measure number": "5.4.99",
    "responsible body": "PSU",
    "year mark": "x",
    "timeframe note": "Startar hausten",
    "status colour": "gul",
    "status comment": "I rute",
    "see-also link": "1.1.1",
    "SMART indicator": "Del av pasientar med plan",
    "evaluation objective": "Felles årshjul i bruk",
    "§ 6-2 topic": "3",
    "patient group": "Barn og unge",
    "goal text": "Betre samhandling",
    "area title": "Samhandling",
}
"""Per probe, an ordinary value that must be stored: a field refusing everything fails."""


@pytest.fixture(scope="module")
def fuzz_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'planlogg.sqlite'}"
    app = Planlogg.from_url(url)
    build_plan(app, KEY, 1)
    app.close()
    yield url


MEASURE_NUMBERS = (f"{goal}.{n}" for n in range(100, 1000) for goal in ("2.1", "3.1", "4.1"))


def fresh_measure(writer: Planlogg) -> str:
    """A new measure for each input, at a number no fuzzed move has taken yet."""
    for _ in range(20):
        try:
            return writer.add_measure(KEY, next(MEASURE_NUMBERS), "Fuzz-tiltak", BY)
        except PlanloggError:
            continue
    raise RuntimeError("could not add a measure for the next input")


def check_one(writer: Planlogg, reader: Planlogg, probe: Probe, measure_id: str, value: str) -> str:
    """Send one value; returns "refused" or "stored", after checking it was the right one."""
    before = reader.get_plan(KEY).version
    expected = probe.expect(value, measure_id)
    try:
        probe.send(writer, measure_id, value)
    except PlanloggError as error:
        assert error.message.strip(), "rejection without a message"
        assert reader.get_plan(KEY).version == before, "a rejected input stored something"
        assert not probe.closed or expected == REFUSE, (
            f"{probe.name}: {value[:80]!r} means {expected!r} but was refused: {error.message}"
        )
        return "refused"
    assert expected != REFUSE, f"{probe.name}: {value[:80]!r} has no meaning but was stored"
    stored = probe.read(reader.get_plan(KEY), measure_id, value)
    assert stored == expected, f"{probe.name}: {value[:80]!r} stored as {stored!r}"
    return "stored"


@pytest.mark.slow
@pytest.mark.parametrize("probe", PROBES, ids=[p.name for p in PROBES])
def test_every_domain_field_rejects_clearly_or_stores_exactly(
    probe: Probe, fuzz_url: str, record_property: Callable[[str, object], None]
) -> None:
    writer, reader = Planlogg.from_url(fuzz_url), Planlogg.from_url(fuzz_url)
    outcomes = {"refused": 0, "stored": 0}
    first_outcome: dict[str, str] = {}

    @FUZZ_SETTINGS
    @given(value=probe.values())
    def send_one(value: str) -> None:
        outcome = check_one(writer, reader, probe, fresh_measure(writer), value)
        outcomes[outcome] += 1
        first_outcome.setdefault(value, outcome)

    for value in (*probe.examples, PLAIN[probe.name]):
        send_one = example(value=value)(send_one)

    try:
        send_one()
    finally:
        writer.close()
        reader.close()
        record_property("inputs", sum(outcomes.values()))
        record_property("inputs_refused", outcomes["refused"])
        record_property("inputs_stored", outcomes["stored"])
    assert first_outcome[PLAIN[probe.name]] == "stored", f"{probe.name}: an ordinary value refused"


@pytest.mark.slow
def test_dates_in_every_typed_format_mean_exactly_their_date_or_are_refused(
    record_property: Callable[[str, object], None],
) -> None:
    tried = 0

    @settings(max_examples=300, deadline=None)
    @given(written=typed_dates_with_meaning(2024))
    def parse_one(written: tuple[str, date | None]) -> None:
        nonlocal tried
        tried += 1
        text, meaning = written
        if meaning is None:
            with pytest.raises(PlanloggError, match="Forstår ikke"):
                parse_norwegian_date(text, default_year=2024)
            return
        assert parse_norwegian_date(text, default_year=2024) == meaning

    parse_one()
    record_property("inputs", tried)


@pytest.mark.slow
def test_text_without_a_digit_or_a_month_part_is_never_a_date(
    record_property: Callable[[str, object], None],
) -> None:
    tried = 0

    @settings(max_examples=200, deadline=None)
    @given(text=nasty_text())
    def parse_one(text: str) -> None:
        nonlocal tried
        assume(not any(c.isdigit() for c in text))
        assume(not re.search("primo|medio|ultimo", text, re.IGNORECASE))
        tried += 1
        with pytest.raises(PlanloggError) as refused:
            parse_norwegian_date(text, default_year=2024)
        said = "Skriv datoen" if says_nothing(text) else "Forstår ikke"
        assert refused.value.message.startswith(said)

    parse_one()
    record_property("inputs", tried)


# --- the sheet ----------------------------------------------------------------------------

SHEET_EXAMPLES = 12
SHEET_KEY = f"fuzz-sheet-{uuid4().hex[:8]}"
"""Unique per run: the sync lock of a local sheet is a file named after its plan, shared by
every test run on this machine."""
LAYOUT = Layout.for_years(range(2024, 2028))
CLOSED_COLUMNS = (STATUS,)


def body_list(text: str) -> tuple[str, ...]:
    """Bodies as people list them in a cell: separated by commas, semicolons or lines."""
    names: list[str] = []
    for part in re.split("[,;\n]", text):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    return tuple(names)


EVALUATION_COLUMNS = {header: part for part, header in EVALUATION_HEADERS.items()}
SHEET_PLAIN = {
    NUMBER: "4.4.99",
    TEXT: "Ny ordlyd for tiltaket",
    RESPONSIBLE: "PSU, ASU",
    "2024": "X høst",
    "2025": "x",
    "2026": "x",
    "2027": "x",
    STATUS: "grønn",
    COMMENT: "I rute",
    STATUS_DATE: "01.10.2024",
    INDICATOR: "Del av pasientar med plan",
    TARGET: "80 %",
    DEADLINE: "31.12.2025",
    TOPICS: "3",
    PATIENT_GROUPS: "Barn og unge",
    SEE_ALSO: "1.1.1",
    REFERENCES: "2.1.1",
    EVALUATION_HEADERS["objective"]: "Felles årshjul i bruk",
    EVALUATION_HEADERS["methods"]: "Questback til fagråda",
    EVALUATION_HEADERS["start"]: "2025-01-01",
    EVALUATION_HEADERS["end"]: "2025-12-31",
    EVALUATION_HEADERS["data_sources"]: "Kvalitetsregister",
    EVALUATION_HEADERS["reporting"]: "Årleg til ASU",
    EVALUATION_HEADERS["communication"]: "Nyheitsbrev",
}
"""Per editable column, an ordinary value, unlike what the row held before, that must be
stored: a column refusing everything fails."""
MEASURE_NUMBER = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+[A-Z]?")


def sheet_value(plan: Plan, measure_id: str, column: str) -> Any:
    """The stored value a sheet column stands for."""
    measure = plan.measure(measure_id)
    whole_measure = {
        INDICATOR: measure.smart.indicator,
        TARGET: measure.smart.target,
        DEADLINE: measure.smart.deadline,
        TOPICS: measure.topics,
        PATIENT_GROUPS: measure.patient_groups,
        SEE_ALSO: measure.see_also,
        REFERENCES: measure.references,
    }
    if column in whole_measure:
        return whole_measure[column]
    if column in EVALUATION_COLUMNS:
        return measure.evaluation.get(EVALUATION_COLUMNS[column], "")
    if column == NUMBER:
        return measure.number
    if column == TEXT:
        return measure.text
    if column == RESPONSIBLE:
        return tuple(measure.responsible)
    if column == STATUS:
        return measure.status.colour if measure.status else None
    if column == COMMENT:
        return measure.status.comment if measure.status else ""
    if column == STATUS_DATE:
        return measure.status.reported_on if measure.status else None
    return measure.marks.get(int(column), "")


def sheet_expected(plan: Plan, column: str, shown: str) -> Any:
    """What a cell showing `shown` must be stored as, or REFUSE (closed columns)."""
    cleaned = clean_text(shown)
    if cleaned in SPREADSHEET_ERRORS:
        return REFUSE
    if column == NUMBER:
        return cleaned
    if column == RESPONSIBLE:
        return body_list(cleaned)
    if column == STATUS:
        return _or_refuse(expected_colour(cleaned), lambda c: c)
    if column == STATUS_DATE:
        return _status_day(cleaned)
    return _whole_measure_expected(column, cleaned)


STANDING_DAY = date(2024, 9, 2)
"""The day of the status each fuzzed measure has before its cell is typed into."""


def _status_day(text: str) -> Any:
    """A Statusdato typed alone: the day it means, from the standing status's day to today
    (a new report of the standing light); empty, earlier, later or no date: to be refused."""
    meant = _deadline(text) if text else REFUSE
    if meant is REFUSE:
        return REFUSE
    return meant if STANDING_DAY <= meant <= oslo_today() else REFUSE


def _whole_measure_expected(column: str, cleaned: str) -> Any:
    """The SMART, tag, link and evaluation columns: lists use the one separator ";"."""
    parts = [" ".join(p.split()) for p in cleaned.split(";") if p.strip()]
    if column == DEADLINE:
        return None if not cleaned else _deadline(cleaned)
    if column == TOPICS:
        topics = [expected_topic(p.split(" ", 1)[0].rstrip(".")) for p in parts]
        return REFUSE if None in topics else tuple(sorted(set(topics)))  # type: ignore[type-var]
    if column == PATIENT_GROUPS:
        groups = [expected_group(p) for p in parts]
        found = [g for g in PatientGroup if g in groups]
        return REFUSE if None in groups else tuple(found)
    if column in (SEE_ALSO, REFERENCES):
        if not all(MEASURE_NUMBER.fullmatch(p) for p in parts):
            return REFUSE
        return tuple(dict.fromkeys(parts))
    return cleaned


def _deadline(text: str) -> Any:
    """A deadline cell: the date it means, within 1900–2200; else to be refused."""
    meant = expected_date(text, default_year=2024)
    return meant if meant is not None and 1900 <= meant.year <= 2200 else REFUSE


def stored_as_expected(plan: Plan, measure_id: str, column: str, expected: Any) -> bool:
    if column == NUMBER:
        try:
            return bool(plan.find_measure(expected).id == measure_id)
        except PlanloggError:
            return False
    return bool(sheet_value(plan, measure_id, column) == expected)


@pytest.fixture(params=["memory", "workbook", "google"])
def typed_sheet(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Planlogg, TypedSheet]]:
    app = Planlogg.from_url("memory:")
    build_plan(app, SHEET_KEY, 3)
    if request.param == "memory":
        sheet: TypedSheet = MemorySheet(SHEET_KEY)
        yield app, sheet
        return
    if request.param == "workbook":
        yield app, WorkbookSheet(tmp_path / "plan.xlsx", SHEET_KEY, LAYOUT)
        return
    with SheetsEmulator() as emulator:
        yield app, GoogleSheet(emulator, SHEET_KEY, LAYOUT)


@pytest.mark.slow
@pytest.mark.parametrize("column", LAYOUT.editable)
def test_every_sheet_column_stores_exactly_or_explains_on_every_backend(
    typed_sheet: tuple[Planlogg, TypedSheet],
    column: str,
    record_property: Callable[[str, object], None],
) -> None:
    """Typed into a cell, any input is stored as exactly what the cell shows, or refused
    with a Melding on its row and nothing stored; never silently left unapplied."""
    app, sheet = typed_sheet
    backend = sheet.backend
    lay_out(app, backend, SHEET_KEY)
    sync = SheetSync(app, ReadModels.open(app))
    sync.cycle(backend, SHEET_KEY)
    outcomes = {"refused": 0, "stored": 0}
    first_outcome: dict[str, str] = {}
    numbers = count(100)  # this test's own plan: one counter for all ran past three digits

    def count_as(outcome: str, value: str) -> None:
        outcomes[outcome] += 1
        first_outcome.setdefault(value, outcome)

    @settings(
        max_examples=SHEET_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(value=colour_words() if column == STATUS else nasty_text())
    def type_one(value: str) -> None:
        measure_id = app.add_measure(
            SHEET_KEY, f"4.4.{next(numbers)}", "Fuzz-tiltak", BY, responsible=["PSU"],
            marks={2024: "x"},
        )  # fmt: skip
        app.report_status(SHEET_KEY, measure_id, "gul", "Før fuzz", BY, reported_on=STANDING_DAY)
        sync.cycle(backend, SHEET_KEY)
        row = sheet.row_of(measure_id)
        before = sheet_value(app.get_plan(SHEET_KEY), measure_id, column)
        assume(sheet.type(row, column, value))
        shown = sheet.shown(row, column)
        expected = sheet_expected(app.get_plan(SHEET_KEY), column, shown)
        sync.cycle(backend, SHEET_KEY)
        sync.cycle(backend, SHEET_KEY)
        plan = app.get_plan(SHEET_KEY)
        message = sheet.shown(sheet.row_of(measure_id), MESSAGE).strip()
        explained = bool(message) and sheet_value(plan, measure_id, column) == before
        if expected == REFUSE:
            assert explained, f"{column}: {shown[:60]!r} means nothing yet was not refused"
            count_as("refused", value)
            return
        if stored_as_expected(plan, measure_id, column, expected):
            count_as("stored", value)
            return
        assert column not in CLOSED_COLUMNS, f"{column}: {shown[:60]!r} not stored as {expected}"
        assert explained, (
            f"{column}: {shown[:60]!r} was neither stored as {expected!r} nor refused "
            f"with a message (stored: {sheet_value(plan, measure_id, column)!r})"
        )
        count_as("refused", value)

    type_one = example(value=SHEET_PLAIN[column])(type_one)
    type_one()
    record_property("inputs", sum(outcomes.values()))
    record_property("inputs_refused", outcomes["refused"])
    record_property("inputs_stored", outcomes["stored"])
    assert first_outcome.get(SHEET_PLAIN[column]) == "stored", (
        f"{column}: an ordinary value {SHEET_PLAIN[column]!r} was not stored"
    )
