"""The public page and the API keep answering, correctly, while the read models are rebuilt.

`planlogg serve` runs as it would in production; clients load the public
plan page and the audit history API without pause while an operator runs
`planlogg projections rebuild` against the same database. Every answer must
be a 200 with the real content (never an empty plan or a 404 from a table
being rebuilt), and answers must keep coming during the rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour
from tests.serve_process import start_serve
from web.tokens import Role, create_token, token_store_for

EXTRA_EVENTS = 3_000
CLIENTS = 4
BY = Provenance("Leiar fagråd", Source.WEB, reason="statusrapport")


@dataclass
class Answer:
    started: float
    ended: float
    path: str
    status: int
    good: bool


def planlogg(url: str, *args: str) -> list[str]:
    executable = shutil.which("planlogg")
    assert executable, "the planlogg command is not installed"
    return [executable, "--database-url", url, *args]


def busy_demo(url: str) -> str:
    """The demo plan plus thousands of status reports, so a rebuild takes a while."""
    app = Planlogg.from_url(url)
    try:
        load_demo(app)
        ids = [m.id for m in app.get_plan(DEMO_PLAN).active_measures()]

        def reports(plan: Plan, start: int) -> None:
            for i in range(start, start + 100):
                plan.report_status(ids[i % len(ids)], tuple(Colour)[i % 3], f"Rapport {i}",
                                   date(2024, 9, 2), BY)  # fmt: skip

        for start in range(0, EXTRA_EVENTS, 100):
            app.change_plan(DEMO_PLAN, lambda plan, start=start: reports(plan, start))
        return app.get_plan(DEMO_PLAN).header.title
    finally:
        app.close()


LOAD_LIMIT = "1000000 per minute"
"""The clients below are one address asking thousands of times a minute: a load test, not a
person or a script, so the per-client API limit is raised out of their reach."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str, str, str]]:
    url = f"sqlite:///{tmp_path / 'planlogg.sqlite'}"
    title = busy_demo(url)
    token, _ = create_token(token_store_for(url), "Revisor", Role.AUDITOR)
    served = start_serve(
        planlogg(url, "serve", "--no-sync"),
        {**os.environ, "PLANLOGG_RATELIMIT_API": LOAD_LIMIT, "PLANLOGG_DATA_DIR": str(tmp_path)},
    )
    try:
        for _ in range(1200):
            try:
                with urllib.request.urlopen(served.base + "/healthz", timeout=10) as answer:
                    if json.loads(answer.read())["projections"]["lag"] == 0:
                        break
            except OSError:
                assert served.process.poll() is None, "".join(served.output)
            time.sleep(0.1)
        yield url, served.base, token, title
    finally:
        served.stop()


def client(base: str, token: str, title: str, stop: threading.Event, answers: list[Answer]) -> None:
    page = f"/planer/{DEMO_PLAN}"
    history = f"/api/plans/{DEMO_PLAN}/history?source=cli&limit=20"
    while not stop.is_set():
        for path, headers in ((page, {}), (history, {"Authorization": f"Bearer {token}"})):
            started = time.monotonic()
            try:
                with urllib.request.urlopen(
                    urllib.request.Request(base + path, headers=headers), timeout=60
                ) as response:
                    status, body = response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                status, body = error.code, ""
            except OSError:
                status, body = 0, ""
            good = status == 200 and (
                title in body if path == page else json.loads(body)["total"] > 0
            )
            answers.append(Answer(started, time.monotonic(), path, status, good))


@pytest.mark.slow
def test_page_and_api_answer_correctly_while_the_read_models_are_rebuilt(
    server: tuple[str, str, str, str], record_property: Callable[[str, object], None]
) -> None:
    url, base, token, title = server
    answers: list[Answer] = []
    stop = threading.Event()
    threads = [
        threading.Thread(target=client, args=(base, token, title, stop, answers))
        for _ in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    try:
        rebuild_started = time.monotonic()
        rebuild = subprocess.run(
            planlogg(url, "projections", "rebuild"), capture_output=True, text=True, timeout=600
        )
        rebuild_ended = time.monotonic()
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)

    during = [a for a in answers if a.started >= rebuild_started and a.ended <= rebuild_ended]
    bad = [a for a in answers if not a.good]
    record_property("requests_during_rebuild", len(during))
    record_property("bad_answers_during_rebuild", len(bad))
    assert rebuild.returncode == 0, rebuild.stderr
    assert during, "no request was answered while the rebuild ran"
    assert {a.path.split("?")[0] for a in during} == {
        f"/planer/{DEMO_PLAN}",
        f"/api/plans/{DEMO_PLAN}/history",
    }
    assert bad == [], f"{len(bad)} of {len(answers)} answers were wrong, e.g. {bad[:3]}"
