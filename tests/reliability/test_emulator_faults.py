"""Google misbehaving: 429 storms, 500s, timeouts, truncated answers and dropped connections.

Each round a person edits the sheet and a web user edits the plan, one
random fault is armed in the emulator, and a cycle runs. The sync must back
off (waits are recorded instead of slept), either finish or report a clear
Norwegian error, and never apply anything twice; once the faults stop, quiet
cycles must bring sheet and plan into line with every edit exactly once.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient
from sync.retry import RetryPolicy
from tests.reliability.linked_sheet import linked_sheet
from tests.sheets_emulator import SheetsEmulator

KEY = "krasj-plan"
ROUNDS = 30
MEASURES = 12
WAITS: list[tuple[int, float | None, float]] = []
"""Every back-off the client chose: (attempt, the server's Retry-After, the wait)."""
WEB = Provenance("Webbrukar", Source.WEB, reason="endra under feiltest")
MATCHES = (None, "values:batchGet", "values:batchUpdate", ":batchUpdate", "/revisions", "GET ")


class RecordingPolicy(RetryPolicy):
    """The production retry policy, recording every wait it chooses."""

    def wait(self, attempt: int, retry_after: float | None) -> float:
        chosen = super().wait(attempt, retry_after)
        WAITS.append((attempt, retry_after, chosen))
        return chosen


class RecordedWaitClient(BoundedRetryClient):
    """The production client and policy, with its waits recorded instead of slept."""

    request_timeout = (2.0, 0.5)
    sleep = staticmethod(lambda seconds: None)

    @property
    def policy(self) -> RetryPolicy:
        tuned = super().policy
        return RecordingPolicy(**{f.name: getattr(tuned, f.name) for f in fields(tuned)})


def cap(attempt: int) -> float:
    """The most the policy may wait before retrying `attempt` without a Retry-After."""
    policy = BoundedRetryClient
    return min(policy.max_delay, policy.base_delay * 2 ** (attempt - 1))


def random_fault(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """One of the ways Google fails, with random details."""
    kind = rng.choice(["429", "429 storm", "500", "503", "timeout", "truncate", "reset"])
    match = rng.choice(MATCHES)
    options: dict[str, dict[str, Any]] = {
        "429": {"status": 429, "times": rng.randint(1, 4), "retry_after": rng.choice([None, 1, 7])},
        "429 storm": {"status": 429, "times": 8},
        "500": {"status": 500, "times": rng.randint(1, 3)},
        "503": {"status": 503, "times": rng.randint(1, 3), "retry_after": rng.choice([None, 2])},
        "timeout": {"kind": "timeout", "seconds": 1.0, "applied": rng.choice([True, False])},
        "truncate": {"kind": "truncate", "close": rng.choice([True, False])},
        "reset": {"kind": "reset", "applied": rng.choice([True, False])},
    }
    return kind, {**options[kind], "match": match}


@pytest.mark.slow
def test_the_sync_backs_off_recovers_and_reports_without_applying_anything_twice(
    tmp_path: Path, emulator: SheetsEmulator, record_property: Callable[[str, object], None]
) -> None:
    rng = random.Random(429)
    WAITS.clear()
    app = Planlogg.from_url(f"sqlite:///{tmp_path / 'planlogg.sqlite'}")
    sheet = linked_sheet(app, emulator, KEY, MEASURES, RecordedWaitClient)
    in_sheet, in_store = sheet.in_sheet, sheet.in_store
    sheet_edits: dict[str, str] = {}
    store_edits: dict[str, str] = {}
    reports: list[str] = []
    completed = 0

    for round_number in range(ROUNDS):
        sheet_measure = in_sheet[round_number % len(in_sheet)]
        store_measure = in_store[round_number % len(in_store)]
        sheet_edits[sheet_measure] = f"Ark-tekst {round_number} under feil"
        sheet.type_text(sheet_measure, sheet_edits[sheet_measure])
        store_edits[store_measure] = f"Web-tekst {round_number} under feil"
        app.reword_measure(KEY, store_measure, store_edits[store_measure], WEB)
        _, fault = random_fault(rng)
        emulator.faults.add(**fault)
        try:
            SheetSync(app, ReadModels.open(app)).cycle(sheet.backend, KEY)
            completed += 1
        except BackendError as error:
            reports.append(error.message)
        emulator.faults.clear()

    injected = emulator.faults.injected
    for _ in range(2):
        SheetSync(app, ReadModels.open(app)).cycle(sheet.backend, KEY)
    plan = app.get_plan(KEY)
    texts, conflicts = sheet.texts_and_conflicts()
    app.close()

    lost = [m for m, text in sheet_edits.items() if plan.measure(m).text != text]
    lost += [m for m, text in store_edits.items() if sheet.text_shown(m) != text]
    doubled = [text for text, times in texts.items() if times > 1]
    record_property("faults", injected)
    record_property("fault_reports", len(reports))
    record_property("edits_lost", len(lost) + len(doubled))
    assert lost == [], "edits lost after the faults"
    assert doubled == [], "edits applied twice"
    assert conflicts == 0
    assert injected >= ROUNDS // 2, "too few faults actually fired to prove anything"
    told = [(retry_after, wait) for _, retry_after, wait in WAITS if retry_after is not None]
    chosen = [(attempt, wait) for attempt, retry_after, wait in WAITS if retry_after is None]
    assert told and all(wait == retry_after for retry_after, wait in told), "Retry-After ignored"
    assert chosen and all(0 <= wait <= cap(attempt) for attempt, wait in chosen), "over the cap"
    assert len({wait for _, wait in chosen}) == len(chosen), "the waits are not jittered"
    assert max(attempt for attempt, _ in chosen) >= 3, "the storm never made the client retry"
    assert reports, "no fault was severe enough to be reported: the storm did not happen"
    said = ("Google svarte med", "Fikk ikke kontakt med Google")
    assert [m for m in reports if not m.startswith(said)] == [], "an unclear fault report"
    assert completed > 0, "no cycle ever got through a fault"
