"""Bad input, fuzzed with hypothesis, into every field: no crash, never execution.

Every input ends in exactly one of two ways: a clear rejection (a Planlogg
error with a Norwegian message, and nothing stored), or faithful storage
(what is read back from the database, by another application instance, is
what was typed, trimmed). Any other exception is a crash and fails the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from bench.workloads import build_plan
from domain.application import Planlogg
from domain.dates import parse_norwegian_date
from domain.errors import PlanloggError
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour
from projections import ReadModels
from sync.cycle import SheetSync
from sync.layout import ID, MESSAGE, Layout
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from tests.reliability.nasty import nasty_text, typed_dates

KEY = "fuzz-plan"
EXAMPLES = 20
BY = Provenance("Fuzz Fuzzesen", Source.WEB, reason="fuzz")
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Probe:
    """One input field: how to send a value into it, and what faithful storage means."""

    name: str
    send: Callable[[Planlogg, str, str], None]
    stored_faithfully: Callable[[Planlogg, Plan, str, str], bool]


def _measure(plan: Plan, measure_id: str) -> dict:
    return plan.measures[measure_id]


PROBES = (
    Probe(
        "measure text",
        lambda app, mid, v: app.reword_measure(KEY, mid, v, BY),
        lambda app, plan, mid, v: plan.measure(mid).text == v.strip(),
    ),
    Probe(
        "measure number",
        lambda app, mid, v: app.move_measure(KEY, mid, v, BY),
        lambda app, plan, mid, v: plan.find_measure(v).id == mid,
    ),
    Probe(
        "responsible body",
        lambda app, mid, v: app.assign_responsible(KEY, mid, [v], BY),
        lambda app, plan, mid, v: (
            list(plan.measure(mid).responsible) == ([v.strip()] if v.strip() else [])
        ),
    ),
    Probe(
        "year mark",
        lambda app, mid, v: app.set_timeframe(KEY, mid, {2025: v}, BY),
        lambda app, plan, mid, v: plan.measure(mid).marks.get(2025, "") == v.strip(),
    ),
    Probe(
        "timeframe note",
        lambda app, mid, v: app.set_timeframe(KEY, mid, {}, BY, note=v),
        lambda app, plan, mid, v: plan.measure(mid).timeframe_note == v.strip(),
    ),
    Probe(
        "status colour",
        lambda app, mid, v: app.report_status(
            KEY, mid, v, "kommentar", BY, reported_on=date(2024, 9, 2)
        ),
        lambda app, plan, mid, v: (
            plan.measure(mid).status is not None
            and plan.measure(mid).status.colour in tuple(Colour)
        ),
    ),
    Probe(
        "status comment",
        lambda app, mid, v: app.report_status(KEY, mid, "gul", v, BY, reported_on=date(2024, 9, 2)),
        lambda app, plan, mid, v: plan.measure(mid).status.comment == v.strip(),
    ),
    Probe(
        "see-also link",
        lambda app, mid, v: app.link_measure(KEY, mid, [v], [], BY),
        lambda app, plan, mid, v: list(plan.measure(mid).see_also) == [v],
    ),
    Probe(
        "SMART indicator",
        lambda app, mid, v: app.set_smart_criteria(KEY, mid, BY, indicator=v),
        lambda app, plan, mid, v: plan.measure(mid).smart.indicator == v.strip(),
    ),
    Probe(
        "evaluation objective",
        lambda app, mid, v: app.set_evaluation_plan(KEY, mid, {"objective": v}, BY),
        lambda app, plan, mid, v: plan.measure(mid).evaluation["objective"] == v.strip(),
    ),
    Probe(
        "§ 6-2 topic",
        lambda app, mid, v: app.tag_measure(KEY, mid, [], [v], BY),
        lambda app, plan, mid, v: (
            len(plan.measure(mid).topics) == 1 and 1 <= plan.measure(mid).topics[0] <= 13
        ),
    ),
    Probe(
        "patient group",
        lambda app, mid, v: app.tag_measure(KEY, mid, [v], [], BY),
        lambda app, plan, mid, v: [g.value for g in plan.measure(mid).patient_groups] == [v],
    ),
    Probe(
        "goal text",
        lambda app, mid, v: app.reword_goal(KEY, "1.1", v, BY),
        lambda app, plan, mid, v: plan.goals["1.1"].text == v.strip(),
    ),
    Probe(
        "area title",
        lambda app, mid, v: app.rename_area(KEY, "1", v, BY),
        lambda app, plan, mid, v: plan.areas["1"].title == v.strip(),
    ),
)


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


def check_one(
    writer: Planlogg, reader: Planlogg, probe: Probe, measure_id: str, value: str
) -> None:
    """Send one value; it must be rejected clearly with nothing stored, or stored faithfully."""
    before = reader.get_plan(KEY).version
    try:
        probe.send(writer, measure_id, value)
    except PlanloggError as error:
        assert isinstance(error.message, str) and error.message.strip(), (
            "rejection without a message"
        )
        assert reader.get_plan(KEY).version == before, "a rejected input stored something"
        return
    plan = reader.get_plan(KEY)
    assert probe.stored_faithfully(reader, plan, measure_id, value), (
        f"{probe.name}: {value[:80]!r} was not stored as typed"
    )


@pytest.mark.slow
@pytest.mark.parametrize("probe", PROBES, ids=[p.name for p in PROBES])
def test_every_domain_field_rejects_clearly_or_stores_faithfully(
    probe: Probe, fuzz_url: str, record_property: Callable[[str, object], None]
) -> None:
    writer, reader = Planlogg.from_url(fuzz_url), Planlogg.from_url(fuzz_url)
    tried = 0

    @FUZZ_SETTINGS
    @given(value=nasty_text())
    def send_one(value: str) -> None:
        nonlocal tried
        tried += 1
        check_one(writer, reader, probe, fresh_measure(writer), value)

    try:
        send_one()
    finally:
        writer.close()
        reader.close()
        record_property("inputs", tried)


@pytest.mark.slow
def test_dates_in_every_typed_format_parse_or_are_refused_clearly(
    record_property: Callable[[str, object], None],
) -> None:
    tried = 0

    @settings(max_examples=300, deadline=None)
    @given(value=typed_dates() | nasty_text())
    def parse_one(value: str) -> None:
        nonlocal tried
        tried += 1
        try:
            parsed = parse_norwegian_date(value, default_year=2024)
        except PlanloggError as error:
            assert error.message.strip()
            return
        assert isinstance(parsed, date)

    parse_one()
    record_property("inputs", tried)


SHEET_EXAMPLES = 15


@pytest.mark.slow
@pytest.mark.parametrize("column", Layout.for_years(range(2024, 2028)).editable)
def test_every_sheet_column_takes_fuzz_without_crashing_or_losing_the_row(
    column: str, record_property: Callable[[str, object], None]
) -> None:
    """Typed into a sheet cell, anything is applied, or refused with a message on the row."""
    app = Planlogg.from_url("memory:")
    build_plan(app, KEY, 3)
    backend = InMemorySheetBackend(KEY)
    lay_out(app, backend, KEY)
    SheetSync(app, ReadModels.open(app)).cycle(backend, KEY)
    tried = 0

    @settings(
        max_examples=SHEET_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(value=nasty_text())
    def type_one(value: str) -> None:
        nonlocal tried
        tried += 1
        row = 2 + tried % 3
        measure_id = backend.value(row, ID)
        before = app.get_plan(KEY).version
        backend.user_edit({(row, column): value}, user="Fuzz Fuzzesen")
        SheetSync(app, ReadModels.open(app)).cycle(backend, KEY)
        SheetSync(app, ReadModels.open(app)).cycle(backend, KEY)
        changed = app.get_plan(KEY).version != before
        message = backend.value(backend.row_of(measure_id), MESSAGE)
        assert (
            changed or message.strip() or backend.value(backend.row_of(measure_id), column) == value
        ), f"{column}: {value[:60]!r} was neither applied nor refused with a message"

    type_one()
    record_property("inputs", tried)
