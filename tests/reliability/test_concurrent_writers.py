"""Several writer processes against the same PostgreSQL at once: no update is ever lost.

Every accepted command must be in the event log exactly once; a refused one
(ConcurrentEditError after the retries) must not be there at all; and two
read-then-write edits based on the same revision can never both be accepted.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import pytest

from bench.workloads import build_plan
from domain.application import Planlogg
from domain.plan import plan_id
from tests.reliability import writers

KEY = "samtidig-plan"
WRITERS = 4


def run_in_processes(task: Callable[..., list], arguments: list[tuple]) -> list[list]:
    """Run `task` once per argument tuple, each in its own spawned process, all at once."""
    with ProcessPoolExecutor(
        len(arguments), mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        futures = [pool.submit(task, *args) for args in arguments]
        return [future.result(timeout=120) for future in futures]


def events_named(app: Planlogg, name: str) -> list:
    return [e for e in app.events.get(plan_id(KEY)) if type(e).__name__ == name]


@pytest.mark.slow
def test_concurrent_status_reports_are_all_kept_exactly_once(
    postgres_url: str, record_property: Callable[[str, object], None]
) -> None:
    app = Planlogg.from_url(postgres_url)
    try:
        measure_ids = build_plan(app, KEY, 8)
        outcomes = [
            outcome
            for result in run_in_processes(
                writers.report_statuses,
                [(postgres_url, KEY, writer, measure_ids, 40) for writer in range(WRITERS)],
            )
            for outcome in result
        ]
        stored = Counter(e.comment for e in events_named(app, "StatusReported"))
    finally:
        app.close()

    accepted = {comment for comment, ok in outcomes if ok}
    refused = {comment for comment, ok in outcomes if not ok}
    lost = [comment for comment in accepted if stored[comment] == 0]
    doubled = [comment for comment, times in stored.items() if times > 1]
    phantom = [comment for comment in refused if stored[comment]]
    record_property("writes", len(outcomes))
    record_property("edits_lost", len(lost) + len(doubled) + len(phantom))
    record_property("refused_after_retries", len(refused))
    assert accepted, "no write got through at all"
    assert lost == []
    assert doubled == []
    assert phantom == []
    assert set(stored) == accepted


@pytest.mark.slow
def test_read_then_write_edits_of_one_measure_never_overwrite_each_other(
    postgres_url: str, record_property: Callable[[str, object], None]
) -> None:
    app = Planlogg.from_url(postgres_url)
    try:
        measure_id = build_plan(app, KEY, 1)[0]
        outcomes = [
            outcome
            for result in run_in_processes(
                writers.reword_from_what_was_read,
                [(postgres_url, KEY, writer, measure_id, 15) for writer in range(WRITERS)],
            )
            for outcome in result
        ]
        stored = [e.text for e in events_named(app, "MeasureReworded")]
        final = app.get_plan(KEY).measure(measure_id)
    finally:
        app.close()

    accepted = [(text, revision) for text, revision, ok in outcomes if ok]
    based_on = Counter(revision for _, revision in accepted)
    overwritten = [revision for revision, times in based_on.items() if times > 1]
    record_property("writes", len(outcomes))
    record_property("edits_lost", len(overwritten) + len(set(t for t, _ in accepted) ^ set(stored)))
    assert overwritten == [], "two edits based on the same revision were both accepted"
    assert sorted(stored) == sorted(text for text, _ in accepted)
    assert final.revision == 1 + len(accepted)
    assert final.text == stored[-1]
