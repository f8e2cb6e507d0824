"""The aggregate and the read models hold the same measures after any sequence of commands.

Both apply the domain's one `evolve` (and `evolve_header`), the aggregate from
its `@event` methods and the read models from the stored events; hypothesis
drives random command sequences (refused commands included) through the
application and compares every measure's whole state and the plan's header.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.application import Planlogg
from domain.errors import PlanloggError
from domain.provenance import Provenance, Source
from projections import ReadModels
from projections.plan_documents import measure_state
from projections.rows import TABLES

KEY = "p"
GOALS = ("1.1", "1.2", "2.1")
BY = (
    Provenance("Sekretariatet", Source.CLI, reason="r"),
    Provenance("Kari", Source.SHEET, decision="SSU sak 1/25"),
)
EXAMPLES = int(os.environ.get("PLANLOGG_PROPERTY_EXAMPLES", "25"))

Command = Callable[[Planlogg, list[str]], Any]

texts = st.sampled_from(["Kartlegge behov", "- eitt\n- to", "Felles *rutine*", ""])
bodies = st.lists(st.sampled_from(["ASU", "PSU", "LSU", " FSU "]), max_size=3)
marks = st.dictionaries(
    st.sampled_from([2025, 2026]), st.sampled_from(["x", "X høst", "-", "", "tja"]), max_size=2
)
pick = st.integers(0, 30)
who = st.sampled_from(BY)


def _measure(ids: list[str], index: int) -> str:
    return ids[index % len(ids)] if ids else "T999"


def _commands() -> st.SearchStrategy[Command]:
    number = st.builds(lambda g, n, s: f"{g}.{n}{s}", st.sampled_from(GOALS), st.integers(1, 6),
                       st.sampled_from(["", "A"]))  # fmt: skip
    measure_commands: list[st.SearchStrategy[Command]] = [
        st.builds(
            lambda n, t, b, m, by: (
                lambda app, ids: app.add_measure(KEY, n, t, by, responsible=b, marks=m)
            ),
            number,
            texts,
            bodies,
            marks,
            who,
        ),
        st.builds(
            lambda i, t, by: lambda app, ids: app.reword_measure(KEY, _measure(ids, i), t, by),
            pick,
            texts,
            who,
        ),
        st.builds(
            lambda i, n, by: lambda app, ids: app.move_measure(KEY, _measure(ids, i), n, by),
            pick,
            number,
            who,
        ),
        st.builds(
            lambda i, by: lambda app, ids: app.remove_measure(KEY, _measure(ids, i), by), pick, who
        ),
        st.builds(
            lambda i, by: lambda app, ids: app.restore_measure(KEY, _measure(ids, i), by), pick, who
        ),
        st.builds(
            lambda i, b, by: lambda app, ids: app.assign_responsible(KEY, _measure(ids, i), b, by),
            pick,
            bodies,
            who,
        ),
        st.builds(
            lambda i, m, note, by: (
                lambda app, ids: app.set_timeframe(KEY, _measure(ids, i), m, by, note=note)
            ),
            pick,
            st.none() | marks,
            st.none() | st.sampled_from(["", "innen medio mai"]),
            who,
        ),
        st.builds(
            lambda i, by: (
                lambda app, ids: app.link_measure(KEY, _measure(ids, i), ["1.1.1"], ["2.1.1"], by)
            ),
            pick,
            who,
        ),
        st.builds(
            lambda i, d, by: (
                lambda app, ids: app.set_smart_criteria(
                    KEY, _measure(ids, i), by, indicator="Tal", deadline=d
                )
            ),
            pick,
            st.none() | st.just(date(2025, 12, 1)),
            who,
        ),
        st.builds(
            lambda i, by: (
                lambda app, ids: app.set_evaluation_plan(
                    KEY, _measure(ids, i), {"objective": "Færre avvik"}, by
                )
            ),
            pick,
            who,
        ),
        st.builds(
            lambda i, by: (
                lambda app, ids: app.tag_measure(
                    KEY, _measure(ids, i), ["barn og unge"], [1, 13], by
                )
            ),
            pick,
            who,
        ),
        st.builds(
            lambda i, c, by: (
                lambda app, ids: app.report_status(
                    KEY, _measure(ids, i), c, "kommentar", by, reported_on=date(2025, 3, 1)
                )
            ),
            pick,
            st.sampled_from(["grønn", "gul", "raud"]),
            who,
        ),
        st.builds(
            lambda i, by: (
                lambda app, ids: app.record_conflict(
                    KEY, _measure(ids, i), "Tiltak", "lagra", "frå arket", by
                )
            ),
            pick,
            who,
        ),
        st.builds(
            lambda i, k, by: (
                lambda app, ids: app.resolve_conflict(KEY, _measure(ids, i), f"K{k}", by)
            ),
            pick,
            st.integers(1, 4),
            who,
        ),
    ]
    flow: list[st.SearchStrategy[Command]] = [
        st.just(lambda app, ids: app.submit(KEY, ["ASU"], BY[0])),
        st.just(lambda app, ids: app.approve(KEY, 1, "ASU", "sak 1/25", date(2025, 2, 1), BY[0])),
        st.just(lambda app, ids: app.start_revision(KEY, BY[0])),
        st.just(lambda app, ids: app.open_reporting_round(KEY, date(2025, 9, 1), ["ASU"], BY[1])),
    ]
    return st.one_of(*measure_commands, *flow)


def _plan(app: Planlogg) -> None:
    by = BY[0]
    app.create_plan(KEY, "Plan", "hf", 2025, 2026, by)
    for area in ("1", "2"):
        app.add_area(KEY, area, f"Område {area}", by)
    for goal in GOALS:
        app.add_goal(KEY, goal, f"Mål {goal}", by)
        app.add_measure(KEY, f"{goal}.1", f"Tiltak under {goal}", by, responsible=["ASU"])


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(_commands(), min_size=1, max_size=40))
def test_random_commands_give_the_same_measures_in_the_aggregate_and_the_read_models(
    commands: list[Command],
) -> None:
    app = Planlogg.from_url("memory:")
    _plan(app)
    for command in commands:
        ids = sorted(app.get_plan(KEY).measures)
        try:
            command(app, ids)
        except PlanloggError:
            continue
    models = ReadModels.open(app)
    models.catch_up()
    plan = app.get_plan(KEY)
    with models.views.transaction(commit=False) as cursor:
        rows = models.views.fetch(cursor, "SELECT * FROM {measures}")
        headers = models.views.fetch(cursor, "SELECT * FROM {plans}")
    measures, plans = TABLES["measures"], TABLES["plans"]
    stored = {r["measure_id"]: measure_state(models.views.decode(measures, r)) for r in rows}
    assert stored == plan.measures
    [header] = headers
    assert models.views.decode(plans, header)["header"] == plan.header
