"""`planlogg serve` says once a minute, in Norwegian, that requests waited for a thread, where
waitress wrote an English line for each of them."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from waitress.task import ThreadedTaskDispatcher

from domain.demo import DEMO_PLAN
from language import speaking
from tests.serve_process import start_serve
from tests.web.clock import Clock
from web.cli.queue_log import QUEUE_LOGGER, QueueSummary, summarise_queue_warnings

NB_ONE = (
    "Alle trådene er opptatt: 1 forespørsel har ventet i kø siden forrige melding om dette "
    "(opptil 1 på en gang). Skjer det ofte, start serve med flere --workers eller --threads."
)
NB_THREE = (
    "Alle trådene er opptatt: 3 forespørsler har ventet i kø siden forrige melding om dette "
    "(opptil 7 på en gang). Skjer det ofte, start serve med flere --workers eller --threads."
)
NN_WORDS = "Alle trådane er opptekne:"


def waitress_warning(depth: int) -> logging.LogRecord:
    """A record as waitress's dispatcher writes it when `depth` requests wait."""
    return logging.LogRecord(
        QUEUE_LOGGER, logging.WARNING, "task.py", 113, "Task queue depth is %d", (depth,), None
    )


def passed(summary: QueueSummary, depth: int) -> str | None:
    record = waitress_warning(depth)
    return record.getMessage() if summary.filter(record) else None


def test_the_first_wait_is_said_in_norwegian_and_the_rest_of_the_minute_is_counted() -> None:
    clock = Clock(1000.0)
    summary = QueueSummary(every=60.0, clock=clock)
    assert passed(summary, 1) == NB_ONE
    clock.now += 1
    assert passed(summary, 3) is None
    clock.now += 58.9
    assert passed(summary, 7) is None
    clock.now += 0.1
    assert passed(summary, 2) == NB_THREE
    clock.now += 59.9
    assert passed(summary, 1) is None


def test_the_line_is_in_the_målform_serve_speaks_not_the_waiting_thread_s() -> None:
    with speaking("nn"):
        summary = QueueSummary(clock=Clock(1000.0))
    message = passed(summary, 4)
    assert message is not None
    assert message.startswith(f"{NN_WORDS} 1 førespurnad har venta i kø sidan førre melding")
    assert "(opptil 4 på ein gong)" in message


def test_the_summary_is_put_on_the_logger_once() -> None:
    name = f"{QUEUE_LOGGER}.test-once"
    logger = logging.getLogger(name)
    try:
        first = summarise_queue_warnings(name)
        assert summarise_queue_warnings(name) is first
        assert logger.filters == [first]
    finally:
        logger.filters.clear()


@pytest.fixture
def summarised() -> Iterator[QueueSummary]:
    """A summary made here, where bokmål is spoken: not one that `serve`, run in this process
    by an earlier test in another målform, left on waitress's logger."""
    logger = logging.getLogger(QUEUE_LOGGER)
    before = list(logger.filters)
    logger.filters[:] = [f for f in before if not isinstance(f, QueueSummary)]
    summary = summarise_queue_warnings()
    try:
        yield summary
    finally:
        logger.filters[:] = before


class BlockingTask:
    """A waitress task that holds its thread until released."""

    def __init__(self, release: threading.Event, started: threading.Event) -> None:
        self.release, self.started = release, started

    def service(self) -> None:
        self.started.set()
        self.release.wait(10)

    def cancel(self) -> None:
        self.release.set()


def test_waitress_s_own_dispatcher_writes_one_norwegian_line_for_a_full_queue(
    summarised: QueueSummary, caplog: pytest.LogCaptureFixture
) -> None:
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(1)
    release, started = threading.Event(), threading.Event()
    caplog.set_level(logging.WARNING, logger=QUEUE_LOGGER)
    try:
        dispatcher.add_task(BlockingTask(release, started))
        if not started.wait(10):
            raise AssertionError("waitress's thread did not take the first task")
        for _ in range(5):
            dispatcher.add_task(BlockingTask(release, threading.Event()))
    finally:
        release.set()
        dispatcher.shutdown(cancel_pending=False, timeout=10)
    lines = [record.getMessage() for record in caplog.records if record.name == QUEUE_LOGGER]
    assert lines == [NB_ONE]


def test_serve_under_load_writes_one_norwegian_queue_line_and_none_of_waitress_s(
    tmp_path: Path,
) -> None:
    """Bursts of 16 requests at once on one thread: many wait, one line says so."""
    env = {**os.environ, "PLANLOGG_DATA_DIR": str(tmp_path), "PLANLOGG_LANG": "nn",
           "PLANLOGG_SECRET_KEY": "k"}  # fmt: skip
    served = start_serve(
        [sys.executable, "-c", "from web.cli import main; main()",
         "--database-url", f"sqlite:///{tmp_path / 'p.sqlite'}", "serve", "--demo",
         "--no-sync", "--threads", "1"],
        env,
    )  # fmt: skip
    try:
        page = f"{served.base}/planer/{DEMO_PLAN}"
        wait_until_answering(page, served.process)
        for _ in range(10):
            burst(page, 16)
    finally:
        output = served.stop()
    assert "Task queue depth" not in output
    assert output.count(NN_WORDS) == 1, output[-2000:]
    assert served.base.startswith("http://127.0.0.1:") and not served.base.endswith(":0")
    assert f"Planlogg køyrer på {served.base}" in output
    assert "Serving on" not in output


def wait_until_answering(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("planlogg serve stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("planlogg serve did not answer within a minute")


def burst(url: str, count: int) -> None:
    """`count` requests sent at the same moment, each answered 200."""
    gate = threading.Barrier(count)
    statuses: list[int] = []

    def ask() -> None:
        gate.wait(10)
        with urllib.request.urlopen(url, timeout=30) as answer:
            answer.read()
            statuses.append(answer.status)

    askers = [threading.Thread(target=ask) for _ in range(count)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(60)
    assert statuses == [200] * count
