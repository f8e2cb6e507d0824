"""Steps for features/hung_loop_in_healthz.feature: `serve`'s server as `planlogg serve`
builds it (SQLite, the demo plan, the sheet sync on the local workbook), its loops' reports
timed on a clock the steps move by hand.

A loop reports each time it looks at its stop event, as it does at the top of every pass
(`web.status_board.Reporting`); the steps make those looks, so a loop that stops reporting
is one whose pass hangs, and no thread has to hang for it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.norwegian_time import format_oslo_time
from domain.people import Role, person_id
from tests.web.clock import Clock
from tests.web.closing import close_services
from tests.web.signed_in import ISSUER, person_with, signed_in
from web.cli.serve_commands import Server, build_server
from web.status_board import Heartbeats, Reporting

scenarios("hung_loop_in_healthz.feature")

LOOPS = {"the follower": "projections", "the sheet sync": "sync"}
"""Each loop as the feature names it, and the part of /healthz that shows it."""


@dataclass
class Served:
    """`serve`'s server on `clock`, and each loop's stop event as the loop looks at it."""

    server: Server
    clock: Clock
    looks: dict[str, Reporting] = field(default_factory=dict)

    def report(self, *names: str) -> None:
        """The loops `names` (as /healthz names them) at the top of a pass."""
        for name in names:
            self.looks[name].is_set()

    def health(self) -> tuple[int, Any]:
        answer = self.server.web.test_client().get("/healthz")
        return answer.status_code, answer.json

    def detail(self) -> Any:
        """/healthz in full, as an editor asks it."""
        editor = signed_in(self.server.web, person_id(ISSUER, Role.EDITOR.value))
        return editor.get("/healthz").json


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PLANLOGG_WORKBOOK", str(tmp_path / "handlingsplan.xlsx"))
    clock = Clock()
    server = build_server(
        f"sqlite:///{tmp_path / 'planlogg.sqlite'}",
        demo=True,
        config={"SECRET_KEY": "bdd", "TESTING": True},
        heartbeats=Heartbeats(clock, clock),
    )
    person_with(server.app, Role.EDITOR)
    yield Served(server, clock)
    close_services(server.web)


@given(
    parsers.parse(
        '"planlogg serve" runs the demo plan with its follower and its sheet sync, at {time} '
        "Norwegian time"
    )
)
def serve(served: Served, time: str) -> None:
    """The loops as `start_loop` starts them, each reporting as it begins."""
    server = served.server
    assert format_oslo_time(datetime.fromtimestamp(served.clock(), UTC)) == time
    assert server.sync is not None and server.heads is None and server.reminders is None
    for name, loop in (("projections", server.follower), ("sync", server.sync)):
        served.looks[name] = server.heartbeats.reporting(name, loop.interval, server.stop)


@given("each loop has run once")
def run_once(served: Served) -> None:
    served.server.follower.run_once()
    served.server.sync.run_once()


@given(parsers.parse("{minutes:d} minutes pass, each loop reporting every minute"))
def minutes_pass(served: Served, minutes: int) -> None:
    for _minute in range(minutes):
        served.clock.advance(60)
        served.report(*LOOPS.values())


@when(
    parsers.parse(
        "{loop} stops reporting, and the other loop reports on every minute for {minutes:d} minutes"
    )
)
def stops_reporting(served: Served, loop: str, minutes: int) -> None:
    others = [name for name in LOOPS.values() if name != LOOPS[loop]]
    for _minute in range(minutes):
        served.clock.advance(60)
        served.report(*others)


@when("one more second passes")
def one_second(served: Served) -> None:
    served.clock.advance(1)


@when(parsers.parse("{loop} reports again"))
def reports_again(served: Served, loop: str) -> None:
    served.report(LOOPS[loop])


def failing(health: Any, part: str) -> bool:
    """The follower's part says "ok" false; the sync's, the state "error"."""
    if part == "projections":
        return health["projections"]["ok"] is False
    return bool(health["sync"]["state"] == "error")


@then('/healthz answers "ok" with every loop ok')
def all_ok(served: Served) -> None:
    code, health = served.health()
    assert (code, health["status"]) == (200, "ok")
    assert [part for part in LOOPS.values() if failing(health, part)] == []
    assert health["sync"]["state"] == "ok"


@then(parsers.parse('/healthz answers "{status}" with "{part}" failing and the other loop ok'))
def one_failing(served: Served, status: str, part: str) -> None:
    code, health = served.health()
    assert (code, health["status"]) == (200, status)
    assert [name for name in LOOPS.values() if failing(health, name)] == [part]


@then(parsers.parse('an editor reads in /healthz under "{part}": "{message}"'))
def editor_reads(served: Served, part: str, message: str) -> None:
    detail = served.detail()
    said = detail[part]["error" if part == "projections" else "last_error"]
    assert said == message
